"""A question's word order inside a statement, on the parse: "I don't know what is it", "Tell
me where is the station" want "what it is", "where the station is".

A wh-clause that is the object of a verb of knowing, asking or telling is a dependent question,
and keeps a statement's order: subject, then verb (Quirk 15.5; Swan, Practical English Usage,
"reported questions"). The parse shows the slip as a clause under such a verb whose "be" or
auxiliary stands before its own subject, with a wh-word that is not the subject opening it ("who
is the winner" stands: "who" is the subject). A clause set off by a comma or colon is a quoted,
direct question ("He asked: where is it?") and stands. The fix moves the subject before the
verb; in a "do" question the "do" goes and its tense passes to the verb ("where does he live" ->
"where he lives"), unless it carries a negative ("why doesn't he"), which a statement keeps.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from copydesk.checks.base import Check, doc, parse_settings
from copydesk.checks.syntactic import WH_TAGS, Tree, inflect, trees, verb_lemma
from copydesk.findings import Finding
from copydesk.rules import Rule
from copydesk.text import Analysis

_SUBJECTS = ("nsubj", "nsubjpass", "expl")
# "do" in a question and the tense it gives the verb in a statement: "does he live" -> "he lives"
_DO_TENSES = {"does": "VBZ", "did": "VBD", "do": "VB"}
_BREAKS = frozenset({",", ":", ";", "—", "–", "-", '"', "“", "”", "(", "'", "‘"})


@dataclass(frozen=True)
class Settings:
    verbs: tuple[str, ...] = field(
        metadata=doc("verbs (lemmas) that take a dependent wh-question as object ('know', 'wonder', 'tell')")
    )


def build(rule: Rule) -> Check:
    settings = parse_settings(rule, Settings)
    verbs = frozenset(v.lower() for v in settings.verbs)

    def inverted(tree: Tree, clause: int) -> tuple[int, int, int] | None:
        """(finite, first, last): the clause's finite "be" or auxiliary and the subject phrase after
        it, when the clause is a dependent wh-question in a question's order."""
        words = tree.words
        head = words[clause]
        if head.dep != "ccomp" or words[head.head].tag[:2] != "VB" or head.head > clause:
            return None
        if verb_lemma(words[head.head].text, words[head.head].lemma) not in verbs:
            return None
        copula = verb_lemma(head.text, head.lemma) == "be" and not tree.kids(clause, "aux", "auxpass")
        finite = clause if copula else None
        if finite is None:  # "what can we do": the modal or auxiliary before the subject
            auxes = [k for k in tree.kids(clause, "aux", "auxpass") if k < clause]
            if not auxes or words[auxes[0]].tag == "TO":
                return None
            do = words[auxes[0]].lower in _DO_TENSES
            if do and (len(auxes) > 1 or tree.kids(clause, "neg") or head.tag not in ("VB", "VBP")):
                return None  # "why doesn't he": the negative stays with "do"
            finite = auxes[0]
        if words[finite].tag not in ("VBZ", "VBP", "VBD", "MD") or not words[finite].text.isalpha():
            return None  # "what's the matter": a contraction, spoken order kept in quoted speech
        subjects = [k for k in tree.kids(clause, *_SUBJECTS) if k > finite]
        if not subjects or (finite != clause and subjects[0] > clause):
            return None
        phrase = sorted(tree.subtree(subjects[0]))
        wh = [k for k in range(head.head + 1, finite) if words[k].tag in WH_TAGS]
        if not wh or any(words[k].dep in _SUBJECTS for k in wh):
            return None  # no wh-word, or it is the subject ("who is the winner")
        if any(words[k].text in _BREAKS for k in range(head.head + 1, wh[0])):
            return None  # "He asked: where is it?": a direct question, quoted or set off
        if any(words[k].text.strip() and k not in (*wh, *tree.subtree(wh[0])) and words[k].dep not in (
            "advmod", "acomp", "amod", "det", "npadvmod"
        ) for k in range(wh[0] + 1, finite)):  # fmt: skip
            return None  # only the wh-phrase before the verb ("how old is she")
        if phrase[0] != finite + 1 or tree.quotation[finite] >= 0:
            return None
        return finite, phrase[0], phrase[-1]

    def statement(analysis: Analysis, tree: Tree, clause: int, found: tuple[int, int, int]) -> tuple[int, str] | None:
        """The end of the words to rewrite and the statement's order for them: the subject, then
        the verb ("it is", "we can"); for "do", the subject, the adverbs after it and the verb in
        the tense "do" had ("he lives", "they always win")."""
        words = tree.words
        finite, first, last = found
        verb, subject = words[finite], analysis.text[words[first].start : words[last].end]
        tense = _DO_TENSES.get(verb.lower)
        if tense is None:
            return words[last].end, f"{subject} {verb.text}"
        if any(words[k].tag not in ("RB", "RBR") for k in range(last + 1, clause) if words[k].text.strip()):
            return None  # only adverbs between the subject and the verb ("does he always win")
        lemma = verb_lemma(words[clause].text, words[clause].lemma)
        form = inflect(lemma, tense) if tense != "VB" else lemma
        if tense == "VBZ" and words[first].lower in ("i", "you", "we", "they"):
            return None  # "does they": a slip of its own, left to agreement
        if not form:
            return None
        between = analysis.text[words[last].end : words[clause].start]
        return words[clause].end, f"{subject}{between}{form}"

    def check(analysis: Analysis) -> Iterator[Finding]:
        for tree in trees(analysis):
            words = tree.words
            for clause in range(len(words)):
                found = inverted(tree, clause)
                rewritten = statement(analysis, tree, clause, found) if found is not None else None
                if found is None or rewritten is None:
                    continue
                start, (end, fixed) = words[found[0]].start, rewritten
                subject = analysis.text[words[found[1]].start : words[found[2]].end]
                yield rule.finding(start, end, analysis.text[start:end], [fixed], subject=subject)

    return check
