"""Open compound modifiers before a noun, on the parse: "a ten second break", "a 35 year old
surfer", "pollution related deaths" want "ten-second", "35-year-old", "pollution-related".

Two words that together describe the noun after them are one modifier, hyphenated in every
house style, where the parse shows they are one:
- a number and a singular unit ("number-unit"): the singular after a number greater than one is
  only possible inside a modifier ("ten second" cannot be a phrase of its own), and before a
  singular noun the number cannot count that noun. "Year old" and its kind after a number take
  both hyphens. Left alone: years ("the 2016 election campaign"), labels ("the number 10 shirt",
  "Room 101 door"), money ("£1 coin"), "per cent", and plural nouns the number may count ("28
  member states");
- a noun and the past participle it qualifies ("noun-participle"): "animal based products", where
  the parse hangs the noun on the participle, not on the noun after it;
- an adjective used as an adverb, or "well", and the participle it qualifies ("adverb-participle"):
  "a high powered helicopter", "hard earned tips", "well loved animals". Not an -ly adverb, which
  is never hyphenated ("newly built"), nor a comparative or superlative ("the fastest growing").
  Where the parse hangs the word on the participle as an adjective ("the fast growing industry"),
  or on the noun before a past participle ("low paid workers"), only a flat adverb (one with the
  adjective's form, listed by the rule) is taken for the participle's: an adjective there may be
  the noun's own ("social networking site", "big painted doors").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from copydesk.checks.base import Check, doc, parse_settings
from copydesk.checks.syntactic import (
    COUNTABLE_GAP,
    FINITE_TAGS,
    HYPHENS,
    Tree,
    countable,
    measure_is_predicate,
    trees,
)
from copydesk.findings import Finding
from copydesk.rules import Rule
from copydesk.text import Analysis
from copydesk.wordclass import has_tag

_YEAR = re.compile(r"1[0-9]{3}|20[0-9]{2}")
# Number words that are themselves counted ("two million people"), not counting a unit.
_LARGE = frozenset({"hundred", "thousand", "million", "billion", "trillion", "dozen"})
_AGES = frozenset({"old"})  # "a 35 year old surfer": the unit's adjective, hyphenated with it
_ADJECTIVE = frozenset({"JJ"})
_DEGREES = frozenset({"JJR", "JJS", "RBR", "RBS"})
# The irregular comparatives and superlatives (Quirk et al. 1985, ch. 7), which the lexicon tags as plain adjectives
_IRREGULAR_DEGREES = frozenset({"better", "best", "worse", "worst", "more", "most", "less", "least", "further",
                                "furthest", "farther", "farthest"})  # fmt: skip
_WELL = frozenset({"well", "ill"})  # adverbs that join a participle ("well-known", "ill-fated")


@dataclass(frozen=True)
class Settings:
    shape: Literal["number-unit", "noun-participle", "adverb-participle"] = field(
        metadata=doc("which compound: a number and a unit ('ten-second break'), a noun and a participle "
                     "('animal-based products'), an adverb and a participle ('hard-earned tips')")
    )  # fmt: skip
    ignored: tuple[str, ...] = field(
        default=(), metadata=doc("words never taken for the compound's second part ('percent', 'cent')")
    )
    flat_adverbs: tuple[str, ...] = field(
        default=(), metadata=doc("adverbs with the adjective's form ('fast', 'low'), taken for the participle's "
                                 "even where the parse calls them adjectives")
    )  # fmt: skip


def _before_its_noun(tree: Tree, p: int) -> bool:
    """Whether word p modifies a noun after it, with nothing between but that noun's own nouns
    ("the UK based conservation charity")."""
    words = tree.words
    head = words[p].head
    if head <= p or words[head].tag not in ("NN", "NNS"):
        return False
    between = (k for k in range(p + 1, head) if words[k].text.strip())
    return all(words[k].dep == "compound" and words[k].head == head for k in between)


def _age_before_noun(tree: Tree, u: int) -> bool:
    """Whether the plural unit at u is an age straight before the noun it describes, after its number
    ("a 15 years old boy"): one modifier, whose unit is singular ("15-year-old"); not a predicate
    ("he is 15 years old") nor an age after its noun ("a boy 15 years old")."""
    words = tree.words
    number, old = tree.previous_word(u), tree.next_word(u)
    if number is None or old is None or words[number].tag != "CD" or words[number].head != u:
        return False
    noun = tree.next_word(old)
    return (words[old].lower in _AGES and words[old].dep == "amod" and noun is not None and words[old].head == noun
            and words[noun].tag in ("NN", "NNS"))  # fmt: skip


def _finite_verb(tree: Tree, p: int) -> bool:
    """Whether the sentence of word p has a finite verb besides it: if not, the "participle" may be
    the sentence's verb, which the tagger took for a participle."""
    root = tree.root(p)
    if root != p and tree.words[root].tag == "VBN":
        return True  # "A well known collector paid for it": a past tense the tagger took for a participle
    return any(tree.words[k].tag in FINITE_TAGS for k in tree.subtree(root) if k != p)


