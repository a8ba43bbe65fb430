""""Of" lost between two noun phrases, on the parse and measured counts: "the result a three-year
battle", "is one the poorest countries", "a member the European Parliament" want "the result of",
"one of", "a member of".

Which words want "of" is measured, not listed: in edited prose (Google Books' bigram counts, as
symspellpy ships them) "member" is never followed by "the" and "part" 300 times less often by
"the" than by "of", while "way", "time" or "reason" often are ("the way the story ends"). Such a
word straight before a determiner has lost its "of" unless the parse gives the second phrase a
role of its own: a clause's subject ("the income the bank generates"), a measure ("14 hours a
day"), a second object ("give the couple the files"), an object's complement ("keeps her job a
secret"), a name ("the series The Hunger Games").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from copydesk.checks.base import Check, doc, parse_settings
from copydesk.checks.syntactic import NOUN_TAGS, Tree, trees
from copydesk.findings import Finding
from copydesk.lexicon import followed_rather
from copydesk.rules import Rule
from copydesk.text import Analysis
from copydesk.wordclass import tags

_FIRST_TAGS = frozenset({"NN", "NNS", "CD", "JJ"})  # JJ: a fraction ("a fifth the company's value")
_SECOND_TAGS = frozenset({"NN", "NNS", "CD"})
_NAME_TAGS = frozenset({"NNP", "NNPS"})
# The second phrase's roles that are its own: a measure or adverbial ("a year", "the same"), a
# complement ("keeps her job a secret", "consider their preferences a better indication").
_OWN_ROLES = frozenset({"npadvmod", "oprd", "ccomp", "xcomp", "advmod"})
# The first word's roles that end its phrase: an indirect object, a particle, an adverbial.
_ENDS_PHRASE = frozenset({"dative", "prt", "advmod", "npadvmod"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_CENTRAL_DETERMINERS = frozenset({"the", "these", "those"})  # with the possessive pronouns (Quirk 5.13)


@dataclass(frozen=True)
class Settings:
    determiners: tuple[str, ...] = field(
        metadata=doc("words that open the second noun phrase ('the', 'a', 'its')")
    )
    double_object_verbs: tuple[str, ...] = field(
        metadata=doc("verbs (lemmas) that take two noun phrases ('give the couple the files', 'showing your crew "
                     "the light'): their objects are two phrases, not one missing 'of'"),
    )  # fmt: skip
    max_ratio: float = field(
        default=0.05, metadata=doc("most 'W the' per 'W of' in the bigram counts for W to want 'of'")
    )
    min_count: int = field(
        default=30_000_000,
        metadata=doc("fewest 'W of' in the bigram counts for W to be judged (rarer pairs are missing from the list)"),
    )


def build(rule: Rule) -> Check:
    settings = parse_settings(rule, Settings)
    determiners = frozenset(d.lower() for d in settings.determiners)
    double_object_verbs = frozenset(v.lower() for v in settings.double_object_verbs)

    def own_phrase(tree: Tree, first: int, opener: int) -> bool:
        """Whether the phrase the determiner opens has a role of its own beside word `first`'s."""
        words = tree.words
        word, head = words[first], words[opener].head
        while words[head].dep == "poss" and words[head].head != head:  # "the level the world's governments deem"
            head = words[head].head
        second = words[head]
        if words[opener].text[0].isupper() and not tree.starts_sentence(opener):
            return True  # a name or title ("series The Hunger Games")
        if second.tag in _NAME_TAGS and not (
            followed_rather(word.lower, "of", "the", settings.min_count, 0)
            and any(words[d].lower in ("a", "an") for d in tree.kids(first, "det"))
        ):  # fmt: skip
            return True  # a name in apposition ("residents' group the Association", "chairman the Rt Hon John
            # Smith"); an indefinite noun never followed by "the" wants "of": "a member the European Parliament"
        if second.tag not in _SECOND_TAGS and second.tag not in _NAME_TAGS:
            return True  # a phrase headed by no noun ("the oldest")
        if word.lower == "one" and second.tag == "NNS" and second.dep not in _SUBJECTS and opener == first + 1:
            given = words[word.head].lemma.lower() in double_object_verbs and not any(
                words[k].tag == "JJS" for k in tree.kids(head, "amod")
            )  # "gives one the creeps": "one" may be the verb's other object, unless a superlative picks from a set
            if not given:
                return False  # "given one the strongest warnings", "sure one the reasons": "one" straight before
                # a plural's determiner takes a part of it (Quirk 5.25), whatever role the parse gave "one"
        if second.dep in _OWN_ROLES or word.dep in _ENDS_PHRASE or word.dep == "conj" or tree.kids(first, "conj"):
            return True  # "14 hours a day"; "give banks the insight"; "his mother a part-time worker"
        if word.tag == "JJ" and word.dep == "amod":
            return True
        if word.dep == "attr" and "VB" in tags(word.text) and not tree.kids(first, "det", "poss") and any(
            words[k].dep == "amod" and words[k].tag == "JJ" and k == tree.previous_word(first) for k in tree.kids(first)
        ):  # fmt: skip
            return True  # "it is difficult end a friendship": a bare complement that can be a verb has lost
            # its "to" (missing-word.to-before-verb), not its "of"
        after = tree.next_word(tree.last_word(head))
        closed = second.dep not in _SUBJECTS and after is not None and words[after].text == "," and (
            words[opener].lower not in ("a", "an")
        )  # fmt: skip
        if word.dep == "pobj" and words[word.head].tag == "IN" and tree.starts_sentence(word.head) and not closed:
            return True  # "In this portrait the landscape suggests": a fronted phrase, then the subject (but "At
            # the beginning the last century, life was": a phrase a comma closes before the subject is the first's)
        clause = words[second.head]
        if word.dep == "ROOT" and second.dep in _SUBJECTS and clause.dep == "relcl" and clause.head == first:
            return False  # "The results the research are based on": a sentence with no verb but its noun's
            # relative clause's, whose subject is the noun's lost "of" phrase
        if second.dep in _SUBJECTS and word.head != head and not (word.dep == second.dep and word.head == second.head):
            return True  # a clause's subject ("the income the bank generates"); not two subjects for one verb
        above = tree.ancestors(first)  # "was (at work) in the centre the city": phrases on the same verb
        beside = second.head in above and all(
            words[k].dep in ("prep", "pobj") for k in [first, *above[: above.index(second.head)]]
        )
        if second.dep == "attr" and word.dep != "attr" and word.head != head and (
            not beside or any(k > second.head for k in tree.kids(second.head, *_SUBJECTS))
        ):  # fmt: skip
            return True  # "Is the creepiness of a technology an instinctive certainty?": a question's complement
            # (not "It was in the centre the city": a subject before its verb and a phrase on the same verb)
        heavy = bool(tree.kids(head, "relcl", "acl", "ccomp"))
        if second.dep == "dobj" and any(
            k == tree.next_word(head) and "VBD" in tags(words[k].lower) and not tree.kids(k, "agent")
            for k in tree.kids(head, "acl")
        ):  # fmt: skip
            return True  # "published a list the opposition called incomplete": a past tense the parse read as
            # a participle describing the noun is the verb of a clause whose subject the noun is
        if second.dep == "dobj" and ((word.dep == "pobj" and heavy) or second.head == first):
            return True  # "cut by a third the money it gives"; a verb tagged as a noun ("picture the scene")
        # "gave many the impression": the first phrase is the verb's other object
        return second.dep == "dobj" and words[second.head].lemma.lower() in double_object_verbs

    def adjective_object(tree: Tree, adjective: int, opener: int) -> bool:
        """Whether the noun phrase after an adjective is the adjective's own, which only "of" can make
        it: the parse's object of the adjective ("tired the noise", "stadiums full the fans"), a
        second complement or an object of the same "be", which takes none ("is fond the garden", "are
        proud them"), or a phrase the adjective seems to modify across its determiner. A clause's
        subject is no such phrase ("aware the plan had failed")."""
        words = tree.words
        word, first = words[adjective], words[opener]
        if first.tag == "PRP":
            second = opener
        elif first.lower in determiners:
            second = first.head
        else:
            return False
        noun = words[second]
        if (noun.tag not in _SECOND_TAGS and noun.tag != "PRP") or second < opener:
            return False
        if noun.dep in ("dobj", "pobj") and noun.head == adjective:
            return True
        if noun.dep in ("attr", "dobj") and word.dep == "acomp" and noun.head == word.head:
            return True
        before = tree.previous_word(adjective)
        return word.dep == "amod" and word.head == second and (
            noun.tag == "PRP" or (before is not None and words[before].tag in ("NN", "NNS") and first.lower == "the")
        )

    def cardinal_before_determiner(tree: Tree, number: int, opener: int) -> bool:
        """Whether cardinal `number` stands before the central determiner of the plural it counts
        ("120 those households", "six the 24 women"): cardinals follow the central determiners
        ("those 120 households", Quirk 5.13-5.22), so before one a cardinal takes a part of the
        phrase, with "of" (Quirk 5.25). Not a year or time a preposition governs ("in 2011 the
        judge"), nor a number that belongs to the noun before it ("part three the", "Scream 2")."""
        words = tree.words
        word, determiner = words[number], words[opener]
        if (determiner.lower not in _CENTRAL_DETERMINERS and determiner.tag != "PRP$") or not determiner.text.islower():
            return False  # "18 The doors aren't locked": a numbered heading
        noun = determiner.head
        if words[noun].tag != "NNS" or noun < opener or word.dep == "pobj" or word.head not in (noun, words[noun].head):
            return False
        before = tree.previous_word(number)
        if before is not None and (words[before].tag in NOUN_TAGS | _NAME_TAGS or not words[before].text[:1].isalnum()):
            return False  # "Figure 3 the", "#2 the": a number naming the thing before it
        return word.lower not in ("one", "1") and not (len(word.text) == 4 and word.text.isdigit())

    def check(analysis: Analysis) -> Iterator[Finding]:
        for tree in trees(analysis):
            words = tree.words
            for i, word in enumerate(words):
                if word.tag not in _FIRST_TAGS or tree.hyphenated(i):
                    continue  # "co-authors a casebook": a compound, most likely a verb the tagger missed
                opener = tree.next_word(i)
                if opener is None:
                    continue
                if word.tag == "CD" and cardinal_before_determiner(tree, i, opener):
                    yield rule.finding(word.start, word.end, word.text, [f"{word.text} of"], word=word.text)
                    continue
                if not word.text.isalpha():
                    continue
                gerund = word.tag == "JJ" and word.dep == "acomp" and words[opener].tag == "VBG"
                complement = word.tag == "JJ" and adjective_object(tree, i, opener)
                if words[opener].lower not in determiners and not (gerund or complement):
                    continue
                if not followed_rather(word.lower, "of", "the", settings.min_count, settings.max_ratio):
                    continue
                if gerund or complement or not own_phrase(tree, i, opener):
                    yield rule.finding(word.start, word.end, word.text, [f"{word.text} of"], word=word.text)

    return check
