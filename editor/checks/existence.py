"""A word or phrase to flag with a message and no fix: house-style bans, judgement calls."""

from __future__ import annotations

import re
from collections.abc import Iterator

from copydesk.checks.base import Check, compile_regex, get_bool, get_str_list, literal_pattern, word_bounded
from copydesk.findings import Finding
from copydesk.rules import Rule
from copydesk.text import Analysis


def build(rule: Rule) -> Check:
    regex = get_bool(rule, "regex", False)
    flags = re.IGNORECASE if get_bool(rule, "ignore_case", True) else 0
    alternatives = [t if regex else literal_pattern(t) for t in get_str_list(rule, "tokens", required=True)]
    pattern = compile_regex(rule, "tokens", word_bounded("|".join(f"(?:{a})" for a in alternatives)), flags)

    def check(analysis: Analysis) -> Iterator[Finding]:
        for m in pattern.finditer(analysis.text):
            yield rule.finding(m.start(), m.end(), m.group())

    return check
