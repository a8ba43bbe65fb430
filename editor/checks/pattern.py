"""Token patterns, as in LanguageTool's pattern rules, written in YAML.

A rule is a sequence of token matchers; each matcher may test the token's text (`text`, a
word or a list), a regular expression (`regex`), its word class (`tag`, `not_tag`: Penn tags
from copydesk.wordclass, the tags a word can take), the tag the syntax layer's parse gives it in
its sentence (`parse_tag`), its case (`case`), and may be `optional`. `skip_to` matches every
token up to one of the listed stop words or marks (none of them with a tag in `without_tag`).
`sentence_start: true` matches no token, only the start of a sentence (after opening quotes).
A `skip_to` spans at most 12 tokens unless `skip_limit` allows more (a whole clause).
Antipatterns are token sequences that, matching anywhere over a match, cancel it.

`mark` chooses the tokens to flag (all by default); `suggest` templates rebuild the flagged
text from them: {1}, {2} ... are the pattern's tokens (after any `to` mapping), and the
result takes the case of the flagged text. {apostrophe} is the article's apostrophe (’ or ').
Patterns compile once; a match is tried only where its first fixed word list matches.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from copydesk.checks.base import Check, doc, parse_settings
from copydesk.findings import Finding
from copydesk.rules import Rule, RuleError
from copydesk.text import Analysis, Kind, Token, match_case
from copydesk.wordclass import tags

Predicate = Callable[[Token], bool]


@dataclass(frozen=True)
class Matcher:
    test: Predicate
    optional: bool = False
    mark: bool = False
    to: tuple[tuple[str, str], ...] = ()
    skip_to: frozenset[str] = frozenset()  # non-empty: match tokens up to one of these
    without: frozenset[str] = frozenset()  # with skip_to: tags none of the skipped tokens may have
    literals: frozenset[str] | None = None  # the texts it can match, when that is a fixed list
    sentence_start: bool = False  # matches no token: only where a sentence starts
    parse_tags: frozenset[str] = frozenset()  # non-empty: the parse's tag of each matched token is one of these
    skip_limit: int = 12  # with skip_to: how many tokens it may span


def _norm(text: str) -> str:
    return text.lower().replace("’", "'")


def _as_set(value: Any, where: str) -> frozenset[str]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
        raise RuleError(f"{where}: a text or a list of texts")
    return frozenset(items)


def compile_matcher(raw: Any, where: str) -> Matcher:
    if not isinstance(raw, dict):
        raise RuleError(f"{where}: each token is a mapping (text, regex, tag, ...)")
    known = {
        "text", "regex", "tag", "not_tag", "case", "kind", "optional", "mark", "to", "skip_to", "without_tag",
        "sentence_start", "parse_tag", "skip_limit",
    }  # fmt: skip
    unknown = set(raw) - known
    if unknown:
        raise RuleError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    tests: list[Predicate] = []
    literals = None
    if "text" in raw:
        literals = frozenset(_norm(t) for t in _as_set(raw["text"], where))
        frozen = literals
        tests.append(lambda t: _norm(t.text) in frozen)
    if "regex" in raw:
        try:
            rx = re.compile(raw["regex"], re.IGNORECASE)
        except re.error as exc:
            raise RuleError(f"{where}, regex: {exc}") from None
        tests.append(lambda t: rx.fullmatch(t.text) is not None)
    if "tag" in raw:
        wanted = _as_set(raw["tag"], where)
        tests.append(lambda t: (t.is_word or t.kind is Kind.NUMBER) and bool(tags(t.text) & wanted))
    if "not_tag" in raw:
        unwanted = _as_set(raw["not_tag"], where)
        tests.append(lambda t: not (tags(t.text) & unwanted))
    if "case" in raw:
        case = raw["case"]
        checks: dict[str, Callable[[str], bool]] = {
            "upper": str.isupper,
            "lower": str.islower,
            "title": lambda s: s[:1].isupper(),
        }
        if case not in checks:
            raise RuleError(f"{where}, case: upper, lower or title")
        case_test = checks[case]
        tests.append(lambda t: case_test(t.text))
    if "kind" in raw:
        if raw["kind"] not in {k.value for k in Kind}:
            raise RuleError(f"{where}, kind: one of {', '.join(k.value for k in Kind)}")
        kind = Kind(raw["kind"])
        tests.append(lambda t: t.kind is kind)
    to = raw.get("to") or {}
    if not isinstance(to, dict):
        raise RuleError(f"{where}, to: a mapping from a word to its replacement")
    skip_to = _as_set(raw["skip_to"], where) if "skip_to" in raw else frozenset()
    return Matcher(
        test=lambda t: all(test(t) for test in tests),
        optional=bool(raw.get("optional", False)),
        mark=bool(raw.get("mark", False)),
        to=tuple((_norm(k), v) for k, v in to.items()),
        skip_to=frozenset(_norm(s) for s in skip_to),
        without=_as_set(raw["without_tag"], where) if "without_tag" in raw else frozenset(),
        literals=None if raw.get("optional") else literals,
        sentence_start=bool(raw.get("sentence_start", False)),
        parse_tags=_as_set(raw["parse_tag"], where) if "parse_tag" in raw else frozenset(),
        skip_limit=_skip_limit(raw.get("skip_limit", 12), where),
    )


def _skip_limit(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise RuleError(f"{where}, skip_limit: a whole number of tokens, 1 or more")
    return value


def compile_sequence(raw: Any, where: str) -> tuple[Matcher, ...]:
    if not isinstance(raw, list) or not raw:
        raise RuleError(f"{where}: a non-empty list of tokens")
    return tuple(compile_matcher(m, f"{where} token {i + 1}") for i, m in enumerate(raw))


def match_at(seq: Sequence[Token], start: int, matchers: Sequence[Matcher]) -> list[tuple[int, int]] | None:
    """Match the matchers from seq[start]; each matcher's (from, to) token range, empty if skipped."""

    def go(i: int, m: int) -> list[tuple[int, int]] | None:
        if m == len(matchers):
            return []
        matcher = matchers[m]
        if matcher.sentence_start:
            rest = go(i, m + 1) if _at_sentence_start(seq, i) else None
            return None if rest is None else [(i, i), *rest]
        if matcher.skip_to:
            j = i
            while j < len(seq) and _norm(seq[j].text) not in matcher.skip_to:
                if matcher.without and _tags_in_context(seq, j) & matcher.without:
                    return None
                j += 1
                if j - i > matcher.skip_limit:
                    return None
            rest = go(j, m + 1)
            return None if rest is None else [(i, j), *rest]
        if i < len(seq) and matcher.test(seq[i]):
            rest = go(i + 1, m + 1)
            if rest is not None:
                return [(i, i + 1), *rest]
        if matcher.optional:
            rest = go(i, m + 1)
            if rest is not None:
                return [(i, i), *rest]
        return None

    return go(start, 0)


