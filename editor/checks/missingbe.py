"""A missing "be", on the parse: "it only the tip of the iceberg", "She a 23-year-old student",
"These the words used", "customers staying away" want "it is only", "She is a", "These are the",
"customers are staying".

Five shapes of a clause without its verb. A sentence with no finite verb at all that opens with
a subject pronoun followed by what can only begin a complement (a determiner, an adjective, a
number, an adverb before one of those): the verb between them is "be"; the same after a dash,
semicolon or colon ("– it the response of dealers"). A main clause whose head is an -ing form,
or a participle passive by its form or after "being", with a subject and no auxiliary ("and
customers staying away", "cinema audiences taken to"). A sentence with no finite verb but its
subject's clauses, whose head is an adjective with a subject ("Our ocean vast but not
limitless", "Others not sure"). And, anywhere in a sentence, a clause whose subject is a pronoun
only ever a subject ("he", "they") and whose head is an -ing form, an adjective, a passive
participle or a verb of feeling without its object ("before he going to", "they more active",
"that they caused by", "I interested in"), or a common noun in a clause a subordinator, a
wh-word or a verb of saying opens ("when people collapsing", "says fewer people going"), with an
-ing form or a participle passive by its own words ("said that waiters made to pay", "when their
boat sunk by killer whales", where the parse made the noun the clause's head). The tense
is the writer's: the fix takes the nearest finite verb of the sentence, else the paragraph's last
one before it, in the same voice (quotation or narration) as its guide, and is only proposed
(`fix: unsafe` in the rule). A finding spans the words either side of the missing verb, where the
fix inserts it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from copydesk.checks.base import Check, doc, parse_settings
from copydesk.checks.syntactic import (
    ADJECTIVE_TAGS,
    FINITE_TAGS,
    NOUN_TAGS,
    PASSIVE_ONLY,
    SENTENCE_ENDS,
    WH_TAGS,
    Tree,
    inflect,
    trees,
    verb_lemma,
)
from copydesk.findings import Finding
from copydesk.rules import Rule
from copydesk.text import Analysis, Word, match_case
from copydesk.wordclass import FINITE, has_tag, tags

_CAN_BE_VERB = frozenset({"VB", "VBZ", "VBD", "VBN", "VBG"})  # the lexicon's
_ADJECTIVE = frozenset({"JJ"})
_COMPLEMENT_STARTS = frozenset({"DT", "JJ", "JJR", "CD", "PRP$"})
_AFTER_AN_ADVERB = frozenset({"DT", "JJ", "JJR", "CD", "VBG"})
_CONTRACTIONS = frozenset({"'s", "’s", "'re", "’re", "'m", "’m"})
_CLOSING_QUOTES = frozenset({'"', "”", "’", "'", "»", ")"})
_QUANTITY = frozenset({"lot", "lots", "number", "plenty", "couple"})  # "a lot of dogs": the noun after "of"
_PLURAL_SUBJECT_TAGS = frozenset({"NNS", "NNPS"})
_SINGULAR, _PLURAL = ("is", "was"), ("are", "were")  # for a noun subject; pronouns' forms are the rule's
_FLOATING = frozenset({"all", "both", "each", "half"})  # "They all went": a quantifier floated after its subject
_NOUN_OR_ADJECTIVE = NOUN_TAGS | ADJECTIVE_TAGS  # the parse's
# The words of a subject noun phrase before its noun ("The Japanese", "About 780 more")
_SUBJECT_PHRASE_TAGS = frozenset({"DT", "PDT", "PRP$", "POS", "CD", "JJ", "JJR", "JJS", "NN", "NNS", "HYPH", "RB",
                                  "RBR"})
_NOMINAL_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "iobj", "pobj", "attr", "appos", "conj", "poss", "dative"})
# Adverbs that name a place and so may be the whole complement of "be" ("We here because").
_PLACE_ADVERBS = frozenset({"here", "there", "abroad", "overseas", "away", "inside", "outside", "upstairs",
                            "downstairs", "nearby", "everywhere", "elsewhere", "home"})
_BREAKS = frozenset({";", ":", "–", "—"})  # marks that may open a clause inside a sentence
_CLAUSE_ROLES = frozenset({"advcl", "ccomp", "relcl", "acl", "xcomp", "pcomp"})  # pcomp: "about how it is"
# Possessives written for the contraction of a subject and "be" that sounds like them
_CONTRACTED = {"whose": "who's", "their": "they're", "your": "you're", "its": "it's"}
_SUBJECT_WITHIN = 6  # the subject pronoun among a verbless sentence's first words ("But in general he")


@dataclass(frozen=True)
class Settings:
    subjects: Mapping[str, tuple[str, ...]] = field(
        metadata=doc("subject pronouns and their present and past 'be' ('he: [is, was]', 'they: [are, were]')")
    )
    demonstratives: tuple[str, ...] = field(
        default=(),
        metadata=doc("subjects that are also determiners ('this', 'these'): counted only before another "
                     "determiner ('These the words', not 'This differential forces')"),
    )  # fmt: skip
    nominative: tuple[str, ...] = field(
        default=(),
        metadata=doc("pronouns only ever subjects ('he', 'they'): a participle or adjective after one heads a "
                     "clause that wants 'be' ('they caused by'), never a small clause ('found them covered')"),
    )  # fmt: skip
    plural_nouns: tuple[str, ...] = field(
        default=(), metadata=doc("nouns only ever plural whatever their form ('police', 'cattle'): 'the police are'")
    )
    feeling_verbs: tuple[str, ...] = field(
        default=(),
        metadata=doc("verbs that always take the feeling's bearer as object ('annoy', 'interest'): with no "
                     "object after a pronoun only ever a subject, the participle names the feeling ('we "
                     "frustrated with')"),
    )  # fmt: skip
    object_before_to: tuple[str, ...] = field(
        default=(),
        metadata=doc("verbs whose to-infinitive follows an object in the active ('tell', 'force'): straight "
                     "after the verb, the verb is a passive participle ('waiters made to pay')"),
    )  # fmt: skip
    indefinites: tuple[str, ...] = field(
        default=(),
        metadata=doc("compound indefinite pronouns ('something', 'nobody'), which take no determiner: a "
                     "demonstrative before one is a subject ('This something different')"),
    )  # fmt: skip
    reporting_verbs: tuple[str, ...] = field(
        default=(),
        metadata=doc("verbs of saying and believing whose clause may drop its 'that' and that take no object "
                     "with an -ing form ('say', 'believe'): their clause is opened as by 'that' ('It says "
                     "fewer people going'), unlike a verb of perception's ('watched people collapsing')"),
    )  # fmt: skip


_FUSED_VERBS = ("is", "was", "are", "were", "has", "had")


def _holds_verb(word: Word) -> bool:
    """Whether a word the lexicon does not know may hold the clause's verb: any unknown word but a name,
    and a name that is a known word run into a form of "be" or "have" ("Itis important")."""
    if tags(word.lower):
        return False
    if word.tag != "NNP":
        return True
    lower = word.lower
    return any(lower.endswith(verb) and tags(lower[: -len(verb)]) for verb in _FUSED_VERBS)


def _finite(word: Word) -> bool:
    """Whether the parse tags the word a finite verb and the lexicon knows it as one (or not at
    all): "there birds to see", where the tagger, expecting a verb after "there", calls the plural
    "birds" one."""
    if word.tag not in FINITE_TAGS:
        return False
    known = tags(word.lower)
    return not known or bool(known & (FINITE | {"VB", "FINITE"}))


def _noun_taken_for_verb(word: Word) -> bool:
    """Whether the parse tags the word a finite verb that the lexicon knows only otherwise ("birds")."""
    return word.tag in FINITE_TAGS and not _finite(word)


def _plural_after(tree: Tree, there: int) -> bool:
    """Whether the noun that follows "there" is plural ("There a lot of dogs" wants "are")."""
    words = tree.words
    for k in range(there + 1, len(words)):
        misread = _noun_taken_for_verb(words[k])  # "there birds to see": a plural the tagger calls a verb
        if (words[k].tag[:2] == "NN" or misread) and not (
            words[k].dep in ("compound", "npadvmod") and words[k].head > k
        ):  # fmt: skip
            # a noun modifying a later word is not the phrase's head ("there high-detail maps", "moon-shaped mirrors")
            following = tree.next_word(k)
            if words[k].lower in _QUANTITY and following is not None and words[following].lower == "of":
                continue
            return words[k].tag in _PLURAL_SUBJECT_TAGS or (misread and "NNS" in tags(words[k].lower))
    return False


def _own_later_subject(tree: Tree, finite: int, head: int) -> bool:
    """Whether finite verb (or auxiliary) `finite` has a subject of its own after `head` and a comma: a
    clause of its own ("when people collapsing, ball kids are collapsing"), not the verb of a subject
    that `head` may describe ("that those told to go were angry", "that the person finding it should")."""
    verb = tree.words[finite].head if tree.words[finite].dep in ("aux", "auxpass") else finite
    return any(
        s > head and any(tree.words[k].text in (",", ";") for k in range(head + 1, s))
        for s in tree.kids(verb, "nsubj", "nsubjpass", "expl")
    )


def _to_infinitive_next(tree: Tree, verb: int) -> bool:
    """Whether a to-infinitive of the verb's own follows it straight away ("made to pay")."""
    after = tree.next_word(verb)
    following = tree.next_word(after) if after is not None else None
    words = tree.words
    return (
        after is not None and following is not None and words[after].lower == "to"
        and words[following].tag == "VB" and words[following].head == verb
    )  # fmt: skip


