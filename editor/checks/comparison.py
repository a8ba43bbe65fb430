""""Than" with nothing to compare, on the parse: "If the crisis is real, than humans may not be"
wants "then".

"Than" completes a comparison, so something before it in its sentence compares: a comparative
("more", "faster"), or a word of difference or preference ("other", "rather", "different",
"prefer"). Without one, and with a clause or a comma after it (a subject and its finite verb; "and
than, he realized"), the writer meant "then". A "than" before a noun phrase alone ("tasteful
choices than acrylic ones") has lost its comparative instead, which no fix can supply: it is left
alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from copydesk.checks.base import Check, doc, parse_settings
from copydesk.checks.syntactic import FINITE_TAGS, Tree, trees
from copydesk.findings import Finding
from copydesk.rules import Rule
from copydesk.text import Analysis, match_case

_COMPARATIVE_TAGS = frozenset({"JJR", "RBR"})
_SUBJECT_TAGS = frozenset({"PRP", "NN", "NNS", "NNP", "NNPS", "DT", "EX"})


@dataclass(frozen=True)
class Settings:
    comparing: tuple[str, ...] = field(
        metadata=doc("words besides comparatives that a 'than' may complete ('other', 'rather', 'prefer')")
    )


def build(rule: Rule) -> Check:
    settings = parse_settings(rule, Settings)
    comparing = frozenset(w.lower() for w in settings.comparing)

    def compares(tree: Tree, than: int) -> bool:
        """Whether a word before "than" in its sentence makes a comparison for it to complete."""
        k = tree.previous_word(than)
        while k is not None:
            word = tree.words[k]
            if word.tag in _COMPARATIVE_TAGS or word.lower in comparing or word.lower.endswith("er"):
                return True  # "-er": a comparative the tagger missed ("a tastier one")
            if tree.starts_sentence(k):
                return False
            k = tree.previous_word(k)
        return False

    def clause_after(tree: Tree, than: int) -> bool:
        """Whether a subject and its finite verb follow "than" before the next mark, or a comma
        does ("and than, he realized"): a comparison's "than" runs on into what it compares."""
        words = tree.words
        first = tree.next_word(than)
        if first is not None and words[first].text == ",":
            return True
        if first is None or words[first].tag not in _SUBJECT_TAGS:
            return False
        subject = False
        k: int | None = first
        while k is not None and words[k].text[0].isalnum():
            if words[k].tag in FINITE_TAGS:
                return subject  # "than humans may", "than we left"
            subject = subject or words[k].dep in ("nsubj", "nsubjpass", "expl")
            k = tree.next_word(k)
        return False

    def check(analysis: Analysis) -> Iterator[Finding]:
        for tree in trees(analysis):
            for i, word in enumerate(tree.words):
                if word.lower == "than" and not compares(tree, i) and clause_after(tree, i):
                    yield rule.finding(word.start, word.end, word.text, [match_case(word.text, "then")])

    return check
