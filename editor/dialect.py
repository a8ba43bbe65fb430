"""English spelling dialects: which one an article is written in, and each word's other spelling.

The US/UK word pairs come from breame's lists (about 1,700 pairs with their inflections),
less the pairs in `rules/dialect/ambiguous.txt`, where both forms are words in both dialects
("program", "check", "story"), less -ize/-ise (and -yze/-yse) pairs, since British English
takes both, and less pairs where one form is rare ("mediaeval").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path

from breame.data.spelling_constants import AMERICAN_ENGLISH_SPELLINGS

from copydesk.cache import cached, files_fingerprint, fingerprint
from copydesk.lexicon import frequencies, zipf
from copydesk.rules import RULES_DIR

DIALECTS = ("en-US", "en-GB", "en-AU", "en-CA", "en-IN")
DEFAULT_DIALECT = "en-US"  # an article with no telling spellings, or as many of each
# Spelling families: Canada mostly spells like the UK in -our and like the US in -ize;
# we group it with the British forms, as Harper's Canadian dictionary does for -our words.
BRITISH_FAMILY = frozenset({"en-GB", "en-AU", "en-IN", "en-CA"})


@dataclass(frozen=True)
class SpellingPairs:
    us_to_uk: dict[str, str]
    uk_to_us: dict[str, str]
    # British -ise forms ("realised"): never wrong in British copy, never used in American, so a
    # tie-breaker between the two dialects (the -ize forms are fine in both and say nothing).
    british_ise: frozenset[str] = frozenset()

    def other_form(self, word: str, dialect: str) -> str | None:
        """The spelling `dialect` wants for `word`, or None when the word is already right."""
        lower = word.lower()
        table = self.us_to_uk if dialect in BRITISH_FAMILY else self.uk_to_us
        return table.get(lower)


# Changed whenever the rules below that choose the pairs change, so a cached table is rebuilt.
_PAIRS_RULES = "1"


@cache
def spelling_pairs(rules_dir: Path = RULES_DIR) -> SpellingPairs:
    """The pairs, from the disk cache when breame, wordfreq and our list of ambiguous pairs are
    what they were (building them reads every word wordfreq knows: a third of a second)."""
    ambiguous_file = rules_dir / "dialect" / "ambiguous.txt"
    key = fingerprint([files_fingerprint([ambiguous_file]), version("breame"), version("wordfreq"), _PAIRS_RULES])
    return cached("spelling-pairs", key, lambda: _build_pairs(ambiguous_file))


def _build_pairs(ambiguous_file: Path) -> SpellingPairs:
    ambiguous = _word_list(ambiguous_file)
    us_to_uk = {
        us: uk
        for us, uk in AMERICAN_ENGLISH_SPELLINGS.items()
        if us not in ambiguous
        and uk not in ambiguous
        and us.isalpha()
        and uk.isalpha()
        and us != uk
        and not _oxford_pair(us, uk)
        and _both_current(us, uk)
    }
    us_to_uk |= {us: uk for us, uk in _doubled_l_pairs().items() if us not in ambiguous and us not in us_to_uk}
    uk_to_us = {uk: us for us, uk in us_to_uk.items()}
    ise = frozenset(uk for us, uk in AMERICAN_ENGLISH_SPELLINGS.items() if _oxford_pair(us, uk) and uk.isalpha())
    return SpellingPairs(us_to_uk, uk_to_us, ise)


# A pair counts only when both spellings are current: breame also lists archaic or rare British
# forms ("mediaeval", "homoeopathy") and noun/verb pairs ("practices"/"practises").
MIN_ZIPF = 2.0
MAX_ZIPF_GAP = 1.2


def _both_current(us: str, uk: str) -> bool:
    a, b = zipf(us), zipf(uk)
    return min(a, b) >= MIN_ZIPF and abs(a - b) <= MAX_ZIPF_GAP


def _doubled_l_pairs() -> dict[str, str]:
    """ "fueled"/"fuelled", "traveling"/"travelling": British doubles a final l before -ed, -ing, -er."""
    pairs = {}
    for uk in frequencies():
        for ending in ("lled", "lling", "ller", "llers"):
            stem = uk[: -len(ending)]
            # The stem must be a word ending in a vowel and l ("travel", "fuel"): "filled" is not "filed".
            if uk.endswith(ending) and len(stem) >= 3 and stem[-1:] in "aeiou" and zipf(stem + "l") >= 3.0:
                us = stem + ending[1:]
                if _both_current(us, uk):
                    pairs[us] = uk
    return pairs


def _oxford_pair(us: str, uk: str) -> bool:
    """ "organize"/"organise": British publishers use both (Oxford spelling takes -ize). So, in
    practice, "analyze"/"analyse": Oxford's own style is -yse, but edited British copy writes
    "analyzed" and "paralyzed" beside "colour" (OneStopEnglish, in three articles)."""
    return us.replace("iz", "is").replace("yz", "ys") == uk


@dataclass(frozen=True)
class SensePair:
    """ "license"/"licence": the British form is right only as a noun (`sense`), the verb is "license";
    "meter"/"metre": only as the unit (a parking meter is a meter in Britain too)."""

    us: str
    uk: str
    sense: str  # "noun", "verb" or "unit"


@cache
def sense_pairs(rules_dir: Path = RULES_DIR) -> dict[str, SensePair]:
    """Each pair from `rules/dialect/senses.txt`, under both of its spellings."""
    pairs: dict[str, SensePair] = {}
    path = rules_dir / "dialect" / "senses.txt"
    for line in path.read_text(encoding="utf-8").splitlines() if path.exists() else ():
        fields = line.split("#", 1)[0].split()
        if len(fields) == 3 and fields[2] in ("noun", "verb", "unit"):
            pair = SensePair(fields[0].lower(), fields[1].lower(), fields[2])
            pairs[pair.us] = pairs[pair.uk] = pair
    return pairs


# Conventions other than spelling that say where an article was edited: the pound sign,
# "per cent", "Mr" without a full stop, "12 March". Used only to break a tie between
# American and British spellings, or to keep an article's one-dialect spelling against its
# archive's, never to outvote spellings.
_BRITISH_CONVENTIONS = re.compile(
    r"£|\bper cent\b|\b(?:Mr|Mrs|Ms|Dr)(?= [A-Z])|\b\d{1,2} (?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December)\b"
)
_AMERICAN_CONVENTIONS = re.compile(
    r"\bpercent\b|\b(?:Mr|Mrs|Ms|Dr)\. (?=[A-Z])|\b(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December) \d{1,2}, \d{4}\b"
)


def convention_votes(text: str) -> Counter[str]:
    """How often the text follows British ('en-GB') and American ('en-US') editing conventions."""
    british, american = _BRITISH_CONVENTIONS.findall(text), _AMERICAN_CONVENTIONS.findall(text)
    return Counter({"en-GB": len(british), "en-US": len(american)})


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


def majority_dialect(words: Iterable[str]) -> str | None:
    """The article's majority spelling dialect; None when it shows none or a tie."""
    counts = count_dialect_words(words)
    if counts["en-GB"] > counts["en-US"]:
        return "en-GB"
    if counts["en-US"] > counts["en-GB"]:
        return "en-US"
    return None


def infer_dialect(words: Iterable[str], default: str = "en-US") -> str:
    """The article's majority spelling dialect; the default when it shows none or a tie."""
    return majority_dialect(words) or default
