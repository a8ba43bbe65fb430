"""A present tense beside a time that is over, on the parse: "Yesterday he go to the market",
"She lead the team last year", "Two days ago they are in Paris" want "went", "led", "were".

A time adverbial that names a past moment ("yesterday", "last year", "two days ago") fixes the
tense of the verb it modifies (Quirk 4.20-4.22): the past. Only the verb the parse hangs the
adverbial on counts, so a present in another clause stands ("He said yesterday that the company
is"), and so does a comparison ("die less often than forty years ago") and a quotation, where a
speaker may tell a story in the present. Perfect, modal and "do" forms are left alone: the fix
there is not one word.
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

    def marker(tree: Tree, verb: int) -> int | None:
        """The past-time adverbial hanging on the verb, if any."""
        words = tree.words
        for k in tree.kids(verb, *_ADVERBIAL):
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

    def check(analysis: Analysis) -> Iterator[Finding]:
        for tree in trees(analysis):
            words = tree.words
            for i, verb in enumerate(words):
                if verb.tag not in _PRESENT or not verb.text.isalpha() or tree.quotation[i] >= 0:
                    continue
                lemma = verb_lemma(verb.text, verb.lemma)
                if verb.dep in ("aux", "auxpass"):
                    if lemma != "be":
                        continue  # "has gone", "does go": more than one word to change
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