_SENTENCE_ENDS = frozenset({".", "!", "?"})
_OPENERS = frozenset({"“", '"', "‘", "'", "(", "["})


def _at_sentence_start(seq: Sequence[Token], i: int) -> bool:
    """Whether seq[i] opens a sentence: first in its paragraph, or after . ! ? and any opening quotes."""
    j = i - 1
    while j >= 0 and seq[j].text in _OPENERS:
        j -= 1
    return j < 0 or seq[j].text in _SENTENCE_ENDS


_NOUN_MAKERS = frozenset({"DT", "PRP$", "JJ", "VBG"})
_NOUN_ONLY_BEFORE = frozenset({"NN", "VB", "VBD", "VBZ", "RB"})


def _tags_in_context(seq: Sequence[Token], j: int) -> frozenset[str]:
    """The token's tags, read in context: after a determiner, a pure adjective or an -ing form a plural is
    no verb ("the strong views"); after a plural noun a base verb is finite ("their parents assume")."""
    own = tags(seq[j].text)
    if j == 0:
        return own
    before = tags(seq[j - 1].text)
    if "NNS" in own and before & _NOUN_MAKERS and not before & _NOUN_ONLY_BEFORE:
        return own - {"VBZ", "FINITE"}
    if "VB" in own and "NNS" in before and "NN" not in before:
        return own | {"FINITE"}
    return own


def _anchor(matchers: Sequence[Matcher]) -> tuple[frozenset[str] | None, tuple[int, ...]]:
    """The first fixed word list of the pattern and how many tokens may come before it: a match
    is tried only where one of those words stands. Tokens before it take one token each (none
    for sentence_start, none or one when optional), so the match can start only so far back."""
    offsets = {0}
    for matcher in matchers:
        if matcher.literals is not None:
            return matcher.literals, tuple(sorted(offsets))
        if matcher.skip_to:
            break
        if matcher.optional:
            offsets |= {o + 1 for o in offsets}
        elif not matcher.sentence_start:
            offsets = {o + 1 for o in offsets}
    return None, (0,)


def _starts(
    analysis: Analysis, literals: frozenset[str] | None, offsets: tuple[int, ...]
) -> Iterator[tuple[list[Token], int]]:
    units = analysis.paragraph_tokens
    if literals is None:
        for unit in units:
            for i in range(len(unit)):
                yield unit, i
        return
    index = analysis.token_index
    places = sorted({(u, i - offset) for word in literals for u, i in index.get(word, ()) for offset in offsets})
    for u, i in places:
        if i >= 0:
            yield units[u], i


def apostrophe_of(text: str) -> str:
    """The article's apostrophe: curly unless straight ones are in the majority."""
    straight = len(re.findall(r"\w'\w", text))
    curly = len(re.findall(r"\w’\w", text))
    return "'" if straight > curly else "’"


@dataclass(frozen=True)
class Settings:
    tokens: tuple[Any, ...] = field(
        metadata=doc("the token sequence to match: mappings of text, regex, tag, mark, to...")
    )
    antipatterns: tuple[Any, ...] = field(
        default=(), metadata=doc("token sequences that, matched, withdraw the finding")
    )
    suggest: str | tuple[str, ...] = field(default=(), metadata=doc("the fix as a template, or several"))


