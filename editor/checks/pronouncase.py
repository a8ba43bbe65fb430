"""An object pronoun as the subject of a finite verb, on the parse: "Me and him went", "Her and
me are friends", "My brother and me watched" want "He and I went", "She and I are", "My brother
and I watched".

A personal pronoun that is a finite verb's subject takes the subjective case (Quirk 6.3-6.5),
joined to another subject or not. Only where the parse makes the pronoun the subject of a verb
with a tense: the object of "let" or "make" is the subject of the bare verb after it ("let him
and me go") and stays, as does a preposition's or a verb's object the parse misread ("harder
for them plan") and a topic a comma sets before the subject ("Me, I prefer tea"). Quoted speech
keeps the speaker's words. The fix puts "I" last, as courtesy has it ("He and I").
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from copydesk.checks.base import Check, doc, parse_settings
from copydesk.checks.syntactic import FINITE_TAGS, NOUN_TAGS, Tree, trees, verb_lemma
from copydesk.findings import Finding
from copydesk.rules import Rule
from copydesk.text import Analysis
from copydesk.wordclass import tags


@dataclass(frozen=True)
class Settings:
    subjective: Mapping[str, tuple[str, ...]] = field(
        metadata=doc("each object pronoun and its subject form ('me: [I]', 'him: [he]')")
    )


def _plain_pronoun(tree: Tree, k: int, span: list[int]) -> bool:
    """Whether the pronoun stands alone ("20 him" is some other phrase) and is no possessive "her"
    before a word that may be its noun ("her shows", which the tagger may make a verb)."""
    after = tree.next_word(k)
    possessive = tree.words[k].lower == "her" and after is not None and bool(NOUN_TAGS & tags(tree.words[after].text))
    return span == [k] and not possessive


def build(rule: Rule) -> Check:
    settings = parse_settings(rule, Settings)
    subjective = {k.lower(): v[0] for k, v in settings.subjective.items() if v}

    def finite(tree: Tree, verb: int) -> bool:
        """Whether the verb has a tense of its own, or a finite auxiliary does; a base form that
        is another verb's complement is a bare infinitive whatever the tagger said ("let him go")."""
        words = tree.words
        word = words[verb]
        base = word.tag == "VBP" and word.lower == verb_lemma(word.text, word.lemma)
        if base and word.dep in ("ccomp", "xcomp") and words[word.head].tag[:2] == "VB":
            return False
        return word.tag in FINITE_TAGS or any(words[k].tag in FINITE_TAGS for k in tree.kids(verb, "aux", "auxpass"))

    def check(analysis: Analysis) -> Iterator[Finding]:
        for tree in trees(analysis):
            words = tree.words
            for s, subject in enumerate(words):
                if subject.dep != "nsubj" or not finite(tree, subject.head) or tree.quotation[s] >= 0:
                    continue
                joined = tree.kids(s, "conj")
                links = tree.kids(s, "cc")
                if len(joined) > 1 or (joined and [words[k].lower for k in links] != ["and"]):
                    continue  # a list of three, or "or": left for a person
                parts = [s, *joined]
                if not any(words[k].tag == "PRP" and words[k].lower in subjective for k in parts):
                    continue
                phrases = []  # each part's text, the pronoun in its subject form, and its words
                for k in parts:
                    joined_words = {j for c in tree.kids(k, "cc", "conj") for j in tree.subtree(c)}
                    span = sorted(j for j in tree.subtree(k) if j not in joined_words)  # the part's own words
                    if words[k].tag == "PRP" and words[k].lower in subjective:
                        if not _plain_pronoun(tree, k, span):
                            break
                        phrases.append((subjective[words[k].lower], span))
                    else:
                        phrases.append((analysis.text[words[span[0]].start : words[span[-1]].end], span))
                if len(phrases) < len(parts):
                    continue
                if len(phrases) == 2 and phrases[0][0] == "I":
                    phrases.reverse()  # "Me and him" -> "He and I"
                first = min(j for _, span in phrases for j in span)
                last = max(j for _, span in phrases for j in span)
                after, before = tree.next_word(last), tree.previous_word(first)
                if after is not None and words[after].text in (",", "—", "–", "-"):
                    continue  # "Me, I prefer tea": a topic set before the subject, which has its own case
                if before is not None and (words[before].tag in ("IN", "TO") or words[before].tag[:2] == "VB"):
                    continue  # "harder for them plan", "who found them must": a preposition's or a verb's
                    # object, whatever the parse made of it
                fixed = " and ".join(text for text, _ in phrases)
                if tree.starts_sentence(first):
                    fixed = fixed[:1].upper() + fixed[1:]
                text = analysis.text[words[first].start : words[last].end]
                if fixed != text:
                    yield rule.finding(words[first].start, words[last].end, text, [fixed])

    return check
