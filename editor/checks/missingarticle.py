"""A missing "a" before a quantifying noun, on the parse: "offer wide range of products", "got
lot of experience", "has total of five rounds" want "a wide range of", "a lot of", "a total of".

Nouns of quantity ("a lot of", "a range of", "a variety of", "a total of") are
count nouns that never stand bare in the singular (Quirk 5.25-5.30): the rule lists them, and
the parse tells such a noun, with "of" after it and no determiner of its own, from the same word
as a verb ("they range of") or inside a longer noun ("the price range of"). "Number", "amount"
and "quantity" take "the" as often as "a" ("the number of"), so they are read only after an
adjective ("need large quantity of protein"). The article takes
the sound of the word it lands before, as the a/an check decides it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from copydesk.checks import article
from copydesk.checks.base import Check, doc, parse_settings
from copydesk.checks.syntactic import DETERMINER_DEPS, DETERMINER_TAGS, Tree, trees
from copydesk.findings import Finding
from copydesk.rules import Rule
from copydesk.text import Analysis, match_case

_ADJECTIVES = frozenset({"JJ", "JJR", "JJS", "RB", "VBN", "VBG"})
_QUANTIFIERS = frozenset({"many", "several", "few", "various", "numerous", "multiple", "more", "most", "such",
                          "enough"})
# After these the noun is a reach, uncounted ("within range of", "out of range of"), or is itself
# what is counted ("a list of series of talks").
_NOT_AFTER = frozenset({"of", "'s", "’s", "within", "beyond", "outside", "in", "into", "out"})


@dataclass(frozen=True)
class Settings(article.Settings):
    nouns: tuple[str, ...] = field(
        default=(), metadata=doc("singular nouns that take 'a' before their 'of' ('lot', 'range', 'variety')")
    )
    after_adjective: tuple[str, ...] = field(
        default=(), metadata=doc("nouns that take 'a' before their 'of' only after an adjective ('large number "
                                 "of'): bare, as often 'the' as 'a' ('the number of')")
    )


def build(rule: Rule) -> Check:
    settings = parse_settings(rule, Settings)
    nouns = frozenset(n.lower() for n in settings.nouns)
    after_adjective = frozenset(n.lower() for n in settings.after_adjective)
    consonant_starts, vowel_starts = article.sound_starts(settings)

    def bare(tree: Tree, n: int) -> int | None:
        """The first word of noun n's phrase when it is a listed noun standing bare before its "of"."""
        words = tree.words
        noun = words[n]
        after = tree.next_word(n)
        if noun.lower not in nouns | after_adjective or noun.tag != "NN" or not noun.text.isalpha() or (
            noun.text.isupper()
        ):  # fmt: skip
            return None
        if noun.dep == "compound" or after is None or words[after].lower != "of" or words[after].head != n:
            return None
        if tree.kids(n, *DETERMINER_DEPS) or (noun.text[0].isupper() and not tree.starts_sentence(n)):
            return None  # "a wide range of", "the number of"; a name ("Range of Motion Clinic")
        first = min([n, *(k for k in tree.kids(n, "amod", "advmod") if k < n)])
        if any(words[k].tag not in _ADJECTIVES for k in range(first, n) if words[k].text.strip()):
            return None  # only adjectives before the noun: anything else is a phrase the parse may have split
        if noun.lower not in nouns and not any(words[k].tag in ("JJ", "JJR") for k in range(first, n)):
            return None  # "number of", bare: "a" or "the" alike; "large number of" is "a large number of"
        if any(words[k].lower in _QUANTIFIERS for k in range(first, n)):
            return None  # "many series of concerts": a plural the form does not show
        before = tree.previous_word(first)
        if before is not None and (words[before].tag in DETERMINER_TAGS or words[before].lower in _NOT_AFTER):
            return None  # a determiner the parse attached elsewhere; "within easy range of" (reach, uncounted)
        return first

    def check(analysis: Analysis) -> Iterator[Finding]:
        for tree in trees(analysis):
            for n in range(len(tree.words)):
                first = bare(tree, n)
                if first is None:
                    continue
                word = tree.words[first]
                wanted = article.indefinite_article(word.text, consonant_starts, vowel_starts)
                if wanted is None:
                    continue
                opens = word.text[0].isupper() and tree.starts_sentence(first)  # "Wide range of" -> "A wide range of"
                fixed = match_case(word.text, f"{wanted} {word.lower}") if opens else f"{wanted} {word.text}"
                yield rule.finding(word.start, word.end, word.text, [fixed], noun=tree.words[n].text, article=wanted)

    return check
