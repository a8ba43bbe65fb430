"""What every check type shares: its function type, its settings parsed into a typed dataclass
(one place that turns bad YAML into a clear RuleError), and the regex helpers."""

from __future__ import annotations

import re

# The parser re itself uses (typeshed knows it only by its deprecated name, sre_parse).
import re._constants as sre_constants  # type: ignore[import-not-found]
import re._parser as sre_parse  # type: ignore[import-not-found]
from collections.abc import Callable, Iterable, Mapping
from dataclasses import MISSING, dataclass, fields
from types import UnionType
from typing import Any, Literal, TypeVar, get_args, get_origin, get_type_hints

from copydesk.findings import Finding
from copydesk.rules import Rule, RuleError
from copydesk.text import Analysis

Check = Callable[[Analysis], Iterable[Finding]]


S = TypeVar("S")


@dataclass(frozen=True)
class NoSettings:
    """A check type that takes no settings: any key a rule gives it is a mistake."""


def doc(text: str) -> dict[str, str]:
    """A settings field's one-line documentation, for the table in rules/README.md."""
    return {"doc": text}


def parse_settings(rule: Rule, kind: type[S]) -> S:
    """A rule's `settings` as the check type's frozen dataclass. An unknown key, a missing
    required one or a value of the wrong type is a RuleError naming file, rule and key."""
    known = {f.name: f for f in fields(kind)}  # type: ignore[arg-type]
    unknown = sorted(set(rule.settings) - set(known))
    if unknown:
        listed = ", ".join(sorted(known)) or "none"
        raise RuleError(f"{rule.where('settings.' + unknown[0])}: not a setting of check type "
                        f"{rule.check!r} (its settings: {listed})")  # fmt: skip
    hints = get_type_hints(kind)
    values: dict[str, Any] = {}
    for name, f in known.items():
        if name in rule.settings:
            values[name] = _typed(rule, name, hints[name], rule.settings[name])
        elif f.default is MISSING and f.default_factory is MISSING:
            raise RuleError(f"{rule.where('settings.' + name)}: required ({describe_type(hints[name])})")
    return kind(**values)


def describe_type(hint: Any) -> str:
    """A settings type in the words of the rules' README."""
    origin, args = get_origin(hint), get_args(hint)
    if origin is UnionType:
        return " or ".join(describe_type(a) for a in args)
    if hint is bool:
        return "true or false"
    if hint is str:
        return "text"
    if hint is int:
        return "whole number"
    if hint is float:
        return "number"
    if origin is Literal:
        return " or ".join(repr(a) for a in args)
    if origin is tuple and args[0] is str:
        return "list of texts"
    if origin is Mapping:
        return "mapping from a word to a list of words"
    return "list"


def _typed(rule: Rule, name: str, hint: Any, value: Any) -> Any:
    where = rule.where("settings." + name)
    origin, args = get_origin(hint), get_args(hint)
    wrong = RuleError(f"{where}: must be {describe_type(hint)}, not {value!r}"[:300])
    if origin is UnionType:
        for alternative in args:
            try:
                return _typed(rule, name, alternative, value)
            except RuleError:
                continue
        raise wrong
    if hint is bool:
        if not isinstance(value, bool):
            raise wrong
        return value
    if hint is str:
        if not isinstance(value, str):
            raise wrong
        return value
    if hint in (int, float):  # YAML's true is an int to Python: not a number here
        if isinstance(value, bool) or not isinstance(value, int if hint is int else (int, float)):
            raise wrong
        return hint(value)
    if origin is Literal:
        if value not in args:
            raise wrong
        return value
    if origin is tuple and args[0] is str:
        if isinstance(value, list):  # a shared lexicon (a YAML anchor) inside the list reads as its words
            value = [w for v in value for w in (v if isinstance(v, list) else [v])]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise RuleError(f"{where}: must be a list of non-empty texts")
        return tuple(value)
    if origin is Mapping:
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, list) and all(isinstance(w, str) for w in v) for k, v in value.items()
        ):
            raise RuleError(f"{where}: must map words to lists of words")
        return {k: tuple(v) for k, v in value.items()}
    if origin is tuple:  # tuple[Any, ...]: items the check itself validates
        if not isinstance(value, list) or not value:
            raise RuleError(f"{where}: required non-empty list")
        return tuple(value)
    raise TypeError(f"no parser for settings of type {hint!r}")  # a check type's mistake, not a rule's


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
