"""An editor's words inside a direct quotation go in square brackets, not round ones.

"the death penalty by the (Iranian regime)…" reads as if the speaker said the brackets;
"[Iranian regime]" marks the editor's insertion. Only short bracketed phrases (up to five
words, no clause punctuation) inside an open quotation are flagged: a speaker's own aside is
usually longer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from copydesk.checks.base import Check
from copydesk.checks.quotes import quotations
from copydesk.findings import Finding
from copydesk.rules import Rule
from copydesk.text import Analysis

_BRACKETED = re.compile(r"\(([^()\n,;:.!?]{1,60})\)")
MAX_WORDS = 5


def build(rule: Rule) -> Check:
    def check(analysis: Analysis) -> Iterator[Finding]:
        quoted = quotations(analysis, unclosed=False)
        for m in _BRACKETED.finditer(analysis.text):
            inside = any(a < m.start() and m.end() <= b for a, b in quoted)
            if inside and len(m.group(1).split()) <= MAX_WORDS:
                yield rule.finding(m.start(), m.end(), m.group(), [f"[{m.group(1)}]"])

    return check