def build(rule: Rule) -> Check:
    settings = parse_settings(rule, Settings)
    ignored = frozenset(w.lower() for w in settings.ignored)
    flat_adverbs = frozenset(w.lower() for w in settings.flat_adverbs)

    def number_unit(tree: Tree, u: int) -> tuple[int, int, str] | None:
        """(first word, last word, the compound hyphenated) for a number and unit at word u."""
        words = tree.words
        unit = words[u]
        plural_age = unit.tag == "NNS" and _age_before_noun(tree, u)
        if (unit.tag != "NN" and not plural_age) or not unit.text.isalpha() or not unit.text.islower() or (
            unit.lower in ignored
        ):  # fmt: skip
            return None
        number = next((k for k in tree.kids(u, "nummod") if words[k].tag == "CD" and k < u), None)
        if number is None:
            return None
        count = words[number]
        joined = tree.next_word(number) != u  # "307-year old": a hyphen already stands between them
        if joined and not (words[number + 1].text in HYPHENS and number + 2 == u and tree.hyphenated(number)
                           and words[number + 1].end == unit.start):  # fmt: skip
            return None
        if not joined and count.end == unit.start:
            return None  # "15km", "100m": a symbol written close, not a word
        if _YEAR.fullmatch(count.text) or count.text.startswith("0") or count.lower in _LARGE or (
            not count.text[-1].isalnum()
        ):  # fmt: skip
            return None  # a year, a code ("007"), a large number counting what follows
        before = tree.previous_word(number)
        if before is not None and (words[before].tag.startswith("NN") or not words[before].text.isalnum()) and not (
            words[before].text in HYPHENS or words[before].text in ",;:("
        ):  # fmt: skip
            return None  # a label ("number 10 shirt"), money ("£1 coin"), a range ("3/1 month")
        after = tree.next_word(u)
        if after is None:
            return None
        if words[after].lower in _AGES and unit.head in (after, words[after].head):
            if not joined and measure_is_predicate(tree, number, after):
                return None  # "he was 20 year old": the unit is counted (agreement.noun-number), not hyphenated
            first = u if joined else number
            singular = unit.lemma.lower() if plural_age else unit.text  # "a 15 years old boy": "15-year-old"
            text = f"{unit.text}-{words[after].text}" if joined else f"{count.text}-{singular}-{words[after].text}"
            return first, after, text  # "a 35 year old surfer", "a 307-year old union"
        if joined or unit.head != after or words[after].tag != "NN" or tree.hyphenated(after):
            return None  # a plural the number may count ("28 member states")
        if not countable(unit.lemma, COUNTABLE_GAP):
            return None
        return number, u, f"{count.text}-{unit.text}"

    def noun_participle(tree: Tree, p: int) -> tuple[int, int, str] | None:
        """(first word, last word, the compound hyphenated) for a noun and the participle at word p."""
        words = tree.words
        participle = words[p]
        if participle.tag not in ("VBN", "VBD") or participle.dep != "amod" or not participle.text.isalpha():
            return None  # a past tense is no modifier: the tagger's for a participle ("the UK based tycoon")
        if not participle.text.islower() or participle.lower in ignored:
            return None
        noun = tree.previous_word(p)
        if noun is None or not _before_its_noun(tree, p):
            return None
        word = words[noun]
        if word.tag not in ("NN", "NNS", "NNP") or not word.text.isalpha() or tree.hyphenated(noun):
            return None
        if tree.kids(noun, "amod", "compound", "poss", "nummod"):
            return None  # "the highest altitude manned flight": the noun heads a phrase of its own (a lone
            # determiner is the whole phrase's, which the parse hung on the first noun: "the UK based tycoon")
        if word.head != p or word.dep != "npadvmod" or has_tag(word.lower, _ADJECTIVE):
            return None  # the noun qualifies the noun after, not the participle ("marine protected areas":
            # "marine" may be the adjective)
        if not _finite_verb(tree, p):
            return None  # a sentence with no verb but the "participle": "The ethylene deposited carbon on"
        return noun, p, f"{word.text}-{participle.text}"

    def adverb_participle(tree: Tree, p: int) -> tuple[int, int, str] | None:
        """(first word, last word, the compound hyphenated) for an adverb and the participle at word p."""
        words = tree.words
        participle = words[p]
        if participle.tag not in ("VBN", "VBG") or participle.dep != "amod" or not participle.text.isalpha():
            return None
        adverb = tree.previous_word(p)
        if adverb is None or not _before_its_noun(tree, p):
            return None
        word = words[adverb]
        if word.tag not in ("JJ", "RB") or word.lower.endswith("ly"):
            return None
        read_as_adverb = word.head == p and word.dep == "advmod"
        flat = word.lower in flat_adverbs and word.dep == "amod" and (
            word.head == p or (word.head == participle.head and participle.tag == "VBN")
        )  # "the fast growing industry", "low paid workers" (not "low reoffending rate": a gerund's noun)
        if not (read_as_adverb or flat):
            return None
        if not (word.text.isalpha() and word.text.islower() and participle.text.islower()) or tree.hyphenated(adverb):
            return None
        if (word.lower not in _WELL and not has_tag(word.lower, _ADJECTIVE)) or word.lower in _IRREGULAR_DEGREES or (
            has_tag(word.lower, _DEGREES)
        ):  # fmt: skip
            return None  # an adverb of its own ("twice featured"), a comparative ("better defined")
        if not _finite_verb(tree, p):
            return None
        return adverb, p, f"{word.text}-{participle.text}"

    find = {"number-unit": number_unit, "noun-participle": noun_participle, "adverb-participle": adverb_participle}[
        settings.shape
    ]

    def check(analysis: Analysis) -> Iterator[Finding]:
        for tree in trees(analysis):
            for i in range(len(tree.words)):
                found = find(tree, i)
                if found is not None:
                    first, last, fixed = found
                    start, end = tree.words[first].start, tree.words[last].end
                    yield rule.finding(start, end, analysis.text[start:end], [fixed])

    return check
