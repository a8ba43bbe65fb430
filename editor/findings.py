"""Findings and edits: immutable values, and the one place overlapping edits are resolved."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Protocol


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        try:
            return cls[name.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {name!r} (use error, warning or info)") from None

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, order=True)
class Edit:
    """Replace text[start:end] with replacement (an insertion when start == end)."""

    start: int
    end: int
    replacement: str

    def conflicts_with(self, other: Edit) -> bool:
        """Overlapping ranges, or two edits at the same point (their order would be a guess)."""
        return (self.start < other.end and other.start < self.end) or self.start == other.start


@dataclass(frozen=True)
class Finding:
    """Something a copy editor would mark, with the fixes proposed for it, best first."""

    rule: str
    category: str
    severity: Severity
    message: str
    start: int
    end: int
    text: str
    replacements: tuple[str, ...] = ()
    confidence: float = 0.5
    sources: tuple[str, ...] = field(default=())
    # Whether the fix may be applied with nobody looking (fix, bulk, accept-rule), as ruff marks
    # fixes safe or unsafe: a rule's own declaration, withdrawn inside quotations and on ties.
    safe: bool = True

    @property
    def edit(self) -> Edit | None:
        return Edit(self.start, self.end, self.replacements[0]) if self.replacements else None

    def sort_key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.rule)

    def moved(self, shift: int) -> Finding:
        """The same finding `shift` characters further on, after an edit before it. A copy of its
        fields, five times quicker than dataclasses.replace: an edit near the top of a long
        article moves thousands of findings, in the review app and the language server alike."""
        copy = object.__new__(Finding)
        fields = copy.__dict__
        fields.update(self.__dict__)
        fields["start"], fields["end"] = self.start + shift, self.end + shift
        return copy


@dataclass(frozen=True)
class Resolution:
    """Which findings' edits can be applied together, and which lost to an overlapping one."""

    applied: tuple[Finding, ...]
    conflicting: tuple[Finding, ...]

    @property
    def edits(self) -> tuple[Edit, ...]:
        return tuple(e for f in self.applied if (e := f.edit) is not None)


def resolve(
    findings: Iterable[Finding], min_confidence: float = 0.0, writable: Callable[[str], bool] = lambda text: True
) -> Resolution:
    """Pick non-overlapping edits deterministically: most confident first, then leftmost.

    The losers are kept so that reports still show them; the user can fix them on a second run.
    A fix the file cannot hold (`writable` says no: a curly quote in a Latin-1 file) is not applied.
    """
    candidates = sorted(
        (f for f in findings if f.replacements and f.confidence >= min_confidence and writable(f.replacements[0])),
        key=lambda f: (-f.confidence, f.start, f.end, f.rule, f.replacements[0]),
    )
    applied: list[Finding] = []
    conflicting: list[Finding] = []
    for finding in candidates:
        edit = finding.edit
        assert edit is not None
        if edit.replacement == finding.text:
            continue  # a no-op proposal changes nothing and blocks nothing
        if any(edit.conflicts_with(e) for a in applied if (e := a.edit) is not None):
            conflicting.append(finding)
        else:
            applied.append(finding)
    return Resolution(tuple(sorted(applied, key=Finding.sort_key)), tuple(sorted(conflicting, key=Finding.sort_key)))


class Writable(Protocol):
    def can_encode(self, text: str) -> bool: ...


def fixes_to_apply(document: Writable, findings: Iterable[Finding], min_confidence: float) -> Resolution:
    """What is applied unattended (`fix`, `bulk --apply`): safe, confident fixes the file can hold.
    The rest stay proposals, for `check` and `review`."""
    return resolve((f for f in findings if f.safe), min_confidence, document.can_encode)


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-conflicting edits; raises ValueError if two conflict."""
    ordered = sorted(edits)
    for a, b in itertools.pairwise(ordered):
        if a.conflicts_with(b):
            raise ValueError(f"conflicting edits {a} and {b}")
    parts = []
    pos = 0
    for e in ordered:
        parts.append(text[pos : e.start])
        parts.append(e.replacement)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)


def changed_span(before: str, after: str) -> tuple[int, int, int]:
    """Where two versions of a text differ: (start, end in `before`, end in `after`); what lies
    outside is the same in both. Found by halving (slices compared in C), not character by character."""
    limit = min(len(before), len(after))
    low, high = 0, limit  # the common prefix is at least low and at most high long
    while low < high:
        middle = (low + high + 1) // 2
        if before[:middle] == after[:middle]:
            low = middle
        else:
            high = middle - 1
    prefix = low
    low, high = 0, limit - prefix  # the common suffix, not reaching into the prefix
    while low < high:
        middle = (low + high + 1) // 2
        if before[len(before) - middle :] == after[len(after) - middle :]:
            low = middle
        else:
            high = middle - 1
    return prefix, len(before) - low, len(after) - low


def carried_over(findings: Iterable[Finding], before: str, after: str) -> list[Finding]:
    """The findings on `before` that still stand on `after` as far as their own words go: those
    clear of the edited stretch (a finding touching it is dropped), shifted past it."""
    start, old_end, new_end = changed_span(before, after)
    shift = new_end - old_end
    kept = []
    for f in findings:
        if f.end < start:
            kept.append(f)
        elif f.start > old_end:
            kept.append(f.moved(shift))
    return kept
