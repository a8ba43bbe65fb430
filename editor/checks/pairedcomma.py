"""A comma that opens an aside and none that closes it, on the parse: "The report, which was
published on Monday said" and "Frederic Thut, the owner of the auction house said" want a comma
before "said".

A non-restrictive relative clause ("which", "who") or a descriptive apposition ("a drug addict",
"the owner of ...") set off after its subject by a comma is closed by another before the
subject's verb (Quirk 17.22-17.23, 15.65). The parse gives the subject, its clause or apposition
and the verb; only where the aside is one phrase (no list of names the parse may have read as an
apposition: "David Cameron, Barack Obama and Pamela Anderson have"), the subject opens its clause
(not an object the parse took for a subject: "angered residents, who claim ... reduces"), and the
verb straight after the aside is finite and no participle that could hang on the aside's last noun
("a camera mounted on"). The finding spans the words either side of the missing comma.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from copydesk.checks.base import Check, doc, parse_settings
from copydesk.checks.syntactic import FINITE_TAGS, VERB_TAGS, Tree, trees, verb_forms, verb_lemma
from copydesk.findings import Finding
from copydesk.rules import Rule
from copydesk.text import Analysis
from copydesk.wordclass import tags

_SUBJECT = ("nsubj", "nsubjpass")
# What may stand before a subject that opens its clause: nothing, punctuation, a conjunction or subordinator
_CLAUSE_OPENERS = frozenset({",", ":", "``", "''", "CC", "IN", "WRB", "-LRB-", "."})
_MARKS = frozenset({",", ":", "HYPH", "-LRB-", "-RRB-", "``", "''", "NFP"})


@dataclass(frozen=True)
class Settings:
    relative_pronouns: tuple[str, ...] = field(
        metadata=doc("the words that open a non-restrictive relative clause ('which', 'who')")
    )
    apposition_openers: tuple[str, ...] = field(
        default=(), metadata=doc("the words that open a descriptive apposition ('a', 'the')")
    )


def build(rule: Rule) -> Check:
    settings = parse_settings(rule, Settings)
    relatives = frozenset(w.lower() for w in settings.relative_pronouns)
    openers = frozenset(w.lower() for w in settings.apposition_openers)

    def aside(tree: Tree, subject: int, verb: int) -> tuple[int, int] | None:
        """The aside's last word and the verb's first, when the subject's aside opens with a comma and
        runs up to its verb without one."""
        words = tree.words
        chain = min([verb, *tree.kids(verb, "aux", "auxpass", "neg")])
        if words[chain].tag not in FINITE_TAGS:
            return None
        start = min(tree.subtree(subject))
        before = tree.previous_word(start)
        if before is not None and words[before].tag not in _CLAUSE_OPENERS:
            return None  # the subject is some verb's object the parse took for a subject
        for k in tree.kids(subject, "relcl", "appos"):
            span = sorted(tree.subtree(k))
            first, last = span[0], span[-1]
            comma = tree.previous_word(first)
            if k < subject or comma is None or words[comma].text != "," or tree.next_word(last) != chain:
                continue
            opener = words[first].lower
            if words[k].dep == "relcl" and (opener not in relatives or not tags(words[k].lower) & VERB_TAGS):
                continue  # a restrictive clause, or one the parse built round no verb
            if words[k].dep == "appos" and opener not in openers:
                continue  # names in a list ("David Cameron, Barack Obama and ...")
            if any(words[j].dep == "cc" or words[j].tag in _MARKS or not words[j].text.strip() for j in span):
                continue  # a list, or an aside the writer punctuated inside: the parse may have split it
            verb_word = words[chain]
            after = tree.next_word(chain)
            participle = verb_word.lower in verb_forms(verb_lemma(verb_word.text, verb_word.lemma), "VBN")
            if participle and after is not None and words[after].tag in ("IN", "TO") and words[after].lower != "that":
                continue  # "a special camera mounted on a car roof": a participle of the aside's own noun
            return last, chain
        return None

    def check(analysis: Analysis) -> Iterator[Finding]:
        for tree in trees(analysis):
            words = tree.words
            for verb in range(len(words)):
                for subject in tree.kids(verb, *_SUBJECT):
                    found = aside(tree, subject, verb) if subject < verb else None
                    if found is None:
                        continue
                    last, chain = words[found[0]], words[found[1]]
                    text = analysis.text[last.start : chain.end]
                    fixed = f"{last.text},{analysis.text[last.end : chain.end]}"
                    yield rule.finding(last.start, chain.end, text, [fixed], subject=words[subject].text)

    return check
