"""A word missing from a complex preposition, on the parse: "instead the car", "in spite the
rain", "on behalf the company" want "of" (or the word the rule names) before their noun phrase.

The phrases are a closed class, listed in the rule (from a grammar reference); the parse tells a
noun phrase that is the preposition's object from one that starts a new clause ("Instead the
company chose..." is right: "company" is the subject of "chose").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from copydesk.checks.base import Check, doc, parse_settings
from copydesk.checks.syntactic import ADJECTIVE_TAGS, Tree, trees
from copydesk.findings import Finding
from copydesk.rules import Rule
from copydesk.text import Analysis

_NOUN_PHRASE_START = frozenset({"DT", "PRP$", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD"})
_OBJECT_PRONOUNS = frozenset({"him", "them", "us", "me"})
_MODIFIERS = frozenset({"det", "amod", "poss", "compound", "nummod", "advmod"})
_CLAUSE_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "attr"})
_ARTICLES = frozenset({"a", "an", "the"})


@dataclass(frozen=True)
class Settings:
    phrases: tuple[str, ...] = field(metadata=doc("the phrases, lower case ('instead', 'in spite')"))
    missing: str = field(metadata=doc("the word they need before a noun phrase ('of')"))
    particles: tuple[str, ...] = field(
        default=(),
        metadata=doc("phrases that are also a verb's particle ('out'): they count only after the verb's "
                     "object ('pulled me out the water', not 'find out the truth')"),
    )  # fmt: skip
    not_followed_by: tuple[str, ...] = field(
        default=(), metadata=doc("words after which the phrase needs nothing ('more': 'a lot more people')")
    )
    never_modifiers: tuple[str, ...] = field(
        default=(),
        metadata=doc("phrase words that never modify a noun: parsed as the next noun's modifier ('a lot money', "
                     "'thousands people'), they have lost the missing word"),
    )  # fmt: skip


def _unclosed_apposition(tree: Tree, subject: int, verb: int) -> bool:
    """Whether the subject holds, after a comma, an apposition that runs straight into the verb:
    "because the pressure of the people, a campaign in London has had an impact". An apposition
    inside a subject closes with a comma ("the president, a lawyer, has said"); one that does not
    is the verb's own subject, and the phrase before the comma the preposition's object."""
    for k in tree.subtree(subject):
        if tree.words[k].dep != "appos" or k > verb:
            continue
        before = tree.previous_word(min(tree.subtree(k)))
        after = tree.next_word(tree.last_word(k))
        if before is None or after is None or tree.words[before].text != ",":
            continue
        if after == verb or (tree.words[after].head == verb and tree.words[after].dep in ("aux", "auxpass", "neg")):
            return True
    return False


def _article(word: str, before_adjective: bool) -> str:
    """The word as a phrase of the rule spells it: before an adjective "a" and "an" are one article
    ("an amount", "a large amount")."""
    return "a" if before_adjective and word == "an" else word


def build(rule: Rule) -> Check:
    settings = parse_settings(rule, Settings)
    phrases = tuple(tuple(p.lower().split()) for p in settings.phrases)
    last_words = frozenset(p[-1] for p in phrases)
    particles = frozenset(p.lower() for p in settings.particles)
    not_followed_by = frozenset(w.lower() for w in settings.not_followed_by)
    never_modifiers = frozenset(w.lower() for w in settings.never_modifiers)

    def object_follows(tree: Tree, n: int, phrase_start: int, phrase_end: int) -> bool:
        """Whether the phrase starting at word n is a noun phrase that is not a clause's subject."""
        first = tree.words[n]
        if first.lower in _OBJECT_PRONOUNS and first.tag == "PRP":
            return True
        if first.tag not in _NOUN_PHRASE_START or (
            first.lower in ("that", "this", "these", "those", "all", "each") and first.dep != "det"
        ):  # fmt: skip
            return False  # "because this is ...": a pronoun, the subject of a clause
        head = n
        while tree.words[head].dep in _MODIFIERS and head != tree.words[head].head:
            head = tree.words[head].head
        if tree.words[head].tag not in ("NN", "NNS", "NNP", "NNPS", "PRP") or head < n:
            return False
        if tree.words[head].dep != "poss" and any(tree.words[k].lower == "'s" for k in tree.kids(head, "case")):
            return False  # "because the country's so small": a possessive that owns nothing is a contracted "is"
        phrase = tree.words[phrase_end]
        if tree.words[head].dep == "npadvmod":  # "the next day": an adverbial, unless the phrase hangs
            # on it ("regardless their age") or, a preposition, has no object
            return phrase.head == head or (phrase.dep == "prep" and not tree.kids(phrase_end))
        if phrase.dep == "pobj" and phrase.head < phrase_start and tree.words[head].dep == "dobj" and (
            tree.words[head].head < phrase_start
        ):  # fmt: skip
            return False  # "reduce by a lot the amount": the verb's object, after an adverbial
        if tree.words[head].dep in ("nsubj", "nsubjpass"):  # a clause has one subject: when the parse gives
            verb = tree.words[head].head  # its verb a second one after a comma, the first is the object
            second = any(k > head and tree.words[k].dep in ("nsubj", "nsubjpass") and  # that lost its "of"
                         any(w.text == "," for w in tree.words[head:k]) for k in tree.kids(verb))  # fmt: skip
            # or a comma closes the phrase straight before the verb, the phrase holding no comma of its own:
            # the verb is the main clause's ("Fans, who waited because the delay the storm caused, were
            # angry"; but "because the rain, which fell all night, stopped" is a clause)
            last = tree.last_word(head)
            comma = tree.next_word(last)
            second = second or (comma is not None and tree.words[comma].text == "," and tree.next_word(comma) == verb
                                and not any(tree.words[k].text == "," for k in range(head, last)))  # fmt: skip
            # or the phrase is itself its subject: "a majority the athletes were"
            two = phrase.dep in ("nsubj", "nsubjpass") and phrase.head == verb
            # or the parse made the phrase an adverbial of that verb, fronted with no comma before its
            # subject: "A lot the message was impossible to read"
            two = two or (phrase.dep == "npadvmod" and phrase.head == verb)
            # or the parse made the phrase's own word its verb: "Regardless the weather, we go"
            return second or two or verb == phrase_end or _unclosed_apposition(tree, head, verb)
        return tree.words[head].dep not in _CLAUSE_DEPS

    def after_object(tree: Tree, i: int) -> bool:
        """Whether word i follows a verb and its object: "make mountains out", "pulled me out"."""
        before = tree.previous_word(i)
        if before is None or tree.words[before].tag not in ("NN", "NNS", "PRP") or (
            tree.words[before].tag == "PRP" and tree.words[before].lower not in _OBJECT_PRONOUNS
        ):  # fmt: skip
            return False
        first = before  # "driving drug users and other homeless people out": the first of joined objects
        while tree.words[first].dep == "conj" and tree.words[first].head < first:
            first = tree.words[first].head
        start = min([first, *(k for k in tree.kids(first, *_MODIFIERS) if k < first)])
        verb = tree.previous_word(start)
        return verb is not None and tree.words[verb].tag[:2] == "VB" and tree.words[verb].lemma != "be"

    def check(analysis: Analysis) -> Iterator[Finding]:
        for tree in trees(analysis):
            words = tree.words
            for i, word in enumerate(words):
                if word.lower not in last_words:
                    continue
                for phrase in phrases:
                    start: int | None = i
                    for part in reversed(phrase[:-1]):
                        start = tree.previous_word(start) if start is not None else None
                        skipped = False
                        while start is not None and part in _ARTICLES and words[start].tag in ADJECTIVE_TAGS:
                            start, skipped = tree.previous_word(start), True  # "a wide range", "the vast majority"
                        if start is None or _article(words[start].lower, skipped) != _article(part, skipped):
                            break
                    else:
                        if start is None or phrase[-1] != word.lower:
                            continue
                        n = tree.next_word(i)
                        if n is None or words[n].lower == settings.missing or words[n].lower in not_followed_by or (
                            not words[n].text[:1].isalnum()
                        ):  # fmt: skip
                            continue  # "(a spotty pair) soft jumpers": a bracket or comma closes the phrase
                        if word.dep in ("amod", "compound", "nummod", "nmod") and word.head > i:
                            counted = phrase[0] in ("a", "an") and words[word.head].tag == "NNS"
                            if word.lower not in never_modifiers and not counted:
                                continue  # "prior sale": an adjective, not a preposition; but "a" does not go
                                # with the plural after ("a wide range products")
                        else:
                            particle = " ".join(phrase) in particles
                            if not object_follows(tree, n, start, i) or (particle and not after_object(tree, i)):
                                continue
                        written = analysis.text[words[start].start : word.end]  # "a large amount"
                        yield rule.finding(word.start, word.end, word.text, [f"{word.text} {settings.missing}"],
                                           phrase=written)  # fmt: skip
                        break

    return check
