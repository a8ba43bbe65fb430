"""A verb after a "to" that is a preposition takes -ing, on the parse: "look forward to seeing
you", "in addition to playing", "devote time to studying", "get used to working" (not "to see",
"to play", "to study", "to work", which read "to" as the infinitive's marker).

The phrases whose "to" is a preposition are a closed class, listed in the rule (from a grammar
reference). The parse finds the verb the "to" hangs on and the object a verb such as "devote" puts
between itself and "to"; "I used to play" keeps its infinitive, as the phrase wants "get used".
A rule may name another preposition that its phrases end in, which a "to" stood in for: "in the
hope to win" wants "in the hope of winning".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from copydesk.checks.base import Check, doc, parse_settings
from copydesk.checks.syntactic import COUNTABLE_GAP, Tree, countable, inflect, trees, verb_lemma
from copydesk.findings import Finding
from copydesk.lexicon import can_be_noun
from copydesk.rules import Rule
from copydesk.text import Analysis

_OBJECTS = frozenset({"dobj", "dative"})


@dataclass(frozen=True)
class Settings:
    phrases: tuple[str, ...] = field(
        metadata=doc("the words before the prepositional 'to', lower case; a verb by its lemma "
                     "('look forward', 'object', 'in addition', 'get used')")
    )
    preposition: str = field(
        default="to", metadata=doc("the preposition the phrases take before the -ing form, where a 'to' stands "
                                   "for it ('of': 'in the hope to win' -> 'in the hope of winning')")
    )


def build(rule: Rule) -> Check:
    settings = parse_settings(rule, Settings)
    phrases = tuple(tuple(p.lower().split()) for p in settings.phrases)
    last_words = frozenset(p[-1] for p in phrases)

    def matches(tree: Tree, end: int, phrase: tuple[str, ...]) -> bool:
        """Whether the words ending at `end` are the phrase (a word by its form or its lemma); a
        phrase of one word is a verb, an adjective or an adverb there ("objected to", "prior to", not "an
        object to")."""
        if len(phrase) == 1 and tree.words[end].tag[:2] not in ("VB", "JJ", "RB"):
            return False
        k: int | None = end
        for part in reversed(phrase):
            if k is None or part not in (tree.words[k].lower, tree.words[k].lemma.lower()):
                return False
            k = tree.previous_word(k)
        return True

    def phrase_end(tree: Tree, head: int, to: int) -> int | None:
        """The last word of the phrase before "to": the word right before it, or the verb whose
        object stands between them ("devote your time to")."""
        before = tree.previous_word(to)
        if before is None:
            return None
        if tree.words[before].lower in last_words or tree.words[before].lemma.lower() in last_words:
            return before
        objects = tree.kids(head, *_OBJECTS)
        if len(objects) == 1 and head < objects[0] < to and set(range(head + 1, to)) <= set(tree.subtree(objects[0])):
            return head
        return None

    def surely_a_verb(tree: Tree, c: int) -> bool:
        """Whether the word after "to" is a verb, not a noun the tagger read as one after "to"
        ("object to consent", "in addition to report type"), where the phrase's own preposition is
        "to" (after "insisted to" or "capable to", which take another, the "to" is the infinitive's
        whatever the word may also be: "insisted to pay"): it cannot be a noun, or its object
        is one no noun would take: a pronoun, a plural, a noun phrase with a determiner or a
        number, or a mass noun ("play chess"); a bare singular count noun is a compound's."""
        if not can_be_noun(tree.words[c].lower):
            return True
        for o in tree.kids(c, "dobj"):
            obj = tree.words[o]
            if obj.tag in ("PRP", "NNS", "NNPS") or tree.kids(o, "det", "poss", "nummod"):
                return True
            if obj.tag == "NN" and not countable(obj.lemma, COUNTABLE_GAP):
                return True
        return False

    def check(analysis: Analysis) -> Iterator[Finding]:
        for tree in trees(analysis):
            words = tree.words
            for c, verb in enumerate(words):
                if verb.tag != "VB" or not verb.text.isalpha():
                    continue
                to = tree.previous_word(c)
                if to is None or words[to].lower != "to" or words[to].dep != "aux" or words[to].head != c:
                    continue
                head = verb.head
                before = tree.previous_word(to)
                if head == c or (settings.preposition == "to" and not surely_a_verb(tree, c)) or (
                    head > to and (before is None or words[before].head != c)
                ):  # fmt: skip
                    continue  # the phrase is what the verb hangs on, or hangs on it ("Prior to start the engine,")
                end = phrase_end(tree, head, to)
                if end is None or not any(matches(tree, end, p) for p in phrases):
                    continue
                lemma = verb_lemma(verb.text, verb.lemma)
                ing = inflect(lemma, "VBG")
                if ing:
                    phrase = analysis.text[words[end].start : words[to].end]
                    text = analysis.text[words[to].start : verb.end]
                    yield rule.finding(words[to].start, verb.end, text, [f"{settings.preposition} {ing}"],
                                       phrase=phrase)  # fmt: skip

    return check

