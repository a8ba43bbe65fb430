"""Hyphenation: one compound written two ways ("long-term" and "long term") in one article.

The majority wins, a tie goes to the hyphen. A verb and its particle ("to set up") is another
word than the compound ("a set-up"), by the parse, and is left alone. Predicate uses ("the plan is long term") are
right open in every style, so they are neither counted nor flagged; nor is a hyphenated
compound before a noun ("long-term plan") when the article writes the noun open elsewhere.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from copydesk.checks.base import Check, doc, parse_settings
from copydesk.checks.consistency import describe_variants
from copydesk.findings import Finding
from copydesk.lexicon import can_be_noun
from copydesk.rules import Rule, word_list
from copydesk.text import Analysis, Kind, Token

_LINKING = word_list("linking_verbs")
_DEGREE = word_list("degree_adverbs")
# Words that cannot be the noun a compound modifies: "fly tipping and dumping" is a noun use.
FUNCTION_WORDS = word_list("function_words")


@dataclass(frozen=True)
class Use:
    start: int
    end: int
    text: str
    hyphenated: bool
    line: int
    attributive: bool = False


def hyphen_parts(token: Token) -> list[tuple[int, int, str]]:
    """The hyphen-separated parts of a word token, with their offsets."""
    parts, pos = [], token.start
    for part in token.text.split("-"):
        parts.append((pos, pos + len(part), part))
        pos += len(part) + 1
    return parts


def _is_predicate(tokens: tuple[Token, ...], i: int) -> bool:
    """Whether the word at token i follows a linking verb ("is long term", "is very well known")."""
    words = [t for t in tokens[max(0, i - 4) : i] if t.kind is Kind.WORD]
    if words and words[-1].lower in _LINKING:
        return True
    return (
        len(words) >= 2
        and words[-2].lower in _LINKING
        and (words[-1].lower in _DEGREE or words[-1].lower.endswith("ly"))
    )


def _before_noun(tokens: tuple[Token, ...], i: int) -> bool:
    """Whether the word at token i stands before another content word (a compound modifier)."""
    return (
        i + 2 < len(tokens)
        and tokens[i + 1].text == " "
        and tokens[i + 2].kind is Kind.WORD
        and tokens[i + 2].lower not in FUNCTION_WORDS
        and can_be_noun(tokens[i + 2].text)
    )


@dataclass(frozen=True)
class Settings:
    ignore_parts: tuple[str, ...] = field(
        default=(), metadata=doc("compounds with one of these words are never flagged")
    )


def build(rule: Rule) -> Check:
    never = frozenset(w.lower() for w in parse_settings(rule, Settings).ignore_parts)

    def check(analysis: Analysis) -> Iterator[Finding]:
        tokens = analysis.tokens
        uses: dict[tuple[str, str], list[Use]] = defaultdict(list)
        hyphen_keys: set[tuple[str, str]] = set()
        for i, tok in enumerate(tokens):
            if tok.kind is not Kind.WORD or "-" not in tok.text or tok.text[:1].isupper():
                continue  # names ("Dark-Sky Association") keep their own form
            parts = hyphen_parts(tok)
            for (s1, _e1, a), (_s2, e2, b) in itertools.pairwise(parts):
                key = (a.lower(), b.lower())
                if a and b and not never & set(key) and not FUNCTION_WORDS & set(key):
                    hyphen_keys.add(key)
                    attributive = e2 != tok.end or _before_noun(tokens, i)
                    uses[key].append(Use(s1, e2, analysis.text[s1:e2], True, analysis.line_of(s1), attributive))
        if not hyphen_keys:
            return
        for i in range(len(tokens) - 2):
            first, gap, second = tokens[i], tokens[i + 1], tokens[i + 2]
            if first.kind is not Kind.WORD or gap.text != " " or second.kind is not Kind.WORD:
                continue
            if first.text[:1].isupper() and second.text[:1].isupper():
                continue  # "Motor Neurone Association": a name keeps its own form
            a_start, _, a = hyphen_parts(first)[-1]
            _, b_end, b = hyphen_parts(second)[0]
            key = (a.lower(), b.lower())
            if key not in hyphen_keys or _is_predicate(tokens, i if a_start == first.start else i + 1):
                continue
            if analysis.phrasal_verb(a_start, second.start):
                continue  # "to set up" beside "a set-up": a verb and a noun, both right
            attributive = b_end != second.end or _before_noun(tokens, i + 2)
            uses[key].append(
                Use(a_start, b_end, analysis.text[a_start:b_end], False, analysis.line_of(a_start), attributive)
            )
        for key in sorted(hyphen_keys):
            group = uses[key]
            summary = describe_variants(
                {
                    "-".join(key): [u.line for u in group if u.hyphenated],
                    " ".join(key): [u.line for u in group if not u.hyphenated],
                }
            )
            # Before a noun ("long-term plan") a compound takes the hyphen unless the article
            # mostly writes it open there; elsewhere ("for the long term") like is compared with like.
            hyphenated = [u for u in group if u.hyphenated]
            open_before_noun = [u for u in group if not u.hyphenated and u.attributive]
            open_elsewhere = [u for u in group if not u.hyphenated and not u.attributive]
            hyphenated_elsewhere = [u for u in hyphenated if not u.attributive]
            losers: list[Use] = []
            if open_before_noun:
                if len(hyphenated) >= len(open_before_noun):
                    losers += open_before_noun
                else:
                    losers += [u for u in hyphenated if u.attributive]
            if open_elsewhere and hyphenated_elsewhere and len(open_elsewhere) != len(hyphenated_elsewhere):
                losers += open_elsewhere if len(hyphenated_elsewhere) > len(open_elsewhere) else hyphenated_elsewhere
            for u in losers:
                fixed = u.text.replace("-", " ") if u.hyphenated else u.text.replace(" ", "-")
                yield rule.finding(u.start, u.end, u.text, [fixed], variants=summary)

    return check
