"""The verb's form after what governs it, on the parse: a modal or "to" wants the base form
("will goes", "to finished"), "do" the base form ("did not knew"), perfect "have" the past
participle ("has went"). The governing word is the verb's nearest auxiliary in the parse, so
adverbs and negation between them ("will not ever goes") change nothing; an auxiliary after a
modal is itself a verb in base form ("would has been", "could is applied"), and so is a verb in
-s after a question's modal and subject ("what can young people does?"). With `governor:
preposition`, a verb that is the complement of the preposition just before it takes the -ing
form ("for choosing", not "for choose"), except after the few prepositions that take a bare
infinitive ("rather than go", "do nothing but wait"). With `governor: subject`, a form that is only
ever a past participle ("seen", "done", "shown") heading a clause with a subject and no auxiliary
is the past tense ("I seen him", "The results shown that"), when the subject is a pronoun that is
only a subject ("I", "they") or the verb has an object, which a passive participle lacks ("the
windows broken", "had his sunglasses stolen" stand).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal

from copydesk.checks.base import Check, doc, parse_settings
from copydesk.checks.syntactic import (
    ADVERB_TAGS,
    NEGATIONS,
    NOMINATIVE,
    PASSIVE_ONLY,
    VERB_TAGS,
    Tree,
    inflect,
    trees,
    verb_forms,
    verb_lemma,
    with_case,
)
from copydesk.findings import Finding
from copydesk.lexicon import bigram_counts, can_be_noun
from copydesk.rules import Rule
from copydesk.text import Analysis
from copydesk.wordclass import tags

_FINITE_BE = frozenset({"is", "are", "am", "was", "were"})
# The semi-modals whose "to" is the infinitive's ("has to be", "needs to be", "used to be"; Quirk et al. 3.45)
_SEMI_MODALS = frozenset({"have", "need", "use", "ought"})
# A plain noun phrase, the subject a question puts between its modal and its verb
_SUBJECT_TAGS = frozenset({"DT", "JJ", "NN", "NNS", "NNP", "NNPS", "PRP", "PRP$", "CD"})
# Words before which "will", "can" or "may" is a noun ("political will", "a can", "the May"), but
# for the determiners that stand alone as a subject ("this will", "all can")
_NOUN_OPENERS = frozenset({"DT", "JJ", "JJR", "JJS", "PRP$", "POS", "CD"})
_SUBJECT_DETERMINERS = frozenset({"this", "that", "all", "both", "each"})
# The auxiliaries whose finite forms may follow a modal by mistake ("would has been")
_AUXILIARIES = frozenset({"be", "have", "do"})
_PRESENT_BE = frozenset({"am", "is", "are"})
# Adverbs of the perfect ("had already left"): after them "have" is the auxiliary, not "have leave"
_PERFECT_ADVERBS = frozenset({"already", "just", "never", "recently", "finally"})


def wanted_form(aux_tag: str, aux_lemma: str) -> str | None:
    """The Penn tag the verb after this auxiliary must have; None when several are right."""
    if aux_tag in ("MD", "TO") or aux_lemma == "do":
        return "VB"
    if aux_lemma == "have":
        return "VBN"
    return None


@dataclass(frozen=True)
class Settings:
    accepted: tuple[str, ...] = field(
        default=(), metadata=doc("forms accepted after their governor though the lexicon lists others "
                                 "(British participles: 'got', 'learnt', 'proved')")
    )
    governor: Literal["auxiliary", "preposition", "subject"] = field(
        default="auxiliary", metadata=doc("what governs the verb's form: its auxiliary, the preposition before it, "
                                          "or its subject alone (a participle without an auxiliary)")
    )
    bare_after: tuple[str, ...] = field(
        default=(), metadata=doc("with governor 'preposition': the prepositions after which a bare infinitive "
                                 "is right ('than', 'but', 'except')")
    )
    infinitive_verbs: tuple[str, ...] = field(
        default=(), metadata=doc("verbs whose 'to' is always the infinitive's ('aim'): after them a participle before "
                                 "a noun is a verb ('aims to raised money'), not an adjective")
    )
    infinitive_adjectives: tuple[str, ...] = field(
        default=(), metadata=doc("adjectives whose 'to' is always the infinitive's ('able')")
    )
    two_object_verbs: tuple[str, ...] = field(
        default=(), metadata=doc("with governor 'subject': verbs whose passive keeps an object ('they given "
                                 "incentives' may lack 'were'), judged only without a noun object ('they given it')")
    )


def _verb_after_to(tree: Tree, i: int, to: int) -> bool:
    """Whether participle i is a verb though a noun follows it: it has an object and stands right after
    "to" ("need to stopped tobacco companies"), and the "to" answers no "from" ("from whole to skimmed
    milk"); "on to unnecessarily restricted diets" is an adjective."""
    words = tree.words
    return bool(tree.kids(i, "dobj")) and tree.next_word(to) == i and not any(
        words[j].lower == "from" for j in range(min(words[i].head, to), to)
    )


def _asked(tree: Tree, modal: int, verb: int) -> bool:
    """"What can young people does?": in a question, a modal, its subject (a plain noun phrase) and
    a verb in -s, which never follows a modal, whatever the parse made of the question."""
    words = tree.words
    between = [j for j in range(modal + 1, verb) if words[j].text.strip()]
    root = tree.root(verb)
    end = max(tree.subtree(root))
    return (
        words[modal].tag == "MD"
        and words[verb].tag == "VBZ"
        and 0 < len(between) <= 3
        and all(words[j].tag in _SUBJECT_TAGS for j in between)
        and words[end].text == "?"
    )


_NEVER_NOUNS = frozenset({"could", "would", "should", "shall", "ought"})  # unlike "will", "can", "must", "might"


def _noun_modal(tree: Tree, modal: int) -> bool:
    """Whether the word the tagger called a modal is the noun ("his will matters", "if political will
    is translated"): a determiner, adjective or possessive opens its phrase."""
    if tree.words[modal].lower in _NEVER_NOUNS:
        return False  # "the world's poorest could is taken": these modals are never nouns
    before = tree.previous_word(modal)
    opener = tree.words[before] if before is not None else None
    return opener is not None and opener.tag in _NOUN_OPENERS and opener.lower not in _SUBJECT_DETERMINERS


def _verb_tagged_noun(tree: Tree, i: int) -> bool:
    """Whether a word tagged as a noun is a verb by the parse's own structure: "have" straight before it
    as its auxiliary, and an object after it that a determiner or pronoun opens ("you have fool the
    diaphragm"; not "had stage fright", a compound), and the lexicon knows it as a verb; or a modal
    straight before it as its auxiliary, and the lexicon knows it as a verb's -s form ("nobody can
    jams or hijack them")."""
    word = tree.words[i]
    if word.tag not in ("NN", "NNS"):
        return False  # called for every word the tagger did not call a verb: the cheap test first
    before, after = tree.previous_word(i), tree.next_word(i)
    if word.tag == "NNS":
        return (
            before is not None and tree.words[before].tag == "MD" and before in tree.kids(i, "aux")
            and "VBZ" in tags(word.text)
        )  # fmt: skip
    return (
        before is not None and tree.words[before].lemma == "have"
        and before in tree.kids(i, "aux") and bool(tree.kids(i, "dobj")) and "VB" in tags(word.text)
        and after is not None and tree.words[after].tag in ("DT", "PRP$", "PRP")
    )  # fmt: skip


def _takes_object(tree: Tree, i: int) -> bool:
    """Whether verb i has an object or a that-clause, which an active verb takes and a passive participle does not."""
    return bool(tree.kids(i, "dobj")) or any(
        tree.words[m].lower == "that" for c in tree.kids(i, "ccomp") for m in tree.kids(c, "mark")
    )


def build(rule: Rule) -> Check:
    settings = parse_settings(rule, Settings)
    accepted = frozenset(w.lower() for w in settings.accepted)
    bare_after = frozenset(w.lower() for w in settings.bare_after)
    infinitive_governors = frozenset(w.lower() for w in (*settings.infinitive_verbs, *settings.infinitive_adjectives))
    two_object_verbs = frozenset(w.lower() for w in settings.two_object_verbs)

    def after_preposition(analysis: Analysis) -> Iterator[Finding]:
        for tree in trees(analysis):
            words = tree.words
            for i, verb in enumerate(words[1:], start=1):
                prep = words[i - 1]
                if prep.tag != "IN" or prep.lower in bare_after or not verb.text.isalpha() or not verb.text.islower():
                    continue
                complement = verb.dep == "pcomp" and verb.head == i - 1
                if not (complement or (prep.head == i and prep.dep == "aux")):
                    continue  # the preposition's complement ("for" read as an aux too), not a clause after "because"
                if verb.tag != "VB" and not (verb.tag in ("NN", "VBP") and tree.kids(i, "dobj")):
                    continue  # a noun ("for sale", "by use of force"); a verb with an object is a verb
                lemma = verb_lemma(verb.text, verb.lemma)
                form = inflect(lemma, "VBG")
                if form is None or verb.lower not in verb_forms(lemma, "VB"):
                    continue
                yield rule.finding(verb.start, verb.end, verb.text, [form], governor=prep.text)

    def participle_alone(analysis: Analysis) -> Iterator[Finding]:
        for tree in trees(analysis):
            words = tree.words
            for i, verb in enumerate(words):
                if verb.tag[:2] != "VB" or not verb.text.isalpha() or tree.kids(i, "aux", "auxpass"):
                    continue
                lemma = verb_lemma(verb.text, verb.lemma)
                past = verb_forms(lemma, "VBD")
                if verb.lower not in verb_forms(lemma, "VBN") or verb.lower in (*past, *verb_forms(lemma, "VB")) or (
                    not past or "VBD" in tags(verb.lower) or verb.lower.endswith("ed")
                ) or verb.lower in PASSIVE_ONLY:  # fmt: skip
                    continue  # a form the past tense shares ("come"), or a regular one that may ("fitted"); "she
                    # born" has lost its "was" (missing-be's), no past tense
                subject = next((k for k in tree.kids(i, "nsubj", "nsubjpass") if k < i), None)
                if subject is None or (words[subject].lower not in NOMINATIVE and not _takes_object(tree, i)):
                    continue
                if lemma in two_object_verbs and any(words[o].tag != "PRP" for o in tree.kids(i, "dobj", "dative")):
                    continue  # "they given financial incentives": a passive that lost "were" keeps its object
                phrase = list(tree.subtree(subject))
                first = min(phrase)
                if any(words[j].lemma in _AUXILIARIES and words[j].tag[:2] == "VB"
                       for j in range(tree.sentence_start(i), first)):  # fmt: skip
                    continue  # "had the service done", "have taken us to ... and even shown us": an
                    # auxiliary before the subject, inverted or shared by joined verbs
                if any(words[j].text in (":", ";", "–", "—") for j in range(first, i)):
                    continue  # "features include: hidden security features": a list the parse made a clause
                if any(words[j].tag not in ADVERB_TAGS and words[j].text.strip()
                       for j in range(max(phrase) + 1, i)):  # fmt: skip
                    continue  # "features include: hidden", "and even shown": a clause the parse joined
                yield rule.finding(verb.start, verb.end, verb.text, [with_case(verb, past[0])],
                                   governor=words[subject].text)  # fmt: skip

    if settings.governor == "preposition":
        return after_preposition
    if settings.governor == "subject":
        return participle_alone

    def auxiliary_after_modal(tree: Tree, auxes: list[int]) -> Iterator[tuple[int, int, str]]:
        """"would has been", "could is applied": an auxiliary after a modal in the same verb's chain,
        with only adverbs between, is in its base form ("have", "be"). Not after a "to", which may be
        a stranded preposition ("the athletes it gives money to were born"), nor after a noun "will"
        ("if political will is translated")."""
        words = tree.words
        for first, second in pairwise(auxes):
            governor, aux = words[first], words[second]
            lemma = verb_lemma(aux.text, aux.lemma)
            finite = aux.text.isalpha() and aux.tag not in ("VBN", "VBG")  # not "could've", "would been"
            base = inflect(lemma, "VB") if lemma in _AUXILIARIES and finite else None
            if governor.tag != "MD" or base is None or base == aux.lower or not governor.text.isalpha():
                continue
            if _noun_modal(tree, first):
                continue
            if all(words[j].tag in ADVERB_TAGS or not words[j].text.strip() for j in range(first + 1, second)):
                yield first, second, base

    def passive_base(tree: Tree, i: int, aux: int) -> Iterator[Finding]:
        """The passive's participle where the writer put the base form, straight after "be": "It was
        build in 1990" wants "built", "was destroy by fire" "destroyed". Not where the two forms are
        one ("was cut"), nor after a subject with "do" in it, whose "be" takes a bare infinitive ("What
        he did was walk away", a pseudo-cleft)."""
        words = tree.words
        verb = words[i]
        if verb.tag not in ("VB", "VBP", "VBN") or aux != i - 1 or tree.kids(i, "dobj"):  # the text decides
            return
        if verb.tag != "VB" and can_be_noun(verb.text):
            return  # "you were cheek by jowl": a noun the tagger made a participle
        if verb.lemma.lower() == "be":
            return  # "can be be as high": a doubled word, repetition's
        if words[aux].lower in _PRESENT_BE and any(
            words[s].tag in ("NN", "NNS") for k in (i, aux) for s in tree.kids(k, "nsubjpass", "nsubj")
        ):  # fmt: skip
            return  # "My advice is go to": a noun's "be" and a base verb lost its "to" (missing-word's)
        if any(words[k].lemma == "do" for s in tree.kids(i, "nsubjpass", "nsubj", "csubj") for k in tree.subtree(s)):
            return
        lemma = verb_lemma(verb.text, verb.lemma)
        right, form = verb_forms(lemma, "VBN"), inflect(lemma, "VBN")
        past = (  # a strong verb's past for its participle: "was wrote", "were ate" (not "was broke", an adjective
            # too; nor where the lexicon lacks a spelling, "learnt", "fuelled", "lit")
            verb.lower in verb_forms(lemma, "VBD") and "JJ" not in tags(verb.lower) and verb.lower not in accepted
            and not verb.lower.endswith("ed") and form is not None and not form.endswith("ed")
        )  # fmt: skip
        if right and form and verb.lower not in right and (verb.lower == inflect(lemma, "VB") or past):
            fixes = [form]
            progressive = inflect(lemma, "VBG")
            present = words[aux].lower
            if progressive and present in _PRESENT_BE:  # "She is go to school": the progressive as likely as the
                counts = bigram_counts(_PRESENT_BE)  # passive; the likelier in edited prose first ("is going",
                # "is paid")
                both = (progressive, form)
                fixes = sorted(both, key=lambda f: -counts.get((present, f), 0))
            yield rule.finding(verb.start, verb.end, verb.text, [with_case(verb, f) for f in fixes],
                               governor=words[aux].text)  # fmt: skip

    def check(analysis: Analysis) -> Iterator[Finding]:
        for tree in trees(analysis):
            words = tree.words
            for i, verb in enumerate(words):
                if (verb.tag not in VERB_TAGS and not _verb_tagged_noun(tree, i)) or not verb.text.isalpha():
                    continue
                auxes = [k for k in tree.kids(i, "aux", "auxpass") if k < i]
                if not auxes:
                    continue
                for modal, k, base in auxiliary_after_modal(tree, auxes):
                    aux_word = words[k]
                    yield rule.finding(aux_word.start, aux_word.end, aux_word.text, [with_case(aux_word, base)],
                                       governor=words[modal].text)  # fmt: skip
                aux = words[auxes[-1]]
                if aux.lower == "'d" and aux.dep == "aux" and verb.tag == "VBZ" and auxes[-1] == i - 1:
                    lemma = verb_lemma(verb.text, verb.lemma)  # "I'd hires": wrong after "would" and after "had"
                    fixes = list(dict.fromkeys(f for f in (inflect(lemma, "VB"), inflect(lemma, "VBN")) if f))
                    if fixes and verb.lower not in fixes:
                        yield rule.finding(verb.start, verb.end, verb.text, [with_case(verb, f) for f in fixes],
                                           governor=aux.text)  # fmt: skip
                    continue
                if aux.dep == "auxpass" and aux.lemma.lower() == "be" and aux.text.isalpha():
                    yield from passive_base(tree, i, auxes[-1])
                    continue
                if aux.dep == "auxpass" or aux.lower in ("'d", "'s"):
                    continue  # "'d" is had or would, "'s" is or has (the tagger may call either a modal)
                if aux.tag == "MD" and _noun_modal(tree, auxes[-1]):
                    continue  # "his will matters"
                governor = words[verb.head]
                infinitive = aux.tag == "TO" and verb.dep == "xcomp" and bool(  # "aims to raised": the infinitive's
                    {verb_lemma(governor.text, governor.lemma), governor.lower} & (infinitive_governors | _SEMI_MODALS)
                )
                opening = aux.tag == "TO" and verb.lower in _FINITE_BE and tree.starts_sentence(auxes[-1])
                # "To was able to dispose": a sentence's opening "to" before "be" is a purpose clause's, never a
                # preposition's ("To finished goods, add" may be one)
                slip_of_be = aux.tag == "MD" or infinitive or opening
                if verb.lower in _FINITE_BE and not (
                    slip_of_be and auxes[-1] == i - 1 and (aux.text.islower() or opening)
                ):  # fmt: skip
                    continue  # "have is" a misparse, "what it comes down to is" usage; "may is", "want to was" slips
                if (any(words[j].tag not in ADVERB_TAGS and words[j].lower not in NEGATIONS and words[j].text.strip()
                        for j in range(auxes[-1] + 1, i)) or i - auxes[-1] > 4) and not _asked(tree, auxes[-1], i):
                    continue  # only adverbs and "not" between (whatever the tagger made of "n’t"): a subject between
                    # is a question the parse may misread
                if any(words[j].lower == "too" for j in range(auxes[-1] + 1, i)):
                    continue  # "have too ask": "too" never comes before a verb, so it is "to" (confusable's)
                if verb.dep in ("amod", "compound") or (aux.lower == "had" and any(
                    words[j].lower == "better" for j in range(auxes[-1] + 1, i)
                )):  # fmt: skip
                    continue  # an adjective ("restricted diets"), "had better be"
                after = tree.next_word(i)
                participle = verb.tag in ("VBN", "VBD") or verb.lower.endswith("ed")  # the tagger's VB "skimmed"
                if aux.tag == "TO" and participle and after is not None and words[after].tag in (
                    "NN", "NNS", "JJ"
                ) and not (infinitive or opening) and not _verb_after_to(tree, i, auxes[-1]):  # fmt: skip
                    continue  # "from whole to skimmed milk": "to" a preposition, the participle an adjective
                tag = wanted_form(aux.tag, aux.lemma.lower())
                if tag is None or verb.tag == "VBG" or (tag == "VBN" and verb.lower in accepted):
                    continue  # "to coming", "have been going": other constructions; "has got", British
                perfect_adverb = any(words[j].lower in _PERFECT_ADVERBS for j in range(auxes[-1] + 1, i))
                if tag == "VBN" and verb.tag == "VB" and can_be_noun(verb.text) and not tree.kids(i, "dobj") and (
                    not perfect_adverb
                ):  # fmt: skip
                    continue  # "they have cause for concern": "have" and a noun the tagger took for a verb (but
                    # "had already leave": "already" is the perfect's)
                # The text decides, not the tagger (which tags "went" after "has" VBN): a form the
                # lexicon gives the lemma for the wanted tag is right.
                lemma = verb_lemma(verb.text, verb.lemma)
                right = verb_forms(lemma, tag)
                form = inflect(lemma, tag)
                if not right or verb.lower in right or not form:
                    continue
                if tag == "VBN" and (verb.tag == "VB" or verb.lower == inflect(lemma, "VB")) and auxes[-1] == i - 1:
                    # "have find" (or "have look", a base form the tagger called a participle): the perfect
                    # lost its participle, or "have to" its "to"; after a modal
                    # ("will have adapt") "have to" is far likelier than the future perfect
                    perfect, semi_modal = f"{aux.text} {with_case(verb, form)}", f"{aux.text} to {verb.text}"
                    modal = any(words[k].tag == "MD" for k in auxes[:-1])
                    fixes = [semi_modal, perfect] if modal else [perfect, semi_modal]
                    text = analysis.text[aux.start : verb.end]
                    yield rule.finding(aux.start, verb.end, text, fixes, governor=aux.text)
                    continue
                yield rule.finding(verb.start, verb.end, verb.text, [with_case(verb, form)], governor=aux.text)

    return check
