"""Wrong form to right form: "would of" -> "would have", "alot" -> "a lot".

Patterns are literal unless the rule says `regex: true`; either way they match whole words
(unless `whole_words: false`, for marks of punctuation, which stand against a word), and the
replacement takes the casing of the text it replaces.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from copydesk.checks.base import Check, compile_regex, doc, literal_pattern, parse_settings, word_bounded
from copydesk.findings import Finding
from copydesk.rules import Rule, RuleError
from copydesk.text import Analysis, match_case


@dataclass(frozen=True)
class Settings:
    swap: tuple[Any, ...] = field(
        metadata=doc("mappings of `pattern` (a phrase, or a regex with `regex`) to `replacement`")
    )
    regex: bool = field(
        default=False, metadata=doc("read each pattern as a regular expression (the replacement may use \\1)")
    )
    ignore_case: bool = field(default=True, metadata=doc("match in any case"))
    preserve_case: bool = field(default=True, metadata=doc("give the replacement the case of the text it replaces"))
    whole_words: bool = field(
        default=True, metadata=doc("match only whole words; false for punctuation, which stands against a word")
    )


def build(rule: Rule) -> Check:
    settings = parse_settings(rule, Settings)
    regex = settings.regex
    flags = re.IGNORECASE if settings.ignore_case else 0
    preserve_case = settings.preserve_case
    swaps: list[tuple[re.Pattern[str], str]] = []
    for item in settings.swap:
        if not (
            isinstance(item, dict) and isinstance(item.get("pattern"), str) and isinstance(item.get("replacement"), str)
        ):
            raise RuleError(f"{rule.where('swap')}: each item needs 'pattern' and 'replacement' texts")
        source = item["pattern"] if regex else literal_pattern(item["pattern"])
        bounded = word_bounded(source) if settings.whole_words else source
        swaps.append((compile_regex(rule, "swap", bounded, flags), item["replacement"]))

    def check(analysis: Analysis) -> Iterator[Finding]:
        for pattern, template in swaps:
            for m in pattern.finditer(analysis.text):
                wanted = m.expand(template) if regex else template
                if preserve_case:
                    wanted = match_case(m.group(), wanted)
                if wanted != m.group():
                    yield rule.finding(m.start(), m.end(), m.group(), [wanted])

    return check
