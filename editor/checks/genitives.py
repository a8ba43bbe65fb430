"""A singular count noun after two genitives joined by "and", on the parse: "his bachelor's and
master's degree" wants "degrees".

Each genitive of a pair joined by "and" owns a thing of its own ("John's and Mary's cars": two
cars), where one genitive after the joined names owns one thing jointly ("John and Mary's car").
So a count noun after the pair of genitives names two things and is plural. "Or" offers one of
them ("a bachelor's or master's degree"), and a noun with no plural in use ("men's and women's
jewellery", "clothing") stands. The noun must head its phrase, with only adjectives between it and
the second genitive: a noun before another noun is a modifier, whose number is not its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from copydesk.checks.base import Check, doc, parse_settings
from copydesk.checks.syntactic import (
    ADJECTIVE_TAGS,
    COUNTABLE_GAP,
    GENITIVE_ENDINGS,
    Tree,
    countable,
    inflect,
    trees,
)
from copydesk.findings import Finding
from copydesk.rules import Rule
from copydesk.text import Analysis, match_case


@dataclass(frozen=True)
class Settings:
    joiners: tuple[str, ...] = field(
        metadata=doc("words joining two genitives that each own a thing ('and'; not 'or', which offers one)")
    )


def build(rule: Rule) -> Check:
    settings = parse_settings(rule, Settings)
    joiners = frozenset(j.lower() for j in settings.joiners)

    def genitive(tree: Tree, ending: int | None) -> int | None:
        """The owner whose genitive ending is word `ending`, or None when it is no genitive."""
        if ending is None or tree.words[ending].text not in GENITIVE_ENDINGS:
            return None
        owner = tree.previous_word(ending)
        return owner if owner is not None and tree.words[owner].text.isalpha() else None

    def first_of_pair(tree: Tree, n: int) -> int | None:
        """The first owner of two genitives joined before noun n, past adjectives only."""
        k = tree.previous_word(n)
        while k is not None and tree.words[k].tag in ADJECTIVE_TAGS:
            k = tree.previous_word(k)
        second = genitive(tree, k)
        if second is None:
            return None
        joiner = tree.previous_word(second)
        if joiner is None or tree.words[joiner].lower not in joiners:
            return None
        first = genitive(tree, tree.previous_word(joiner))
        return None if first is None or tree.words[first].lower == tree.words[second].lower else first

    def check(analysis: Analysis) -> Iterator[Finding]:
        for tree in trees(analysis):
            words = tree.words
            for n, noun in enumerate(words):
                if noun.tag != "NN" or not (noun.text.isalpha() and noun.text.islower()) or noun.lower.endswith("ing"):
                    continue  # a gerund ("men's and women's drinking") is uncounted
                after = tree.next_word(n)
                if after is not None and (words[after].tag[:2] == "NN" or words[after].text in GENITIVE_ENDINGS):
                    continue  # a modifier ("master's degree programme"), or a genitive itself
                first = first_of_pair(tree, n)
                plural = inflect(noun.lemma, "NNS")
                if first is None or not plural or not countable(noun.lemma, COUNTABLE_GAP):
                    continue
                start = words[first].start
                article = tree.previous_word(first)
                if article is not None and words[article].lower in ("a", "an"):
                    start = words[article].start  # "a bachelor's and master's degree": two, so no "a"
                text = analysis.text[start : noun.end]
                fixed = analysis.text[words[first].start : noun.start] + plural
                yield rule.finding(start, noun.end, text, [match_case(text, fixed)], noun=noun.text)

    return check
