"""Declared variant sets ("U.N." / "UN", "favor" / "favour"): one article, one form.

The form the article uses most wins; on a tie, the form the pack lists first.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from copydesk.checks.base import Check, compile_regex, doc, literal_pattern, parse_settings, word_bounded
from copydesk.findings import Finding
from copydesk.rules import Rule, RuleError
from copydesk.text import Analysis, match_case


def describe_variants(occurrences: dict[str, list[int]]) -> str:
    """ "'Rjavi' (1×, line 5) vs 'Rajavi' (2×, lines 13, 20)", most frequent first."""
    parts = []
    for form, lines in sorted(occurrences.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        shown = ", ".join(str(n) for n in sorted(set(lines))[:5]) + (", …" if len(set(lines)) > 5 else "")
        parts.append(f"'{form}' ({len(lines)}×, line{'s' if len(set(lines)) > 1 else ''} {shown})")
    return " vs ".join(parts)


@dataclass(frozen=True)
class Settings:
    sets: tuple[Any, ...] = field(metadata=doc("lists of two or more forms of one thing, the preferred first"))
    ignore_case: bool = field(default=False, metadata=doc("match the forms in any case"))


def build(rule: Rule) -> Check:
    settings = parse_settings(rule, Settings)
    ignore_case = settings.ignore_case
    flags = re.IGNORECASE if ignore_case else 0
    variant_sets: list[tuple[tuple[str, ...], re.Pattern[str]]] = []
    for item in settings.sets:
        if not (isinstance(item, list) and len(item) >= 2 and all(isinstance(v, str) and v for v in item)):
            raise RuleError(f"{rule.where('sets')}: each set is a list of two or more forms, preferred first")
        forms = tuple(item)
        # Longest first, so "U.N." is not read as "U.N" plus a full stop.
        alternation = "|".join(f"(?:{literal_pattern(f)})" for f in sorted(forms, key=len, reverse=True))
        variant_sets.append((forms, compile_regex(rule, "sets", word_bounded(alternation), flags)))

    def canonical(text: str, forms: tuple[str, ...]) -> str:
        normal = " ".join(text.split())
        for form in forms:
            if normal == form or (ignore_case and normal.lower() == form.lower()):
                return form
        return normal

    def check(analysis: Analysis) -> Iterator[Finding]:
        for forms, pattern in variant_sets:
            matches = [(m, canonical(m.group(), forms)) for m in pattern.finditer(analysis.text)]
            lines: dict[str, list[int]] = defaultdict(list)
            for m, form in matches:
                lines[form].append(analysis.line_of(m.start()))
            if len(lines) < 2:
                continue
            winner = max(lines, key=lambda f: (len(lines[f]), -forms.index(f)))
            # On a tie the listed order decides, which is a question for the editor, not a fix.
            tie = sum(len(v) == len(lines[winner]) for v in lines.values()) > 1
            summary = describe_variants(lines)
            for m, form in matches:
                if form != winner:
                    wanted = match_case(m.group(), winner) if ignore_case else winner
                    yield rule.finding(m.start(), m.end(), m.group(), [wanted], variants=summary, preferred=winner,
                                       safe=not tie)  # fmt: skip

    return check
