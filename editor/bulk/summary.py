"""What a bulk run did, from the journal: counts by rule, name variants, files skipped."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from copydesk.bulk.journal import Journal
from copydesk.bulk.worker import Status
from copydesk.files import atomic_write


@dataclass(frozen=True)
class Summary:
    """summary.json's fields; summary.txt says the same for a person."""

    files_scanned: int
    files_changed: int
    files_skipped: list[dict[str, str]]  # {"path", "reason"}
    words: int
    edits_by_rule: dict[str, int]
    name_variants_fixed: dict[str, int]
    left_for_review_by_rule: dict[str, int]
    changed: list[str]


def summarise(journal: Journal, files: Iterable[str]) -> Summary:
    wanted = set(files)
    edits: Counter[str] = Counter()
    variants: Counter[str] = Counter()
    review: Counter[str] = Counter()
    changed, failed, scanned, words = [], [], 0, 0
    for result in journal.results():
        if result["rel"] not in wanted:
            continue
        scanned += 1
        words += result["words"]
        edits.update(result["edits"])
        variants.update(result["variants"])
        review.update(item["rule"] for item in result["review"])
        if result["status"] == Status.CHANGED:
            changed.append(result["rel"])
        elif result["status"] == Status.FAILED:
            failed.append({"path": result["rel"], "reason": result["reason"]})
    return Summary(
        files_scanned=scanned,
        files_changed=len(changed),
        files_skipped=failed,
        words=words,
        edits_by_rule=dict(sorted(edits.items())),
        name_variants_fixed=dict(variants.most_common(50)),
        left_for_review_by_rule=dict(sorted(review.items())),
        changed=sorted(changed),
    )


def write_summary(out_dir: Path, summary: Summary) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    atomic_write(out_dir / "summary.json", (json.dumps(asdict(summary), indent=1, sort_keys=True) + "\n").encode())
    lines = [
        f"files scanned: {summary.files_scanned}",
        f"files changed: {summary.files_changed} (one .diff each below this folder)",
        f"files skipped: {len(summary.files_skipped)}",
        *(f"  {s['path']}: {s['reason']}" for s in summary.files_skipped),
        "edits by rule:",
        *(f"  {rule}: {n}" for rule, n in summary.edits_by_rule.items()),
        "name variants fixed:",
        *(f"  {pair}: {n}" for pair, n in summary.name_variants_fixed.items()),
        "left for review (not confident enough to apply in bulk), by rule:",
        *(f"  {rule}: {n}" for rule, n in summary.left_for_review_by_rule.items()),
    ]
    atomic_write(out_dir / "summary.txt", ("\n".join(lines) + "\n").encode("utf-8", "surrogateescape"))
