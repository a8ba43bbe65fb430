"""English spelling dialects: which one an article is written in, and each word's other spelling.

The US/UK word pairs come from breame's lists (about 1,700 pairs with their inflections),
less the pairs in `rules/dialect/ambiguous.txt`, where both forms are words in both dialects
("program", "check", "story"), and less -ize/-ise pairs, since British English takes both.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from breame.data.spelling_constants import AMERICAN_ENGLISH_SPELLINGS

from editor.rules import RULES_DIR

DIALECTS = ("en-US", "en-GB", "en-AU", "en-CA", "en-IN")
# Spelling families: Canada mostly spells like the UK in -our and like the US in -ize;
# we group it with the British forms, as Harper's Canadian dictionary does for -our words.
BRITISH_FAMILY = frozenset({"en-GB", "en-AU", "en-IN", "en-CA"})


@dataclass(frozen=True)
class SpellingPairs:
    us_to_uk: dict[str, str]
    uk_to_us: dict[str, str]

    def other_form(self, word: str, dialect: str) -> str | None:
        """The spelling `dialect` wants for `word`, or None when the word is already right."""
        lower = word.lower()
        table = self.us_to_uk if dialect in BRITISH_FAMILY else self.uk_to_us
        return table.get(lower)


@cache
def spelling_pairs(rules_dir: Path = RULES_DIR) -> SpellingPairs:
    ambiguous = _word_list(rules_dir / "dialect" / "ambiguous.txt")
    us_to_uk = {
        us: uk
        for us, uk in AMERICAN_ENGLISH_SPELLINGS.items()
        if us not in ambiguous
        and uk not in ambiguous
        and us.isalpha()
        and uk.isalpha()
        and us != uk
        and not _oxford_pair(us, uk)
    }
    uk_to_us = {uk: us for us, uk in us_to_uk.items()}
    return SpellingPairs(us_to_uk, uk_to_us)


def _oxford_pair(us: str, uk: str) -> bool:
    """ "organize"/"organise": British publishers use both (Oxford spelling takes -ize)."""
    return us.replace("iz", "is").replace("yz", "ys") == uk


def _word_list(path: Path) -> frozenset[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return frozenset()
    return frozenset(w for line in lines if (w := line.split("#", 1)[0].strip().lower()))


def count_dialect_words(words: Iterable[str]) -> Counter[str]:
    """How many words are spelled the American way ('en-US') and the British way ('en-GB')."""
    pairs = spelling_pairs()
    counts: Counter[str] = Counter()
    for word in words:
        lower = word.lower()
        if lower in pairs.us_to_uk:
            counts["en-US"] += 1
        elif lower in pairs.uk_to_us:
            counts["en-GB"] += 1
    return counts


def infer_dialect(words: Iterable[str], default: str = "en-US") -> str:
    """The article's majority spelling dialect; the default when it shows none or a tie."""
    counts = count_dialect_words(words)
    if counts["en-GB"] > counts["en-US"]:
        return "en-GB"
    if counts["en-US"] > counts["en-GB"]:
        return "en-US"
    return default