def _clause_words(tree: Tree, sentence: list[int]) -> set[int]:
    """The words of the sentence's relative and reduced relative clauses, whose verbs are their own, not
    the verb of the clause around them ("It one of the houses that have")."""
    return {k for r in sentence if tree.words[r].dep in ("relcl", "acl") for k in tree.subtree(r)}


def _own_clauses(tree: Tree, head: int) -> set[int]:
    """The words of the subordinate clauses inside the head's phrase, whose verbs are theirs, not
    the head's clause's ("stolen almost as soon as he sat", "used by companies to decide where they
    should open")."""
    return {
        k for c in tree.subtree(head)
        if c != head and tree.words[c].dep in _CLAUSE_ROLES and _subordinate(tree, c)
        for k in tree.subtree(c)
    }  # fmt: skip


def _subordinate(tree: Tree, clause: int) -> bool:
    """Whether a subordinator or a wh-word opens the clause ("as soon as he sat", "where they open"):
    a clause the parse merely hangs there may be the sentence's own ("All this trying to understand
    it helps")."""
    return bool(tree.kids(clause, "mark")) or any(
        tree.words[k].tag in WH_TAGS and k < clause for k in tree.kids(clause)
    )  # fmt: skip


def _relative_subject(tree: Tree, subject: int) -> bool:
    """Whether the subject is a relative pronoun whose clause hangs on a noun (its antecedent)."""
    word = tree.words[subject]
    clause = tree.words[word.head]
    return word.tag in ("WP", "WDT") and clause.dep == "relcl" and tree.words[clause.head].tag in NOUN_TAGS


