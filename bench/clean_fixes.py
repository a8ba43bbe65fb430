"""Every change `copydesk fix` would make to clean, professionally edited copy, for a person to judge.

usage: python bench/clean_fixes.py [DIR ...] [--min-confidence X]
(default: ../shared/corpus/onestopenglish/Int and Ele)

Each change is printed with its rule, confidence and the words around it; the last lines give
changes per 100,000 words. The fixes are chosen by the same function `copydesk fix` uses, and the
count is checked against the real `copydesk fix --diff` on the same folders.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections import Counter
from pathlib import Path

from copydesk.articles import named, read_document
from copydesk.config import DEFAULT_MIN_CONFIDENCE
from copydesk.findings import fixes_to_apply
from copydesk.runner import Session

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "onestopenglish"


def context(text: str, start: int, end: int, width: int = 40) -> str:
    before = text[max(0, start - width) : start].replace("\n", " ")
    after = text[end : end + width].replace("\n", " ")
    return f"…{before}[{text[start:end]}]{after}…"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", default=[str(CORPUS / "Int"), str(CORPUS / "Ele")])
    parser.add_argument("--min-confidence", type=float, default=DEFAULT_MIN_CONFIDENCE)
    args = parser.parse_args()
    session = Session()
    words, changes = 0, 0
    by_rule: Counter[str] = Counter()
    for folder in args.folders:
        paths = [p for p, _ in named([folder]) if isinstance(p, str)]
        for path in paths:
            doc = read_document(path)
            assert not isinstance(doc, type(None))
            if not hasattr(doc, "text"):
                continue
            words += doc.word_count()  # type: ignore[union-attr]
            findings = session.check(doc)  # type: ignore[arg-type]
            for f in fixes_to_apply(doc, findings, args.min_confidence).applied:  # type: ignore[arg-type]
                changes += 1
                by_rule[f.rule] += 1
                line = doc.line_col(f.start)[0]  # type: ignore[union-attr]
                print(f"{Path(path).name}:{line}  {f.rule}  {f.confidence:.2f}  "
                      f"{context(doc.text, f.start, f.end)}  -> {f.replacements[0]!r}")  # type: ignore[union-attr]  # fmt: skip
    session.close()
    exe = Path(sys.executable).parent / "copydesk"
    real = subprocess.run([str(exe), "fix", "--diff", *args.folders], capture_output=True, text=True, check=False)
    diff_files = real.stdout.count("diff --git")
    print()
    print(f"{changes} changes in {words:,} words: {100_000 * changes / max(words, 1):.1f} per 100,000 words")
    for rule, n in by_rule.most_common():
        print(f"  {rule:40} {n}")
    print(f"`copydesk fix --diff` on the same folders: {diff_files} files with changes (exit {real.returncode})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
