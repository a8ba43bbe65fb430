"""Precision and recall on real errors: CWEB's dev splits (web text, two annotators' corrections).

usage: python bench/cweb.py [copydesk check options...]

CWEB has one sentence per line, most without an error. The sentences are checked in groups of
20 (one file each, one paragraph per sentence), with `--no-across`. Scored per sentence, as the
annotators disagree on spans: a flagged sentence is *right* when either annotator edited it.
  precision  = flagged sentences either annotator edited / flagged sentences
  recall     = flagged sentences either annotator edited / sentences either annotator edited
  false flags per 1,000 words = findings in sentences neither annotator touched, per 1,000 words
Per rule: how many of its flags fall in edited sentences.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

CWEB = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "cweb"
SPLITS = ("CWEB-G.dev", "CWEB-S.dev")
GROUP = 20


def edited_sentences(m2: Path) -> list[bool]:
    """For each sentence of an M2 file, whether any annotator made an edit."""
    edited: list[bool] = []
    for block in m2.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if line]
        if not lines or not lines[0].startswith("S "):
            continue
        edited.append(any(line.startswith("A ") and "|||noop|||" not in line for line in lines[1:]))
    return edited


def main() -> int:
    exe = Path(sys.executable).parent / "copydesk"
    totals: Counter[str] = Counter()
    by_rule: dict[str, Counter[str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        origin: dict[str, tuple[int, list[str]]] = {}  # file name -> (first sentence index, sentences)
        sentences: list[str] = []
        edited: list[bool] = []
        for split in SPLITS:
            lines = (CWEB / "raw" / f"{split}.source").read_text(encoding="utf-8").splitlines()
            marks = edited_sentences(CWEB / "m2" / f"{split}.m2")
            if len(lines) != len(marks):
                sys.exit(f"{split}: {len(lines)} sentences but {len(marks)} in the M2 file")
            for start in range(0, len(lines), GROUP):
                name = f"{split}-{start:05}.txt"
                group = lines[start : start + GROUP]
                (Path(tmp) / name).write_text("\n\n".join(group) + "\n", encoding="utf-8")
                origin[name] = (len(sentences), group)
                sentences.extend(group)
            edited.extend(marks)
        proc = subprocess.run(
            [str(exe), "check", "--format", "json", "--fail-on", "never", "--no-across", tmp, *sys.argv[1:]],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
            return proc.returncode
        flagged: set[int] = set()
        for file in json.loads(proc.stdout)["files"]:
            first, _ = origin[Path(file["path"]).name]
            for finding in file["findings"]:
                index = first + (finding["line"] - 1) // 2  # one sentence per paragraph
                flagged.add(index)
                rule = by_rule.setdefault(finding["rule"], Counter())
                rule["flags"] += 1
                rule["in edited"] += edited[index]
                totals["false flags"] += not edited[index]
    clean_words = sum(len(s.split()) for s, e in zip(sentences, edited, strict=True) if not e)
    right = sum(1 for i in flagged if edited[i])
    print(f"CWEB dev (G+S): {len(sentences)} sentences, {sum(edited)} edited by an annotator, {len(flagged)} flagged")
    precision, recall = right / max(len(flagged), 1), right / max(sum(edited), 1)
    false_rate = 1000 * totals["false flags"] / clean_words
    print(f"precision {precision:.3f}  recall {recall:.3f}  false flags {false_rate:.2f} per 1k unedited words")
    print(f"{'rule':40} {'flags':>6} {'in edited sentences':>20}")
    for rule, counts in sorted(by_rule.items(), key=lambda rc: -rc[1]["flags"]):
        print(f"{rule:40} {counts['flags']:>6} {counts['in edited']:>20}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
