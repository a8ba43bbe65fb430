"""A bare verb after "for" and its subject pronoun, on the parse: "it is harder for them plan"
wants "for them to plan".

A clause opened by "for" and a subject in the object case is a to-infinitive clause ("for them to
plan", "for me to say"): the case shows it, as the "for" of reason takes the subject case ("for
they plan"). A base verb straight after such a subject has lost its "to". Only pronouns whose
object case is no other form ("them", not "her", which may be a possessive before a noun: "for her
plan") and only a verb the parse makes the pronoun's own, with no auxiliary.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from copydesk.checks.base import Check, doc, parse_settings
from copydesk.checks.syntactic import trees, verb_lemma
from copydesk.findings import Finding
from copydesk.rules import Rule
from copydesk.text import Analysis
from copydesk.wordclass import tags


@dataclass(frozen=True)
class Settings:
    pronouns: tuple[str, ...] = field(
        metadata=doc("object pronouns that are no other form, lower case ('me', 'him', 'us', 'them')")
    )


def build(rule: Rule) -> Check:
    settings = parse_settings(rule, Settings)
    pronouns = frozenset(p.lower() for p in settings.pronouns)

    def check(analysis: Analysis) -> Iterator[Finding]:
        for tree in trees(analysis):
            words = tree.words
            for k, pronoun in enumerate(words):
                if pronoun.lower not in pronouns or pronoun.dep != "nsubj":
                    continue
                before, v = tree.previous_word(k), tree.next_word(k)
                if before is None or v is None or words[before].lower != "for" or pronoun.head != v:
                    continue
                verb = words[v]
                base = verb.tag in ("VB", "VBP") and verb.lower == verb_lemma(verb.text, verb.lemma)
                if not (base and verb.text.isalpha() and verb.text.islower() and "VB" in tags(verb.text)):
                    continue
                if tree.kids(v, "aux", "auxpass"):
                    continue  # "for them will": a clause of its own
                text = analysis.text[pronoun.start : verb.end]
                yield rule.finding(pronoun.start, verb.end, text, [f"{pronoun.text} to {verb.text}"],
                                   pronoun=pronoun.text)  # fmt: skip

    return check
