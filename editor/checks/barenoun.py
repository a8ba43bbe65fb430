"""A singular count noun standing bare where edited prose almost always gives it a determiner, on
the parse: "my evening job is at restaurant", "used by millions around world", "the part about
problem" want "a restaurant", "the world", "the problem".

Which nouns want a determiner is measured, not listed: in Google Books' word pairs (symspellpy's
bigram list) a noun such as "restaurant" or "problem" follows a determiner in 95 of 100 of the
pairs where it follows a determiner, a preposition or a verb, where "water" (41) or "information"
(52) stand bare as often as not (mass nouns, Quirk 5.3-5.8). A noun with such a share is flagged only where it
stands bare and unmodified straight after a preposition or verb that edited prose never lists
bare before it: "in hospital", "at school", "by car" are listed pairs, so they stand. The fix
proposes the article edited prose writes more often before the noun; which one the sentence
wants is the writer's, so it is never applied unattended. A noun after an adjective graded by an
adverb of degree ("he's very passionate guy") is read wherever it stands: a graded adjective
describes, so the two are no term ("best practice"), and the phrase wants "a".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import version

from lemminflect import getAllLemmas

from copydesk.cache import cached, fingerprint
from copydesk.checks import article
from copydesk.checks.base import Check, doc, parse_settings
from copydesk.checks.syntactic import (
    COUNTABLE_GAP,
    DETERMINER_DEPS,
    DETERMINER_TAGS,
    HYPHENS,
    VERB_TAGS,
    Tree,
    countable,
    trees,
)
from copydesk.findings import Finding
from copydesk.lexicon import BIGRAM_FILE, bigram_counts, bigrams, can_be_noun, lemminflect_tables
from copydesk.rules import Rule
from copydesk.text import Analysis
from copydesk.wordclass import CLOSED_CLASSES, tags

_DETERMINERS = CLOSED_CLASSES["DT"] | CLOSED_CLASSES["PRP$"]
_PREPOSITIONS = CLOSED_CLASSES["IN"]
_ARTICLES = frozenset({"the", "a", "an"})
_QUANTIFIERS = frozenset({"much", "many", "few", "little", "enough", "more", "less"})  # tagged as adjectives
# A word the lexicon knows only as a verb (or auxiliary) opens no noun phrase of its own: the noun
# after it is its object or complement.
_ONLY_VERB = VERB_TAGS | {"FINITE", "AUX"}
_NOT_NOUN_PHRASE = frozenset({"compound", "conj", "npadvmod", "advmod"})


@dataclass(frozen=True)
class Settings(article.Settings):
    min_share: float = field(
        default=0.93, metadata=doc("least share of a noun's listed uses after a determiner, against bare after a "
                                   "preposition or verb, for it to want one")
    )
    min_count: int = field(
        default=100_000_000, metadata=doc("fewest listed uses (after a determiner, preposition or verb) of a noun "
                                          "for its share to count")
    )
    ignore: tuple[str, ...] = field(
        default=(), metadata=doc("nouns never flagged: words with a second use the lexicon does not list ('way' in "
                                 "'way beyond')")
    )
    not_after: tuple[str, ...] = field(
        default=(), metadata=doc("words after which a bare noun is a role or a kind, not a thing ('as', 'per', 'by')")
    )
    complement_share: float = field(
        default=0.7, metadata=doc("least share for a noun between a preposition and its own complement (an 'of' "
                                  "phrase or a to-infinitive), which names the one thing meant ('on amount of')")
    )
    idiom_ratio: float = field(
        default=0.03, metadata=doc("before a complement, the least count of the bare preposition-noun pair, as a "
                                   "share of the noun's count after an article, for the pair to be an idiom that "
                                   "stands ('in need of': 0.19; 'on analysis of': 0.02)")
    )
    complement_count: int = field(
        default=20_000_000, metadata=doc("fewest listed uses of a noun before its complement for its share to count")
    )
    degree_adverbs: tuple[str, ...] = field(
        default=(), metadata=doc("adverbs of degree that grade an adjective ('very', 'extremely'): a noun after a "
                                 "graded adjective is read at the head of its phrase, wherever it stands")
    )
    graded_count: int = field(
        default=20_000_000, metadata=doc("fewest listed uses of a noun after a graded adjective for its share to count")
    )


@dataclass(frozen=True)
class DeterminerUse:
    """How edited prose writes a word: how often after a determiner, how often bare after a
    preposition or verb, and which prepositions and verbs it is listed bare after."""

    determined: int = 0
    bare: int = 0
    bare_after: frozenset[str] = frozenset()
    after_article: tuple[tuple[str, int], ...] = ()  # ("the", n), ("a", n), ("an", n): which article it takes

    @property
    def share(self) -> float:
        total = self.determined + self.bare
        return self.determined / total if total else 0.0


@cache
def determiner_uses() -> dict[str, DeterminerUse]:
    """Every listed word's determiner use, from the disk cache when the bigram list, the lexicon and
    the closed classes are the same."""
    key = fingerprint([version("symspellpy"), version("lemminflect"), BIGRAM_FILE, *sorted(_DETERMINERS),
                       *sorted(_PREPOSITIONS), "verb lemmas", "articles"])  # fmt: skip
    return cached("determiner-uses", key, _count_determiner_uses)


def _count_determiner_uses() -> dict[str, DeterminerUse]:
    lemminflect_tables()
    determined: dict[str, int] = {}
    bare: dict[str, int] = {}
    bare_after: dict[str, set[str]] = {}
    after_article: dict[str, list[tuple[str, int]]] = {}
    for first, second, count in bigrams():
        if first in _DETERMINERS:
            determined[second] = determined.get(second, 0) + count
            if first in _ARTICLES:
                after_article.setdefault(second, []).append((first, count))
        elif first in _PREPOSITIONS or (tags(first) and tags(first) <= _ONLY_VERB):
            bare[second] = bare.get(second, 0) + count
            lemmas = getAllLemmas(first).get("VERB", ()) if first not in _PREPOSITIONS else ()
            bare_after.setdefault(second, set()).update((first, *lemmas))  # "gives way": "give way" too
    return {
        word: DeterminerUse(determined.get(word, 0), bare.get(word, 0), frozenset(bare_after.get(word, ())),
                            tuple(after_article.get(word, ())))
        for word in determined.keys() | bare.keys()
    }


def build(rule: Rule) -> Check:
    settings = parse_settings(rule, Settings)
    not_after = frozenset(w.lower() for w in settings.not_after)
    ignored = frozenset(w.lower() for w in settings.ignore)
    consonant_starts, vowel_starts = article.sound_starts(settings)

    degree = frozenset(w.lower() for w in settings.degree_adverbs)

    def wants_determiner(lower: str, least_share: float, least_count: int) -> DeterminerUse | None:
        """The noun's use when edited prose determines it at least this often: almost always for a
        noun alone; less often before its own complement, which makes it one thing ("the amount of
        child support", "a desire to help")."""
        use = determiner_uses().get(lower)
        if use is None or use.determined + use.bare < least_count or use.share < least_share:
            return None
        return use

    def bare(tree: Tree, n: int) -> DeterminerUse | None:
        """How edited prose uses noun n, when it wants a determiner and stands bare, unmodified,
        straight after a preposition or verb that edited prose never writes it bare after."""
        words = tree.words
        noun = words[n]
        if noun.tag != "NN" or noun.lower in ignored or not (noun.text.isalpha() and noun.text.islower()) or (
            noun.dep in _NOT_NOUN_PHRASE
        ):  # fmt: skip
            return None  # part of a compound or a pair; a noun as an adverb ("thinking way beyond")
        if tree.kids(n, *DETERMINER_DEPS, "compound", "conj", "amod") or tree.hyphenated(n):
            return None  # a determiner or modifier of its own; one of two nouns a determiner may share
        before, after = tree.previous_word(n), tree.next_word(n)
        if before is None or before + 1 != n or tree.hyphenated(before):
            return None
        previous = words[before]
        if previous.lower in not_after or not (previous.tag == "IN" or previous.tag in VERB_TAGS):
            return None
        if previous.tag in VERB_TAGS and not (tags(previous.lower) & VERB_TAGS):
            return None  # a word the tagger guessed at ("sinceits"): nothing to go on
        ahead = tree.previous_word(before)
        if ahead is not None and words[ahead].tag == "CD":
            return None  # "her 1 am trip": a time, not a verb
        if after is not None and (
            words[after].tag in ("NN", "NNS", "JJ", "CC") or words[after].text in HYPHENS
            or (words[after].tag in ("VB", "VBP") and can_be_noun(words[after].lower))
        ):  # fmt: skip
            return None  # the first word of a compound ("solution to bit rot") or of a pair
        if _doubled(tree, n):
            return None  # "piece by piece", "hour for hour": a bare noun repeated across a preposition
        complemented = previous.tag == "IN" and _complement_after(tree, n) and (
            countable(noun.lemma, COUNTABLE_GAP) and not noun.lower.endswith("ing")
        )  # fmt: skip
        use = wants_determiner(noun.lower, *(
            (settings.complement_share, settings.complement_count) if complemented
            else (settings.min_share, settings.min_count)))  # fmt: skip
        if use is None:
            return None
        if complemented:  # "on analysis of": a listed pair, but too rare beside "the analysis" to be an idiom
            articled = sum(count for _, count in use.after_article)
            bare_pair = bigram_counts(_PREPOSITIONS).get((previous.lower, noun.lower), 0)
            return None if bare_pair >= settings.idiom_ratio * articled else use
        return use if not {previous.lower, previous.lemma.lower()} & use.bare_after else None

    def graded(tree: Tree, n: int) -> int | None:
        """The degree adverb opening noun n's phrase, when the phrase has no determiner: "he's very
        passionate guy". A graded adjective describes; it does not classify ("best practice", "high
        school", "social security" are not graded), so adjective and noun are no compound or term,
        and a singular count noun after them wants "a" as it would alone."""
        noun = tree.words[n]
        if noun.tag != "NN" or noun.lower in ignored or not (noun.text.isalpha() and noun.text.islower()) or (
            tree.kids(n, *DETERMINER_DEPS, "compound") or tree.hyphenated(n)
        ):  # fmt: skip
            return None
        for adjective in tree.kids(n, "amod"):
            if tree.words[adjective].tag != "JJ" or tree.words[adjective].lower in _QUANTIFIERS:
                continue  # "very little time": a quantifier, not a description
            for adverb in tree.kids(adjective, "advmod"):
                before = tree.previous_word(adverb)
                if tree.words[adverb].lower not in degree or before is None or tree.starts_sentence(adverb) or (
                    tree.words[before].tag in DETERMINER_TAGS or tree.words[before].lower in _DETERMINERS
                ):  # fmt: skip
                    continue  # "a very good idea"; "Very good idea!" opens its sentence, a reply
                return adverb if wants_determiner(noun.lower, settings.min_share, settings.graded_count) else None
        return None

    def check(analysis: Analysis) -> Iterator[Finding]:
        for tree in trees(analysis):
            for n in range(len(tree.words)):
                adverb = graded(tree, n) if degree else None
                if adverb is not None:
                    words = tree.words
                    indefinite = article.indefinite_article(words[adverb].text, consonant_starts, vowel_starts)
                    if indefinite is not None:
                        text = analysis.text[words[adverb].start : words[n].end]
                        yield rule.finding(words[adverb].start, words[n].end, text, [f"{indefinite} {text}"],
                                           noun=words[n].text)  # fmt: skip
                    continue
                use = bare(tree, n)
                if use is None:
                    continue
                noun = tree.words[n]
                indefinite = article.indefinite_article(noun.text, consonant_starts, vowel_starts)
                if indefinite is None:
                    continue
                counts = dict(use.after_article)
                articles = sorted(("the", indefinite), key=lambda a: -counts.get(a, 0))
                yield rule.finding(noun.start, noun.end, noun.text, [f"{a} {noun.text}" for a in articles],
                                   noun=noun.text)  # fmt: skip

    return check


def _complement_after(tree: Tree, n: int) -> bool:
    """Whether noun n has its own complement straight after it: an "of" phrase ("amount of
    savings") or a to-infinitive ("desire to help")."""
    after = tree.next_word(n)
    if after is None or tree.words[after].lower not in ("of", "to"):
        return False
    verb = tree.next_word(after)
    return tree.words[after].lower == "of" or (verb is not None and tree.words[verb].tag == "VB")


def _doubled(tree: Tree, n: int) -> bool:
    """Whether the same noun stands on the other side of a preposition next to noun n."""
    lemma = tree.words[n].lemma
    for step in (tree.next_word, tree.previous_word):
        preposition = step(n)
        if preposition is not None and tree.words[preposition].tag == "IN":
            other = step(preposition)
            if other is not None and tree.words[other].lemma == lemma:
                return True
    return False
