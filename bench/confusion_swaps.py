"""Recall of the confusion-set rule on swaps of its own words in clean, edited articles.

usage: python bench/confusion_swaps.py [DIR ...]   (default: ../shared/corpus/onestopenglish/Int and Ele)

Every word of a set in confusable.by-neighbours ("were", "from", "than"...) is replaced, one at a
time, by each word it may be written for ("where", "form", "then"), and the rule is run on the
200 characters around it: detected when it flags that word. The unswapped articles' flags are
its false alarms (bench/false_alarms.py counts them per rule). A swap can leave a right sentence
("then" for "than" rarely; "now" for "know" never), so the rate is a floor.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from copydesk.checks import build_check
from copydesk.rules import load_rules
from copydesk.text import Analysis

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "onestopenglish"
RULE = "confusable.by-neighbours"
WORD = re.compile(r"[A-Za-z]+")
AROUND = 100


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path, default=[CORPUS / "Int", CORPUS / "Ele"])
    folders = parser.parse_args().folders
    [rule] = [r for r in load_rules() if r.id == RULE]
    check = build_check(rule)
    alternatives: dict[str, list[str]] = rule.settings["alternatives"]
    total: Counter[tuple[str, str]] = Counter()
    detected: Counter[tuple[str, str]] = Counter()
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            for match in WORD.finditer(text):
                for swapped in alternatives.get(match.group().lower(), ()):
                    start = max(0, match.start() - AROUND)
                    window = text[start : match.start()] + swapped + text[match.end() : match.end() + AROUND]
                    found = any(f.start == match.start() - start for f in check(Analysis(window)))
                    total[swapped, match.group().lower()] += 1
                    detected[swapped, match.group().lower()] += found
    print(f"{RULE}: swaps of its words in {', '.join(f.name for f in folders)}")
    for (swapped, meant), n in total.most_common(12):
        print(f"  {swapped:>9} for {meant:<9} {detected[swapped, meant]:>5} / {n:<5}")
    found, n = sum(detected.values()), sum(total.values())
    print(f"  all: {found} of {n} swaps detected ({found / max(n, 1):.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
