"""Doubled words: "hidden and and their" -> "hidden and their"."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from copydesk.checks.base import Check, doc, parse_settings
from copydesk.checks.quotes import quotations
from copydesk.findings import Finding, Severity
from copydesk.lexicon import zipf
from copydesk.rules import Rule
from copydesk.text import Analysis, Kind, Token, line_starts
from copydesk.wordclass import CLOSED_CLASSES, has_tag, tags


@dataclass(frozen=True)
class Settings:
    allow: tuple[str, ...] = field(
        default=(), metadata=doc('words whose doubling is grammatical ("that that", "had had")')
    )
    allow_after: Mapping[str, tuple[str, ...]] = field(
        default_factory=dict, metadata=doc('a doubled word allowed after these words ("is is" after "what")')
    )
    # A verb's particle followed by a preposition of the same spelling: "checked in in March" is
    # right, "debated in in the session" is not; which one only a reader can tell.
    particles_after_verbs: tuple[str, ...] = field(
        default=(), metadata=doc('particles that may double after a verb ("checked in in March"): only proposed')
    )


def build(rule: Rule) -> Check:
    # Some doubles are grammatical ("that that", "had had"); the pack lists them.
    settings = parse_settings(rule, Settings)
    allowed = frozenset(w.lower() for w in settings.allow)
    allowed_after = {k.lower(): frozenset(w.lower() for w in v) for k, v in settings.allow_after.items()}
    particles = frozenset(w.lower() for w in settings.particles_after_verbs)

    def check(analysis: Analysis) -> Iterator[Finding]:
        tokens = analysis.tokens
        alone: frozenset[str] | None = None  # read only when a capitalised double is met
        titles: tuple[tuple[int, int], ...] | None = None
        for i, first in enumerate(tokens):
            if not first.is_word or first.lower in allowed:
                continue
            # Only whitespace between the two, and at most one line break: a blank line
            # starts a new paragraph, and punctuation means a new clause ("that. That").
            if i + 2 >= len(tokens):
                break
            gap, second = tokens[i + 1], tokens[i + 2]
            if gap.kind is not Kind.SPACE or second.kind is not Kind.WORD:
                continue
            breaks = len(line_starts(gap.text)) - 1
            if second.lower != first.lower or breaks > 1:
                continue
            end, replacement = second.end, first.text
            after = tokens[i + 3] if i + 3 < len(tokens) else None
            if breaks and after is not None and after.kind is Kind.SPACE and not after.text.strip(" \t"):
                # Keep the line break where it was: drop the second word and the space after it.
                end, replacement = after.end, first.text + gap.text
            if analysis.paragraph_index(first.start) != analysis.paragraph_index(second.start):
                continue  # a heading and the paragraph under it ("Flying through time / Time zones")
            name = (
                first.text[:1].isupper()
                and second.text[:1].isupper()
                and (not analysis.starts_sentence(first.start) or not _is_function_word(first.lower))
            )
            if name:
                alone = _written_alone(tokens) if alone is None else alone
                titles = _titles(analysis) if titles is None else titles
                if first.text not in alone and not _slip_in_name(analysis, i, titles):
                    # A name until shown otherwise: "the Mau Mau rebellion", and at a sentence's start
                    # "Duran Duran played", "Walla Walla is"; but "The The report" is a slip, and so is a
                    # double the lexicon knows as a word ("the French French team") or one inside a
                    # longer name ("in San Francisco Francisco", "North North America").
                    continue
            before = _previous_word(tokens, i)
            if before is not None and before.lower in allowed_after.get(first.lower, ()) and not _relative_that(
                tokens, i
            ):  # fmt: skip
                continue
            # After a verb the first may be its particle ("checked in in March"), and a name the article
            # also writes once may still be doubled ("Sirhan Sirhan ... Sirhan"): asked, never fixed unattended.
            maybe_particle = name or (
                before is not None and first.lower in particles and has_tag(before.lower, _VERB_FORMS)
            )
            flagged = analysis.text[first.start : end]
            yield rule.finding(
                first.start,
                end,
                flagged,
                [replacement],
                safe=not maybe_particle,
                severity=Severity.WARNING if maybe_particle else None,
            )  # not surely wrong

    return check


_VERB_FORMS = frozenset({"VBD", "VBN", "VB", "VBZ", "VBG"})
# A word this common in wordfreq's counts (Zipf) is a word of its own, which the lexicon may not list
# ("French" 5.1, "British" 5.2); names made by doubling double rarer words ("Walla" 2.9, "Duran" 3.1).
_COMMON_WORD = 4.5
# Indefinite pronouns the lexicon files as nouns (Quirk 6.45): "all that is is paid" is not a noun's relative clause.
_INDEFINITE_PRONOUNS = frozenset({"all", "everything", "something", "anything", "nothing", "much", "little"})


def _written_alone(tokens: tuple[Token, ...]) -> frozenset[str]:
    """The words the text writes at least once without a copy beside them ("England", beside a
    slip "England England"): a doubled name is then likely a slip, not a name like "Bora Bora"."""
    words = [t.text.removesuffix("'s").removesuffix("’s") for t in tokens if t.is_word]  # "England's" too
    return frozenset(
        w for k, w in enumerate(words)
        if (k == 0 or words[k - 1] != w) and (k + 1 == len(words) or words[k + 1] != w)
    )  # fmt: skip


def _slip_in_name(analysis: Analysis, i: int, titles: tuple[tuple[int, int], ...]) -> bool:
    """Whether a capitalised double at token i is a slip though no copy stands alone: the lexicon
    knows the word, or wordfreq counts it as common ("the French French team"; names made by
    doubling double rarer words of other languages: "Walla Walla", "Bora Bora") or it stands
    beside another capitalised word of a longer name ("San Francisco Francisco", "Peng Peng Shuai";
    a sentence's first word aside). Not in a quoted title ("Wild Wild West") nor before a word it
    rhymes on ("The Yeah Yeah Yeahs")."""
    tokens = analysis.tokens
    word = tokens[i].lower
    before = _previous_word(tokens, i)
    after = tokens[i + 4] if i + 4 < len(tokens) and tokens[i + 3].kind is Kind.SPACE else None
    if (after is not None and after.lower.startswith(word)) or any(a < tokens[i].start < b for a, b in titles):
        return False
    return (
        bool(tags(word))
        or zipf(word) >= _COMMON_WORD
        or (before is not None and before.text[:1].isupper() and not analysis.starts_sentence(before.start))
        or (after is not None and after.is_word and after.text[:1].isupper())
    )


def _relative_that(tokens: tuple[Token, ...], i: int) -> bool:
    """Whether the word before token i is a "that" straight after a word the lexicon knows only as a
    noun: a relative pronoun, which does not allow the double that "what that is is" does
    ("surveillance that is is begun")."""
    that = _previous_word(tokens, i)
    noun = _previous_word(tokens, i - 2) if that is not None and that.lower == "that" else None
    known = tags(noun.lower) if noun is not None else frozenset()
    return bool(known) and known <= {"NN", "NNS"} and noun is not None and noun.lower not in _INDEFINITE_PRONOUNS


def _titles(analysis: Analysis) -> tuple[tuple[int, int], ...]:
    """Quotations whose every longer word is capitalised: titles of works ("Men In Black")."""
    return tuple(
        (a, b) for a, b in quotations(analysis, unclosed=False)
        if all(t.text[:1].isupper() for t in analysis.tokens if t.is_word and len(t.text) > 3 and a < t.start < b)
    )  # fmt: skip


def _is_function_word(word: str) -> bool:
    return any(word in words for words in CLOSED_CLASSES.values())


def _previous_word(tokens: tuple[Token, ...], i: int) -> Token | None:
    """The word just before token i, if only white space separates them."""
    if i >= 2 and tokens[i - 1].kind is Kind.SPACE and tokens[i - 2].is_word:
        return tokens[i - 2]
    return None