def _without_finite(tree: Tree, head: int) -> bool:
    """Whether the head has no auxiliary or copula but "being", which is no finite verb either ("they
    being killed", "these presents being replaced" want "are being")."""
    return all(tree.words[k].lower == "being" for k in tree.kids(head, "aux", "auxpass", "cop"))


def _place_predicate(tree: Tree, subject: int, after: int) -> bool:
    """Whether the pronoun at `subject` has no role in a clause (the parse found no verb for it), with
    an adverb of place or a preposition and its determined object straight after it: the place is
    its complement ("They in the garden when it started", "We here because"). A bare object may be
    a set phrase before the verb the parse lost ("I for one think", "They by contrast left")."""
    words = tree.words
    if words[subject].dep in _NOMINAL_ROLES or words[after].head != subject:
        return False
    if has_tag(words[after].lower, _CAN_BE_VERB):
        return False
    if words[after].dep == "advmod":
        return words[after].lower in _PLACE_ADVERBS
    objects = tree.kids(after, "pobj")
    return words[after].dep == "prep" and len(objects) == 1 and (
        words[objects[0]].tag in ("NNP", "NNPS", "PRP") or bool(tree.kids(objects[0], "det", "poss"))
    )


def _opening_plural(tree: Tree, k: int) -> bool:
    """Whether word k opens its sentence as a plural noun whose only finite reading is the verb in
    -s ("Holidays also important"): with no subject before it that verb cannot be the clause's."""
    finite = tags(tree.words[k].lower) & FINITE
    return tree.words[k].tag == "NNS" and finite == {"VBZ"} and tree.starts_sentence(k)


def _progressive_or_passive(tree: Tree, head: int) -> bool:
    """Whether the head, with no finite verb of its own, is what follows "be": an -ing form, a participle
    after "being", or a participle that is passive by its own words, a form no past tense shares ("taken",
    "done") or an agent ("made by hand", also where the tagger calls the participle a past tense)."""
    word = tree.words[head]
    if not _without_finite(tree, head) or not word.text.isalpha():
        return False
    if word.tag == "VBG" or (word.tag == "VBN" and tree.kids(head, "auxpass")):
        return True
    participle = inflect(word.lemma, "VBN")
    return word.tag in ("VBN", "VBD") and participle == word.lower and (
        (word.tag == "VBN" and inflect(word.lemma, "VBD") != participle) or bool(tree.kids(head, "agent"))
    )  # fmt: skip  # a past tense with an agent is the tagger's for a participle ("the computer started by")


