"""Determiner–noun number on the parse: "this findings", "these kind", "a results", "many problem",
"each members", "one of the reason". The determiner is found by the parse (it may stand before
adjectives), the noun's number by its tag and the lexicon. Words the same in both numbers
("series"), names and mass nouns ("many information" wants "much", not a plural) are left
alone; whether a noun counts is measured from wordfreq: its plural must be in common use.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from copydesk.checks.base import Check, doc, parse_settings
from copydesk.checks.syntactic import Tree, countable, inflect, number_invariant, trees, with_case
from copydesk.findings import Finding
from copydesk.rules import Rule
from copydesk.text import Analysis, Word
from copydesk.wordclass import tags

# A noun counts when its plural's Zipf frequency is at most this far below its singular's
# ("problems" 4.9 beside "problem" 5.3; "informations" 1.6 beside "information" 5.4).
COUNTABLE_GAP = -1.5
# Quantifiers after which "a" goes with a plural noun: "a few days", "a great many people".
_NOUN_PHRASE_START = frozenset({"DT", "PRP$", "NN", "NNS", "JJ", "CD"})
_PLURAL_WITH_A = frozenset({"few", "many", "lot", "couple", "dozen", "hundred", "thousand", "million", "billion"})


@dataclass(frozen=True)
class Settings:
    singular: tuple[str, ...] = field(
        default=(), metadata=doc("determiners that want a singular noun ('this', 'each', 'a'); 'x=y' also "
                                 "names the determiner's plural ('this=these')")
    )
    plural: tuple[str, ...] = field(
        default=(), metadata=doc("determiners that want a plural noun ('these', 'many'); 'x=y' names the "
                                 "determiner's singular ('these=this')")
    )
    ignore: tuple[str, ...] = field(
        default=(), metadata=doc("nouns whose number the form does not tell ('data', 'media', 'dozen')")
    )
    one_of: bool = field(default=False, metadata=doc("also 'one of the' + a singular count noun"))
    fix: Literal["noun", "determiner"] = field(
        default="noun",
        metadata=doc("what the fix changes: the noun's number, or the determiner (when it has a partner)"),
    )


def _pairs(items: tuple[str, ...]) -> dict[str, str | None]:
    return {i.split("=")[0].lower(): (i.split("=")[1] if "=" in i else None) for i in items}


def build(rule: Rule) -> Check:
    settings = parse_settings(rule, Settings)
    singular, plural = _pairs(settings.singular), _pairs(settings.plural)
    ignored = frozenset(w.lower() for w in settings.ignore)

    def fixes(det: Word, noun: Word, wants_plural: bool, partner: str | None) -> list[str]:
        if settings.fix == "determiner" and partner:
            return [with_case(det, partner)]
        form = inflect(noun.lemma, "NNS" if wants_plural else "NN")
        return [with_case(noun, form)] if form and form.lower() != noun.lower else []

    def mismatch(tree: Tree, n: int) -> Iterator[tuple[Word, Word, bool, str | None]]:
        noun = tree.words[n]
        if noun.tag not in ("NN", "NNS") or number_invariant(noun.text, noun.lemma) or not noun.text.isalpha():
            return
        if noun.lower in ignored or noun.lemma.lower() in ignored or noun.dep == "compound":
            return
        after = tree.next_word(n)
        if after is not None and tree.words[after].text in ("’", "'", "’s", "'s"):
            owned = tree.next_word(after)
            if owned is not None and tree.words[owned].tag[:2] in ("NN", "JJ", "CD"):
                return  # "farmers’ market": a possessive, whose number is its own
        after_tag = tree.words[after].tag if after is not None else ""
        if noun.tag == "NNS" and "VBZ" in tags(noun.text) and (
            noun.dep not in ("nsubj", "nsubjpass", "dobj", "pobj") or after_tag in _NOUN_PHRASE_START
        ):  # fmt: skip
            return  # "This page documents...", "This forces prices up": the tagger's noun may be the verb
        if noun.tag == "NNS" and after_tag in ("NN", "NNP", "NNPS"):
            return  # "this years Super Bowl": a possessive without its apostrophe
        if tree.kids(n, "conj") or any(w.lower == "and" for w in tree.words[n + 1 : n + 8]):
            return  # "both director and ambassador", "both strength of mind and strength of will"
        if any(tree.words[k].tag == "CD" or tree.words[k].dep in ("nummod", "quantmod", "poss")
               for k in tree.children[n]):  # fmt: skip
            return  # "these 10 days", "every two weeks"
        if noun.tag == "NNS" and any(tree.words[k].lower in _PLURAL_WITH_A for k in tree.kids(n, "amod")):
            return  # "a few days", "a great many people"
        for k in tree.kids(n, "det", "amod", "predet"):
            det = tree.words[k]
            between = [tree.words[j] for j in range(k + 1, n) if tree.words[j].text.strip()]
            if k > n or any(w.tag not in ("JJ", "JJR", "JJS", "RB") or "VBZ" in tags(w.text) for w in between):
                continue  # only adjectives may stand between: "this page documents" is a clause
            if det.lower in ("a", "an") and between:
                continue  # "a coupla weeks", "a faint pins and needles": a plural after "a" must follow it
            if noun.tag == "NNS" and det.lower in singular:
                yield det, noun, False, singular[det.lower]
            elif noun.tag == "NN" and det.lower in plural and countable(noun.lemma, COUNTABLE_GAP) and not (
                plural[det.lower] is None and "VB" in tags(noun.text) and after_tag not in ("NN", "NNS", "")
            ):  # "Many work on the farm": the quantifier is the subject, the "noun" its verb
                yield det, noun, True, plural[det.lower]

    def one_of(tree: Tree, n: int) -> Iterator[tuple[Word, Word, bool, str | None]]:
        """"one of the reason": the object of "of" after "one" is plural."""
        noun = tree.words[n]
        if noun.tag != "NN" or noun.dep != "pobj" or noun.lower in ignored or not countable(noun.lemma, COUNTABLE_GAP):
            return
        prep = tree.words[noun.head]
        if prep.lower != "of" or tree.words[prep.head].lower != "one" or prep.head >= noun.head:
            return
        dets = tree.kids(n, "det", "poss")
        if dets and tree.words[dets[0]].lower in ("the", "my", "his", "her", "its", "our", "their", "your"):
            yield tree.words[dets[0]], noun, True, None

    def check(analysis: Analysis) -> Iterator[Finding]:
        for tree in trees(analysis):
            for n in range(len(tree.words)):
                found = [*mismatch(tree, n), *(one_of(tree, n) if settings.one_of else ())]
                for det, noun, wants_plural, partner in found[:1]:
                    replacements = fixes(det, noun, wants_plural, partner)
                    if not replacements:
                        continue
                    target = det if settings.fix == "determiner" and partner else noun
                    yield rule.finding(target.start, target.end, target.text, replacements,
                                       determiner=det.text, noun=noun.text)  # fmt: skip

    return check
