"""A present tense beside a time that is over, on the parse: "Yesterday he go to the market",
"She lead the team last year", "Two days ago they are in Paris" want "went", "led", "were".

A time adverbial that names a past moment ("yesterday", "last year", "two days ago") fixes the
tense of the verb it modifies (Quirk 4.20-4.22): the past. Only the verb the parse hangs the
adverbial on counts, so a present in another clause stands ("He said yesterday that the company
is"), and so does a comparison ("die less often than forty years ago") and a quotation, where a
speaker may tell a story in the present. The present perfect does not go with a past moment
either (Quirk 4.22: "He has finished it yesterday" wants "finished"), though it goes with a
period up to now ("the last two years", "since last year"); only a perfect of "has"/"have" straight
before its participle is judged. Modal and "do" forms are left alone: the fix there is more than
the verb.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from copydesk.checks.base import Check, doc, parse_settings
from copydesk.checks.syntactic import Tree, inflect, trees, verb_lemma, with_case
from copydesk.findings import Finding
from copydesk.rules import Rule
from copydesk.text import Analysis

_PRESENT = frozenset({"VBP", "VBZ"})
_PAST_BE = {"is": "was", "am": "was", "are": "were"}
_ADVERBIAL = ("npadvmod", "advmod", "tmod")
# Words that make a past time another clause's or a comparison's ("than forty years ago", "since last year")
_NOT_THE_VERBS_TIME = frozenset({"than", "as", "since", "until", "for"})


@dataclass(frozen=True)
class Settings:
    past_words: tuple[str, ...] = field(metadata=doc("adverbs that name a past time alone ('yesterday')"))
    past_after: tuple[str, ...] = field(
        default=(), metadata=doc("words after a length of time that place it in the past ('ago')")
    )
    past_before: tuple[str, ...] = field(
        default=(), metadata=doc("adjectives before a unit of time that place it in the past ('last year')")
    )


def build(rule: Rule) -> Check:
    settings = parse_settings(rule, Settings)
    alone = frozenset(w.lower() for w in settings.past_words)
    after = frozenset(w.lower() for w in settings.past_after)
    before = frozenset(w.lower() for w in settings.past_before)

    def marker(tree: Tree, verb: int, moment: bool = False) -> int | None:
        """The past-time adverbial hanging on the verb, if any; with `moment`, only a past moment,
        not a period a determiner makes run up to now ("the last two years")."""
        words = tree.words
        for k in tree.kids(verb, *_ADVERBIAL):
            if moment and tree.kids(k, "det"):
                continue
            phrase = list(tree.subtree(k))
            between = range(min(verb, *phrase), max(verb, *phrase))
            if any(words[j].lower in _NOT_THE_VERBS_TIME for j in (*phrase, *between)):
                continue  # "less often than forty years ago": a comparison, not the verb's time
            word = words[k]
            if word.lower in alone or word.lower in after or any(words[j].lower in after for j in tree.kids(k)):
                return k
            if word.tag in ("NN", "NNP") and any(words[a].lower in before for a in tree.kids(k, "amod")):
                return k
        return None

    def perfect(tree: Tree, aux: int) -> bool:
        """Whether the auxiliary "has"/"have" makes a present perfect with the participle straight
        after it, its only auxiliary ("has finished"; not "has been working", "has not finished")."""
        head = tree.words[aux].head
        return head == aux + 1 and tree.words[head].tag == "VBN" and tree.kids(head, "aux", "auxpass") == [aux]

    def check(analysis: Analysis) -> Iterator[Finding]:
        for tree in trees(analysis):
            words = tree.words
            for i, verb in enumerate(words):
                if verb.tag not in _PRESENT or not verb.text.isalpha() or tree.quotation[i] >= 0:
                    continue
                lemma = verb_lemma(verb.text, verb.lemma)
                if verb.dep == "aux" and lemma == "have" and perfect(tree, i):
                    found = marker(tree, verb.head, moment=True)
                    participle = words[verb.head]
                    past = inflect(verb_lemma(participle.text, participle.lemma), "VBD")
                    if found is not None and past:  # "has finished it yesterday" -> "finished"
                        yield rule.finding(verb.start, participle.end, analysis.text[verb.start : participle.end],
                                           [with_case(verb, past)],
                                           time=analysis.text[words[found].start : words[found].end])  # fmt: skip
                    continue
                if verb.dep in ("aux", "auxpass"):
                    if lemma != "be":
                        continue  # "does go": more than one word to change
                    head = verb.head  # "Yesterday he is going": the progressive's time
                elif tree.kids(i, "aux", "auxpass"):
                    continue  # "will go", "did go": the auxiliary carries the tense
                else:
                    head = i
                found = marker(tree, head)
                if found is None:
                    continue
                past = _PAST_BE.get(verb.lower) if lemma == "be" else inflect(lemma, "VBD")
                if past is None or past == verb.lower:
                    continue
                yield rule.finding(verb.start, verb.end, verb.text, [with_case(verb, past)],
                                   time=analysis.text[words[found].start : words[found].end])  # fmt: skip

    return check
