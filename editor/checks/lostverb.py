"""A word typed for the verb its clause lacks, on the parse: "the chances of the park making money
where small", "the results where clear to everyone" want "were"; "the man whose going to win"
wants "who's".

"Where" and "whose" open a clause that has a finite verb of its own ("the town where they live",
"the man whose son won"). Written after a noun with no finite verb anywhere after it in the
sentence (nor a word the parse took for a noun that the lexicon knows as a verb, nor a "to" or a
modal; a participle straight after them is the meant verb's: "where producing"), they stand where
the sentence's verb should be, and the verb that sounds or looks like them is meant. Ellipses that
edited prose writes without a verb ("where possible", "where necessary") are left alone, and a word
that needs a participle after it to be a verb ("who's going") is judged only there.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from copydesk.checks.base import Check, doc, parse_settings
from copydesk.checks.syntactic import FINITE_TAGS, SENTENCE_ENDS, Tree, trees
from copydesk.findings import Finding
from copydesk.rules import Rule
from copydesk.text import Analysis, match_case
from copydesk.wordclass import tags

_VERB_TAGS = frozenset({*FINITE_TAGS, "VB", "TO"})  # a verb the clause has after all
_PARTICIPLES = frozenset({"VBG", "VBN"})
_LEXICON_VERBS = frozenset({"VB", "VBP", "VBZ", "VBD"})


@dataclass(frozen=True)
class Settings:
    swaps: Mapping[str, tuple[str, ...]] = field(
        metadata=doc("each word written, and the verb meant ('where: [were]')")
    )
    before_participle: tuple[str, ...] = field(
        default=(), metadata=doc("written words judged only before an -ing or -en form ('whose going')")
    )
    ellipses: tuple[str, ...] = field(
        default=(), metadata=doc("words that follow a written word alone, a verbless phrase edited prose "
                                 "writes ('where possible')")
    )  # fmt: skip


def _rest_of_sentence(tree: Tree, i: int) -> list[int]:
    """The words after word i up to the end of its sentence, its closing mark left out."""
    rest, k = [], tree.next_word(i)
    while k is not None and not tree.starts_sentence(k):
        if tree.words[k].text.strip() and tree.words[k].text not in SENTENCE_ENDS:
            rest.append(k)
        k = tree.next_word(k)
    return rest


def build(rule: Rule) -> Check:
    settings = parse_settings(rule, Settings)
    swaps = {written.lower(): meant[0] for written, meant in settings.swaps.items() if meant}
    before_participle = frozenset(w.lower() for w in settings.before_participle)
    ellipses = frozenset(w.lower() for w in settings.ellipses)

    def lost(tree: Tree, i: int) -> bool:
        """Whether word i stands where its sentence's verb should be."""
        words = tree.words
        before = tree.previous_word(i)
        if before is None or tree.starts_sentence(i) or words[before].tag[:2] != "NN":
            return False  # "Where are they?", "where to stay": a question or a phrase of its own
        rest = _rest_of_sentence(tree, i)
        written = [k for k in rest if words[k].text.isalnum()]
        if not written or (len(written) == 1 and words[written[0]].lower in ellipses):
            return False  # "where possible"
        participle = words[i].lower in before_participle
        if participle and words[written[0]].tag not in _PARTICIPLES:
            return False  # "the man whose son won": a possessive
        verbs = FINITE_TAGS if participle else _VERB_TAGS  # "whose going to win": "to win" is the meant verb's
        # "cells where producing a protein": a participle straight after is the meant verb's own
        own = written[0] if words[written[0]].tag in _PARTICIPLES and written[0] == rest[0] else None
        return not any(
            words[k].tag in verbs
            or (words[k].tag in _PARTICIPLES and not participle and k != own)
            or (words[k].tag in ("NN", "NNS") and tags(words[k].text) & _LEXICON_VERBS)  # "where the staff work"
            for k in rest
        )  # fmt: skip

    def check(analysis: Analysis) -> Iterator[Finding]:
        for tree in trees(analysis):
            for i, word in enumerate(tree.words):
                meant = swaps.get(word.lower)
                if meant is not None and word.text.islower() and lost(tree, i):
                    yield rule.finding(word.start, word.end, word.text, [match_case(word.text, meant)], meant=meant)

    return check
