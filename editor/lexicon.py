"""Word frequencies from wordfreq's shipped English lists: how common a word is, on the Zipf scale.

Zipf 7 is "the", 4 a word seen once per ten thousand words of news, 0 a word never seen.
Loaded once per process (about 0.1 s); lookups are plain dictionary reads.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterator
from functools import cache, lru_cache
from importlib.metadata import version

from lemminflect import getAllLemmas

from copydesk.cache import cached, fingerprint


@cache
def frequencies() -> dict[str, float]:
    """Every word wordfreq knows, lower case, with its frequency (a fraction of all words); from
    the disk cache when wordfreq's version is the same (importing wordfreq takes a tenth of a second)."""
    return cached("frequencies", fingerprint([version("wordfreq")]), _wordfreq_list)


def _wordfreq_list() -> dict[str, float]:
    import wordfreq

    frequencies: dict[str, float] = wordfreq.get_frequency_dict("en", "large")
    return frequencies


def zipf(word: str) -> float:
    """Zipf frequency of a word, case-insensitive; curly apostrophes count as straight ones."""
    freq = frequencies().get(word.lower().replace("’", "'"), 0.0)
    return math.log10(freq) + 9 if freq > 0 else 0.0


@cache
def lemminflect_tables() -> None:
    """lemminflect parses its gzipped tables on first use (a third of a second each start); its
    parsed tables come from the disk cache instead, keyed by lemminflect's version. Call this
    before asking lemminflect anything; its answers are the same either way."""
    from lemminflect.core.Inflections import Inflections
    from lemminflect.core.Lemmatizer import Lemmatizer

    key = fingerprint([version("lemminflect")])
    lemmatizer, inflections = Lemmatizer(), Inflections()  # lemminflect's own singletons
    if not hasattr(lemmatizer, "lemma_dict"):
        lemmatizer.lemma_dict = cached("lemminflect-lemmas", key, lemmatizer._getLemmaDict)
    if not hasattr(inflections, "infl_dict"):
        inflections.infl_dict = cached("lemminflect-inflections", key, inflections._getInflDict)


@cache
def can_be_noun(word: str) -> bool:
    """Whether lemminflect's lexicon knows the word as a noun (unknown words are taken as nouns)."""
    lemminflect_tables()
    lemmas = getAllLemmas(word.lower())
    return not lemmas or "NOUN" in lemmas or "PROPN" in lemmas


# symspellpy ships SymSpell's English bigram list: Google Books Ngram counts of the 242,342 most
# common word pairs (a pair rarer than about 6.4 million is not listed).
BIGRAM_FILE = "frequency_bigramdictionary_en_243_342.txt"


@lru_cache(maxsize=16)
def bigram_counts(words: frozenset[str]) -> dict[tuple[str, str], int]:
    """How often word pairs stand together in edited prose (lower case): the listed pairs with one
    of `words` in them, which is what a check asks about; from the disk cache when symspellpy's
    version and the words are the same. Each set of words has its own cache entry, so the several
    sets one run asks about do not replace one another."""
    which = hashlib.sha256("\x00".join(sorted(words)).encode()).hexdigest()[:12]
    key = fingerprint([version("symspellpy"), BIGRAM_FILE, *sorted(words)])
    return cached(f"bigrams-{which}", key, lambda: _symspell_bigrams(words))


def followed_rather(word: str, usual: str, other: str, min_count: int, max_ratio: float) -> bool:
    """Whether edited prose writes `word` before `usual` at least `min_count` times and before
    `other` at most `max_ratio` as often ("member": "of", never "the"; "end": "of", hardly "off")."""
    counts = bigram_counts(frozenset({usual, other}))
    count = counts.get((word, usual), 0)
    return count >= min_count and counts.get((word, other), 0) <= max_ratio * count


def preceded_rather(word: str, usual: str, other: str, min_count: int) -> bool:
    """Whether edited prose writes `usual` before `word` at least `min_count` times and `other` before it
    too rarely to list ("of oil", never "off oil")."""
    counts = bigram_counts(frozenset({usual, other}))
    return counts.get((usual, word), 0) >= min_count and (other, word) not in counts


def bigrams() -> Iterator[tuple[str, str, int]]:
    """Every listed word pair with its count, read from symspellpy's file (a second's work: callers
    keep what they need in the disk cache)."""
    from importlib.resources import files

    with (files("symspellpy") / BIGRAM_FILE).open(encoding="utf-8") as lines:
        for line in lines:
            first, second, count = line.split()
            yield first, second, int(count)


def _symspell_bigrams(words: frozenset[str]) -> dict[tuple[str, str], int]:
    return {(first, second): count for first, second, count in bigrams() if first in words or second in words}
