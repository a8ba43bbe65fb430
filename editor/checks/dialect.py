"""Spelling dialect: American and British forms mixed in one article ("favor" beside "offence").

The configured dialect wins; otherwise the article's majority. Words spelled alike in both,
or fine in both (-ize, "program", "story"), never count (see editor.dialect).
"""

from __future__ import annotations

from collections.abc import Iterator

from editor.checks.base import Check
from editor.checks.consistency import describe_variants
from editor.dialect import BRITISH_FAMILY, spelling_pairs
from editor.findings import Finding
from editor.rules import Rule
from editor.text import Analysis, match_case


def build(rule: Rule) -> Check:
    def check(analysis: Analysis) -> Iterator[Finding]:
        pairs = spelling_pairs()
        us = [t for t in analysis.words if t.lower in pairs.us_to_uk]
        uk = [t for t in analysis.words if t.lower in pairs.uk_to_us]
        if analysis.dialect is not None:
            british = analysis.dialect in BRITISH_FAMILY
        elif us and uk and len(us) != len(uk):
            british = len(uk) > len(us)
        elif us and uk and any(t.lower in pairs.british_ise for t in analysis.words):
            british = True  # a tie, broken by British -ise spellings ("realised")
        elif us and uk:
            # A tie and nothing to break it: ask, with no fix.
            summary = describe_variants(
                {
                    f"American ({', '.join(sorted({t.lower for t in us}))})": [analysis.line_of(t.start) for t in us],
                    f"British ({', '.join(sorted({t.lower for t in uk}))})": [analysis.line_of(t.start) for t in uk],
                }
            )
            for token in sorted(us + uk, key=lambda t: t.start):
                yield rule.finding(
                    token.start,
                    token.end,
                    token.text,
                    confidence=0.3,
                    message=f"American and British spellings mixed, as many of each: {summary}",
                )
            return
        else:
            return  # one dialect only: nothing to say
        wrong = us if british else uk
        if not wrong:
            return
        name, other = ("British", "American") if british else ("American", "British")
        right = uk if british else us
        summary = describe_variants(
            {
                f"{other} ({', '.join(sorted({t.lower for t in wrong})[:4])})": [
                    analysis.line_of(t.start) for t in wrong
                ],
                f"{name} ({', '.join(sorted({t.lower for t in right})[:4])})": [
                    analysis.line_of(t.start) for t in right
                ],
            }
            if right
            else {
                f"{other} ({', '.join(sorted({t.lower for t in wrong})[:4])})": [
                    analysis.line_of(t.start) for t in wrong
                ]
            }
        )
        reason = "the configured dialect" if analysis.dialect is not None else "the article's majority"
        for token in wrong:
            fixed = (pairs.us_to_uk if british else pairs.uk_to_us)[token.lower]
            yield rule.finding(
                token.start,
                token.end,
                token.text,
                [match_case(token.text, fixed)],
                message=f"'{token.text}' is the {other} spelling; {reason} is {name}: {summary}",
            )

    return check
