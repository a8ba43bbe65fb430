"""Word classes from lemminflect's shipped lexicon: can this word be a plural noun, a past tense...?

A word gets every tag any of its readings allows ("results": NNS and VBZ), so a pattern asks
"can it be" with `tag` and "can it not be" with `not_tag`. Closed classes (determiners,
pronouns, modals) are small lists here: lexicons are unreliable for them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lemminflect import getAllInflections, getAllLemmas

from copydesk.lexicon import lemminflect_tables

CLOSED_CLASSES: dict[str, frozenset[str]] = {
    "DT": frozenset("a an the this that these those each every either neither another some any no".split()),
    "PRP$": frozenset("my your his her its our their whose".split()),
    "PRP": frozenset("i you he she it we they me him us them".split()),
    "MD": frozenset("will would can could shall should may might must ought".split()),
    "IN": frozenset(
        "of in on at to for with from by about over under into onto among between during against without within "
        "through across after before behind beyond near since until upon via toward towards".split()
    ),
    "CC": frozenset("and or but nor".split()),
    "CD": frozenset(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand "
        "million billion dozen".split()
    ),
    "AUX": frozenset(
        "is are was were am be been being has have had do does did will would can could shall should may might "
        "must isn’t aren’t wasn’t weren’t hasn’t haven’t hadn’t doesn’t don’t didn’t won’t wouldn’t can’t "
        "couldn’t shouldn’t isn't aren't wasn't weren't hasn't haven't hadn't doesn't don't didn't won't "
        "wouldn't can't couldn't shouldn't".split()
    ),
}
# Plurals the lexicon lists as lemmas of their own.
_IRREGULAR_PLURALS = frozenset({"people", "children", "men", "women", "feet", "teeth", "mice"})
_NUMERAL = re.compile(r"\d+(?:[.,]\d+)*")
# Tags that mark a finite verb: a clause has one, a bare noun phrase does not.
FINITE = frozenset({"VBD", "VBZ", "MD", "AUX"})
_PENN_BY_UPOS = {
    "NOUN": ("NN", "NNS"),
    "VERB": ("VB", "VBD", "VBN", "VBG", "VBZ"),
    "AUX": ("VB", "VBD", "VBN", "VBG", "VBZ"),
}


@lru_cache(maxsize=100_000)
def tags(word: str) -> frozenset[str]:
    """Every Penn tag the word can have (lower-cased), plus closed-class tags and FINITE."""
    lemminflect_tables()
    lower = word.lower().replace("’", "'")
    found: set[str] = {tag for tag, words in CLOSED_CLASSES.items() if lower in words or word.lower() in words}
    for upos, lemmas in getAllLemmas(lower).items():
        if upos == "ADJ":
            found.add("JJ")
        elif upos == "ADV":
            found.add("RB")
        elif upos == "PROPN":
            found.add("NNP")
        elif upos in _PENN_BY_UPOS:
            plural_of_other = upos == "NOUN" and any(
                lemma != lower and lower in getAllInflections(lemma, upos="NOUN").get("NNS", ()) for lemma in lemmas
            )
            for lemma in lemmas:
                if lemma == lower and plural_of_other:
                    continue  # "things" listed as its own lemma: it is the plural of "thing"
                if lemma == lower:
                    found.add("NN" if upos == "NOUN" else "VB")
                for penn, forms in getAllInflections(lemma, upos=upos).items():
                    # A mass noun's "plural" is the word itself ("persistence"): a singular, not a plural.
                    if penn in _PENN_BY_UPOS[upos] and lower in forms and not (penn == "NNS" and lemma == lower):
                        found.add(penn)
    if lower in _IRREGULAR_PLURALS:
        found.add("NNS")
    if _NUMERAL.fullmatch(lower):
        found.add("CD")
    if found & {"VBD", "VBZ", "MD", "AUX"}:
        found.add("FINITE")
    return frozenset(found)


def has_tag(word: str, wanted: frozenset[str]) -> bool:
    return bool(tags(word) & wanted)
