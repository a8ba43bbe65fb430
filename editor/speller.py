"""Corrections for a misspelt word: the most common known words one or two edits away.

Harper tells us a word is misspelt, but its suggestions are ranked by spelling distance alone
("reslts" -> "resets"). News copy wants the word the writer most likely meant, which is
usually the most frequent close word ("results"). Edit generation follows Norvig's speller;
frequencies come from the lexicon. Misspellings so common that they are frequent themselves
("recieved", "seperate") come from codespell's curated list instead.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache

from rapidfuzz.distance import OSA

from copydesk.lexicon import zipf

LETTERS = "abcdefghijklmnopqrstuvwxyz"
# A candidate must be at least this common to be proposed: rarer words are more likely
# to be a coincidental neighbour than what the writer meant.
MIN_CANDIDATE_ZIPF = 3.0
# Another speller's suggestion further than this ("hexavalent" -> "heaven") is a guess, not a fix.
MAX_OTHER_DISTANCE = 2


@cache
def common_misspellings() -> dict[str, str]:
    """codespell's list of common misspellings with one sure correction ("recieved" -> "received").

    Frequency cannot catch these: the web misspells "seperate" so often that it is not rare.
    Only the main list is used (its rare, informal and code lists hold real words), and only
    entries with a single correction: "raison -> reason, raisin" may be French.
    """
    path = importlib.resources.files("codespell_lib") / "data" / "dictionary.txt"
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        wrong, _, right = line.partition("->")
        # "word->fix" is one sure correction; "word->a, b," lists choices; "word->fix, reason" explains.
        if wrong.isalpha() and right and "," not in right:
            table[wrong] = right.strip()
    return table


# Bound prefixes of technical and derived words: "telepathology", "redisclose", "nonmuscle".
_PREFIXES = (
    "anti", "auto", "bio", "co", "counter", "cyto", "de", "hyper", "hypo", "inter", "macro", "micro",
    "mis", "multi", "neuro", "non", "out", "over", "post", "pre", "pseudo", "re", "semi", "sub", "super",
    "tele", "trans", "ultra", "un", "under",
)  # fmt: skip
# Each part of a compound must be at least this long and this common: "coffee|table", not "ben|fit".
_PART_LETTERS = 4
_PART_ZIPF = 3.0
# A word one slip of the keys from a word this common is that slip, not a coinage of known parts:
# "delining" is "declining", not de|lining; "missino" is "mission", not mis|sino.
_SLIP_ZIPF = 3.5


def is_compound(word: str) -> bool:
    """Whether a word the dictionary lacks is built of known parts (a prefix and a word, or two
    words): a coinage or a closed compound ("coffeetable", "telepathology"), not a misspelling, unless
    one slip of the keys makes it a common word."""
    lower = word.lower()
    if any(zipf(near) >= _SLIP_ZIPF for near in _one_edit(lower)):
        return False
    for prefix in _PREFIXES:
        rest = lower[len(prefix) :]
        if lower.startswith(prefix) and len(rest) >= _PART_LETTERS and zipf(rest) >= _PART_ZIPF:
            return True
    return any(
        zipf(lower[:i]) >= _PART_ZIPF and zipf(lower[i:]) >= _PART_ZIPF
        for i in range(_PART_LETTERS, len(lower) - _PART_LETTERS + 1)
    )


# Endings that make a compound's part of a known word: "stand-alones", "big-leaguer", "left-hander".
_PART_ENDINGS = ("s", "r", "er", "ers", "d", "ed")


def judged_as_word(part: str) -> bool:
    """Whether a part of a hyphenated compound is spell-checked as a word ("highest-plaed"): not a
    short prefix or abbreviation ("co-op", "x-ray"), a name ("Garcia-Moreno"), or a known word with
    an ending the compound gives it ("left-hander", "stand-alones")."""
    if len(part) < _PART_LETTERS or not part.islower():
        return False
    return not any(
        part.endswith(e) and len(part) - len(e) >= _PART_LETTERS and zipf(part[: -len(e)]) >= _PART_ZIPF
        for e in _PART_ENDINGS
    )


def edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in LETTERS]
    inserts = [a + c + b for a, b in splits for c in LETTERS]
    return set(deletes + transposes + replaces + inserts)


def _best(candidates: Iterable[str]) -> list[tuple[float, str]]:
    scored = [(zipf(c), c) for c in candidates]
    return sorted(((z, c) for z, c in scored if z >= MIN_CANDIDATE_ZIPF), key=lambda zc: (-zc[0], zc[1]))


def corrections(word: str, others: Sequence[str] = (), limit: int = 3) -> list[str]:
    """Known words near `word`, best first: one edit away, most frequent first, then `others`.

    `others` are another speller's suggestions (Harper's), which reach two edits away; they
    are kept in their own order, after the one-edit words, if common enough.
    """
    found = [_same_case(word, c) for c in _one_edit(word.lower())]
    for other in others:
        near = OSA.distance(other.lower(), word.lower()) <= MAX_OTHER_DISTANCE
        if other not in found and near and zipf(other) >= MIN_CANDIDATE_ZIPF:
            found.append(other)
    return found[:limit]


@lru_cache(maxsize=65536)
def _one_edit(lower: str) -> tuple[str, ...]:
    """One-edit words, swapped neighbours first: with every letter present, a transposition
    ("remaisn" for "remains") is likelier than a dropped letter ("remain" plus a stray n)."""
    if not lower.isalpha() or len(lower) < 3:
        return ()
    swaps = {lower[:i] + lower[i + 1] + lower[i] + lower[i + 2 :] for i in range(len(lower) - 1)}
    ranked = _best(edits1(lower))
    return tuple(c for _, c in sorted(ranked, key=lambda zc: (zc[1] not in swaps, -zc[0], zc[1])))


def _same_case(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
