"""Bulk throughput and memory: `copydesk bulk` dry runs at --jobs 1 and --jobs 2 on a replicated
corpus, against harper-py alone linting the same files in one process, timed in one run.

usage: python bench/bulk_bench.py [--jobs N] [--no-harper] SIZE [SIZE ...]
  SIZE         archive sizes in files (e.g. 2000 5000 20000)
  --jobs N     time only `copydesk bulk --jobs N` (default: 1, then 2)
  --no-harper  skip the harper-py-alone run
Peak memory is cumulative over one invocation (the largest child so far): to compare sizes,
run one size per invocation.

The archive is ../shared/corpus/onestopenglish (567 articles) copied round-robin
into N files, each given a unique first line. Note: copies share their paragraphs, which
copydesk's per-paragraph cache recognises within a worker; the Harper-alone figure has no
such cache. Peak memory is the largest resident set of the bulk process and its workers.
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


def main() -> int:
    parser = argparse.ArgumentParser(description="bulk throughput and memory on a replicated corpus")
    parser.add_argument("sizes", nargs="*", type=int, default=[2000])
    parser.add_argument("--jobs", type=int, action="append")
    parser.add_argument("--no-harper", action="store_true")
    args = parser.parse_args()
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            scratch = Path(tmp)
            root = scratch / "archive"
            words = build_archive(root, n)
            print(f"archive: {n} files, {words} words")
            base = None
            for jobs in args.jobs or (1, 2):
                elapsed, peak = timed_bulk(root, jobs, scratch)
                base = base or elapsed
                rate = f"{n / elapsed:7.1f} files/s  {words / elapsed:9.0f} words/s"
                scaling = f"scaling {base / elapsed:4.2f}x"
                print(f"  bulk --jobs {jobs}: {elapsed:7.1f} s  {rate}  {scaling}  peak RSS {peak:6.0f} MB")
            if args.no_harper:
                continue
            h = harper_alone(root)
            print(f"  harper-py alone: {h:7.1f} s  {n / h:7.1f} files/s  {words / h:9.0f} words/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