def build(rule: Rule) -> Check:
    settings = parse_settings(rule, Settings)
    subjects = {pronoun.lower(): forms for pronoun, forms in settings.subjects.items()}
    nominative = frozenset(n.lower() for n in settings.nominative)
    plural_nouns = frozenset(n.lower() for n in settings.plural_nouns)
    object_before_to = frozenset(v.lower() for v in settings.object_before_to)
    feeling_verbs = frozenset(v.lower() for v in settings.feeling_verbs)
    reporting_verbs = frozenset(v.lower() for v in settings.reporting_verbs)
    indefinites = frozenset(v.lower() for v in settings.indefinites)
    demonstratives = frozenset(d.lower() for d in settings.demonstratives)
    subordinate_subjects = frozenset(subjects) - demonstratives - {"there"}

    def be(tree: Tree, subject: int, head: int | None = None) -> str:
        """The form of "be" for the subject, in the tense the writer tells in; a participle the tagger
        took for a past verb ("they caused by") is the clause's head, not a guide to its tense, nor is a
        participle when the sentence has another verb ("It used by companies to decide where they open").
        Subjects joined by "and" are plural ("Food and fuel already dearer")."""
        word = tree.words[subject]
        links = tree.kids(subject, "cc")
        joined = bool(tree.kids(subject, "conj")) and any(tree.words[c].lower == "and" for c in links)
        if _relative_subject(tree, subject):  # "people who struggling": the antecedent's number
            word = tree.words[tree.words[word.head].head]
        plural = word.tag in _PLURAL_SUBJECT_TAGS or joined or word.lower in plural_nouns
        forms = subjects.get(word.lower) or (_PLURAL if plural else _SINGULAR)
        if word.lower == "there":  # "there is/are": the noun after it decides ("There a lot of dogs")
            forms = _PLURAL if _plural_after(tree, subject) else _SINGULAR
        tense_from = subject  # the subject's nearest verb, the head among them
        if head is not None and (tree.words[head].tag == "VBD" or (tree.words[head].tag == "VBN" and any(
            tree.words[k].tag in FINITE_TAGS for k in tree.subtree(tree.root(head)) if k != head
        ))):  # fmt: skip
            tense_from = head  # the verbs but the head: "It used by companies to decide where they open"
        past = tree.in_past(tense_from)
        return forms[1] if past and len(forms) > 1 else forms[0]

    def verbless(tree: Tree, sentence: list[int]) -> int | None:
        """The subject pronoun of a clause with no verb, when a complement follows it: in a sentence
        with no finite verb, or opening a sentence ("They more popular than patches but we do
        not know"), where a personal pronoun has nothing else to be but the subject. The pronoun
        stands among the sentence's first words or straight after its opening phrase's comma, and
        is no object ("In the fight against it, there a small number of drugs")."""
        words = tree.words
        clauses = _clause_words(tree, sentence)
        commas = [n for n, k in enumerate(sentence) if words[k].text == ","]
        if commas and any(words[k].tag in FINITE_TAGS for k in sentence if k not in clauses):
            commas = commas[:1]  # with a verb in the sentence, only the opening phrase's comma
        first = range(max(_SUBJECT_WITHIN, commas[-1] + 2 if commas else 0))  # or after the opening phrases'
        # comma ("In the fight against it, there a small number of drugs", "So, with no bands, there no shows")
        i = next((n for n in first if n < len(sentence) and words[sentence[n]].lower in subjects
                  and words[sentence[n]].dep not in ("pobj", "dobj")), None)  # fmt: skip
        if i is None or i + 2 >= len(sentence):
            return None
        subject, after, then = (words[k] for k in sentence[i : i + 3])
        personal = subject.lower not in demonstratives and subject.lower != "there"  # "There the similarity ends"
        voice = tree.quotation[sentence[i]]
        if not (personal and tree.starts_sentence(sentence[i]) and after.lower not in _FLOATING) and any(
            _finite(words[k]) for k in sentence if k not in clauses and tree.quotation[k] == voice
        ):  # fmt: skip
            return None  # a verb of its own (a relative clause's is not: "It one of the houses that have"; nor
            # the reporting clause's outside a quotation: "'There not any way,' she said")
        if after.lower == "no" and subject.lower == "there" and then.lower != "longer":
            return sentence[i]  # "There no evidence that"; but "We no longer see": the verb after "no"
        if personal and after.tag in ("NNP", "NNPS") and then.tag == "POS":
            return sentence[i]  # "It Spain's worst disaster": a possessive name opens the complement
        before = tree.previous_word(sentence[i])
        opens = before is None or tree.starts_sentence(sentence[i]) or words[before].text in (",", ";")
        noun_after = after.tag in _NOUN_OR_ADJECTIVE or _noun_taken_for_verb(after)
        if subject.lower == "there" and opens and noun_after and then.text not in (",", ";"):
            return sentence[i]  # "Even in our cities, there birds to see": a noun after existential "there", no verb
        if not tags(after.lower):
            return None  # a word the lexicon does not know ("They hopethe results") may hold the verb
        if personal and _place_predicate(tree, sentence[i], sentence[i + 1]):
            return sentence[i]  # "It on the edge of the desert", "We here because we hate it"
        adverb_before_determiner = after.tag == "RB" and then.tag == "DT"  # "There even a cargo bike"
        if after.lower == "no" or (has_tag(after.lower, _CAN_BE_VERB) and not adverb_before_determiner):
            return None  # "We still want", "They present a case"
        if subject.lower in demonstratives:  # "These the words", "this probably the reason"
            if subject.lower == "that" and not opens:
                return None  # "that" inside a sentence opens a clause ("make sure that all the books")
            return sentence[i] if after.tag == "DT" or after.lower in indefinites or adverb_before_determiner else None
        if after.tag in ("RB", "RBR"):  # "more and more difficult": the adverbs before the complement
            rest = [k for k in sentence[i + 2 :] if words[k].tag not in ("RB", "RBR", "CC")]
            then = words[rest[0]] if rest else then
        if after.tag in _COMPLEMENT_STARTS or (after.tag in ("RB", "RBR") and then.tag in _AFTER_AN_ADVERB
                                               and not has_tag(then.lower, _CAN_BE_VERB)):  # fmt: skip
            return sentence[i]
        if after.tag in ("RB", "RBR") and then.lower == "as" and i + 3 < len(sentence) and (
            words[sentence[i + 3]].tag in ("JJ", "JJR") and not has_tag(words[sentence[i + 3]].lower, _CAN_BE_VERB)
        ):  # fmt: skip
            return sentence[i]  # "It really as simple as that": a comparison's "as" and adjective are the complement
        if has_tag(after.lower, _ADJECTIVE) and then.lower == "to" and i + 3 < len(sentence) and (
            words[sentence[i + 3]].tag == "VB"
        ):  # fmt: skip
            return sentence[i]  # "It hard to imagine": an adjective the tagger took for an adverb, and its infinitive
        return None

    def after_break(tree: Tree, sentence: list[int]) -> Iterator[int]:
        """Pronouns only ever subjects that open a clause after a dash, semicolon or colon, before what can only
        begin a complement, with no finite verb in that clause: "an 'austerity drug' – it the response of
        dealers", "They are like that – they the ones who decide"."""
        words = tree.words
        if not any(words[k].text in _BREAKS for k in sentence):
            return
        clauses = _clause_words(tree, sentence)
        for n, k in enumerate(sentence[:-3]):
            if words[k].text not in _BREAKS or words[sentence[n + 1]].lower not in nominative | {"it"}:
                continue
            subject, after = sentence[n + 1], words[sentence[n + 2]]
            if after.tag not in ("DT", "PRP$", "CD", "NNS") or has_tag(after.lower, _CAN_BE_VERB):
                continue
            clause = []
            for j in sentence[n + 2 :]:
                if words[j].text in _BREAKS or words[j].text in SENTENCE_ENDS:
                    break
                clause.append(j)
            outside = [j for j in clause if j not in clauses]  # a relative clause's verb is its own
            if not any(words[j].tag in FINITE_TAGS or has_tag(words[j].lower, FINITE) for j in outside):
                yield subject  # a word of the clause that can be a verb may be its verb

    def bare_participle(tree: Tree, head: int, sentence: list[int]) -> int | None:
        """The subject of a main clause headed by an -ing form with no auxiliary ("customers staying"), or by
        a participle passive by its form or after "being" in a sentence with no finite verb ("cinema
        audiences taken to", "these presents being replaced")."""
        words = tree.words
        subjects_of = [s for s in tree.kids(head, "nsubj", "nsubjpass") if s < head]
        if not subjects_of or not _progressive_or_passive(tree, head):
            return None
        if words[head].tag != "VBG":
            relative = _clause_words(tree, sentence) | _own_clauses(tree, head)
            if any(words[k].tag in FINITE_TAGS for k in sentence if k not in relative):
                return None  # a participle beside a finite verb may be an absolute clause ("the mark being
                # placed on a panel") or joined to a clause before ("and your ability helped by")
        subject = subjects_of[0]
        if words[subject].tag in ("NNP", "NNPS") or not words[head].text.isalpha():
            return None  # a caption ("Obama speaking in Berlin."); "’s" taken for a verb
        if not tags(words[subject].lower):
            return None  # a word the lexicon does not know ("she;s homeschooling") may hold the verb
        coordinated = {k for c in tree.kids(head, "conj") if tree.kids(c, "nsubj") for k in tree.subtree(c)}
        inner = {k for c in tree.kids(head, "advcl", "ccomp", "relcl") if c > head for k in tree.subtree(c)}
        others = coordinated | inner | _own_clauses(tree, head)
        if any(words[k].tag in FINITE_TAGS for k in sentence if k > head and k not in others):
            return None  # "All this trying to understand it helps": the clause's verb comes later (a clause
            # of the -ing form's own has its own verb: "and customers staying away because a film claimed")
        being = tree.kids(head, "aux", "auxpass")  # "these presents being replaced"
        between = [k for k in range(subject + 1, head) if words[k].text.strip() and k not in being]
        if any(words[k].lower in _CONTRACTIONS or has_tag(words[k].lower, _CAN_BE_VERB) for k in between):
            return None  # "people in the gang start fighting": a verb the tagger took for a noun
        if any(has_tag(words[k].lower, FINITE) for k in tree.subtree(subject)):
            return None  # "his phone talks to a beacon, flagging...", "The ethylene deposited carbon causing..."
        return subject

    def adjective_predicate(tree: Tree, root: int, sentence: list[int]) -> tuple[int, int] | None:
        """The subject and the adjective of a sentence with no finite verb whose predicate is an
        adjective: the parse's head ("Our ocean vast") or an adjective it hung after the noun
        that heads the sentence ("But some people unhappy with the plan")."""
        words = tree.words
        clauses = _clause_words(tree, sentence) | _own_clauses(tree, root)  # "so powerful that it helped"
        if any(words[k].tag in FINITE_TAGS for k in sentence if k not in clauses) or tree.kids(
            root, "aux", "auxpass", "cop"
        ):  # a clause of the subject's has a verb of its own ("Some critics sceptical of it, saying fish can")
            return None
        if any(words[k].text == "?" for k in sentence):
            return None  # "Students in poor countries hungry for news?": a question's ellipsis
        if words[root].tag == "JJ":
            subjects_of = [s for s in tree.kids(root, "nsubj") if s < root]
            if not subjects_of:
                return None
            subject, adjective = subjects_of[0], root
        elif words[root].tag in ("NN", "NNS") or (words[root].tag == "NNP" and words[root].text.isalpha()):
            after = [k for k in tree.kids(root, "amod") if k > root and not tree.kids(k, "nsubj")]  # an
            # adjective with a subject of its own is that subject's ("A small town, it impossible to follow")
            if not after:  # "The scale of corruption completely unacceptable": an adjective with its adverb
                last = max((k for k in sentence if words[k].text.isalnum()), default=root)  # that the parse hung
                after = [k for k in tree.subtree(root) if words[k].dep == "amod" and k > words[k].head  # after a noun
                         and tree.kids(k, "advmod") and max(tree.subtree(k)) >= last]  # of the subject, ending it
            if not after or (words[root].tag == "NNP" and not tree.kids(after[0], "advmod")):
                return None  # a name and a bare adjective may be a caption ("Smith happy"); "Michy very good at"
            subject, adjective = root, after[0]
        else:
            return None
        if any(words[k].tag in (":", ",", "-LRB-") for k in range(subject + 1, adjective)):
            return None  # "All that fresh water -- so much that": an aside after a dash or comma, no predicate
        if words[adjective].tag != "JJ" or has_tag(words[adjective].lower, _CAN_BE_VERB):
            return None  # "The mice froze", "oxytocin effects only last": verbs the tagger took for adjectives
        if any(words[k].tag in FINITE_TAGS for k in clauses) and has_tag(words[adjective].lower, NOUN_TAGS):
            return None  # "A Broadway style musical with a cast who are": a noun phrase and its relative clause
        if not words[adjective].text.isalpha() or words[subject].lower in subjects or _holds_verb(words[subject]):
            return None  # a pronoun subject is the first shape's; an unknown word ("Itis important") may hold the verb
        if any(has_tag(words[k].lower, FINITE) and not _opening_plural(tree, k)
               for k in tree.subtree(subject) if k < adjective):  # fmt: skip
            return None  # a word of the subject that can be a verb may be the clause's verb
        return subject, adjective

    def predicate_after_noun(tree: Tree, root: int, sentence: list[int]) -> tuple[int, int] | None:
        """The subject and the predicate of a sentence with no finite verb that is a determined noun
        phrase and, straight after its noun, what follows "be": an -ing form, a participle after
        "being" or one passive by its own words, that the parse hung on the noun ("The Japanese team
        considering three names", "The protests being organized by Unite", "His son's sunglasses stolen",
        "The draft rejected by the Commission"), or a phrase with "a" that the parse took for an
        apposition without its comma ("The bill a direct challenge to"). A definite determiner, a
        possessive or a number tells a clause's subject from a caption or a listing's fragment ("A man
        walking his dog.", "Private rooftop terrace featuring views.")."""
        words = tree.words
        noun = words[root]
        if noun.tag not in ("NN", "NNS") or not noun.text.isalpha() or not noun.text.islower():
            return None
        determiners = tree.kids(root, "det", "poss", "nummod")
        if not determiners or any(words[k].lower in ("a", "an") for k in determiners):
            return None  # "A man walking his dog.": a caption
        if any(words[k].text == "?" for k in sentence):
            return None
        participles = [k for k in tree.kids(root, "acl") if k > root and words[k].text.isalpha()]
        clauses = {k for r in sentence if words[r].dep == "relcl" for k in tree.subtree(r)} | {
            k for p in participles for k in _own_clauses(tree, p)
        }  # a clause of the participle's own has its own verb ("stolen almost as soon as he sat")
        if any(words[k].tag in FINITE_TAGS for k in sentence if k not in clauses):
            return None
        if any(words[k].tag not in _SUBJECT_PHRASE_TAGS and words[k].dep not in ("compound", "poss")
               for k in sentence if k < root):  # fmt: skip
            return None  # only the noun's own phrase before it (a name in it too: "The ACEA draft", "Mandela's
            # birthday"): the sentence is that phrase and its predicate
        after = tree.next_word(root)
        for participle in participles:
            being = [k for k in tree.kids(participle, "aux", "auxpass") if words[k].lower == "being"]
            if _progressive_or_passive(tree, participle) and min([participle, *being]) == after:
                return root, participle
        for complement in tree.kids(root, "appos"):
            first = min(tree.subtree(complement))
            if first == after and words[first].lower in ("a", "an") and words[complement].tag in ("NN", "NNS"):
                return root, complement
        return None

    def subordinate_noun(tree: Tree, noun: int) -> tuple[int, int] | None:
        """A noun the parse made the head of an adverbial clause that "when", "if" or the like opens,
        with what follows "be" hung on it ("when their boat sunk by killer whales"): a clause wants
        a verb, and the participle is its predicate."""
        words = tree.words
        openers = [k for k in tree.kids(noun, "mark", "advmod") if k < noun and (
            words[k].dep == "mark" or words[k].tag in WH_TAGS
        )]  # fmt: skip
        if not openers:
            return None
        clause = sorted(k for k in tree.subtree(noun) if words[k].text.strip() and k not in openers)
        return predicate_after_noun(tree, noun, clause)

    def predicate_alone(tree: Tree, head: int, sentence: list[int]) -> int | None:
        """The subject of a clause anywhere in the sentence whose head, with no auxiliary or copula, is what
        follows "be". After a pronoun only ever a subject: an -ing form ("moments before he going to"), an
        adjective ("after oxytocin: they more active"), a passive participle; in the object case the same
        words are a small clause, right as they stand ("found them covered by dust"), and after a
        subordinator or wh-adverb "it" and "you" are subjects too ("before it going to be sold", "where you
        going"), but not in an absolute clause ("with it raining"). After a common noun, in a clause a
        subordinator or a wh-word opens, an -ing form ("know whose career going well") or a participle that
        is passive by its own words: an agent ("said that tips shared by staff") or a to-infinitive
        straight after a verb that takes an object before one ("said that waiters made to pay"), or a
        participle after "being"; with only the noun's own phrase between the subject and it ("when lots of
        people emigrating"), and no finite verb after it but a relative clause's or a clause joined with its
        own subject ("that those told to leave were angry": a reduced relative). A verb of feeling that
        always takes an object ("annoy", "interest") has none after a pronoun only ever a subject: its
        participle names the feeling ("we frustrated with", "I interested in")."""
        words = tree.words
        word = words[head]
        if not _without_finite(tree, head) or not word.text.isalpha():
            return None
        subject = next((s for s in tree.kids(head, "nsubj", "nsubjpass") if s < head), None)
        subordinate = any(words[k].lower not in ("with", "without") for k in tree.kids(head, "mark")) or any(
            words[k].tag == "WRB" and subject is not None and k < subject for k in tree.kids(head, "advmod")
        )  # "where it going": a wh-adverb opens the clause as a subordinator does
        pronouns = nominative | (subordinate_subjects if subordinate else frozenset())
        if subject is None:
            return None
        being = tree.kids(head, "aux", "auxpass")  # "they being killed"
        of_subject = set(tree.subtree(subject)) if words[subject].tag in NOUN_TAGS else set()
        if any(
            words[k].tag not in ("RB", "RBR") and (k not in of_subject or has_tag(words[k].lower, FINITE))
            for k in range(subject + 1, head) if words[k].text.strip() and k not in being
        ):  # fmt: skip
            return None  # only adverbs between ("they still going") or the noun's own phrase ("lots of people
            # emigrating"): anything else may be the verb
        if word.dep == "conj" and tree.kids(word.head, "aux", "auxpass"):
            return None  # the auxiliary shared with the clause before ("schools were closed and staff told to")
        # An object moved before the verb: "the effort that we made to be here", "what I considered to be"
        moved = word.dep == "relcl" or any(words[k].tag in WH_TAGS for k in tree.subtree(head) if k < head)
        controlled = word.lemma.lower() in object_before_to and not moved and _to_infinitive_next(tree, head)
        passive = word.tag in ("VBN", "VBD") and inflect(word.lemma, "VBN") == word.lower and (
            tree.kids(head, "agent", "auxpass") or controlled or word.lower in PASSIVE_ONLY
        )  # fmt: skip
        if word.tag == "VBG" and words[subject].lower in ("who", "what") and subject + 1 == head and (
            _relative_subject(tree, subject) or (words[subject].lower == "what" and word.dep != "csubj")
        ):  # "people who struggling to keep", "understand what going on": a relative or wh-clause's -ing
            return subject  # form without its "be" (not a clause that is a subject: "what going abroad means")
        if words[subject].lower in pronouns:
            if word.tag == "VBG" or passive:
                return subject
            verb = verb_lemma(word.text, word.lemma)  # the tagger's adjective "interested" is "interest"'s participle
            if verb in feeling_verbs and word.lower == inflect(verb, "VBN") and not tree.kids(
                head, "dobj", "dative", "ccomp", "xcomp", "attr"
            ):  # fmt: skip
                return subject  # "we frustrated with", "I interested in": the feeling, not a verb without its object
            return subject if word.tag in ("JJ", "JJR") and not has_tag(word.lower, _CAN_BE_VERB) else None
        noun = words[subject]
        common = noun.tag in ("NN", "NNS") and noun.text.isalpha() and noun.text.islower()
        opening = (*tree.kids(head), *tree.kids(subject))  # "what everyone taking", "whose career going"
        before = tree.previous_word(min(tree.subtree(subject)))
        opened = (
            subordinate
            or any(words[k].tag in WH_TAGS for k in opening if k < subject)
            or (before is not None and words[before].tag in WH_TAGS)  # "know what people expecting"
            or (word.dep == "ccomp" and before == word.head and words[before].lemma.lower() in reporting_verbs)
        )  # fmt: skip
        if not ((passive or word.tag == "VBG") and common and opened):
            return None  # without a subordinator or wh-word the noun may be an object the participle
            # describes ("allow people silenced by disease to speak"), or an absolute clause's subject
        relative = {  # a relative clause's verbs, unless the participle is in that clause itself
            k for r in sentence if words[r].dep in ("relcl", "acl") and head not in tree.subtree(r)
            for k in tree.subtree(r)
        }  # fmt: skip
        coordinated = {k for c in tree.kids(head, "conj") if tree.kids(c, "nsubj") for k in tree.subtree(c)}
        later = [
            k for k in sentence
            if k > head and k not in relative | coordinated and words[k].tag in FINITE_TAGS
            and not _own_later_subject(tree, k, head)
        ]  # fmt: skip
        return None if later else subject  # a later verb may be the clause's ("that those told to go were")

    def inserted(analysis: Analysis, tree: Tree, subject: int, head: int) -> Finding:
        """"be" inserted after the subject's phrase, the finding spanning the words either side."""
        words = tree.words
        phrase, predicate = set(tree.subtree(subject)), set(tree.subtree(head))
        if head in phrase:  # the adjective the parse hung after the noun ("people unhappy with")
            phrase -= predicate
        else:  # the subject hangs from the predicate's head
            predicate -= phrase
        last = max(k for k in phrase if k < head and k not in predicate)  # the predicate's own adverbs come
        # after "be" ("are still not sure")
        before, verb = words[last], words[head]
        if last == subject and before.lower in _CONTRACTED:  # "Whose coming?", "Their going": a possessive is no
            # subject, the contraction that sounds like it is meant
            fixed = match_case(before.text, _CONTRACTED[before.lower]) + analysis.text[before.end : verb.end]
        else:
            fixed = f"{before.text} {be(tree, subject, head)}{analysis.text[before.end : verb.end]}"
        return rule.finding(before.start, verb.end, analysis.text[before.start : verb.end], [fixed],
                            subject=words[subject].text)  # fmt: skip

    def check(analysis: Analysis) -> Iterator[Finding]:
        for tree in trees(analysis):
            words = tree.words
            for root, word in enumerate(words):
                if word.dep != "ROOT":
                    continue
                sentence = sorted(k for k in tree.subtree(root) if words[k].text.strip())
                end = len(sentence) - 1
                while end > 0 and words[sentence[end]].text in _CLOSING_QUOTES:
                    end -= 1
                if len(sentence) < 4 or words[sentence[end]].text not in SENTENCE_ENDS:
                    continue
                found = set()  # the subjects flagged, each once
                opening = verbless(tree, sentence)
                for pronoun_at in (*([opening] if opening is not None else []), *after_break(tree, sentence)):
                    if pronoun_at not in found:  # "be" after the pronoun, the finding on the words either side
                        found.add(pronoun_at)
                        pronoun, after = words[pronoun_at], words[tree.next_word(pronoun_at) or pronoun_at]
                        fixed = f"{pronoun.text} {be(tree, pronoun_at)}{analysis.text[pronoun.end : after.end]}"
                        yield rule.finding(pronoun.start, after.end, analysis.text[pronoun.start : after.end], [fixed],
                                           subject=pronoun.text)  # fmt: skip
                for head in (root, *tree.kids(root, "conj")):
                    subject = bare_participle(tree, head, sentence)
                    if subject is not None:
                        found.add(subject)
                        yield inserted(analysis, tree, subject, head)
                clauses = (subordinate_noun(tree, k) for k in sentence if words[k].dep == "advcl")
                predicate = (
                    adjective_predicate(tree, root, sentence) or predicate_after_noun(tree, root, sentence)
                    or next(filter(None, clauses), None)
                )  # fmt: skip
                if predicate is not None and tree.previous_word(predicate[0]) not in found:  # "This something
                    # different": the demonstrative is the subject, already flagged
                    found.add(predicate[0])
                    yield inserted(analysis, tree, *predicate)
                for head in sentence:
                    subject = predicate_alone(tree, head, sentence)
                    if subject is not None and subject not in found:
                        found.add(subject)
                        yield inserted(analysis, tree, subject, head)

    return check
