"""The form of a verb's verbal complement, on the parse, from a lexicon of verbs: some take a
to-infinitive ("declined to publish", not "declined publishing"), some an -ing form ("enjoy
swimming", not "enjoy to swim"), some an object and a to-infinitive ("enable you to have", not
"enable you have"), and some a to-infinitive or an -ing form but never a bare infinitive, so a
bare verb right after them has lost its "to" ("promised double", "able take"). The verbs (and
adjectives) are a closed list in the rule (from a grammar reference); the parse finds the
complement wherever the object puts it. A rule may instead name the few verbs that do take a bare
infinitive (`every_verb_but`): every other verb straight before a base verb has lost its "to"
("voted accept"), and so has "be" after a noun subject (`be_after_noun`: "my advice is go").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from copydesk.checks.base import Check, doc, parse_settings
from copydesk.checks.syntactic import ADVERB_TAGS, DETERMINER_DEPS, NOMINATIVE, Tree, inflect, trees, verb_lemma
from copydesk.findings import Finding
from copydesk.rules import Rule
from copydesk.text import Analysis, Word
from copydesk.wordclass import tags


@dataclass(frozen=True)
class Settings:
    verbs: tuple[str, ...] = field(metadata=doc("the verbs (lemmas) whose complement takes the form"))
    wants: Literal["to-infinitive", "gerund", "object-to-infinitive", "not-bare"] = field(
        metadata=doc("the complement's form: 'to-infinitive', 'gerund', 'object-to-infinitive', or 'not-bare' "
                     "(a bare verb right after the word wants 'to')")
    )
    adjectives: tuple[str, ...] = field(default=(), metadata=doc("adjectives governing the complement as the verbs do"))
    nouns: tuple[str, ...] = field(
        default=(), metadata=doc("nouns governing the complement as the verbs do ('decision', 'right'): with "
                                 "'not-bare', a base verb right after one has lost its 'to'")
    )
    every_adjective: bool = field(
        default=False, metadata=doc("every adjective after 'be' governs the complement too ('it is scary see')")
    )
    gerund_when_negated: tuple[str, ...] = field(
        default=(), metadata=doc("verbs of the list that take an -ing form when negated ('cannot help laughing')")
    )
    forms: tuple[str, ...] = field(
        default=(), metadata=doc("the verbs' forms (Penn tags: 'VBG') the rule is about; every form when empty")
    )
    every_passive: bool = field(
        default=False, metadata=doc("every passive participle governs a base verb the parse hangs on it: a purpose "
                                    "clause that lost its 'to' ('the statements were changed remove criticism')")
    )
    be_after_noun: bool = field(
        default=False, metadata=doc("with 'not-bare': 'be' after a noun subject governs a base verb straight after it "
                                    "('the aim is get', 'my advice is go'), unless the subject has a 'do' in it "
                                    "(a pseudo-cleft: 'all you have to do is ask')")
    )
    every_verb_but: tuple[str, ...] = field(
        default=(), metadata=doc("with 'not-bare': every verb but these (lemmas: the verbs that take a bare "
                                 "infinitive or an -ing form) governs a word straight after it that only a base "
                                 "verb can be ('voted accept', 'used be')")
    )


# In the passive a verb's infinitive takes "to" ("was made to wait", "was seen to leave"); only "let"
# keeps it bare ("was let go"), and "help" may ("were helped escape").
_BARE_IN_PASSIVE = frozenset({"let", "help"})
_OBJECT_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP"})
_NOT_BASE_FORMS = frozenset({"VBD", "VBN", "VBG", "VBZ"})  # no base verb ("started fired up")
_VERB_BEFORE_BASE = _NOT_BASE_FORMS | {"VBP"}  # the forms of a verb that governs a base verb after it
# An object phrase of nouns and their modifiers only: nothing in it the parse could have split off
_NOUN_PHRASE_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP", "DT", "PRP$", "JJ", "CD", "POS"})


def _only_a_base_form(word: Word) -> bool:
    """Whether the lexicon knows the word only as a verb's base form ("attract", "enjoy"): after a
    word that takes "to", such a word is a verb whatever the parse made of it."""
    return word.text.isalpha() and word.text.islower() and tags(word.text) == {"VB"}


# Verbs whose adjective is a predicate as after "be" (Quirk 16.21: current copulas)
_COPULAS = frozenset({"be", "seem", "appear", "become"})


def _predicative(tree: Tree, adjective: int) -> bool:
    """Whether the adjective follows "be" (or "seem", "appear", "become") or "it", adverbs aside ("it is
    more difficult", "it seems stupid", "make it difficult"): a predicate, not a noun's modifier ("a
    difficult end")."""
    before = tree.previous_word(adjective)
    while before is not None and tree.words[before].tag in ADVERB_TAGS:
        before = tree.previous_word(before)
    word = tree.words[before] if before is not None else None
    return word is not None and (
        word.lemma in _COPULAS or word.lower == "it" or (word.lower in ("'s", "’s") and word.tag == "VBZ")
    )  # "it’s exciting": a contracted "is" the lemmatizer may leave as it is


def _misread_verb(tree: Tree, adjective: int, after: int) -> bool:
    """Whether the word after a predicative adjective is a base verb the parse, misled by the lost
    "to", read otherwise: a base verb with no auxiliary or subject ("if you are unable go out", "find
    it very difficult make"), or a noun the adjective modifies whose object follows it ("it is
    difficult end a friendship", where the parse makes the object an apposition, the noun the
    object's subject, or both the copula's complements). A noun whose next phrase has a role of its
    own stays ("it is hard work the whole way", "important work the team does")."""
    words = tree.words
    verb = words[after]
    if not (verb.text.isalpha() and verb.text.islower() and "VB" in tags(verb.text)):
        return False
    if verb.tag == "VB" or (verb.tag == "VBP" and verb.lower == verb.lemma.lower()):  # a base form the tagger
        return not tree.kids(after, "aux", "auxpass", "nsubj", "nsubjpass")  # took for a present with no subject
    opener = tree.next_word(after)
    if verb.tag != "NN" or words[adjective].head != after or opener is None:
        return False
    if words[opener].tag not in ("DT", "PRP$", "PRP", "CD") or words[opener].lower == "all":
        return False
    head = opener if words[opener].tag == "PRP" else words[opener].head
    folded = verb.head == head and verb.dep in ("nsubj", "compound") and words[head].dep != "relcl"
    second = verb.dep == "attr" and words[head].dep == "attr" and words[head].head == verb.head  # two complements
    return (words[head].head == after and words[head].dep in ("appos", "dobj")) or folded or second


def _verb_taken_for_noun(tree: Tree, n: int) -> bool:
    """Whether a word the lexicon knows as a verb, which the parse made a noun, acts as a verb in the
    parse all the same: it has an object ("the potential transform the economy"), or a base verb
    joined to it ("the chance rest and recover")."""
    words = tree.words
    word = words[n]
    if word.tag not in ("NN", "NNS") or not (word.text.isalpha() and word.text.islower()):
        return False
    if "VB" not in tags(word.text):
        return False
    return bool(tree.kids(n, "dobj")) or any(_only_a_base_form(words[c]) for c in tree.kids(n, "conj"))


def _after_be(tree: Tree, verb: int) -> bool:
    """Whether the parse gives the base verb "be" as its only auxiliary ("India is likely overtake":
    the adjective it took for an adverb has lost its "to"); "will likely go" has a modal."""
    auxes = [tree.words[k] for k in tree.kids(verb, "aux", "auxpass")]
    return bool(auxes) and all(a.lemma == "be" and a.tag != "MD" for a in auxes)


def build(rule: Rule) -> Check:
    settings = parse_settings(rule, Settings)
    verbs = frozenset(v.lower() for v in settings.verbs)
    adjectives = frozenset(a.lower() for a in settings.adjectives)
    nouns = frozenset(n.lower() for n in settings.nouns)
    negated_gerund = frozenset(v.lower() for v in settings.gerund_when_negated)

    def governs(word: Word) -> bool:
        if settings.forms and word.tag not in settings.forms:
            return False
        if word.tag[:2] == "VB":
            return verb_lemma(word.text, word.lemma) in verbs
        if word.tag == "NN" or (word.tag == "NNS" and settings.wants == "not-bare"):  # a plural's -ing form
            return word.lemma.lower() in nouns and (word.dep != "conj" or settings.wants == "to-infinitive")
            # a plural's -ing form is its clause ("decisions affecting"); a base verb after a joined noun may be
            # another's, but "of" and -ing after one are its own ("direction and the motivation of working")
        return word.tag == "JJ" and (word.lower in adjectives or (settings.every_adjective and word.dep == "acomp"))

    def of_gerund(tree: Tree, n: int) -> Iterator[tuple[int, int, str]]:
        """"the courage of expressing": a noun taking a to-infinitive, with "of" and an -ing form, or
        with a noun joined to it that shares its determiner ("the courage and audacity of expressing";
        not "the ability and the habit of reading", where the "of" is the second noun's)."""
        words = tree.words
        joined = [k for k in tree.kids(n, "conj")[:1] if not tree.kids(k, *DETERMINER_DEPS)]
        after = (tree.next_word(k) for k in [n, *joined])
        of = next((o for o in after if o is not None and words[o].lower == "of"), None)
        if of is None or words[of].head not in (n, *joined):
            return
        c = tree.next_word(of)
        if c is None or words[c].tag != "VBG" or words[c].head != of or not words[c].text.islower():
            return
        base = inflect(verb_lemma(words[c].text, words[c].lemma), "VB")
        if base:
            yield of, c, f"to {base}"

    def complement(tree: Tree, v: int) -> Iterator[tuple[int, int, str]]:
        """(first, last, replacement) of each complement in the wrong form."""
        words = tree.words
        if words[v].tag == "NN" and settings.wants == "to-infinitive":
            yield from of_gerund(tree, v)
            return
        candidates = tree.kids(v, "xcomp", "ccomp")
        if words[v].tag == "NN":  # "the decision celebrate": whatever the parse made of the verb after the noun,
            after = tree.next_word(v)  # unless it is an auxiliary or has a subject or auxiliary of its own
            clause = after is not None and (
                words[after].dep in ("aux", "auxpass")
                or any(k != v for k in tree.kids(after, "nsubj", "aux", "auxpass"))
            )
            candidates = [after] if after is not None and not clause else []
        if words[v].tag == "NNS":  # "there are plans build": a plural is a verb's subject ("plans include") unless
            after = tree.next_word(v)  # the parse hangs the verb on it as its clause
            own = after is not None and words[after].dep == "acl" and words[after].head == v
            clause = after is not None and bool(tree.kids(after, "nsubj", "aux", "auxpass"))
            candidates = [after] if after is not None and own and not clause else []
        if words[v].tag == "JJ" and words[v].dep == "acomp":  # "be able use", "are pleased see": the parse hangs
            # the verb on "be", as its complement, an adverbial clause or a relation it could not name
            candidates += [c for c in tree.kids(words[v].head, "xcomp", "advcl", "dep") if c == tree.next_word(v)]
        for c in candidates:
            verb = words[c]
            if c < v or not verb.text.isalpha() or tree.kids(c, "mark"):
                continue
            auxes = tree.kids(c, "aux", "auxpass")
            lemma = verb_lemma(verb.text, verb.lemma)
            gerund_allowed = bool(tree.kids(v, "neg")) and verb_lemma(words[v].text, words[v].lemma) in negated_gerund
            if settings.wants == "to-infinitive" and verb.tag == "VBG" and not auxes and c == tree.next_word(v) and (
                not gerund_allowed and not any(k > c for k in tree.kids(v, "xcomp", "ccomp"))
            ):  # fmt: skip
                # a second verb after it makes the -ing form its object's modifier ("help planning decisions happen")
                base = inflect(lemma, "VB")
                if base:
                    yield c, c, f"to {base}"
            elif settings.wants == "gerund" and verb.tag == "VB" and len(auxes) == 1 and lemma != "be" and (
                words[auxes[0]].tag == "TO" and auxes[0] == tree.next_word(v) and c == tree.next_word(auxes[0])
            ):  # fmt: skip
                ing = inflect(lemma, "VBG")
                if ing:
                    yield auxes[0], c, ing
            elif settings.wants == "object-to-infinitive" and verb.tag in ("VB", "VBP") and not auxes:
                subjects = tree.kids(c, "nsubj")
                phrase = list(tree.subtree(subjects[0])) if len(subjects) == 1 else []
                if phrase and min(phrase) == tree.next_word(v) and c == tree.next_word(max(phrase)) and (
                    words[subjects[0]].lower not in NOMINATIVE and (lemma != "be" or verb.lower == "be")
                    and all(words[k].tag in _NOUN_PHRASE_TAGS for k in phrase) and inflect(lemma, "VBN") != verb.lower
                ):  # "told they are": a subject's case, or a finite "are", makes it a clause ("told [that] they are");
                    # a participle's form may be one ("could get us shut down")
                    last = max(phrase)  # "enable you to have", "want your child to be"
                    yield last, c, f"{words[last].text} to {verb.text}"
                elif verb.tag == "VB" and not subjects and lemma != "be":
                    for o in tree.kids(v, "dobj"):
                        last = tree.last_word(o)
                        if words[o].tag in _OBJECT_TAGS and tree.next_word(last) == c:
                            yield last, c, f"{words[last].text} to {verb.text}"  # "asked the country to unite"
            elif settings.wants == "not-bare" and not auxes and (
                verb.tag == "VB" or (verb.tag == "VBP" and verb.lower == lemma)  # "tried pick": a base form
            ):
                after = tree.next_word(v)
                if c == after:
                    yield v, c, f"{words[v].text} to {verb.text}"  # "promised double" -> "promised to double"
                elif after is not None and words[after].lower == "not" and c == tree.next_word(after):
                    yield v, c, f"{words[v].text} {words[after].text} to {verb.text}"  # "careful not to stigmatize"

    def passive_bare(tree: Tree, v: int) -> Iterator[tuple[int, int, str]]:
        """"people are allowed enjoy": in the passive, a verb that takes an object and a to-infinitive
        keeps the "to" straight after it (Quirk 16.63); a word the lexicon knows only as a verb's
        base form there has lost it."""
        word = tree.words[v]
        after = tree.next_word(v)
        if word.tag != "VBN" or not tree.kids(v, "auxpass") or after is None:
            return
        verb = tree.words[after]
        if _only_a_base_form(verb):
            yield v, after, f"{word.text} to {verb.text}"

    def purpose_after_passive(tree: Tree, v: int) -> Iterator[tuple[int, int, str]]:
        """"the statements were changed remove criticism": a base verb that the parse hangs on a
        passive participle straight before it is a clause of purpose or result that lost its "to"."""
        word = tree.words[v]
        after = tree.next_word(v)
        if word.tag != "VBN" or not tree.kids(v, "auxpass") or after is None:
            return
        verb = tree.words[after]
        lemma = verb_lemma(word.text, word.lemma)
        if lemma in _BARE_IN_PASSIVE or verb.head != v or verb.tag != "VB" or inflect(lemma, "VB") == word.lower:
            return  # a participle that is also a base form may be one ("all you have to do is hit send")
        if verb.text.isalpha() and verb.text.islower() and not tree.kids(after, "nsubj", "aux", "auxpass"):
            yield v, after, f"{word.text} to {verb.text}"

    but = frozenset(v.lower() for v in settings.every_verb_but)

    def any_verb(tree: Tree, v: int) -> Iterator[tuple[int, int, str]]:
        """"voted accept", "was reported have cost", "we had go": a verb straight before a base verb that
        the lexicon knows as no noun has lost its "to", unless the verb is one of the few that take a
        bare infinitive ("helped build", "let go") or an -ing form. Not an auxiliary ("will go"; but
        "had go" is no perfect, and a lexical verb the parse made one is a verb: "are starting
        appreciate"), nor part of a compound ("re-engineer"), nor before a verb with an auxiliary or a
        subject of its own ("the people I interviewed describe")."""
        words = tree.words
        word, after = words[v], tree.next_word(v)
        if after is None or word.tag not in _VERB_BEFORE_BASE or word.dep == "neg":
            return
        verb = words[after]
        lemma = verb_lemma(word.text, word.lemma)
        taken_for_auxiliary = word.dep in ("aux", "auxpass") and word.head == after
        if word.dep in ("aux", "auxpass") and not (taken_for_auxiliary and (
            "AUX" not in tags(word.text) or (lemma == "have" and inflect(verb_lemma(verb.text, verb.lemma), "VBN")
                                             not in (None, verb.lower))
        )):  # fmt: skip
            return  # an auxiliary; "had go" is no perfect ("had come" may be one)
        # "reported have cost": the parse made the perfect's "have" a finite auxiliary of the verb after it
        clause = verb.head if verb.dep == "aux" and verb.tag == "VBP" and verb.lower == "have" else after
        own_auxiliaries = [k for k in tree.kids(after, "aux", "auxpass") if k > v]
        own_subjects = [] if taken_for_auxiliary else tree.kids(clause, "nsubj", "nsubjpass")
        noun = "NN" in tags(verb.text) and not taken_for_auxiliary  # "had go": the parse's verb, as its auxiliary says
        if not (verb.tag == "VB" or clause != after) or noun or own_auxiliaries or own_subjects:
            return
        if not (word.text.isalpha() and verb.text.isalpha() and verb.text.islower()) or (
            tree.hyphenated(v) or tree.hyphenated(after) or lemma in but
        ):  # fmt: skip
            return
        if not any(t.startswith("VB") for t in tags(word.text)) or (
            word.tag in ("VBD", "VBN") and inflect(lemma, "VB") == word.lower
        ):  # fmt: skip
            return  # no verb the lexicon knows ("rankings quantify"); a past that is its base ("is hit send")
        yield v, after, f"{word.text} to {verb.text}"

    def be_bare(tree: Tree, v: int) -> Iterator[tuple[int, int, str]]:
        """"Another way to cut noise is slow down", "my advice is go": after "be" whose subject is a noun,
        a base verb (or an adjective with a particle, "slow down") is the subject's complement, a
        to-infinitive that lost its "to". A pseudo-cleft keeps the bare verb: its subject has a "do"
        ("what you do is ask", "all they need to do is ask")."""
        words = tree.words
        word, after = words[v], tree.next_word(v)
        if word.lemma != "be" or word.tag not in ("VBZ", "VBD", "VBP") or after is None:
            return
        verb = words[after]
        if not (verb.text.isalpha() and verb.text.islower()) or not (
            verb.tag == "VB" or (verb.tag == "JJ" and tree.kids(after, "prt") and "VB" in tags(verb.text))
        ):  # fmt: skip
            return
        clause = word.head if word.dep in ("aux", "auxpass", "cop") else v
        subjects = [k for k in (*tree.kids(clause, "nsubj"), *tree.kids(v, "nsubj")) if k < v]
        if not subjects or words[subjects[0]].tag not in ("NN", "NNS"):
            return
        if any(words[k].lemma.lower() == "do" for k in tree.subtree(subjects[0])):
            return
        yield v, after, f"{word.text} to {verb.text}"

    def only_verb_after(tree: Tree, v: int) -> Iterator[tuple[int, int, str]]:
        """"has the potential attract other predators": after a noun or adjective that takes 'to', a
        word the lexicon knows only as a verb's base form is one, whatever the parse, misled by the
        missing "to", made of the two ("the potential" as an adjective of "attract"), and so is a verb
        the parse made a noun that has an object or a base verb joined to it ("the chance rest and
        recover"). A base verb the parse makes any adjective's complement is one too ("You won't be
        surprised see")."""
        word = tree.words[v]
        listed = (word.lower in nouns and "NN" in tags(word.text)) or (word.lower in adjectives and word.tag == "JJ")
        if word.tag != "JJ" and not listed and word.lower not in adjectives:
            return
        after = tree.next_word(v)
        if after is None:
            return
        verb = tree.words[after]
        if word.tag == "JJ" and verb.head == v and verb.dep == "xcomp" and verb.tag == "VB" and (
            not tree.kids(after, "aux") and verb.text.isalpha() and verb.text.islower()
        ):  # fmt: skip
            yield v, after, f"{word.text} to {verb.text}"  # an adjective's verb is a to-infinitive
            return
        if not listed and word.lower not in adjectives:
            return
        if word.tag == "JJ" and word.lower in adjectives and _predicative(tree, v) and _misread_verb(tree, v, after):
            yield v, after, f"{word.text} to {verb.text}"  # "it is difficult end a friendship"
            return
        if not listed and not _after_be(tree, after):
            return  # "will likely go": an adverb; "is likely overtake": the adjective, whose "to" is lost
        if _only_a_base_form(verb) or _verb_taken_for_noun(tree, after):
            yield v, after, f"{word.text} to {verb.text}"

    def after_predicate(tree: Tree, v: int) -> Iterator[tuple[int, int, str]]:
        """"it's exciting hear someone", "was really bad admit": straight after an adjective that is
        a predicate (after "be" or "it"), a word the tagger made a base verb, or one the lexicon knows
        only as a base verb, with no subject or auxiliary of its own, is the adjective's to-infinitive,
        whatever the parse hung it on."""
        words = tree.words
        after = tree.next_word(v)
        if words[v].tag != "JJ" or after is None or not _predicative(tree, v):
            return
        verb = words[after]
        if not (verb.tag in ("VB", "VBP") or _only_a_base_form(verb)) or not verb.text.isalpha() or (
            not verb.text.islower()
        ):  # a present with no subject of its own is the base form ("It seems stupid have something")
            return
        if tree.kids(after, "nsubj", "nsubjpass", "aux", "auxpass", "mark") or tree.hyphenated(after):
            return
        yield v, after, f"{words[v].text} to {verb.text}"

    def phrasal_verb_after(tree: Tree, v: int) -> Iterator[tuple[int, int, str]]:
        """"started slow down": after a verb that takes "to", a word that can be a verb's base form
        and has a particle of its own is that verb, whatever else the parse made of it."""
        word, after = tree.words[v], tree.next_word(v)
        if word.tag[:2] != "VB" or after is None:
            return
        verb, particle = tree.words[after], tree.next_word(after)
        if (
            particle is not None and tree.words[particle].tag == "RP" and tree.words[particle].head == after
            and "VB" in tags(verb.text) and verb.text.isalpha() and verb.text.islower()
            and verb.tag not in _NOT_BASE_FORMS
        ):  # fmt: skip
            yield v, after, f"{word.text} to {verb.text}"

    def base_verb_next(tree: Tree, v: int) -> Iterator[tuple[int, int, str]]:
        """"seem want", "continues believe", "going insist": a base verb (or a word the lexicon knows
        only as one: "going disappear") straight after a verb that takes "to", which the parse, misled
        by the missing "to", made that verb's complement of another kind or made it the base verb's
        auxiliary or a clause beside it ("I hate think"), or made an auxiliary of the verb's complement
        ("seem be taxing", "seems have confirmed"), or made a noun's modifier ("want attract fee-paying
        students"), or joined it to a verb before with no conjunction ("students seeking become")."""
        words = tree.words
        after = tree.next_word(v)
        if words[v].tag[:2] != "VB" or after is None:
            return
        verb = words[after]
        base = verb.tag == "VB" or (verb.tag == "VBP" and verb.lower == verb_lemma(verb.text, verb.lemma)) or (
            _only_a_base_form(verb)  # "is going disappear": the parse, misled, made the verb a noun
            or (verb.tag == "VBN" and tags(verb.text) == {"VB", "VBN"})  # "seeking become": a participle that is
            # also the base form, and never a noun or adjective
        )  # fmt: skip
        if not (base and verb.text.isalpha() and verb.text.islower()):
            return
        complement = verb.head == v and verb.dep != "dobj"
        misread = verb.tag == "NN" and _only_a_base_form(verb)
        beside = words[v].head == after and words[v].dep in ("aux", "parataxis")
        auxiliary = verb.dep in ("aux", "auxpass") and verb.head > after and words[verb.head].head == v
        stray = verb.dep == "conj" and not tree.kids(verb.head, "cc") and not tree.kids(
            after, "nsubj", "nsubjpass", "aux", "auxpass"
        )  # "students seeking become": joined to a verb far before it with no "and" or "or" to join them
        if complement or beside or auxiliary or misread or stray:
            yield v, after, f"{words[v].text} to {verb.text}"  # an object is a noun ("start work"), whatever its tag

    bare_verb_fallback = settings.wants == "not-bare" and not but  # a rule of every verb has its own paths

    def check(analysis: Analysis) -> Iterator[Finding]:
        for tree in trees(analysis):
            words = tree.words
            for v, governor in enumerate(words):
                if settings.wants == "gerund" and (governor.tag == "VBN" or tree.kids(v, "auxpass")):
                    continue  # "it is recommended to eat": the passive takes a to-infinitive
                found = [*complement(tree, v)] if governs(governor) else []
                if not found and settings.wants == "object-to-infinitive" and governs(governor):
                    found = [*passive_bare(tree, v)]
                if not found and bare_verb_fallback:
                    found = [*only_verb_after(tree, v)]
                    if governs(governor):
                        found += [*phrasal_verb_after(tree, v)] or [*base_verb_next(tree, v)]
                if not found and settings.every_adjective:
                    found = [*after_predicate(tree, v)]
                if not found and settings.every_passive:
                    found = [*purpose_after_passive(tree, v)]
                if not found and but:
                    found = [*any_verb(tree, v)]
                if not found and settings.be_after_noun:
                    found = [*be_bare(tree, v)]
                for first, last, replacement in found:
                    text = analysis.text[words[first].start : words[last].end]
                    yield rule.finding(words[first].start, words[last].end, text, [replacement], verb=governor.text)

    return check