def paragraph_local(rule: Rule) -> bool:
    """A pattern reads one paragraph's tokens; only a fix that takes the article's apostrophe
    ("{apostrophe}") reads the whole article."""
    suggest = rule.settings.get("suggest") or ()
    return not any("{apostrophe}" in t for t in ([suggest] if isinstance(suggest, str) else suggest))


def build(rule: Rule) -> Check:
    settings = parse_settings(rule, Settings)
    where = rule.where("settings.tokens")
    matchers = compile_sequence(list(settings.tokens), where)
    antipatterns = [
        compile_sequence(a, f"{rule.where('settings.antipatterns')} #{i + 1}")
        for i, a in enumerate(settings.antipatterns)
    ]
    templates = [settings.suggest] if isinstance(settings.suggest, str) else list(settings.suggest)
    marked = [i for i, m in enumerate(matchers) if m.mark] or list(range(len(matchers)))
    literals, offsets = _anchor(matchers)
    parsed = any(m.parse_tags for sequence in (matchers, *antipatterns) for m in sequence)

    def check(analysis: Analysis) -> Iterator[Finding]:
        apostrophe = apostrophe_of(analysis.text) if any("{apostrophe}" in t for t in templates) else "’"
        tagged: dict[int, str] | None = None  # the parse's tags, read once, at the first match
        for seq, start in _starts(analysis, literals, offsets):
            spans = match_at(seq, start, matchers)
            if spans is None or not _adjacent(analysis.text, seq, spans):
                continue
            if tagged is None:
                tagged = {w.start: w.tag for sentence in analysis.parsed for w in sentence} if parsed else {}
            if not _parse_agrees(matchers, tagged, seq, spans):
                continue
            if any(_overlaps(seq, spans, a, tagged) for a in antipatterns):
                continue
            yield from _finding(analysis, seq, spans, apostrophe)

    def _finding(
        analysis: Analysis, seq: Sequence[Token], spans: list[tuple[int, int]], apostrophe: str
    ) -> Iterator[Finding]:
        chosen = [spans[i] for i in marked if spans[i][0] < spans[i][1]]
        if not chosen:
            return
        start, end = seq[chosen[0][0]].start, seq[chosen[-1][1] - 1].end
        flagged = analysis.text[start:end]
        values = {"apostrophe": apostrophe}
        for i, (a, b) in enumerate(spans):
            words = [_mapped(seq[k].text, matchers[i]) for k in range(a, b)]
            values[str(i + 1)] = _fill(" ".join(words), {"apostrophe": apostrophe})
        replacements = []
        for template in templates:
            text = " ".join(_fill(template, values).split())
            text = text.replace(" ,", ",").replace(f" {apostrophe}", apostrophe) if text else text
            replacements.append(match_case(flagged, text) if flagged[:1].isupper() else text)
        yield rule.finding(start, end, flagged, [r for r in replacements if r != flagged] if templates else [])

    return check


_FIELD = re.compile(r"\{(\w+)\}")


def _fill(template: str, values: dict[str, str]) -> str:
    """Put token texts ({1}, {2}...) and {apostrophe} into a suggestion template."""
    return _FIELD.sub(lambda m: values.get(m.group(1), m.group()), template)


def _mapped(text: str, matcher: Matcher) -> str:
    for source, target in matcher.to:
        if _norm(text) == source:
            return match_case(text, target)
    return text


def _adjacent(text: str, seq: Sequence[Token], spans: list[tuple[int, int]]) -> bool:
    """Matched tokens are separated by white space within one line, never a line break."""
    first = next((a for a, b in spans if b > a), None)
    last = next((b for a, b in reversed(spans) if b > a), None)
    if first is None or last is None:
        return False
    return "\n" not in text[seq[first].start : seq[last - 1].end]


def _parse_agrees(
    matchers: Sequence[Matcher], tagged: Mapping[int, str], seq: Sequence[Token], spans: list[tuple[int, int]]
) -> bool:
    """Whether the parse (`tagged`: each word's tag by its start) tags each token of a matcher with
    `parse_tag` as it asks; without the syntax layer no such token agrees, so a rule (or an
    antipattern) that asks stays silent rather than guess."""
    return all(
        tagged.get(seq[k].start) in matcher.parse_tags
        for matcher, (a, b) in zip(matchers, spans, strict=True) if matcher.parse_tags for k in range(a, b)
    )  # fmt: skip


def _overlaps(
    seq: Sequence[Token], spans: list[tuple[int, int]], anti: Sequence[Matcher], tagged: Mapping[int, str]
) -> bool:
    lo = next(a for a, b in spans if b > a) if any(b > a for a, b in spans) else spans[0][0]
    hi = max(b for _, b in spans)
    for s in range(max(0, lo - len(anti)), min(len(seq), hi)):
        got = match_at(seq, s, anti)
        if got is not None and _parse_agrees(anti, tagged, seq, got):
            a_lo = min((a for a, b in got if b > a), default=s)
            a_hi = max(b for _, b in got)
            if a_lo < hi and lo < a_hi:
                return True
    return False
