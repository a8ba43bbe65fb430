"""A word or phrase to flag with a message and no fix: house-style bans, judgement calls."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from copydesk.checks.base import Check, compile_regex, doc, literal_pattern, parse_settings, word_bounded
from copydesk.findings import Finding
from copydesk.rules import Rule
from copydesk.text import Analysis


@dataclass(frozen=True)
class Settings:
    tokens: tuple[str, ...] = field(metadata=doc("the words or phrases to flag (regular expressions with `regex`)"))
    regex: bool = field(default=False, metadata=doc("read `tokens` as regular expressions"))
    ignore_case: bool = field(default=True, metadata=doc("match in any case"))


def build(rule: Rule) -> Check:
    settings = parse_settings(rule, Settings)
    regex = settings.regex
    flags = re.IGNORECASE if settings.ignore_case else 0
    alternatives = [t if regex else literal_pattern(t) for t in settings.tokens]
    pattern = compile_regex(rule, "tokens", word_bounded("|".join(f"(?:{a})" for a in alternatives)), flags)

    def check(analysis: Analysis) -> Iterator[Finding]:
        for m in pattern.finditer(analysis.text):
            yield rule.finding(m.start(), m.end(), m.group())

    return check
