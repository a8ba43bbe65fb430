"""A proper name built on a common noun and "of" without its "the", on the parse: "between the user
and University of Wisconsin" wants "the University of Wisconsin".

A name whose head is a common noun followed by an "of" phrase takes "the", as the noun would ("the
University of London", "the Department of Health", "the Museum of Modern Art"), where the same
institution named with its modifier first takes none ("London University"). The name is read
only where it heads its own noun phrase: straight after a preposition, a conjunction or a verb (not
after a determiner, a genitive or another name: "a University of California study", "National
University of Rwanda"), and not before a common noun it modifies ("University of Oxford
researchers").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from copydesk.checks.base import Check, doc, parse_settings
from copydesk.checks.syntactic import VERB_TAGS, Tree, trees
from copydesk.findings import Finding
from copydesk.rules import Rule
from copydesk.text import Analysis

_HEADS_AFTER = frozenset({"IN", "CC", "TO"}) | VERB_TAGS  # the tags of a word a noun phrase may follow
_NAME_JOINERS = frozenset({"-", "–", "and", "&", "of", "for", "the"})  # inside a name: "Recreation and Sport"


@dataclass(frozen=True)
class Settings:
    heads: tuple[str, ...] = field(
        metadata=doc("common nouns that head a name with 'of' after them ('University', 'Department', 'Museum')")
    )


def build(rule: Rule) -> Check:
    settings = parse_settings(rule, Settings)
    heads = frozenset(h.lower() for h in settings.heads)

    def name_end(tree: Tree, first: int) -> int:
        """The last word of the name that starts at `first`: capitalised words and what joins them."""
        last, k = first, tree.next_word(first)
        while k is not None and (tree.words[k].text[:1].isupper() or tree.words[k].lower in _NAME_JOINERS):
            if tree.words[k].text[:1].isupper():
                last = k
            k = tree.next_word(k)
        return last

    def check(analysis: Analysis) -> Iterator[Finding]:
        for tree in trees(analysis):
            words = tree.words
            for n, head in enumerate(words):
                if head.lower not in heads or not head.text.istitle() or tree.kids(n, "det", "poss"):
                    continue
                of, before = tree.next_word(n), tree.previous_word(n)
                if of is None or words[of].lower != "of" or before is None or words[before].tag not in _HEADS_AFTER:
                    continue
                owner = tree.next_word(of)
                if owner is None or words[owner].tag not in ("NNP", "NNPS") or not words[owner].text[:1].isupper():
                    continue
                after = tree.next_word(name_end(tree, owner))
                if after is not None and words[after].tag[:2] == "NN" and words[after].text.islower():
                    continue  # "University of Oxford researchers": the name modifies a noun
                yield rule.finding(head.start, head.end, head.text, [f"the {head.text}"], name=head.text)

    return check
