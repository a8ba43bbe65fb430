"""Bulk throughput and memory: `copydesk bulk` dry runs at --jobs 1 and --jobs 2, against
harper-py alone linting the same files in one process, timed in one run.

usage: python bench/bulk_bench.py [--jobs N] [--no-harper] [--copies SIZE ...]
  (default)    distinct articles: all of ../shared/corpus/onestopenglish (567 articles) and every
               sentence of the CWEB corpus (../shared/corpus/cweb/m2), 25 sentences an article, no copies
  --copies N   instead, onestopenglish copied round-robin into N files (each with a unique first
               line): to show that memory stays flat as an archive grows (copies share paragraphs,
               which copydesk's per-paragraph cache recognises; the Harper-alone figure has none)
  --jobs N     time only `copydesk bulk --jobs N` (default: 1, then 2)
  --no-harper  skip the harper-py-alone run
Peak memory is the largest resident set among the bulk process and its workers, cumulative over
one invocation: to compare sizes, run one size per invocation. Start-up is reported as the time
of a bulk run over a one-file archive.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import harper

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def sources() -> list[Path]:
    found = sorted(CORPUS.glob("onestopenglish/*/*.txt"))
    if not found:
        sys.exit(f"no corpus under {CORPUS}")
    return found


def build_archive(root: Path, n: int) -> int:
    src = sources()
    words = 0
    for i in range(n):
        text = f"Archive copy {i}.\n" + src[i % len(src)].read_text(encoding="utf-8", errors="replace")
        target = root / f"{i // 1000:03}" / f"article-{i:06}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


SENTENCES_PER_ARTICLE = 25


def build_distinct(root: Path) -> tuple[int, int]:
    """onestopenglish's articles and CWEB's sentences grouped into articles; (files, words)."""
    files = words = 0
    for path in sources():
        text = path.read_text(encoding="utf-8", errors="replace")
        target = root / "onestopenglish" / path.parent.name / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        files, words = files + 1, words + len(text.split())
    sentences = list(dict.fromkeys(
        line[2:].strip() for m2 in sorted((CORPUS / "cweb" / "m2").glob("CWEB-?.*.m2")) if ".ann" not in m2.name
        for line in m2.read_text(encoding="utf-8", errors="replace").splitlines() if line.startswith("S ")
    ))  # fmt: skip
    for i in range(0, len(sentences), SENTENCES_PER_ARTICLE):
        text = " ".join(sentences[i : i + SENTENCES_PER_ARTICLE]) + "\n"
        target = root / "cweb" / f"{i // (SENTENCES_PER_ARTICLE * 100):03}" / f"cweb-{i:06}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        files, words = files + 1, words + len(text.split())
    return files, words


def timed_bulk(root: Path, jobs: int, scratch: Path) -> tuple[float, float]:
    exe = Path(sys.executable).parent / "copydesk"
    out, journal = scratch / f"patches-{jobs}", scratch / f"journal-{jobs}.sqlite"
    started = time.perf_counter()
    subprocess.run([str(exe), "bulk", str(root), "--out", str(out), "--journal", str(journal), "--jobs", str(jobs)],
                   check=False, capture_output=True)  # fmt: skip
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    shutil.rmtree(out, ignore_errors=True)
    journal.unlink(missing_ok=True)
    return elapsed, peak_mb


def harper_alone(root: Path) -> float:
    started = time.perf_counter()
    linter = harper.Linter()
    for path in sorted(root.rglob("*.txt")):
        linter.lint(path.read_text(encoding="utf-8"), language=harper.Language.PLAINTEXT)
    return time.perf_counter() - started


def report(root: Path, n: int, words: int, jobs_list: list[int], scratch: Path, no_harper: bool) -> None:
    base = None
    for jobs in jobs_list:
        elapsed, peak = timed_bulk(root, jobs, scratch)
        base = base or elapsed
        rate = f"{n / elapsed:7.1f} files/s  {words / elapsed:9.0f} words/s"
        scaling = f"scaling {base / elapsed:4.2f}x"
        print(f"  bulk --jobs {jobs}: {elapsed:7.1f} s  {rate}  {scaling}  peak RSS {peak:6.0f} MB", flush=True)
    if not no_harper:
        h = harper_alone(root)
        print(f"  harper-py alone: {h:7.1f} s  {n / h:7.1f} files/s  {words / h:9.0f} words/s", flush=True)


def startup(scratch: Path) -> None:
    one = scratch / "one"
    one.mkdir()
    (one / "a.txt").write_text("One short article.\n", encoding="utf-8")
    for jobs in (1, 2):
        elapsed, _ = timed_bulk(one, jobs, scratch)
        print(f"  start-up (a one-file archive), --jobs {jobs}: {elapsed:5.2f} s", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description="bulk throughput and memory")
    parser.add_argument("--copies", nargs="*", type=int, default=[])
    parser.add_argument("--jobs", type=int, action="append")
    parser.add_argument("--no-harper", action="store_true")
    args = parser.parse_args()
    jobs_list = args.jobs or [1, 2]
    if not args.copies:
        with tempfile.TemporaryDirectory() as tmp:
            scratch = Path(tmp)
            root = scratch / "archive"
            n, words = build_distinct(root)
            print(f"distinct archive: {n} files, {words} words (onestopenglish and CWEB, no copies)")
            startup(scratch)
            report(root, n, words, jobs_list, scratch, args.no_harper)
    for n in args.copies:
        with tempfile.TemporaryDirectory() as tmp:
            scratch = Path(tmp)
            root = scratch / "archive"
            words = build_archive(root, n)
            print(f"archive of copies: {n} files, {words} words")
            report(root, n, words, jobs_list, scratch, args.no_harper)
    return 0


if __name__ == "__main__":
    sys.exit(main())
