"""Word frequencies from wordfreq's shipped English lists: how common a word is, on the Zipf scale.

Zipf 7 is "the", 4 a word seen once per ten thousand words of news, 0 a word never seen.
Loaded once per process (about 0.1 s); lookups are plain dictionary reads.
"""

from __future__ import annotations

import math
from functools import cache

import wordfreq
from lemminflect import getAllLemmas


@cache
def frequencies() -> dict[str, float]:
    """Every word wordfreq knows, lower case, with its frequency (a fraction of all words)."""
    frequencies: dict[str, float] = wordfreq.get_frequency_dict("en", "large")
    return frequencies


def zipf(word: str) -> float:
    """Zipf frequency of a word, case-insensitive; curly apostrophes count as straight ones."""
    freq = frequencies().get(word.lower().replace("’", "'"), 0.0)
    return math.log10(freq) + 9 if freq > 0 else 0.0


@cache
def can_be_noun(word: str) -> bool:
    """Whether lemminflect's lexicon knows the word as a noun (unknown words are taken as nouns)."""
    lemmas = getAllLemmas(word.lower())
    return not lemmas or "NOUN" in lemmas or "PROPN" in lemmas
