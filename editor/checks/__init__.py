"""Check types: each a small module with one job, configured by rules in `rules/`.

Every module has a `build(rule)` that validates the rule's settings (errors name the rule
file and field) and compiles its patterns once, returning a pure function from an analysed
text to findings. Adding a type touches its module and CHECK_TYPES, nothing else.
"""

from __future__ import annotations

from collections.abc import Callable

from copydesk.checks import (
    abbreviations,
    article,
    capitalization,
    consistency,
    dialect,
    existence,
    hyphenation,
    insertion,
    names,
    numbers,
    pattern,
    quotes,
    repetition,
    substitution,
)
from copydesk.checks.base import Check
from copydesk.rules import Rule, RuleError

__all__ = ["CHECK_TYPES", "Check", "build_check"]

CHECK_TYPES: dict[str, Callable[[Rule], Check]] = {
    "repetition": repetition.build,
    "substitution": substitution.build,
    "existence": existence.build,
    "consistency": consistency.build,
    "abbreviations": abbreviations.build,
    "names": names.build,
    "honorifics": names.build_honorifics,
    "quotes": quotes.build,
    "quote-balance": quotes.build_balance,
    "dialect": dialect.build,
    "hyphenation": hyphenation.build,
    "capitalization": capitalization.build,
    "numbers": numbers.build,
    "pattern": pattern.build,
    "article": article.build,
    "insertion": insertion.build,
}


def build_check(rule: Rule) -> Check:
    try:
        builder = CHECK_TYPES[rule.check]
    except KeyError:
        raise RuleError(
            f"{rule.where('check')}: unknown check type {rule.check!r} (known: {', '.join(sorted(CHECK_TYPES))})"
        ) from None
    return builder(rule)
