"""Determiner–noun number on the parse: "this findings", "these kind", "a results", "many problem",
"each members", "one of the reason". The determiner is found by the parse (it may stand before
adjectives), the noun's number by its tag and the lexicon. Words the same in both numbers
("series"), names and mass nouns ("many information" wants "much", not a plural) are left
alone; whether a noun counts is measured from wordfreq: its plural must be in common use.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Literal

from copydesk.checks.base import Check, doc, parse_settings
from copydesk.checks.syntactic import (
    COUNTABLE_GAP,
    DETERMINER_DEPS,
    FINITE_TAGS,
    GENITIVE_ENDINGS,
    HYPHENS,
    KINDS,
    NOUN_TAGS,
    PLURAL_WITH_A,
    VERB_TAGS,
    Tree,
    countable,
    counted_by_one,
    inflect,
    lemma_gap,
    measure_is_predicate,
    money,
    number_invariant,
    singular_in_s,
    subject_as_compound,
    trees,
    with_case,
)
from copydesk.findings import Finding
from copydesk.lexicon import bigram_counts, zipf
from copydesk.rules import Rule
from copydesk.text import Analysis, Word
from copydesk.wordclass import tags

# After a noun of quantity a mass reading is common ("a variety of food", "a range of motion"): the
# plural must be nearly as common as the singular ("reasons" -0.4; "foods" -1.0, "times" -0.7).
QUANTITY_GAP = -0.45
# Cardinals in words that count a plural noun: "after five round", "150 million tonne of plastic".
_NUMBER_WORDS = frozenset({"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                           "twenty", "thirty", "forty", "fifty", "hundred", "thousand", "million", "billion",
                           "trillion", "dozens", "hundreds"})
_NOUN_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})
# Nouns used as time adverbs, never the modifier of a noun before them: "bought two book yesterday"
_DEICTIC_TIME = frozenset({"yesterday", "today", "tomorrow", "tonight"})
_LARGE_NUMBERS = frozenset({"million", "billion", "trillion"})
# A determiner before a number that still counts the noun: "every 30 year" (a possessive too: "her
# 20 day"); after "a" or "the" the two may name or modify a thing ("a 24 hour service", "the
# 10,000 Belgian franc", "the 007 movie").
_COUNTED_AFTER = frozenset({"every"})
_SPAN_WORDS = frozenset({"next", "last", "past", "first", "following", "previous"})  # "the next 10 years"
_NOUN_PHRASE_START = frozenset({"DT", "PRP$", "NN", "NNS", "JJ", "CD"})
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
# A rate: a number of things per period ("three times a week", "29 million pizzas a year")
_RATE_WORDS = frozenset({"a", "an", "per", "every", "each"})
_PERIODS = frozenset({"second", "minute", "hour", "day", "night", "week", "month", "year", "decade", "season"})
_RELATIVE_TIME = frozenset({"ago", "later", "earlier", "before", "after", "on", "old", "long", "younger", "older"})
# Adjectives of measure after a number and unit ("5 year old", "2 metre long"; Quirk 7.25)
_DIMENSIONS = frozenset({"old", "long", "wide", "high", "deep", "tall", "thick", "heavy", "broad", "away", "late",
                         "early", "young", "overdue", "apart"})
# A word in -s far commoner than its lemma is a singular of its own, not that lemma's plural ("atlas"
# 3.8 against "atla" 2.2, "crossroads" +1.0, "lens" +0.74, "bus" +1.3; plurals: "parents" +0.64,
# "students" +0.23, "rules" +0.12, "photos" -0.14; wordfreq's Zipf scale).
_SINGULAR_IN_S = 0.7
_NOUN_OVER_VERB = 10  # "the W" per "to W" in the bigram counts for W to count as a noun, not a verb
# Adjectives that let "a" go with a plural or a number ("a good many", "a whole three days", "an extra
# two weeks", "a record 5 points"): between "a" and a plural they do not show a slip.
_QUANTITY_ADJECTIVES = frozenset({"great", "good", "whole", "further", "additional", "extra", "mere", "full", "solid",
                                  "estimated", "total", "record", "staggering", "whopping", "healthy"})
# Of those, the ones that count only before a number or "many" ("a good 20 minutes", "a great many"):
# before a plural alone they are adjectives of quality ("a great guys").
_COUNTING_ADJECTIVES = _QUANTITY_ADJECTIVES - {"good", "great"}
# Nouns of quantity and kind that take a plural through "of" (Quirk 5.25-5.30): before a plural
# without it, the "of" is what was lost ("a wide variety threats"), not the noun's number.
_PARTITIVE_NOUNS = frozenset({"variety", "range", "number", "kind", "type", "sort", "series", "host", "array",
                              "selection", "collection", "mix", "bunch", "handful", "set", "group", "pair", "majority"})


@dataclass(frozen=True)
class Settings:
    singular: tuple[str, ...] = field(
        default=(), metadata=doc("determiners that want a singular noun ('this', 'each', 'a'); 'x=y' also "
                                 "names the determiner's plural ('this=these')")
    )
    plural: tuple[str, ...] = field(
        default=(), metadata=doc("determiners that want a plural noun ('these', 'many'); 'x=y' names the "
                                 "determiner's singular ('these=this')")
    )
    ignore: tuple[str, ...] = field(
        default=(), metadata=doc("nouns whose number the form does not tell ('data', 'media', 'dozen')")
    )
    numbers: bool = field(default=False, metadata=doc("also a cardinal number above one + a singular count noun"))
    counted_alike: tuple[str, ...] = field(
        default=(), metadata=doc("of the ignored nouns, those a number counts without '-s' ('five crew', '20 "
                                 "staff'): the others are counted nouns after a number ('150,000 families')")
    )
    one_of: bool = field(default=False, metadata=doc("also 'one of the' or 'each of the' + a singular count "
                                                      "noun"))
    plural_of: tuple[str, ...] = field(
        default=(), metadata=doc("nouns of quantity after whose 'of' a count noun is plural ('a number of', "
                                 "'a variety of', 'thousands of')")
    )
    plural_by_usage: tuple[str, ...] = field(
        default=(), metadata=doc("quantifiers opening a bare noun phrase ('more', 'other') after which a count noun "
                                 "is plural where edited prose lists the plural after them and not the singular")
    )
    shared_plural: tuple[str, ...] = field(
        default=(), metadata=doc("words counting a plural noun whose count a singular count noun joined to it by "
                                 "'and' shares ('all ages and ability': 'abilities')")
    )
    plural_pronouns: tuple[str, ...] = field(
        default=(), metadata=doc("pronouns that determine a noun straight after them, which is then plural ('we "
                                 "teachers', 'us humans')")
    )
    superlative_complement: bool = field(
        default=False, metadata=doc("also a plural after 'the' and a superlative as the complement of a singular noun "
                                    "and 'is' ('the show is the hottest topics')")
    )
    usage_min_count: int = field(
        default=20_000_000, metadata=doc("fewest 'Q nouns' in the bigram counts for a bare 'Q noun' to be flagged")
    )
    fix: Literal["noun", "determiner"] = field(
        default="noun",
        metadata=doc("what the fix changes: the noun's number, or the determiner (when it has a partner)"),
    )


def _counted(tree: Tree, number: int, n: int, after: int | None) -> bool:
    """Whether the number counts the noun, which must then be plural: "after five round", "the next
    10 year". Not a modifier ("a 24 hour service", "the £20 note", "top 10 hit"), a unit glued to
    its number ("9m"), a list's number, a name's number ("HAL 9000 computer") or a noun that is a
    verb ("12 admit that"). Before a rate's period the number counts, whatever else the noun can
    be ("four time a week", "29 million pizza a year")."""
    noun, count = tree.words[n], tree.words[number]
    before = tree.previous_word(number)
    after_tag = tree.words[after].tag if after is not None else ""
    if not _plural_number(count) or noun.start == count.end or not countable(noun.lemma, COUNTABLE_GAP):
        return False  # "9m": a unit glued to its number
    if tree.hyphenated(n):
        return False  # "a 14-fold rise": a compound adjective
    if _per_period(tree, after) and not money(tree, number) and not (
        before is not None and tree.words[before].tag in ("NNP", "NNPS")
    ):  # fmt: skip
        return True  # "four time a week", "29 million pizza a year": a rate counts what it measures
    if count.lower in _LARGE_NUMBERS and (after is None or tree.words[after].lower != "of" or "VB" in tags(noun.text)):
        return False  # a measure only before its "of" ("150 million tonne of plastic"); "15 million black",
        # "1.2 million die", "half a million euro": what a large number stands for, not a unit it counts
    if count.text.isalpha() and zipf(count.lower + noun.lower) >= 1.5:
        return False  # "increased by ten fold": one word split ("tenfold", "sixpence"), not a count
    if tree.starts_sentence(number) and not count.text.isalpha():
        return False  # "4 Social engineer": a numbered heading (not "Two decade ago")
    odds = tree.previous_word(before) if before is not None and tree.words[before].lower == "in" else None
    if odds is not None and tree.words[odds].tag == "CD" and _after_article(tree, odds):
        return False  # "a one in four chance": odds modifying the noun ("one in ten children" counts them)
    if money(tree, number) or (before is not None and tree.words[before].tag in ("NNP", "NNPS")):
        return False  # "the £20 note", "a $1 billion fine": an amount of money names a thing; so does a name's number
    predicative = after is not None and after_tag == "JJ" and _predicative(tree, after, number)
    adverb = after is not None and tree.words[after].lower in _DEICTIC_TIME  # "bought two book yesterday"
    modifier = not adverb and ((after_tag in _NOUN_PHRASE_START and not predicative) or after_tag[:2] == "NN")
    if modifier or after_tag == "``" or (
        "VB" in tags(noun.text) and noun.tag != "JJ" and after_tag in ("IN", "DT", "PRP", "PRP$", "TO", "WDT")
        and not _mostly_noun(noun.lower)
        and not (noun.dep == "dobj" and noun.head < number and after_tag == "IN" and tree.kids(noun.head, "nsubj"))
    ):  # fmt: skip
        return False  # "aged over 12 admit that": a verb; not the object of a clause verb ("has opened 60 store in")
    alternatives = {k for c in tree.kids(number, "conj", "cc") for k in tree.subtree(c)}  # "four or five day"
    if any(tree.words[j].tag not in ("JJ", "JJR", "JJS") and j not in alternatives for j in range(number + 1, n)):
        return False
    dets = [k for k in tree.kids(n, "det") if tree.words[k].lower not in _COUNTED_AFTER and not (
        tree.words[k].lower in ("a", "an") and tree.words[tree.next_word(k) or k].lower in _QUANTITY_ADJECTIVES
    )]  # "an extra 150 calorie", "an estimated 300 victim": the adjective lets "a" go with a number that counts
    if count.text.isalpha() and not any(tree.words[k].lower in ("a", "an") for k in dets):
        return True  # a number in words counts ("the three race"); in figures it may name a thing ("the 2016 season")
    return not dets or any(tree.words[k].lower in _SPAN_WORDS for k in tree.kids(n, "amod"))


_BASE_FORMS = frozenset({"VB", "VBP"})  # a verb's base form and its present, which share a spelling


def _after_article(tree: Tree, k: int) -> bool:
    """Whether "a" or "an" opens the phrase word k starts, a comparison aside ("a one in four",
    "a better than one in four")."""
    j = tree.previous_word(k)
    while j is not None and tree.words[j].tag in ("JJR", "RBR", "RB", "IN") and tree.words[j].lower != "in":
        j = tree.previous_word(j)
    return j is not None and tree.words[j].lower in ("a", "an")


def _mostly_noun(lower: str) -> bool:
    """Whether edited prose writes "the" before the word far more often than "to" ("the time", "the
    minute", "the film"): a noun, whatever verb the lexicon also knows by that name ("to time"),
    unlike "admit" or "play"."""
    counts = bigram_counts(frozenset({"the", "to"}))
    after_the, after_to = counts.get(("the", lower), 0), counts.get(("to", lower), 0)
    return after_the > 0 and after_the >= _NOUN_OVER_VERB * after_to


def _per_period(tree: Tree, after: int | None) -> bool:
    """Whether the words at `after` are a rate's period: "a week", "per year", "every day"."""
    if after is None or tree.words[after].lower not in _RATE_WORDS:
        return False
    period = tree.next_word(after)
    if period is None or tree.words[period].lower not in _PERIODS:
        return False
    then = tree.next_word(period)  # "their top 10 hit a year ago": a time, not a rate
    return then is None or tree.words[then].lower not in _RELATIVE_TIME


def _predicative(tree: Tree, k: int, number: int) -> bool:
    """Whether the adjective at k stands alone after a number and noun ("survived 28 day adrift"),
    not before a noun it modifies, in a compound ("two practice free-falls") or in a measure that
    names a thing ("a 5 year old boy", "a 2 metre long table", "the 10 year old"). A measure's
    adjective that stands alone with no article before its number is a predicate ("he was 20 year
    old", "it is 2 metre long"), where the unit is counted."""
    if tree.hyphenated(k):
        return False
    if tree.words[k].lower in _DIMENSIONS:
        return measure_is_predicate(tree, number, k)
    following = tree.next_word(k)
    return following is None or tree.words[following].tag[:2] not in ("NN", "JJ", "CD")


def _joined_after(tree: Tree, n: int) -> bool:
    """Whether an "and" follows noun n within its phrase (its "of" phrases included), before any
    other preposition, verb or mark: the noun may be one of two the determiner shares ("both
    strength of mind and strength of will"), or the "and" joins clauses the parse ran together
    ("this sources and we believe"). An "and" after another preposition's object ("these list of
    photos for your ideas and ...") joins something else, and so does one before a preposition ("for
    these club and for the game")."""
    for at, word in enumerate(tree.words[n + 1 : n + 8], start=n + 1):
        if word.lower == "and":
            after = tree.next_word(at)
            if after is not None and tree.words[after].tag in ("IN", "TO"):
                return False  # "for these club and for the game": "and" joins phrases, each with its own head
            return tree.words[word.head].tag[:2] != "VB"
        ends = (word.tag == "IN" and word.lower != "of") or word.tag[:2] in ("VB", "MD") or not word.text.isalnum()
        if ends and word.text.strip():
            return False
    return False


def _phrase_number(tree: Tree, n: int) -> bool | None:
    """Whether the rest of noun n's phrase shows it plural (True) or singular (False), None when
    nothing does: "all" before the determiner ("all these year"), or the verb it is the subject of
    ("These problem are", "This results shows"). When the determiner and the noun differ, the word
    the context sides with is the right one."""
    words = tree.words
    if any(words[k].lower == "all" for k in tree.kids(n, "predet")):
        return True
    noun = words[n]
    if noun.lemma.lower() in KINDS and any(
        words[o].tag == "NNS" for k in tree.kids(n, "prep") if words[k].lower == "of" for o in tree.kids(k, "pobj")
    ):  # fmt: skip
        return True  # "these kind of things": "these kinds of things", the plural after "of" sides with the determiner
    if noun.dep == "pobj" and words[noun.head].lower == "of" and _counts_a_part(tree, words[noun.head].head) and (
        countable(noun.lemma, COUNTABLE_GAP)
    ):  # fmt: skip
        return True  # "20 of these position", "a lot of those company": the whole a part is taken of is plural
    if (noun.dep not in ("nsubj", "nsubjpass") or noun.head < n) and not subject_as_compound(tree, n):
        return None
    verb = words[noun.head]
    auxes = [words[k] for k in tree.kids(noun.head, "aux", "auxpass") if k > n]
    finite = auxes[0] if auxes else verb
    if finite.lower in ("is", "was", "has", "does") or finite.tag == "VBZ":
        return False
    if finite.lower in ("are", "were", "have", "do") or finite.tag == "VBP":
        return True
    return None


# Words that take a part of a plural whole only ("each of the students"; not "some of the cake")
_PARTS_OF_MANY = frozenset({"one", "each", "either", "neither", "both", "several", "many", "few"})
_PART_OF = frozenset({"some", "many", "most", "all", "few", "several", "none", "lot", "lots", "number", "majority",
                      "both", "each", "any", "dozens", "hundreds", "thousands", "millions"})


def _counts_a_part(tree: Tree, k: int) -> bool:
    """Whether word k, before "of", takes a part of a plural whole: a number or a quantifier ("20 of",
    "most of", "a lot of"; Quirk 5.25-5.30), not "one" ("one of these" is right either way)."""
    word = tree.words[k]
    if word.tag == "CD":  # not an amount of money, which may be part of a mass ("£1.8 million of that work")
        return word.lower not in ("one", "1") and not money(tree, k)
    return word.lower in _PART_OF


def _one_hyphenated_modifier(tree: Tree, first: int, n: int) -> bool:
    """Whether the words from `first` up to noun n are one hyphenated compound before it ("a
    high-quality", "a go-to", "a well-known"), its parts written close ("not - this"), none of them
    a word that counts ("a few-dozen")."""
    words = tree.words[first:n]
    if len(words) < 3 or len(words) % 2 == 0:
        return False
    parts, hyphens = words[::2], words[1::2]
    return (all(h.text in HYPHENS for h in hyphens) and all(p.text.isalnum() for p in parts)
            and all(a.end == b.start for a, b in pairwise(words))
            and not any(p.lower in PLURAL_WITH_A or p.lower in _QUANTITY_ADJECTIVES for p in parts))  # fmt: skip


def _plain_adjectives(words: Sequence[Word], n: int) -> bool:
    """Whether the words between "a" and the plural n are adjectives (or participles) the lexicon
    never knows as a verb, which may head a clause, and that do not count ("a large heatsinks", "a
    great guys", "a predefined rules"; not "a great many", "a coupla", "a further two", whose counting
    word or number the check stops at), two of them joined ("a cheap and reliable services"), and at
    most a singular noun modifying it last ("an older model vehicles")."""
    last = words[-1] if words else None
    noun_modifier = last is not None and (
        (last.dep == "compound" and last.tag == "NN") or (last.dep == "amod" and tags(last.text) == {"NN"})
    )  # a noun the parse may call an adjective: "an undergraduate students"
    if last is not None and noun_modifier and last.head == n and last.text.isalpha() and (
        last.text.islower() and last.lower not in PLURAL_WITH_A and last.lower not in _PARTITIVE_NOUNS
        and not last.lower.endswith("illion")
    ):  # not a count or a part that lost its "of" ("a couple minutes", "a gazillion options", "a wide variety threats")
        words = words[:-1]
    if len(words) == 3 and words[1].dep == "cc" and words[2].dep == "conj":
        words = [words[0], replace(words[2], dep=words[0].dep)]  # the second adjective hangs on the first
    return all(w.dep == "amod" and w.lower not in PLURAL_WITH_A and w.lower not in _COUNTING_ADJECTIVES and (
        (w.tag in ("JJ", "JJR") and "JJ" in tags(w.text) and tags(w.text) <= {"JJ", "NN", "RB"})
        or (w.tag == "VBN" and tags(w.text) <= {"VBN", "VBD", "JJ"})
    ) for w in words)


def _singular_taken_for_plural(noun: Word) -> bool:
    """Whether a noun in -s is a singular of its own, not a plural: the lexicon's ("atlas", "lens"),
    or far commoner than what the tagger made its singular ("crossroads")."""
    return noun.lower.endswith("s") and (singular_in_s(noun.lower) or lemma_gap(noun) > _SINGULAR_IN_S)


def _opens_sentence(tree: Tree, k: int) -> bool:
    """Whether word k opens its sentence, alone or after a conjunction ("And that areas must")."""
    before = tree.previous_word(k)
    return tree.starts_sentence(k) or (
        before is not None and tree.words[before].tag == "CC" and tree.starts_sentence(before)
    )


def _subjectless_verb_after(tree: Tree, verb: int) -> bool:
    """Whether a finite verb after `verb`, hung on it, has no subject of its own: the clause of
    `verb` is then that verb's subject ("That millennials rely on it is no secret")."""
    return any(
        tree.words[c].tag in ("VBZ", "VBP", "VBD") and not tree.kids(c, "nsubj", "nsubjpass", "expl")
        for c in tree.children[verb] if c > verb
    )


def _superlative(tree: Tree, n: int) -> bool:
    """Whether noun n has a superlative adjective of its own: "the best", "the most popular"."""
    return any(
        tree.words[k].tag == "JJS" or any(tree.words[j].lower == "most" for j in tree.kids(k, "advmod"))
        for k in tree.kids(n, "amod")
    )


def _plural_number(word: Word) -> bool:
    """A cardinal that wants a plural noun: "10", "two", "1.5"; not "1", "one", a code ("007 movie"),
    nor a year ("2016 season")."""
    text = word.lower.replace(",", "")
    year = text.isdigit() and len(text) == 4 and 1000 <= int(text) <= 2100 and "," not in word.text  # not "1,600"
    if text in ("1", "one", "a", "an") or text.startswith("0") or year:
        return False
    return text.replace(".", "", 1).isdigit() or text in _NUMBER_WORDS


def _pairs(items: tuple[str, ...]) -> dict[str, str | None]:
    return {i.split("=")[0].lower(): (i.split("=")[1] if "=" in i else None) for i in items}


def build(rule: Rule) -> Check:
    settings = parse_settings(rule, Settings)
    singular, plural = _pairs(settings.singular), _pairs(settings.plural)
    ignored = frozenset(w.lower() for w in settings.ignore)
    counted_alike = frozenset(w.lower() for w in settings.counted_alike)
    plural_of = frozenset(w.lower() for w in settings.plural_of)

    def noun_fix(noun: Word, wants_plural: bool) -> str | None:
        """The noun in the number the determiner wants ("these memory" -> "memories"), if it has one."""
        form = inflect(noun.lemma, "NNS" if wants_plural else "NN")
        return with_case(noun, form) if form and form.lower() != noun.lower else None

    def fixes(tree: Tree, n: int, det: Word, wants_plural: bool, partner: str | None) -> list[str]:
        if settings.fix == "determiner" and partner and _phrase_number(tree, n) != wants_plural:
            return [with_case(det, partner)]
        form = noun_fix(tree.words[n], wants_plural)
        return [form] if form else []

    def mismatch(tree: Tree, n: int) -> Iterator[tuple[Word, Word, bool, str | None]]:
        noun = tree.words[n]
        if noun.tag not in ("NN", "NNS", "JJ"):
            return
        if noun.tag == "JJ" and noun.dep in _NOUN_ROLES and "NN" in tags(noun.text) and (
            tree.kids(n, "det") or any(tree.words[k].lower in plural or tree.words[k].tag == "CD"
                                       for k in tree.kids(n, "amod", "nummod"))
        ) and countable(noun.lemma, COUNTABLE_GAP):  # fmt: skip
            noun = replace(noun, tag="NN")  # "These token was", "like many other,": a count noun in a noun's role,
            # which the tagger took for an adjective (not "those elderly", whose noun has no plural in use)
        numbers = [k for k in tree.kids(n, "nummod") if k < n and tree.words[k].tag == "CD"]
        following = tree.next_word(n)
        unit = noun.tag == "JJ" and bool(numbers) and "NN" in tags(noun.text) and (
            following is None or tree.words[following].tag[:2] not in ("NN", "JJ", "VB", "CD", "``")
        )  # "for 40 second while": a unit ending its phrase, which the tagger took for an ordinal ("three
        # official supporting documents" is an adjective)
        if (noun.tag not in ("NN", "NNS") and not unit) or number_invariant(noun.text, noun.lemma) or (
            not noun.text.isalpha()
        ):  # fmt: skip
            return
        if noun.tag == "NNS" and _singular_taken_for_plural(noun):
            return  # "a giant atlas" (lemma "atla"), "a crossroads": a singular the tagger took for a plural
        lexicon = tags(noun.text)
        if lexicon and lexicon <= _BASE_FORMS:
            return  # "many student enrol on courses": a word the lexicon knows only as a verb's base form is no
            # noun whose number to change ("enrols"), whatever the tagger made of it ("signing" is a noun too)
        counted = settings.numbers and len(numbers) == 1 and noun.tag != "NNS" and noun.lower not in counted_alike
        if ((noun.lower in ignored or noun.lemma.lower() in ignored) and not counted) or noun.dep == "compound":
            return  # a collective noun's number is usage ("this staff", "these staff"), but after a number most
            # are counted ("150,000 families")
        after = tree.next_word(n)
        if after is not None and tree.words[after].text in GENITIVE_ENDINGS:
            owned = tree.next_word(after)
            if owned is not None and tree.words[owned].tag[:2] in ("NN", "JJ", "CD"):
                return  # "farmers’ market": a possessive, whose number is its own
        after_tag = tree.words[after].tag if after is not None else ""
        known = tags(tree.words[after].text) if after is not None else frozenset()
        if after_tag[:2] == "VB" and known and known <= NOUN_TAGS:
            after_tag = "NNS"  # "This forces temperatures up": a word the lexicon knows only as a noun
        articled = any(tree.words[k].lower in ("a", "an") and k < n for k in tree.kids(n, "det"))
        if noun.tag == "NNS" and "VBZ" in tags(noun.text) and not (articled and noun.dep == "ROOT") and (
            noun.dep not in ("nsubj", "nsubjpass", "dobj", "pobj", "attr") or after_tag in _NOUN_PHRASE_START
        ):  # fmt: skip
            return  # "This page documents...", "This forces prices up": the tagger's noun may be the verb (but
            # no verb heads "A good or bad experiences with cars.": "a" and its adjectives are no subject)
        if noun.tag == "NNS" and after_tag in ("NN", "NNP", "NNPS"):
            return  # "this years Super Bowl": a possessive without its apostrophe
        if noun.tag == "NN" and after_tag in ("NNS", "VB"):
            return  # "those body wash bottles": a modifier of a plural after it, which the parse missed
        plurals_joined = bool(numbers) and any(tree.words[c].tag == "NNS" for c in tree.kids(n, "conj"))
        if not plurals_joined and (
            any(not tree.kids(c, "det", "nummod", "poss") for c in tree.kids(n, "conj")) or _joined_after(tree, n)
        ):  # fmt: skip
            return  # "both director and ambassador", "both strength of mind and strength of will" (but "three
            # shop, two restaurants": each noun has its own number; "590 painter, sculptors and designers": the
            # number counts plurals, the singular among them is the slip)
        if settings.numbers and len(numbers) == 1 and noun.tag in ("NN", "JJ") and _counted(tree, numbers[0], n, after):
            yield tree.words[numbers[0]], noun, True, None  # "for the next 10 year"; not "a 24 hour service"
            return
        if unit:
            return
        if settings.numbers and len(numbers) == 1 and noun.tag == "NNS" and counted_by_one(tree, numbers[0], n):
            yield tree.words[numbers[0]], noun, False, None  # "1 townhomes": one counts a singular
            return
        if any((tree.words[k].tag == "CD" or tree.words[k].dep in ("nummod", "quantmod", "poss"))
               and tree.words[k].lower not in plural for k in tree.children[n]):  # fmt: skip
            return  # "these 10 days", "every two weeks" (but "a few drug": the parse's "few" may be a nummod)
        if noun.tag == "NNS" and any(tree.words[k].lower in PLURAL_WITH_A for k in tree.kids(n, "amod")):
            return  # "a few days", "a great many people"
        for k in tree.kids(n, "det", "amod", "predet", "nummod"):
            det = tree.words[k]
            between = [tree.words[j] for j in range(k + 1, n) if tree.words[j].text.strip()]
            if k > n or (det.lower in ("a", "an") and between and not _one_hyphenated_modifier(tree, k + 1, n) and (
                not _plain_adjectives(between, n) or (between[-1].dep == "compound" and "VBZ" in tags(noun.text))
            )):  # fmt: skip  ("a high-quality products", "a go-to guys": one compound adjective, whatever its parts)
                continue  # "a coupla weeks", "a great many people": only known adjectives of quality may stand
                # between "a" and a plural ("with a predefined rules"); "a district uploads" is a clause
            if det.lower not in ("a", "an") and any(
                (
                    (w.tag not in ("JJ", "JJR", "JJS", "RB") and not (w.dep == "amod" and (
                        w.tag == "VBG" or (w.tag == "VBN" and det.lower in _DEMONSTRATIVES))))
                    or "VBZ" in tags(w.text)
                    or w.text[:1].isdigit()
                )
                and not (w.tag in ("NN", "NNP") and w.dep == "compound" and k < w.head <= n and noun.tag == "NN")
                and not (w.lower in (",", "and", "or") and 0 < at < len(between) - 1 and between[at - 1].tag == "JJ"
                         and between[at + 1].tag in ("JJ", "RB"))
                for at, w in enumerate(between)
            ):
                continue  # adjectives may stand between, a comma or "and" between two ("these lovely, wide smile",
                # "this sudden and violent movements"),
                # participles as adjectives ("these groundbreaking
                # index", "these learned deafness"; not "projects each offered solutions", where the participle
                # is a verb), and before a singular noun its own modifiers ("these NSA database programme");
                # "this page documents" is a clause
            if det.lower in ("a", "an") and noun.tag == "NNS" and not zipf(noun.lower):
                continue  # "a social anthropologist whoworks": no word in use (two run together), no plural
            if det.text == "A" and not tree.starts_sentence(k):
                continue  # "influenza A viruses", "vitamin A": a letter naming a kind, not the article
            if noun.tag == "NNS" and det.lower in singular:
                if det.lower == "that" and noun.dep in ("nsubj", "nsubjpass") and not (
                    _opens_sentence(tree, k) and not _subjectless_verb_after(tree, noun.head)
                ):  # "realize that old ways are", "That millennials rely on it is no secret": before a clause's
                    continue  # subject "that" is its conjunction (not before the main clause's: "And that areas must")
                yield det, noun, False, singular[det.lower]
            elif noun.tag == "NN" and det.lower in plural and (
                countable(noun.lemma, COUNTABLE_GAP)
                or (settings.fix == "determiner" and plural[det.lower] and not VERB_TAGS & tags(noun.text))
            ) and not (  # "those information": a mass noun wants "that" ("many information" is left alone;
                # "those thinking of", "those responsible left" are verbs the tagger called nouns)
                (plural[det.lower] is None or noun.dep in ("appos", "ROOT"))  # "these" is a subject only where
                # the parse finds no role for its "noun" ("emissions – these lead to acid rain")
                and "VB" in tags(noun.text) and after_tag not in ("NN", "NNS", "", "VBP", "VBZ", "VBD", "MD")
                and noun.dep in ("ROOT", "nsubj", "nsubjpass", "conj", "dep", "appos")
            ):  # "Many work on the farm", "these lead to acid rain": the determiner is the subject, the "noun" its
                # verb ("like many fan", "there were a few drug that": an object or complement is a noun; "Both
                # man face": a finite verb after it is the clause's)
                yield det, noun, True, plural[det.lower]

    def pronoun_subject(tree: Tree, n: int) -> Iterator[tuple[Word, Word, bool, str | None]]:
        """"These forces sewage upwards": a sentence whose only verb can be its "noun" in -s (others,
        if any, in -s and joined to it: "and pollutes the water"), which a word the lexicon knows
        only as a noun (or a determiner) follows. The plural determiner is then the pronoun subject
        of that verb and wants its singular partner ("This forces")."""
        words = tree.words
        noun, det = words[n], tree.previous_word(n)
        if det is None or noun.tag != "NNS" or "VBZ" not in tags(noun.text) or noun.lower in ignored:
            return
        partner = plural.get(words[det].lower)
        after = tree.next_word(n)
        if partner is None or after is None or not tree.starts_sentence(det) or words[det].head != n:
            return
        known = tags(words[after].text)
        if not ((known and known <= NOUN_TAGS) or words[after].tag in ("DT", "PRP$")):
            return
        finite = [k for k in tree.subtree(tree.root(n)) if k != n and words[k].tag in FINITE_TAGS
                  and not tags(words[k].text) <= NOUN_TAGS]  # fmt: skip
        if all(words[k].tag == "VBZ" and words[k].dep == "conj" for k in finite):  # "and pollutes the water"
            yield words[det], noun, False, partner

    def verb_subject(tree: Tree, n: int) -> Iterator[tuple[Word, Word, bool, str | None]]:
        """"how these resource tie into": a plural determiner and a singular count noun before a
        present verb, which the parse read as a verb with a determiner (the verb agrees with the
        determiner: the noun is the slip)."""
        words = tree.words
        noun = words[n]
        if noun.tag != "NN" or not subject_as_compound(tree, n) or noun.lower in ignored or not noun.text.islower():
            return
        dets = [k for k in tree.kids(noun.head, "det") if k < n and words[k].lower in plural]
        if dets and _plain_adjectives(words[dets[0] + 1 : n + 1], noun.head) and countable(
            noun.lemma, COUNTABLE_GAP
        ):
            yield words[dets[0]], noun, True, plural[words[dets[0]].lower]

    def one_of(tree: Tree, n: int) -> Iterator[tuple[Word, Word, bool, str | None]]:
        """"one of the reason", "each of the student": the whole that "one" or a quantifier of
        individuals takes a part of is plural (not "some of the cake", a part of one thing, nor a
        number: "nine of their 18.5-day entitlement", "the top ten of the annual study")."""
        noun = tree.words[n]
        # "one of the most favorite deal": picked from many, so plural, a collective noun too ("the best team")
        if noun.tag != "NN" or noun.dep != "pobj" or (noun.lower in ignored and not _superlative(tree, n)) or (
            not countable(noun.lemma, COUNTABLE_GAP)
        ):  # fmt: skip
            return
        prep = tree.words[noun.head]
        part = tree.words[prep.head]
        if prep.lower != "of" or part.lower not in _PARTS_OF_MANY or prep.head >= noun.head:
            return
        dets = tree.kids(n, "det", "poss")
        if dets and tree.words[dets[0]].lower in ("the", "my", "his", "her", "its", "our", "their", "your"):
            yield tree.words[dets[0]], noun, True, None

    def quantity_of(tree: Tree, n: int) -> Iterator[tuple[Word, Word, bool, str | None]]:
        """"a number of problem", "thousands of visitor": after a noun of quantity and "of", a bare
        count noun is plural (the quantity noun is reported as the determiner)."""
        noun = tree.words[n]
        if noun.tag != "NN" or noun.dep != "pobj" or noun.lower in ignored or not noun.text.islower():
            return
        prep = tree.words[noun.head]
        if prep.lower != "of" or prep.head + 1 != noun.head:
            return
        quantity = tree.words[prep.head]
        if quantity.lower not in plural_of or tree.kids(n, "det", "poss", "nummod", "conj"):
            return  # "a number of the", "a range of colour and texture": left alone
        if countable(noun.lemma, QUANTITY_GAP) and not number_invariant(noun.text, noun.lemma):
            yield quantity, noun, True, None

    shared_plural = frozenset(w.lower() for w in settings.shared_plural)

    def shared(tree: Tree, n: int) -> Iterator[tuple[Word, Word, bool, str | None]]:
        """"all ages and ability", "many cats and dog": a bare singular count noun joined by "and" to
        a plural that a counting word opens shares that count, so it is plural too (not a noun with
        a determiner or number of its own: "many cats and a dog")."""
        words = tree.words
        noun = words[n]
        if noun.tag != "NN" or noun.dep != "conj" or not (noun.text.isalpha() and noun.text.islower()) or (
            noun.lower in ignored or tree.kids(n, *DETERMINER_DEPS, "compound", "amod")
        ):  # fmt: skip
            return
        first = words[noun.head]
        joiner = tree.previous_word(n)
        if first.tag != "NNS" or noun.head > n or joiner is None or words[joiner].lower != "and":
            return
        counters = [k for k in tree.kids(noun.head, "det", "amod", "predet") if words[k].lower in shared_plural]
        after = tree.next_word(n)
        if not counters or (after is not None and words[after].tag[:2] in ("NN", "JJ")):
            return  # "all ages and skill levels": the noun modifies another
        if countable(noun.lemma, COUNTABLE_GAP) and not number_invariant(noun.text, noun.lemma):
            yield words[counters[0]], noun, True, None

    plural_pronouns = frozenset(w.lower() for w in settings.plural_pronouns)

    def pronoun_determined(tree: Tree, n: int) -> Iterator[tuple[Word, Word, bool, str | None]]:
        """"we Christian are", "us student": "we" and "us" determine a noun straight after them
        ("we teachers", "us humans"), which names the group they are, so it is plural. The parse
        makes the noun the pronoun's apposition, or the pronoun the noun's modifier."""
        words = tree.words
        noun = words[n]
        before = tree.previous_word(n)
        if noun.tag not in ("NN", "NNP") or not noun.text.isalpha() or before is None or before + 1 != n:
            return
        pronoun = words[before]
        if pronoun.lower not in plural_pronouns or (not pronoun.text.islower() and pronoun.text != "We"):
            return  # "The US team": a name, not the pronoun
        if not ((noun.dep == "appos" and noun.head == before) or pronoun.head == n) or tags(noun.text) & VERB_TAGS:
            return  # "how we farm", "helping us design": the pronoun's verb
        if countable(noun.lemma, COUNTABLE_GAP):  # a plural in use: "Christians", "students"
            yield pronoun, noun, True, None

    def superlative_complement(tree: Tree, n: int) -> Iterator[tuple[Word, Word, bool, str | None]]:
        """"Home and Accessories is the hottest topics": "the" and a superlative pick one thing, and a
        complement that names what a singular noun subject is agrees with it in number (Quirk
        10.36). Not after a pronoun ("it is the cheapest flights that sell": a cleft)."""
        words = tree.words
        noun = words[n]
        if noun.tag != "NNS" or noun.dep != "attr" or not (noun.text.isalpha() and noun.text.islower()) or (
            inflect(noun.lemma, "NN") in (None, noun.lower) or _singular_taken_for_plural(noun)
        ):  # fmt: skip
            return  # "the rarest species": one form for both numbers
        verb = noun.head
        subjects = tree.kids(verb, "nsubj")
        if words[verb].lower not in ("is", "was") or not subjects or words[subjects[0]].tag not in ("NN", "NNP"):
            return
        the = [k for k in tree.kids(n, "det") if words[k].lower == "the"]
        before = tree.previous_word(the[0]) if the else None
        if before is not None and (words[before].tag == "CD" or words[before].lower == "one"):
            return  # "Norway is one the richest countries": a part of them, whose "of" is lost (missing-word's)
        if _superlative(tree, n) and the and not tree.kids(subjects[0], "conj"):
            yield words[the[0]], noun, False, None

    usage = frozenset(w.lower() for w in settings.plural_by_usage)

    def by_usage(tree: Tree, n: int) -> Iterator[tuple[Word, Word, bool, str | None]]:
        """"more picture", "other religion": a quantifier opening a bare phrase (no determiner) and a
        singular count noun that edited prose writes in the plural after it, and never in the
        singular (the bigram counts list "more pictures", not "more picture"; "more time" and "other
        person" are listed, so they stand)."""
        words = tree.words
        noun = words[n]
        if noun.tag != "NN" or noun.dep == "compound" or not noun.text.isalpha() or not noun.text.islower() or (
            noun.lower in ignored or tree.kids(n, "conj", "compound")
        ):  # fmt: skip
            return
        first, after = min(tree.subtree(n)), tree.next_word(n)
        if first + 1 != n or words[first].lower not in usage or words[first].head != n or (
            after is not None and words[after].tag[:2] in ("NN", "JJ", "CD")
        ):  # fmt: skip
            return  # the quantifier alone before the noun: not after a determiner ("the other side", "no more
            # war"), nor before other words ("with all due respect": the counts tell of two words together)
        plural = inflect(noun.lemma, "NNS")
        counts = bigram_counts(usage)
        quantifier = words[first].lower
        if plural and countable(noun.lemma, COUNTABLE_GAP) and (quantifier, noun.lower) not in counts and (
            counts.get((quantifier, plural.lower()), 0) >= settings.usage_min_count
        ):  # fmt: skip
            yield words[first], noun, True, None

    def check(analysis: Analysis) -> Iterator[Finding]:
        for tree in trees(analysis):
            for n in range(len(tree.words)):
                pronouns = [*pronoun_subject(tree, n)]
                found = [*mismatch(tree, n), *pronouns, *verb_subject(tree, n),
                         *(one_of(tree, n) if settings.one_of else ()), *(quantity_of(tree, n) if plural_of else ()),
                         *(by_usage(tree, n) if usage else ()), *(shared(tree, n) if shared_plural else ()),
                         *(pronoun_determined(tree, n) if plural_pronouns else ()),
                         *(superlative_complement(tree, n) if settings.superlative_complement else ())]
                for det, noun, wants_plural, partner in found[:1]:
                    if found[0] in pronouns and partner:  # the "noun" is the verb: only the
                        replacements = [with_case(det, partner)]  # determiner can change
                    else:
                        replacements = fixes(tree, n, det, wants_plural, partner)
                    if not replacements:
                        continue
                    if replacements[0].lower() == partner:  # the phrase the message names, mended
                        phrase = replacements[0] + analysis.text[det.end : noun.end]
                    else:
                        phrase = analysis.text[det.start : noun.start] + replacements[0]
                    phrases = [phrase]
                    other = noun_fix(noun, wants_plural) if found[0] not in pronouns else None
                    if replacements[0].lower() == partner and other:  # "this memory", or "these memories" if
                        phrases.append(analysis.text[det.start : noun.start] + other)  # the noun is the slip
                    if det.lower in ("a", "an"):  # "with a predefined rules": the article may be the slip
                        bare = with_case(det, analysis.text[det.end : noun.end].lstrip())
                        phrases = [bare, phrase] if _phrase_number(tree, n) else [phrase, bare]
                    yield rule.finding(det.start, noun.end, analysis.text[det.start : noun.end], phrases,
                                       determiner=det.text, noun=noun.text)  # fmt: skip

    return check
