"""What every check type shares: its function type, and typed reading of a rule's `settings`
(one place that turns bad YAML into a clear RuleError)."""

from __future__ import annotations

import re

# The parser re itself uses (typeshed knows it only by its deprecated name, sre_parse).
import re._constants as sre_constants  # type: ignore[import-not-found]
import re._parser as sre_parse  # type: ignore[import-not-found]
from collections.abc import Callable, Iterable
from typing import Any

from copydesk.findings import Finding
from copydesk.rules import Rule, RuleError
from copydesk.text import Analysis

Check = Callable[[Analysis], Iterable[Finding]]


def get_bool(rule: Rule, key: str, default: bool) -> bool:
    value = rule.settings.get(key, default)
    if not isinstance(value, bool):
        raise RuleError(f"{rule.where(key)}: must be true or false")
    return value


def get_str_list(rule: Rule, key: str, required: bool = False) -> tuple[str, ...]:
    value = rule.settings.get(key)
    if value is None:
        if required:
            raise RuleError(f"{rule.where(key)}: required list of texts")
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise RuleError(f"{rule.where(key)}: must be a list of non-empty texts")
    return tuple(value)


def get_str_map(rule: Rule, key: str) -> dict[str, frozenset[str]]:
    """A mapping from a word to a list of words, compared in lower case."""
    value = rule.settings.get(key) or {}
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(w, str) for w in v) for k, v in value.items()
    ):
        raise RuleError(f"{rule.where(key)}: must map words to lists of words")
    return {k.lower(): frozenset(w.lower() for w in v) for k, v in value.items()}


def get_list(rule: Rule, key: str) -> list[Any]:
    value = rule.settings.get(key)
    if not isinstance(value, list) or not value:
        raise RuleError(f"{rule.where(key)}: required non-empty list")
    return value


# Texts a pattern is tried on at load time: one that matches nothing there (zero characters)
# would insert its replacement between any two letters of an article.
_EMPTY_MATCH_PROBES = ("", " ", "a", "The word, said 1 more.\n")


def compile_regex(rule: Rule, key: str, pattern: str, flags: int = 0) -> re.Pattern[str]:
    try:
        compiled = re.compile(pattern, flags)
    except re.error as exc:
        raise RuleError(f"{rule.where(key)}: bad regular expression {pattern!r}: {exc}") from None
    if any(m.end() == m.start() for probe in _EMPTY_MATCH_PROBES for m in compiled.finditer(probe)):
        raise RuleError(f"{rule.where(key)}: the pattern {pattern!r} can match an empty text; it must match words")
    if _nested_repeat(sre_parse.parse(pattern, flags)):
        raise RuleError(f"{rule.where(key)}: the pattern {pattern!r} repeats a repetition (as in '(a+)+'), which can "
                        "take exponential time on some texts; write it without the outer repeat")  # fmt: skip
    return compiled


_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT)


def _nested_repeat(parsed: Any, inside_unbounded: bool = False) -> bool:
    """Whether an unbounded repeat stands inside another unbounded repeat: the shape of
    catastrophic backtracking ("(a+)+b", "(\\w+\\s?)*"). Python's re has no time limit, so such a
    user pattern is refused when it is loaded rather than left to hang a run."""
    for op, value in parsed:
        if op in _REPEATS:
            _, high, body = value
            unbounded = high == sre_constants.MAXREPEAT
            if unbounded and inside_unbounded:
                return True
            children = [(body, inside_unbounded or (unbounded and op != sre_constants.POSSESSIVE_REPEAT))]
        elif op is sre_constants.SUBPATTERN:
            children = [(value[-1], inside_unbounded)]
        elif op is sre_constants.BRANCH:
            children = [(branch, inside_unbounded) for branch in value[1]]
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            children = [(value[1], inside_unbounded)]
        else:
            continue
        if any(_nested_repeat(child, inside) for child, inside in children):
            return True
    return False


def word_bounded(pattern: str) -> str:
    """Match pattern only as whole words: no letter, digit or word-inner dot or apostrophe either side.

    Hyphens count as boundaries, so "US" is found in "non-US" and "US-led".
    """
    return rf"(?<![\w.’'])(?:{pattern})(?!\w|\.\w)"


def literal_pattern(phrase: str) -> str:
    """A phrase as a regex, any run of white space (a line break too) matching its spaces."""
    return r"\s+".join(re.escape(part) for part in phrase.split())
