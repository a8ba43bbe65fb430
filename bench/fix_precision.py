"""How far each rule's fix can be trusted unattended: measured, per rule, before it is marked safe.

usage: python bench/fix_precision.py [--min-confidence X]

For every rule (ours and Harper's kinds), over the dev set (../shared/eval/dev) and clean, edited
copy (../shared/corpus/onestopenglish Int, Ele, Adv):
  dev fixes    confident fixes proposed on the dev set (safe or not)
  dev right    of those, how many give exactly the gold correction
  dev prec.    dev right / dev fixes
  clean fixes  confident fixes proposed on clean copy, per 100,000 words (nearly all are harm)
  applied      confident fixes `fix` applies on clean copy (safe ones), per 100,000 words
The figures go beside the rule's `fix:` in its pack (rules/engines/harper.yaml for Harper).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from copydesk.config import DEFAULT_MIN_CONFIDENCE
from copydesk.document import Document
from copydesk.findings import Finding, fixes_to_apply, resolve
from copydesk.runner import Session

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
DEV = SHARED / "eval" / "dev"
CLEAN = [SHARED / "corpus" / "onestopenglish" / level for level in ("Int", "Ele", "Adv")]


def gold_targets(text: str, errors: list[dict[str, object]]) -> list[tuple[int, int, set[str]]]:
    out = []
    for g in errors:
        start, end = int(g["start"]), int(g["end"])  # type: ignore[call-overload]
        correct = g["correct"] if isinstance(g["correct"], list) else [g["correct"]]
        out.append((start, end, {text[:start] + c + text[end:] for c in correct if c is not None}))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--min-confidence", type=float, default=DEFAULT_MIN_CONFIDENCE)
    args = parser.parse_args()
    session = Session()
    gold: dict[str, list[dict[str, object]]] = defaultdict(list)
    for line in (DEV / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        gold[entry["doc"]].append(entry)
    dev_fixes: Counter[str] = Counter()
    dev_right: Counter[str] = Counter()
    for path in sorted((DEV / "docs").glob("*.txt")):
        doc = Document.from_bytes(path.read_bytes(), str(path))
        targets = gold_targets(doc.text, gold[path.name])
        for f in resolve(session.check(doc), args.min_confidence).applied:
            dev_fixes[f.rule] += 1
            fixed = doc.text[: f.start] + f.replacements[0] + doc.text[f.end :]
            if any(a < f.end and f.start < b and fixed in wanted for a, b, wanted in targets):
                dev_right[f.rule] += 1
    clean_fixes: Counter[str] = Counter()
    applied: Counter[str] = Counter()
    words = 0
    for folder in CLEAN:
        for path in sorted(folder.glob("*.txt")):
            doc = Document.from_bytes(path.read_bytes(), str(path))
            words += doc.word_count()
            findings: list[Finding] = session.check(doc)
            clean_fixes.update(f.rule for f in resolve(findings, args.min_confidence).applied)
            applied.update(f.rule for f in fixes_to_apply(doc, findings, args.min_confidence).applied)
    session.close()
    per = 100_000 / max(words, 1)
    print(f"dev set: {DEV}; clean copy: {', '.join(p.name for p in CLEAN)} ({words:,} words)")
    print(f"{'rule':40} {'dev fixes':>9} {'dev right':>9} {'dev prec.':>9} {'clean/100k':>10} {'applied/100k':>12}")
    for rule in sorted(set(dev_fixes) | set(clean_fixes), key=lambda r: (-dev_fixes[r], r)):
        precision = f"{dev_right[rule] / dev_fixes[rule]:.2f}" if dev_fixes[rule] else "-"
        print(f"{rule:40} {dev_fixes[rule]:9} {dev_right[rule]:9} {precision:>9} {clean_fixes[rule] * per:10.1f} "
              f"{applied[rule] * per:12.1f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
