"""A word written for another of its confusion set, judged by measured counts: "they where given a
laptop" (were), "people fled form the city" (from), "a bigger crowd then ever" (than).

The words of a set sound alike or lie one slip apart; which one a sentence wants shows in its
neighbours. Edited prose (Google Books' bigram counts, as symspellpy ships them) writes "they
were" and "were given" hundreds of millions of times, "they where" and "where given" too rarely
to be listed. The written word is flagged when both of another word's pairs with its neighbours
are listed, at least one of its own is not, and the other word's pairs are `margin` orders of
magnitude more common (a pair not listed counts as `unlisted`, about half the list's cut-off).
Only the two neighbours are read, so a rule's sets are those where they decide.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from copydesk.checks.base import Check, doc, parse_settings
from copydesk.findings import Finding
from copydesk.lexicon import bigram_counts
from copydesk.rules import Rule
from copydesk.text import Analysis, Kind, match_case
from copydesk.wordclass import has_tag

_PRESENT_VERB = frozenset({"VB"})  # the lexicon's base form, which is also the plural present
_SUBJECT = frozenset({"NNS", "PRP"})


@dataclass(frozen=True)
class Settings:
    alternatives: Mapping[str, tuple[str, ...]] = field(
        metadata=doc("each word and the words it is written for ('where: [were]', 'form: [from]')")
    )
    margin: float = field(
        default=3.0, metadata=doc("orders of magnitude by which the other word's pairs outnumber the written one's")
    )
    unlisted: int = field(default=3_000_000, metadata=doc("the count taken for a pair the bigram list does not hold"))


def build(rule: Rule) -> Check:
    settings = parse_settings(rule, Settings)
    alternatives = {w.lower(): tuple(a.lower() for a in alts) for w, alts in settings.alternatives.items()}
    pairs_with = frozenset(alternatives) | frozenset(a for alts in alternatives.values() for a in alts)
    floor = math.log10(settings.unlisted)

    def weight(counts: Mapping[tuple[str, str], int], before: str, word: str, after: str) -> tuple[float, bool]:
        """The pairs' log counts summed, and whether both are listed."""
        left, right = counts.get((before, word)), counts.get((word, after))
        return (math.log10(left) if left else floor) + (math.log10(right) if right else floor), bool(left and right)

    def check(analysis: Analysis) -> Iterator[Finding]:
        counts = bigram_counts(pairs_with)
        for words in analysis.paragraph_tokens:  # without white space
            for before, token, after in zip(words, words[1:], words[2:], strict=False):
                choices = alternatives.get(token.text.lower())
                if not choices or before.kind is not Kind.WORD or after.kind is not Kind.WORD:
                    continue
                if has_tag(token.text, _PRESENT_VERB) and has_tag(before.text, _SUBJECT):
                    continue  # "Older people form a large share": the word may be the subject's verb
                context = before.text.lower(), after.text.lower()
                own, own_listed = weight(counts, context[0], token.text.lower(), context[1])
                if own_listed:
                    continue
                for other in choices:
                    theirs, listed = weight(counts, context[0], other, context[1])
                    if listed and theirs - own >= settings.margin:
                        fixed = match_case(token.text, other)
                        yield rule.finding(token.start, token.end, token.text, [fixed], meant=other)
                        break

    return check
