"""Word classes from lemminflect's shipped lexicon: can this word be a plural noun, a past tense...?

A word gets every tag any of its readings allows ("results": NNS and VBZ), so a pattern asks
"can it be" with `tag` and "can it not be" with `not_tag`. Closed classes (determiners,
pronouns, modals) are lists in rules/lexicons/words.yaml: lexicons are unreliable for them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lemminflect import getAllInflections, getAllLemmas

from copydesk.lexicon import lemminflect_tables
from copydesk.rules import word_lists

# Closed classes (determiners, pronouns, modals...) by Penn tag, from rules/lexicons/words.yaml.
CLOSED_CLASSES: dict[str, frozenset[str]] = word_lists("closed_classes")
# Plurals the lexicon lists as lemmas of their own.
IRREGULAR_PLURALS = frozenset({"people", "children", "men", "women", "feet", "teeth", "mice"})
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
    if lower in IRREGULAR_PLURALS:
        found.add("NNS")
    if _NUMERAL.fullmatch(lower):
        found.add("CD")
    if found & {"VBD", "VBZ", "MD", "AUX"}:
        found.add("FINITE")
    return frozenset(found)


def has_tag(word: str, wanted: frozenset[str]) -> bool:
    return bool(tags(word) & wanted)
