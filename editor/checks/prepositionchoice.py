"""The preposition a word takes, on the parse: "depend on", "interested in", "capable of". The
words and their prepositions are a lexicon in the rule (fixed complements, from a grammar
reference); a preposition the parse attaches to such a word, right after it, that the lexicon
does not give is flagged ("depend of", "interested for"). Only the word's own complement counts:
a phrase of time or place later in the clause ("depend in part on") is not its complement.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from copydesk.checks.base import Check, doc, parse_settings
from copydesk.checks.syntactic import trees, with_case
from copydesk.findings import Finding
from copydesk.rules import Rule
from copydesk.text import Analysis

_ADJUNCT_PREPOSITIONS = frozenset({"after", "before", "during", "since", "until", "throughout", "despite", "like",
                                   "unlike", "than", "as", "because", "if", "whether", "although", "though"})
_ADJUNCT_OBJECTS = frozenset({"part", "time", "years", "year", "order", "fact", "general", "particular", "addition",
                              "turn", "return", "case", "way", "advance", "person", "public", "practice", "theory"})


@dataclass(frozen=True)
class Settings:
    takes: Mapping[str, tuple[str, ...]] = field(
        metadata=doc("each word (lemma) and the prepositions it takes ('depend': [on, upon])")
    )


def build(rule: Rule) -> Check:
    settings = parse_settings(rule, Settings)
    takes = {word.lower(): tuple(p.lower() for p in preps) for word, preps in settings.takes.items()}

    def check(analysis: Analysis) -> Iterator[Finding]:
        for tree in trees(analysis):
            words = tree.words
            for h, head in enumerate(words):
                allowed = takes.get(head.lemma.lower()) or takes.get(head.lower)
                nominal = head.tag == "VBG" and head.dep in ("pobj", "pcomp")
                if not allowed or head.tag[:2] not in ("VB", "JJ", "NN") or nominal or tree.hyphenated(h):
                    continue  # "a sense of belonging in": a noun, not the verb; "self-reliant from an early age",
                    # "accident-prone in winter": the compound holds its complement
                p = tree.next_word(h)
                if p is None or words[p].tag != "IN" or words[p].head != h or words[p].lower in allowed:
                    continue
                if words[p].lower in _ADJUNCT_PREPOSITIONS or any(
                    words[k].lower in allowed for k in tree.kids(h, "prep") + tree.kids(h, "agent")
                ) or any(w.lower in allowed for w in words[max(0, h - 6) : h]):
                    continue  # "responsible after 1963"; "on whom we are dependent for": the complement is there
                objects = tree.kids(p, "pobj")
                if len(objects) != 1 or words[objects[0]].lower in _ADJUNCT_OBJECTS or words[objects[0]].tag in (
                    "CD", "NNP", "NNPS"
                ):  # fmt: skip
                    continue  # "interested for years", "depend in part", "married in 1990": adjuncts
                yield rule.finding(words[p].start, words[p].end, words[p].text, [with_case(words[p], allowed[0])],
                                   word=head.text)  # fmt: skip

    return check
