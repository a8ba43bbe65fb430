"""A preposition typed as another, judged by measured counts and the parse: "the end off the war",
"a majority off the athletes", "our use off GPS", "full off people" want "of".

"Off" after a noun is right where the noun takes it ("a day off work", "the islands off the
coast"); edited prose (Google Books' bigram counts, as symspellpy ships them) writes "end of"
hundreds of millions of times and "end off" too rarely to list. The slip is flagged where the
word before takes the meant preposition at least `min_count` times and the written one at most
`max_ratio` as often (a rarer word, down to `min_count_after`, when the word after the written one
is never listed after it either: "barrels off oil"), and the parse does not make the written one a
verb's ("taking the pictures off the fridge": "taking off" is common) or a measure's ("two months
off work"). After a quantifier, before a determiner or pronoun, the counts are not needed: "most
off them" is a part of a whole, which takes "of" (the verb test still holds: "take some off the
top"). Before an adjective and its noun, the adjective's counts decide whatever stands before
("off equal importance": "of equal" is common, "off equal" too rare to list).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from copydesk.checks.base import Check, doc, parse_settings
from copydesk.checks.syntactic import Tree, trees
from copydesk.findings import Finding
from copydesk.lexicon import bigram_counts, followed_rather, preceded_rather
from copydesk.rules import Rule
from copydesk.text import Analysis, match_case

_BEFORE = frozenset({"NN", "NNS", "JJ", "JJS"})  # JJ: "full off people"; JJS: "to the best off my ability"
_PARTICLES = frozenset({"RP", "RB", "IN"})  # "out off the water": a particle or adverb the verb took
_PHRASE_STARTS = frozenset({"DT", "PRP$", "PRP", "NN", "NNS", "NNP", "NNPS", "CD", "JJ"})
_DETERMINED = frozenset({"DT", "PRP$", "PRP"})  # "the", "their", "them": a whole to take a part of


@dataclass(frozen=True)
class Settings:
    swaps: Mapping[str, tuple[str, ...]] = field(
        metadata=doc("each preposition written for another, and the one meant ('off: [of]')")
    )
    min_count: int = field(
        default=100_000_000, metadata=doc("fewest 'W meant' in the bigram counts for W to be judged")
    )
    min_count_after: int = field(
        default=100_000_000,
        metadata=doc("fewest 'W meant' (and 'meant X') in the bigram counts for W to be judged when the word X "
                     "after the written one is never listed after it ('barrels off oil': 'off oil' unlisted)"),
    )  # fmt: skip
    max_ratio: float = field(
        default=0.002, metadata=doc("most 'W written' per 'W meant' in the bigram counts for the slip to be flagged")
    )
    min_count_described: int = field(
        default=0,
        metadata=doc("fewest 'meant X' in the bigram counts for an adjective X, never listed after the written "
                     "one, to show the slip whatever word stands before ('off equal importance'); 0 for never"),
    )  # fmt: skip
    quantifiers: tuple[str, ...] = field(
        default=(),
        metadata=doc("quantifiers that take a partitive with the meant preposition ('most of them'): before a "
                     "determined phrase or a pronoun the written one is the slip, whatever the counts"),
    )  # fmt: skip
    places: tuple[str, ...] = field(
        default=(),
        metadata=doc("nouns of place the written preposition takes in its own sense ('off': 'coast', 'road'): "
                     "a phrase headed by one after a noun is where that thing lies ('an island off the "
                     "coast'), whatever the counts of the noun before"),
    )  # fmt: skip


def build(rule: Rule) -> Check:
    settings = parse_settings(rule, Settings)
    swaps = {written.lower(): meant[0].lower() for written, meant in settings.swaps.items() if meant}
    quantifiers = frozenset(q.lower() for q in settings.quantifiers)
    places = frozenset(p.lower() for p in settings.places)

    def slip(tree: Tree, i: int) -> str | None:
        """The preposition meant where word i is written, or None."""
        words = tree.words
        word = words[i]
        meant = swaps.get(word.lower)
        before, after = tree.previous_word(i), tree.next_word(i)
        if after is not None and words[after].tag == "``":
            after = tree.next_word(after)  # "high levels off “food waste”": the phrase inside its quotation marks
        if meant is None or before is None or after is None:
            return None
        noun, governor = words[before], words[word.head]
        if described(tree, i, after, meant):
            return meant
        article = tree.previous_word(before)
        superlative = noun.tag == "JJS" and article is not None and words[article].lower == "the"
        partitive = (noun.lower in quantifiers or (noun.tag == "CD" and noun.text.isalpha()) or superlative) and (
            words[after].tag in _DETERMINED or words[after].dep == "poss"
        )  # a number spelled out counts a part as a quantifier does ("eight off her 20 days"), and so does "the"
        # and a superlative ("the lowest off the three summits"; "the island furthest off the coast" has no "the")
        if noun.tag in _PARTICLES and not partitive and words[after].tag in _PHRASE_STARTS:
            # "pulled me out off the water", "ahead off global names": a particle the written word
            # never follows, before a phrase
            return meant if followed_rather(noun.lower, meant, word.lower, settings.min_count, 0) else None
        # A quantifier's part of a determined whole ("most off them", "one off their ships") needs no counts.
        if not partitive:
            if any(words[o].lower in places for o in tree.kids(i, "pobj")):
                return None  # "an island off the coast", "a street off the main road": where the thing lies
            if noun.tag not in _BEFORE or words[after].tag not in _PHRASE_STARTS or tree.kids(before, "nummod"):
                return None  # "two months off work", "38% off": a measure taken off something
            # A rarer noun is judged when the word after is never written after the written one either
            # ("barrels off oil"); never before a determiner ("keep litter off the streets")
            shown_after = words[after].tag not in _DETERMINED and preceded_rather(
                words[after].lower, meant, word.lower, settings.min_count_after
            )
            least = min(settings.min_count, settings.min_count_after) if shown_after else settings.min_count
            if not followed_rather(noun.lower, meant, word.lower, least, settings.max_ratio):
                return None
        taken_by_verb = (governor.lower, word.lower) in bigram_counts(frozenset({meant, word.lower})) and not (
            governor.lemma == "be" and word.head < before
        )  # "be" takes its own "off" straight after it ("the talks are off"), not after its noun ("are numbers off")
        other_noun = governor.tag in ("NN", "NNS") and followed_rather(
            governor.lower, meant, word.lower, settings.min_count, settings.max_ratio
        )  # "levels of loss but high levels off waste": the parse hung it on another noun that takes "of" too
        if word.head != before and not other_noun and (governor.tag[:2] != "VB" or (taken_by_verb and word.head < i)):
            return None  # "taking their pictures off the fridge": a verb before it that takes "off" (one
            # after it does not: "Most off the brands are American")
        return meant

    def described(tree: Tree, i: int, after: int, meant: str) -> bool:
        """Whether word i opens an adjective's noun phrase ("off equal importance", "are off good
        quality", "poor quality off public services") with an adjective that edited prose never writes
        after it and writes after the meant one at least `min_count_described` times: the counts
        show the slip whatever stands before. Only after a noun or "be": bare idioms stay ("off stage",
        "off sick"), and so do places ("off southern Italy"), an "off" of a verb ("cut off free
        supplies", "fishing off coastal waters") and one a hyphen joins ("spin-off")."""
        words = tree.words
        adjective, word = words[after], words[i]
        if not settings.min_count_described or adjective.tag != "JJ" or tree.hyphenated(i):
            return False
        phrase = words[adjective.head]
        if adjective.dep != "amod" or phrase.dep != "pobj" or phrase.head != i or adjective.head <= after:
            return False
        if phrase.tag not in ("NN", "NNS") or not phrase.text.islower() or word.dep == "prt":
            return False  # a place ("sank off southern Italy"); a verb's particle ("cut off free supplies")
        governor = words[word.head]
        if governor.tag not in ("NN", "NNS") and governor.lemma != "be":
            return False  # an "off" of place or motion a verb takes ("fishing off coastal waters")
        return preceded_rather(adjective.lower, meant, word.lower, settings.min_count_described)

    def check(analysis: Analysis) -> Iterator[Finding]:
        for tree in trees(analysis):
            for i, word in enumerate(tree.words):
                meant = slip(tree, i)
                if meant is not None:
                    yield rule.finding(word.start, word.end, word.text, [match_case(word.text, meant)], meant=meant)

    return check
