"""A personal pronoun in the wrong case for its place, on the parse (Quirk 6.3-6.5):
- "subject": an object pronoun as the subject of a finite verb: "Me and him went", "Her and me are
  friends", "My brother and me watched" want "He and I went", "She and I are", "My brother and I
  watched". Only where the parse makes the pronoun the subject of a verb with a tense: the object
  of "let" or "make" is the subject of the bare verb after it ("let him and me go") and stays, as
  does a preposition's or a verb's object the parse misread ("harder for them plan") and a topic a
  comma sets before the subject ("Me, I prefer tea"). The fix puts "I" last ("He and I").
- "object": a subject pronoun joined by "and" to the object of a preposition or a verb, the
  careful speaker's overcorrection: "for my wife and I", "between you and I", "invited John and I"
  want "me". Not where a verb follows the pronoun, whose subject it then is ("told my wife and I
  agreed").
Quoted speech keeps the speaker's words.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from copydesk.checks.base import Check, doc, parse_settings
from copydesk.checks.syntactic import FINITE_TAGS, NOUN_TAGS, Tree, trees, verb_lemma
from copydesk.findings import Finding
from copydesk.rules import Rule
from copydesk.text import Analysis
from copydesk.wordclass import tags


@dataclass(frozen=True)
class Settings:
    position: Literal["subject", "object"] = field(
        metadata=doc("the place whose case is checked: a finite verb's subject, or a preposition's or verb's "
                     "object joined by 'and'")
    )  # fmt: skip
    forms: Mapping[str, tuple[str, ...]] = field(
        metadata=doc("each pronoun wrong in that place and the form it takes there ('me: [I]', 'I: [me]')")
    )


_OBJECTS = ("pobj", "dobj", "dative")


def _plain_pronoun(tree: Tree, k: int, span: list[int]) -> bool:
    """Whether the pronoun stands alone ("20 him" is some other phrase), is no possessive "her"
    before a word that may be its noun ("her shows", which the tagger may make a verb), and has a
    pronoun's case of letters ("H and He" are elements, "US" a country)."""
    word = tree.words[k]
    after = tree.next_word(k)
    possessive = word.lower == "her" and after is not None and bool(NOUN_TAGS & tags(tree.words[after].text))
    cased = word.text in (word.lower, "I") or (tree.starts_sentence(k) and word.text == word.lower.capitalize())
    return span == [k] and not possessive and cased


def build(rule: Rule) -> Check:
    settings = parse_settings(rule, Settings)
    forms = {k.lower(): v[0] for k, v in settings.forms.items() if v}

    def finite(tree: Tree, verb: int) -> bool:
        """Whether the verb has a tense of its own, or a finite auxiliary does; a base form that
        is another verb's complement is a bare infinitive whatever the tagger said ("let him go")."""
        words = tree.words
        word = words[verb]
        base = word.tag == "VBP" and word.lower == verb_lemma(word.text, word.lemma)
        if base and word.dep in ("ccomp", "xcomp") and words[word.head].tag[:2] == "VB":
            return False
        return word.tag in FINITE_TAGS or any(words[k].tag in FINITE_TAGS for k in tree.kids(verb, "aux", "auxpass"))

    def fits(tree: Tree, first: int, last: int) -> bool:
        """Whether the words around the phrase leave it in the place the parse gave it."""
        words = tree.words
        after, before = tree.next_word(last), tree.previous_word(first)
        if settings.position == "object":
            return after is None or (words[after].tag[:2] != "VB" and words[after].tag != "MD")  # "told my wife
            # and I agreed": a verb after the pronoun makes it that verb's subject
        if after is not None and words[after].text in (",", "—", "–", "-"):
            return False  # "Me, I prefer tea": a topic set before the subject, which has its own case
        return before is None or not (words[before].tag in ("IN", "TO") or words[before].tag[:2] == "VB")
        # "harder for them plan", "who found them must": a preposition's or a verb's object, whatever the
        # parse made of it

    def in_place(tree: Tree, s: int) -> bool:
        """Whether word s heads a phrase in the place the rule checks: a finite verb's subject, or
        an object with a part joined to it."""
        word = tree.words[s]
        if tree.quotation[s] >= 0:
            return False
        if settings.position == "subject":
            return word.dep == "nsubj" and finite(tree, word.head)
        return word.dep in _OBJECTS and bool(tree.kids(s, "conj"))

    def check(analysis: Analysis) -> Iterator[Finding]:
        for tree in trees(analysis):
            words = tree.words
            for s in range(len(words)):
                if not in_place(tree, s):
                    continue
                joined = tree.kids(s, "conj")
                links = tree.kids(s, "cc")
                if len(joined) > 1 or (joined and [words[k].lower for k in links] != ["and"]):
                    continue  # a list of three, or "or": left for a person
                parts = [s, *joined]
                if not any(words[k].tag == "PRP" and words[k].lower in forms for k in parts):
                    continue
                phrases = []  # each part's text, the pronoun in the place's form, and its words
                for k in parts:
                    joined_words = {j for c in tree.kids(k, "cc", "conj") for j in tree.subtree(c)}
                    span = sorted(j for j in tree.subtree(k) if j not in joined_words)  # the part's own words
                    if words[k].tag == "PRP" and words[k].lower in forms:
                        if not _plain_pronoun(tree, k, span):
                            break
                        phrases.append((forms[words[k].lower], span))
                    else:
                        phrases.append((analysis.text[words[span[0]].start : words[span[-1]].end], span))
                if len(phrases) < len(parts):
                    continue
                if len(phrases) == 2 and phrases[0][0] in ("I", "me"):
                    phrases.reverse()  # "Me and him" -> "He and I"
                first = min(j for _, span in phrases for j in span)
                last = max(j for _, span in phrases for j in span)
                if not fits(tree, first, last):
                    continue
                fixed = " and ".join(text for text, _ in phrases)
                if tree.starts_sentence(first):
                    fixed = fixed[:1].upper() + fixed[1:]
                text = analysis.text[words[first].start : words[last].end]
                if fixed != text:
                    yield rule.finding(words[first].start, words[last].end, text, [fixed])

    return check
