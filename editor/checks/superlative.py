""""The" missing before a superlative, "same" or an ordinal, on the parse: "it is biggest music
retailer in the world", "a range of latest products", "at same time", "Wales will become first
country" want "the biggest", "the latest", "the same", "the first".

A superlative (or "same", or an ordinal: Quirk 5.29-5.31, unique reference) before its noun picks
out one thing, so its noun phrase is definite and opens with "the" unless another determiner stands
there ("its latest album", "Europe's largest port"). The parse finds the phrase's own determiners
wherever they attach; a phrase that shares one with a phrase before it ("the largest city and third
largest port") is left alone. An ordinal names a rank or a manner with some nouns, bare ("in third
place", "at first sight"), and "last" or "next" makes a time an adverb ("by next summer"): the
rule lists both. An ordinal in figures ("21st") is one too, and an ordinal with a number after it
picks out a set, definite whatever its noun ("for next 10 years" wants "the next").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from copydesk.checks.base import Check, doc, parse_settings
from copydesk.checks.syntactic import (
    COUNTABLE_GAP,
    DETERMINER_DEPS,
    DETERMINER_TAGS,
    NOUN_TAGS,
    Tree,
    countable,
    trees,
)
from copydesk.findings import Finding
from copydesk.rules import Rule
from copydesk.text import Analysis
from copydesk.wordclass import has_tag

_MODIFIERS = frozenset({"amod", "compound", "advmod"})
_NUMBERED = re.compile(r"\d+(?:st|nd|rd|th)")  # "21st", "3rd": an ordinal in figures
_ADJECTIVE = frozenset({"JJ"})  # the lexicon's: the tagger calls "pest" a superlative


@dataclass(frozen=True)
class Settings:
    also: tuple[str, ...] = field(default=(), metadata=doc("words that take 'the' as a superlative does ('same')"))
    ignored: tuple[str, ...] = field(
        default=(),
        metadata=doc("superlatives left alone: quantifiers ('most people') and those in fixed compounds "
                     "('best practice', 'worst case')"),
    )  # fmt: skip
    ordinals: tuple[str, ...] = field(
        default=(), metadata=doc("words that take 'the' before a singular count noun only ('first', 'next'); "
                                 "before a plural they may be indefinite ('third parties', 'previous generations')")
    )  # fmt: skip
    bare_nouns: tuple[str, ...] = field(
        default=(), metadata=doc("nouns an ordinal leaves bare: a rank, a manner ('in third place', 'at first sight')")
    )
    deictic: tuple[str, ...] = field(
        default=(), metadata=doc("words that make a time an adverb, bare ('next', 'last': 'by next summer')")
    )
    times: tuple[str, ...] = field(default=(), metadata=doc("nouns of time that go bare after those ('year', 'week')"))


def build(rule: Rule) -> Check:
    settings = parse_settings(rule, Settings)
    also = frozenset(w.lower() for w in settings.also)
    ignored = frozenset(w.lower() for w in settings.ignored)
    ordinals = frozenset(w.lower() for w in settings.ordinals)
    bare_nouns = frozenset(w.lower() for w in settings.bare_nouns)
    deictic = frozenset(w.lower() for w in settings.deictic)
    times = frozenset(w.lower() for w in settings.times)

    def bare(tree: Tree, n: int) -> int | None:
        """The superlative opening noun n's phrase when nothing determines the phrase."""
        words = tree.words
        if words[n].tag not in NOUN_TAGS or words[n].dep == "conj":
            return None
        modifiers = [k for k in tree.kids(n, *_MODIFIERS) if k < n]
        if not modifiers:
            return None
        start = min(modifiers)
        if any(words[k].dep != "nummod" or k < start for k in tree.kids(n, *DETERMINER_DEPS)):
            return None  # a determiner (a number after the ordinal is none: "the next 10 years")
        first = words[start]
        superlative = first.tag == "JJS" and first.lower.endswith("est") and has_tag(first.lower, _ADJECTIVE)
        ordinal = first.lower in ordinals or bool(_NUMBERED.fullmatch(first.lower))
        if not (superlative or ordinal or first.lower in also) or first.lower in ignored or not (
            first.text.isalpha() or ordinal
        ):  # fmt: skip
            return None
        noun = words[n]
        counted = ordinal and noun.tag in ("NN", "NNS") and noun.text.islower() and any(
            words[k].tag == "CD" and words[k].lower not in ("one", "1") and start < k < n
            for k in tree.kids(n, "nummod")
        )  # "the next 10 years", "the first three days": an ordinal and a number pick out a set
        if ordinal and not counted and not (
            noun.tag == "NN" and noun.text.islower() and noun.dep != "compound" and countable(noun.lemma, COUNTABLE_GAP)
        ):  # fmt: skip
            return None  # "third parties", "second generation drugs", "previous news": indefinite, or no count noun
        if not first.text.islower():
            return None  # a title or a headline ("Biggest Loser"), or a sentence's first word
        if tree.hyphenated(start):
            return None  # "same-sex couples"
        if noun.lower in bare_nouns or (first.lower in deictic and noun.lower in times and not counted):
            return None  # "in third place", "at first sight"; "by next summer"
        before = tree.previous_word(start)
        if before is not None:
            word = words[before]
            if word.tag in DETERMINER_TAGS or word.dep == "poss" or not word.text.isalpha():
                return None  # a determiner the parse attached elsewhere
            if word.tag == "IN" and tree.starts_sentence(before):
                return None  # "Of gravest concern is...": a fronted phrase of formal style
            if tree.hyphenated(before):
                return None  # "all-time largest earners": the compound before it is the phrase's start
        return start

    def check(analysis: Analysis) -> Iterator[Finding]:
        for tree in trees(analysis):
            starts = (bare(tree, n) for n in range(len(tree.words)))
            for word in (tree.words[k] for k in starts if k is not None):
                yield rule.finding(word.start, word.end, word.text, [f"the {word.text}"], word=word.text)

    return check
