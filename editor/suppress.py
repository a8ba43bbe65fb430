"""Inline suppression: the writer's own word that a finding is wrong or intended.

    <!-- copydesk-disable rule-id ... -->  ...  <!-- copydesk-enable -->   (Markdown, HTML)
    <!-- copydesk-disable-next-line rule-id -->                            (Markdown, HTML)
    copydesk: ignore rule-id                                                (any text: this line, or
                                                                             the next if alone on its line)
    Rajavi [sic]                                                            (no spelling or name
                                                                             finding on the word before)
Rule ids may be prefixes ("consistency"); with none given, every rule is off there.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from copydesk.findings import Finding
from copydesk.rules import rule_matches
from copydesk.text import Intervals, line_starts

_DISABLE = re.compile(r"<!--\s*copydesk-disable(?P<next>-next-line)?(?P<rules>[^>]*?)-->")
_ENABLE = re.compile(r"<!--\s*copydesk-enable(?P<rules>[^>]*?)-->")
_IGNORE = re.compile(r"copydesk:\s*ignore(?P<rules>[ \t][^\n\r]*)?")
# At a word's start and at most a word long: inside a 64 KB run of letters an open-ended word
# was tried from every position to the run's end (quadratic; 41 s on one data URL).
_SIC = re.compile(r"(?<![^\s\[\]])(?P<word>[^\s\[\]]{1,60})\s*\[sic\]", re.IGNORECASE)


@dataclass(frozen=True)
class Quiet:
    """Rules (all, when empty) silenced over [start, end)."""

    start: int
    end: int
    rules: tuple[str, ...]

    def covers(self, finding: Finding) -> bool:
        inside = self.start <= finding.start < self.end
        return inside and (not self.rules or rule_matches(finding.rule, self.rules))


def _rules(text: str | None) -> tuple[str, ...]:
    return tuple(r for r in re.split(r"[\s,]+", (text or "").replace("--", "").strip()) if r)


def quiet_regions(text: str, sic_rules: tuple[str, ...] = ()) -> list[Quiet]:
    """Where the writer silenced which rules; "[sic]" silences `sic_rules` (the rules marked
    `sic`, about a word's spelling or form) on the word before it."""
    starts = (*line_starts(text), len(text) + 1)

    def line_span(offset: int, following: bool) -> tuple[int, int]:
        index = bisect_right(starts, offset) - 1
        index += 1 if following else 0
        if index >= len(starts) - 1:
            return len(text), len(text)
        return starts[index], starts[index + 1]

    regions: list[Quiet] = []
    enables = [(m.start(), _rules(m.group("rules"))) for m in _ENABLE.finditer(text)]
    enable_starts = [pos for pos, _ in enables]
    for m in _DISABLE.finditer(text):
        rules = _rules(m.group("rules"))
        if m.group("next"):
            regions.append(Quiet(*line_span(m.end(), following=True), rules))
            continue
        later = enables[bisect_right(enable_starts, m.end()) :]
        end = next((pos for pos, r in later if not r or set(r) & set(rules) or not rules), len(text))
        regions.append(Quiet(m.end(), end, rules))
    for m in _IGNORE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        alone = not text[line_start : m.start()].strip(" \t#/-*<!>")
        regions.append(Quiet(*line_span(m.start(), following=alone), _rules(m.group("rules"))))
    for m in _SIC.finditer(text) if sic_rules else ():
        regions.append(Quiet(m.start("word"), m.end("word"), sic_rules))
    return regions


def unsuppressed(text: str, findings: Iterable[Finding], sic_rules: tuple[str, ...] = ()) -> list[Finding]:
    # Regions grouped by the rules they silence, each group an interval index: thousands of
    # "[sic]"s or ignore comments cost a lookup per finding, not a scan.
    by_rules: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for r in quiet_regions(text, sic_rules):
        by_rules.setdefault(r.rules, []).append((r.start, r.end))
    groups = [(rules, Intervals(spans)) for rules, spans in by_rules.items()]
    return [
        f
        for f in findings
        if not any(
            spans.overlaps(f.start, f.start + 1) and (not rules or rule_matches(f.rule, rules))
            for rules, spans in groups
        )
    ]


def blank_directives(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text with every directive blanked out (same length), so no check reads the markers,
    and the blanked spans, where any finding (say, on the spaces left) is dropped."""
    chars = list(text)
    spans = []
    for pattern in (_DISABLE, _ENABLE, _IGNORE):
        for m in pattern.finditer(text):
            spans.append((m.start(), m.end()))
            for i in range(m.start(), m.end()):
                if chars[i] not in "\r\n":
                    chars[i] = " "
    return "".join(chars), spans
