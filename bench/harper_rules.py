"""What each of Harper's rules finds, and what the rules that never find anything cost.

usage: python bench/harper_rules.py
Lints the dev set (../shared/eval/dev/docs), the CWEB dev sentences (../shared/corpus/cweb, S and G)
and clean OneStopEnglish (Int, Ele) with every rule copydesk leaves on, counting each rule's lints
per corpus; then times the same texts with the rules that found nothing anywhere turned off too.
Harper gives no per-rule timing, so a rule's cost is measured as the group's.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

import harper

from copydesk.engines.harper import load_config

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def corpora() -> dict[str, list[str]]:
    cweb = [
        line[2:].strip()
        for m2 in sorted((SHARED / "corpus" / "cweb" / "m2").glob("CWEB-?.dev.m2"))
        for line in m2.read_text(encoding="utf-8", errors="replace").splitlines()
        if line.startswith("S ")
    ]
    onestop = SHARED / "corpus" / "onestopenglish"
    clean = [p for level in ("Int", "Ele") for p in sorted((onestop / level).glob("*.txt"))]
    return {
        "dev": [p.read_text(encoding="utf-8") for p in sorted((SHARED / "eval" / "dev" / "docs").glob("*"))],
        "cweb-dev": [" ".join(cweb[i : i + 25]) for i in range(0, len(cweb), 25)],
        "clean": [p.read_text(encoding="utf-8") for p in clean],
    }


def lint_all(texts: list[str], off: frozenset[str]) -> tuple[Counter[str], float]:
    linter = harper.Linter(harper.Dialect.AMERICAN)
    linter.set_lint_config({name: False for name in off})
    counts: Counter[str] = Counter()
    started = time.perf_counter()
    for text in texts:
        for rule, lints in linter.organized_lints(text, language=harper.Language.PLAINTEXT).items():
            counts[rule] += len(lints)
    return counts, time.perf_counter() - started


def main() -> int:
    off = load_config().off
    every = frozenset(harper.get_default_lint_config())
    texts = corpora()
    found: dict[str, Counter[str]] = {}
    for name, group in texts.items():
        found[name], seconds = lint_all(group, off)
        words = sum(len(t.split()) for t in group)
        print(f"{name:<9} {len(group):5} texts {words:8} words  {seconds:6.1f} s  {sum(found[name].values()):6} lints")
    on = every - off
    silent = frozenset(r for r in on if not any(found[c][r] for c in found))
    print(f"\nrules on: {len(on)}; finding something somewhere: {len(on) - len(silent)}; silent: {len(silent)}")
    print("most frequent (dev / cweb-dev / clean):")
    total = Counter({r: sum(found[c][r] for c in found) for r in on})
    for rule, _ in total.most_common(15):
        print(f"  {rule:<36} {found['dev'][rule]:5} {found['cweb-dev'][rule]:5} {found['clean'][rule]:5}")
    everything = [t for group in texts.values() for t in group]
    _, with_all = lint_all(everything, off)
    _, pruned = lint_all(everything, off | silent)
    print(f"\nall three corpora, rules on: {with_all:6.1f} s; with the {len(silent)} silent rules off too: "
          f"{pruned:6.1f} s ({(1 - pruned / with_all) * 100:4.1f}% less)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
