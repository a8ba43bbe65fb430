"""The functional core: compiled rules and engines, applied to a text, give sorted findings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from editor.checks import Check, build_check
from editor.findings import Finding
from editor.rules import Rule, rule_matches
from editor.text import Analysis


@dataclass(frozen=True)
class Selection:
    """--select / --ignore: rule ids or dotted prefixes. An empty select means every rule."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def allows(self, rule_id: str) -> bool:
        if self.select and not rule_matches(rule_id, self.select):
            return False
        return not rule_matches(rule_id, self.ignore)


class Checker:
    """Rules compiled once, reused for every document of a run."""

    def __init__(self, rules: Sequence[Rule], selection: Selection = Selection()) -> None:
        self.selection = selection
        self.rules = tuple(r for r in rules if selection.allows(r.id))
        self._checks: tuple[tuple[Rule, Check], ...] = tuple((r, build_check(r)) for r in self.rules)

    def check(self, text: str) -> list[Finding]:
        analysis = Analysis(text)
        findings: list[Finding] = []
        for _rule, check in self._checks:
            findings.extend(check(analysis))
        return sort_findings(findings)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=Finding.sort_key)
