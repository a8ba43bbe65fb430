"""Wrong form to right form: "would of" -> "would have", "alot" -> "a lot".

Patterns are literal unless the rule says `regex: true`; either way they match whole words,
and the replacement takes the casing of the text it replaces.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from copydesk.checks.base import Check, compile_regex, get_bool, get_list, literal_pattern, word_bounded
from copydesk.findings import Finding
from copydesk.rules import Rule, RuleError
from copydesk.text import Analysis, match_case


def build(rule: Rule) -> Check:
    regex = get_bool(rule, "regex", False)
    flags = re.IGNORECASE if get_bool(rule, "ignore_case", True) else 0
    preserve_case = get_bool(rule, "preserve_case", True)
    swaps: list[tuple[re.Pattern[str], str]] = []
    for item in get_list(rule, "swap"):
        if not (
            isinstance(item, dict) and isinstance(item.get("pattern"), str) and isinstance(item.get("replacement"), str)
        ):
            raise RuleError(f"{rule.where('swap')}: each item needs 'pattern' and 'replacement' texts")
        source = item["pattern"] if regex else literal_pattern(item["pattern"])
        swaps.append((compile_regex(rule, "swap", word_bounded(source), flags), item["replacement"]))

    def check(analysis: Analysis) -> Iterator[Finding]:
        for pattern, template in swaps:
            for m in pattern.finditer(analysis.text):
                wanted = m.expand(template) if regex else template
                if preserve_case:
                    wanted = match_case(m.group(), wanted)
                if wanted != m.group():
                    yield rule.finding(m.start(), m.end(), m.group(), [wanted])

    return check
