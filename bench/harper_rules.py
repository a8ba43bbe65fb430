"""What each of Harper's rules finds, what each costs, and which are off for speed.

usage: python bench/harper_rules.py [--threshold MS_PER_1K] [--costs JSON]   (default 0.05; about 20 minutes)
Lints the dev set (../shared/eval/dev/docs), the CWEB dev sentences (../shared/corpus/cweb, S and G)
and clean OneStopEnglish (Int, Ele) with every rule copydesk leaves on, counting each rule's lints
per corpus. Harper gives no per-rule timing, so each rule's cost is measured on its own: a sample
of the three corpora linted with that one rule on, less the same sample with every rule off (CPU
time, the least of two, each as if Harper had never seen the text). A rule that found nothing
anywhere and costs at least the threshold (milliseconds per 1,000 words) is listed in the form of
rules/engines/harper.yaml's `off_for_speed`; then the three corpora are timed with copydesk's
rules and with those off too. A single rule's cost is small beside the machine's noise: rules near
the threshold may change places from run to run; the whole group's timing is the figure to quote.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import harper

from copydesk.engines.harper import load_config

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SAMPLE_TEXTS = 20  # texts of each corpus in the timing sample (about 39,000 words)


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
    """Each rule's lints, and the CPU seconds of this process (a fresh Linter: nothing cached)."""
    linter = harper.Linter(harper.Dialect.AMERICAN)
    linter.set_lint_config({name: False for name in off})
    counts: Counter[str] = Counter()
    started = time.process_time()
    for text in texts:
        for rule, lints in linter.organized_lints(text, language=harper.Language.PLAINTEXT).items():
            counts[rule] += len(lints)
    return counts, time.process_time() - started


def compare(texts: list[str], off: frozenset[str], more_off: frozenset[str]) -> tuple[float, float]:
    """CPU seconds with `off` and with `more_off` too, each the least of two runs taken in turn
    (the machine's speed drifts by a tenth over minutes)."""
    runs: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(2):
        for more in (False, True):
            runs[more].append(lint_all(texts, off | more_off if more else off)[1])
    return min(runs[False]), min(runs[True])


def rule_costs(sample: list[str], rules: list[str]) -> dict[str, float]:
    """Seconds each rule adds to linting the sample, alone (one Linter, reconfigured per rule)."""
    every = list(harper.get_default_lint_config())
    linter = harper.Linter(harper.Dialect.AMERICAN)

    def uncached(on: frozenset[str]) -> float:
        """CPU seconds (this process's: another busy process does not count) for the sample, the
        least of two. Harper keeps the lints of text it has seen until its configuration changes,
        so the configuration is set anew before each run: every run lints as if for the first time."""
        times = []
        for _ in range(2):
            linter.set_lint_config({name: name in on for name in every})
            started = time.process_time()
            for text in sample:
                linter.lint(text, language=harper.Language.PLAINTEXT)
            times.append(time.process_time() - started)
        return min(times)

    base = min(uncached(frozenset()) for _ in range(3))
    return {rule: max(uncached(frozenset({rule})) - base, 0.0) for rule in rules}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threshold", type=float, default=0.05, help="ms per 1,000 words (default 0.05)")
    parser.add_argument("--costs", metavar="JSON", help="also write every rule's cost and lints to this file")
    args = parser.parse_args()
    config = load_config()
    off = config.off  # the rules off for what they find; those off for speed are measured as if on
    every = frozenset(harper.get_default_lint_config())
    texts = corpora()
    found: dict[str, Counter[str]] = {}
    for name, group in texts.items():
        found[name], seconds = lint_all(group, off)
        words = sum(len(t.split()) for t in group)
        print(f"{name:<9} {len(group):5} texts {words:8} words  {seconds:6.1f} s  {sum(found[name].values()):6} lints")
    on = sorted(every - off)
    silent = {r for r in on if not any(found[c][r] for c in found)}
    print(f"\nrules on: {len(on)}; finding something somewhere: {len(on) - len(silent)}; silent: {len(silent)}")
    print("most frequent (dev / cweb-dev / clean):")
    total = Counter({r: sum(found[c][r] for c in found) for r in on})
    for rule, _ in total.most_common(15):
        print(f"  {rule:<36} {found['dev'][rule]:5} {found['cweb-dev'][rule]:5} {found['clean'][rule]:5}")

    sample = [t for group in texts.values() for t in group[:SAMPLE_TEXTS]]
    per_1k = 1000 / sum(len(t.split()) for t in sample)
    costs = {rule: seconds * 1000 * per_1k for rule, seconds in rule_costs(sample, on).items()}
    if args.costs:
        found_json = {rule: {c: found[c][rule] for c in found} for rule in on}
        Path(args.costs).write_text(json.dumps({"cost_ms_per_1k": costs, "lints": found_json}, indent=1))
    share = sum(costs[r] for r in silent) / sum(costs.values())
    print(f"\ncost of one rule alone, ms per 1,000 words: all {len(on)} rules {sum(costs.values()):.1f}; "
          f"the silent ones {share * 100:.0f}% of it")
    slow_and_silent = sorted((r for r in silent if costs[r] >= args.threshold), key=lambda r: (-costs[r], r))
    print(f"silent and costing at least {args.threshold} ms per 1,000 words: {len(slow_and_silent)} rules, "
          f"{sum(costs[r] for r in slow_and_silent) / sum(costs.values()) * 100:.0f}% of the cost")
    print("off_for_speed:")
    for rule in slow_and_silent:
        print(f"  {rule}: {costs[rule]:.2f}")

    everything = [t for group in texts.values() for t in group]
    with_all, pruned = compare(everything, off, frozenset(slow_and_silent))
    print(f"\nall three corpora, CPU: rules on {with_all:6.1f} s; with those {len(slow_and_silent)} off too "
          f"{pruned:6.1f} s ({(1 - pruned / with_all) * 100:4.1f}% less)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
