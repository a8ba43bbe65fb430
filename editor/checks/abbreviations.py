"""Abbreviation style: "U.N." beside "UN", "U.S." beside "US", possessives included ("U.N.’s").

Inferred, not listed: every dotted abbreviation in the article is compared with its undotted
form. The article's majority wins; a tie goes to the style the rule prefers.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from copydesk.checks.base import Check, doc, parse_settings
from copydesk.checks.consistency import describe_variants
from copydesk.findings import Finding
from copydesk.rules import Rule
from copydesk.text import Analysis

# "U.N." or "UN", alone, possessive ("U.N.’s") or in a compound ("non-U.S.", "US-led").
ABBREVIATION = re.compile(r"(?<![\w.])(?:(?:[A-Z]\.){2,}|[A-Z]{2,}(?!\w|\.\w))")


def _shouting(text: str, start: int, end: int) -> bool:
    """Inside an all-capitals line ("LET US GO") 'US' is a pronoun, not an abbreviation."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return len(letters) > end - start + 3 and all(c.isupper() for c in letters)


@dataclass(frozen=True)
class Settings:
    prefer: Literal["dotted", "undotted"] = field(
        default="undotted", metadata=doc("the form that wins a tie, or always with `force`")
    )
    force: bool = field(default=False, metadata=doc("a house style: flag the other form even in a consistent article"))


def build(rule: Rule) -> Check:
    settings = parse_settings(rule, Settings)
    prefer, force = settings.prefer, settings.force

    def check(analysis: Analysis) -> Iterator[Finding]:
        uses: dict[str, dict[bool, list[tuple[int, int, str]]]] = defaultdict(lambda: {True: [], False: []})
        for m in ABBREVIATION.finditer(analysis.text):
            text = m.group()
            dotted = "." in text
            if not dotted and _shouting(analysis.text, m.start(), m.end()):
                continue
            uses[text.replace(".", "")][dotted].append((m.start(), m.end(), text))
        for key, by_style in sorted(uses.items()):
            dotted_uses, plain_uses = by_style[True], by_style[False]
            if not force and (not dotted_uses or not plain_uses):
                continue
            if force and len(key) < 2:
                continue
            dotted_wins = (
                prefer == "dotted"
                if force
                else (len(dotted_uses), prefer == "dotted") > (len(plain_uses), prefer != "dotted")
            )
            winner = ".".join(key) + "." if dotted_wins else key
            summary = describe_variants(
                {
                    ".".join(key) + ".": [analysis.line_of(s) for s, _, _ in dotted_uses],
                    key: [analysis.line_of(s) for s, _, _ in plain_uses],
                }
            )
            tie = not force and len(dotted_uses) == len(plain_uses)  # the preferred style decided: a question
            for start, end, text in plain_uses if dotted_wins else dotted_uses:
                yield rule.finding(start, end, text, [winner], variants=summary, preferred=winner, safe=not tie)

    return check
