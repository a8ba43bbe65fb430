"""Subject–verb agreement on the parse: a present-tense verb (or was/were) against the number of
its subject, however far apart they stand ("The results of the survey shows", "The list of names
are", "people who lives"). The subject is found by the parse, not by position; its number by
its tag, a conjunction ("A and B"), "one of", "each"/"every", or for "there is/are" the noun
after the verb. Subjects whose number is a matter of sense, not form, are left alone: collective
and partitive nouns (settings), proper names, numbers, clauses, words the same in both numbers.
A person named by surname alone after the full name is one exception: the article shows the
number ("Tom Cantwell says ... Cantwell say"), as a gerund's clause opening the sentence is one
thing ("Riding an e-bike feels").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from lemminflect import getAllInflections, getAllLemmas

from copydesk.checks.base import Check, doc, parse_settings
from copydesk.checks.syntactic import (
    ADJECTIVE_TAGS,
    ADVERB_TAGS,
    COUNTABLE_GAP,
    FINITE_TAGS,
    GENITIVE_ENDINGS,
    KINDS,
    NEGATIONS,
    NOMINATIVE,
    NOUN_TAGS,
    PLURAL_WITH_A,
    VERB_TAGS,
    WH_TAGS,
    Tree,
    countable,
    counted_by_one,
    inflect,
    lemma_gap,
    money,
    number_invariant,
    singular_in_s,
    subject_as_compound,
    trees,
    verb_forms,
    verb_lemma,
    with_case,
)
from copydesk.findings import Finding
from copydesk.lexicon import lemminflect_tables, zipf
from copydesk.rules import Rule
from copydesk.text import Analysis, Word
from copydesk.wordclass import IRREGULAR_PLURALS, tags

_GERUND = frozenset({"VBG"})  # the lexicon's tags of a word it knows only as a verb's -ing form ("licensing")

SINGULAR, PLURAL, FIRST = "singular", "plural", "first"  # FIRST: "I" (I am, I was, I go)
_PRONOUNS = {
    "he": SINGULAR, "she": SINGULAR, "it": SINGULAR, "this": SINGULAR,
    "i": FIRST, "we": PLURAL, "they": PLURAL, "you": PLURAL, "these": PLURAL, "those": PLURAL,
    "us": PLURAL, "them": PLURAL,  # what a partitive takes a part of: "most of us find", "half of them are"
}  # fmt: skip
_SUBJECT = ("nsubj", "nsubjpass")
_FREE_RELATIVES = frozenset({"whoever", "whatever", "whichever"})
_DISTRIBUTIVE = frozenset({"each", "every"})
_RELATIVE = frozenset({"who", "that", "which"})
# What a number with "of" counts when it is a pronoun: "six of which were", "two of them are"
_COUNTED_PRONOUNS = frozenset({"which", "whom", "them", "these", "those", "us"})
# Verbs whose complement clause takes a bare infinitive: "make the flyer turn green", "let them go".
_BARE_INFINITIVE = frozenset({"make", "let", "help", "see", "hear", "watch", "feel", "have", "bid"})
_PLURAL_ENDINGS = ("people", "children")
# Not "that", which before a clause's subject is often its conjunction ("shown that high levels does")
_SINGULAR_DETERMINERS = frozenset({"a", "an", "this", "each", "every", "another"})
_NOMINAL = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP"})
_BE = frozenset({"is", "are", "am", "was", "were"})
_POSSESSIVE_PRONOUNS = frozenset({"mine", "yours", "his", "hers", "ours", "theirs"})
_QUOTES = frozenset({'"', "“", "”", "«", "»"})
# "Tom Cantwell", "the Cantwells", "Cantwell and Co": not a surname alone
_BEYOND_SURNAME = ("compound", "det", "poss", "conj", "cc", "appos")
_HYPOTHETICAL = frozenset({"if", "though", "unless", "whether"})
_PERSONAL = frozenset({"i", "he", "she"})  # "as I were leaving": "as" here is "while"
_NEWER_NOUN_ZIPF = 3.0  # a word the lexicon lacks counts as a noun when both its numbers are this common


@dataclass(frozen=True)
class Settings:
    sense_nouns: tuple[str, ...] = field(
        default=(),
        metadata=doc("nouns whose verb follows the sense, not the form (collective and partitive: "
                     "'team', 'majority', 'number', 'half'): a subject headed by one is left alone"),
    )  # fmt: skip
    mandative: tuple[str, ...] = field(
        default=(),
        metadata=doc("words whose 'that' clause may take the subjunctive ('insist', 'essential'): "
                     "'essential that the case go forward' is right"),
    )  # fmt: skip
    infinitive_nouns: tuple[str, ...] = field(
        default=(), metadata=doc("nouns after which a base verb has lost its 'to' ('the decision close'): "
                                 "missing-word.to-after-noun's, not a disagreement")
    )
    of_partitives: tuple[str, ...] = field(
        default=(),
        metadata=doc("partitives whose verb agrees with the noun after their 'of' ('a lot of people are', 'a lot "
                     "of money is', 'half of the cake is'); without 'of' they are sense nouns"),
    )  # fmt: skip
    plural_partitives: tuple[str, ...] = field(
        default=(),
        metadata=doc("nouns of proportion whose verb is plural before a plural after their 'of' ('the majority of "
                     "fans are'); before a singular, or after 'a' (an amount), they are left alone"),
    )  # fmt: skip
    demonstrative_nouns: tuple[str, ...] = field(
        default=(),
        metadata=doc("sense nouns whose demonstrative shows the number the writer gives them ('this data shows', "
                     "'these data show')"),
    )  # fmt: skip
    singular_words: tuple[str, ...] = field(
        default=(), metadata=doc("subject words that take a singular verb ('each', 'everyone', 'one')")
    )
    plural_words: tuple[str, ...] = field(
        default=(), metadata=doc("subject words that take a plural verb ('many', 'several', 'both')")
    )
    plural_nouns: tuple[str, ...] = field(
        default=(), metadata=doc("nouns only ever plural though not in -s ('police', 'cattle'), whatever their "
                                 "determiner")
    )
    counting_nouns: tuple[str, ...] = field(
        default=(),
        metadata=doc("nouns of quantity that, after 'a', agree as the noun after their 'of' ('a number of people "
                     "are') and, after 'the', are the singular subject ('the number of people is')"),
    )  # fmt: skip
    measures: tuple[str, ...] = field(
        default=(),
        metadata=doc("units of time, distance, weight and money: counted, they may be one amount ('Ten years is "
                     "a long time'); other counted plurals take a plural verb ('3,000 buildings were hit')"),
    )  # fmt: skip


def build(rule: Rule) -> Check:
    settings = parse_settings(rule, Settings)
    sense = frozenset(w.lower() for w in settings.sense_nouns)
    singular_words = frozenset(w.lower() for w in settings.singular_words)
    plural_words = frozenset(w.lower() for w in settings.plural_words)
    measures = frozenset(w.lower() for w in settings.measures)
    mandative = frozenset(w.lower() for w in settings.mandative)
    infinitive_nouns = frozenset(w.lower() for w in settings.infinitive_nouns)
    of_partitives = frozenset(w.lower() for w in settings.of_partitives)
    plural_partitives = frozenset(w.lower() for w in settings.plural_partitives)
    demonstrative_nouns = frozenset(w.lower() for w in settings.demonstrative_nouns)
    plural_nouns = frozenset(w.lower() for w in settings.plural_nouns)
    counting_nouns = frozenset(w.lower() for w in settings.counting_nouns)
    # named in the message with what they count ("A lot of people")
    quantities = of_partitives | plural_partitives | plural_words | singular_words | counting_nouns | {"none"}

    def subjunctive(tree: Tree, clause: int) -> bool:
        """Whether the clause (or the clause it is joined to) is a 'that' clause of a mandative
        word, where the base form is the subjunctive: "it is essential that ... prosecution go"."""
        words = tree.words
        while words[clause].dep == "conj" and words[clause].head != clause:
            clause = words[clause].head
        governor = words[clause].head
        if words[clause].dep != "ccomp" and not (words[clause].dep == "acl" and words[governor].tag in NOUN_TAGS):
            return False  # a verb's or adjective's that-clause, or a noun's ("Gaucci's demand that she fire")
        said = {words[governor].lemma.lower(), *(words[k].lemma.lower() for k in tree.kids(governor, "acomp", "attr"))}
        return bool(said & mandative)

    def determiner_disagrees(tree: Tree, s: int, tag: str) -> bool:
        """Whether noun s's determiner has the other number: "Both man face" (agreement.noun-number's),
        "This problems is", "an undergraduate students who has" (agreement.determiner-noun's). The
        verb agrees with the number meant, so it is left alone, not made to agree with the slip
        (both fixes together would make "This problem are"); "a few people", "a great many" are plural."""
        determiners = [tree.words[d].lower for d in tree.kids(s, "det")]
        if tag == "NN":  # "many" and "several" may be parsed as adjectives: "many subscriber have"
            quantifiers = [tree.words[q].lower for q in tree.kids(s, "amod") if not any(
                tree.words[d].lower in ("a", "an") and d > q for d in tree.kids(s, "det")
            )]  # (but "many a student has": one at a time; "a few explanation" is plural)
            return any(d in plural_words or _PRONOUNS.get(d) == PLURAL for d in (*determiners, *quantifiers))
        return tag == "NNS" and any(d in _SINGULAR_DETERMINERS for d in determiners) and not any(
            tree.words[k].lower in PLURAL_WITH_A for k in tree.kids(s, "amod", "nummod", "quantmod")
        )

    def number(tree: Tree, s: int, depth: int = 0) -> str | None:
        """The grammatical number of the phrase headed by word s; None when form does not decide."""
        w = tree.words[s]
        lower = w.lower
        if tree.kids(s, "conj", "cc") and not _premodifiers_joined(tree, s) and not _aside_added(tree, s):
            return _joined_number(tree, s)
        if any(
            any(tree.words[c].lower == "and" for c in tree.kids(k, "cc"))
            and not any(_only_adjective(tree.words[c].lower) for c in tree.kids(k, "conj"))
            for k in tree.kids(s, "nmod", "compound") if k < s
        ):  # fmt: skip
            return None  # "Japan's low birth rate and population decline are": an "and" before the head noun may
            # join two subjects that the parse took for one (not "the light and airy pattern", adjectives joined)
        if depth == 0 and w.tag in ("NNP", "NN") and lower not in sense and any(
            tree.words[a].tag == "NN" and tree.words[a].lower not in sense and _article_apposition(tree, a)
            for a in tree.kids(s, "appos") if a > s
        ):  # fmt: skip
            return SINGULAR  # "Hannah, a 41-year-old lawyer, has": one of a kind (not "Apple, a company, have")
        if depth == 0 and w.text[:1].isupper() and not tree.kids(s, "det") and any(
            _age(tree, a) for a in tree.kids(s, "appos") if a == s + 2
        ):  # fmt: skip
            return SINGULAR  # "Fildes, 49, is": a name given an age is a person
        if w.tag == "NNS" and any(counted_by_one(tree, k, s) for k in tree.kids(s, "nummod")):
            return SINGULAR  # "There are 1 Townhomes": one of them, whatever its capital (the noun is noun-number's)
        if w.text[:1].isupper() and lower != "i" and not tree.starts_sentence(s):
            return None  # a name ("Mars One", "Keyes")
        if depth == 0 and any(tree.words[k].text.isupper() and len(tree.words[k].text) > 1
                              and tree.words[k - 1].text == "(" for k in tree.subtree(s) if k > s):  # fmt: skip
            return None  # a name given its acronym: "People for the Ethical Treatment of Animals (PETA) is"
        if w.tag == "CD" and (tree.hyphenated(s) or any(tree.words[k].lower == "per" for k in tree.kids(s, "prep"))):
            return None  # "Ninety-one per cent post": the number is the whole compound; "One per cent are": a share,
            # whose number is usage
        if lower in _PRONOUNS:
            return _PRONOUNS[lower] if not tree.kids(s, "det", "amod") else None  # "a healthier you"
        if w.tag == "NNS" and singular_in_s(lower):
            w = replace(w, tag="NN", lemma=lower)  # "the brain atlas ... does": a singular the tagger took for a plural
        demonstrative = _demonstrative_before(tree, s) if lower in demonstrative_nouns else None
        if demonstrative is not None:  # "this data shows", "these data show"
            return SINGULAR if tree.words[demonstrative].lower in ("this", "that") else PLURAL
        if w.tag == "NNS" and any(tree.words[d].lower in _DISTRIBUTIVE for d in tree.kids(s, "det")) and not (
            tree.kids(s, "nummod", "quantmod") or any(tree.words[a].lower == "few" for a in tree.kids(s, "amod"))
        ):  # fmt: skip
            return SINGULAR  # "Every children need": the determiner check makes it "Every child", one at a time
            # (but "every two weeks", "every few days" count a plural)
        if determiner_disagrees(tree, s, w.tag):
            return None  # the determiner shows the noun is the slip, the determiner check's to tell
        if lower in singular_words:
            return SINGULAR
        if lower in plural_nouns:
            return PLURAL  # "the police are", "cattle were" (Quirk 5.78)
        if lower in counting_nouns and w.tag == "NN":
            counted = _counted_after_of(tree, s)
            article = [tree.words[d].lower for d in tree.kids(s, "det")]
            if counted is not None and article == ["the"]:
                return SINGULAR  # "the number of people has risen": the number itself (Quirk 10.35)
            if counted is not None and article in (["a"], ["an"]):
                counted_number = number(tree, counted, depth + 1)  # "a number of people have": the people (a
                # singular after it is the slip, plural-after-quantity's: "a number of student were")
                return counted_number if counted_number == PLURAL else None
        if lower in plural_partitives and w.tag == "NN" and depth == 0:
            counted = _counted_after_of(tree, s)  # "the majority of fans are" (Quirk 10.35)
            amount = any(tree.words[d].lower in ("a", "an") for d in tree.kids(s, "det"))  # "a majority of members
            # is required": the amount needed
            plural = counted is not None and not amount and number(tree, counted, depth + 1) == PLURAL
            return PLURAL if plural else None
        if lower == "none" and depth == 0:
            counted = _counted_after_of(tree, s)  # "none of the water is"; before a plural either ("none of the
            # proposals has/have")
            singular = counted is not None and number(tree, counted, depth + 1) == SINGULAR
            return SINGULAR if singular else None
        if lower in of_partitives or (w.tag == "NNS" and w.lemma.lower() in of_partitives):  # "two-thirds of"
            counted = _counted_after_of(tree, s)
            if counted is None or tree.words[counted].lemma.lower() in measures:
                return None  # "thousands of pounds was": an amount, which may be one thing (Quirk 10.36)
            return number(tree, counted, depth + 1)  # "a lot of those companies show"
        if lower in plural_words and all(tree.words[d].lower == "a" for d in tree.kids(s, "det")):
            return PLURAL  # "many of these incidents were", "a few of the players were"
        if w.tag == "CD" and lower not in ("one", "1") and not tree.kids(s, "nummod", "quantmod", "compound") and any(
            tree.words[k].lower == "of" and any(
                tree.words[o].tag == "NNS" or tree.words[o].lower in _COUNTED_PRONOUNS for o in tree.kids(k, "pobj")
            )
            for k in tree.kids(s, "prep")
        ) and not money(tree, s):  # fmt: skip
            return PLURAL  # "eleven of the 18 trees have", "six of which were" (not "£1.8 million of that work was")
        if lower == "that" and w.tag == "DT" and tree.starts_sentence(s):
            return SINGULAR  # "That was the problem": opening a sentence, "that" is the demonstrative
        if lower in _RELATIVE and w.dep in _SUBJECT and depth == 0:
            clause = tree.words[w.head]
            before = tree.previous_word(s)
            if before is not None and tree.words[before].text in (",", "("):
                if lower == "which" and not _before_its_verb(tree, w.head):
                    return None  # ", which": often the whole clause before it ("..., which means")
                before = tree.previous_word(before)
            if tree.kids(w.head, "attr"):
                return None  # "who am I", "which is it": a question, not a relative clause
            if clause.dep == "relcl" and clause.head != w.head and (
                (before in _conjuncts(tree, clause.head) and tree.words[clause.head].dep != "pobj")
                or _cleft_focus(tree, clause.head, s)
            ):  # "the people across the globe who live": which noun the clause is about is a guess
                antecedent = clause.head  # the noun right before the pronoun ("people who live"), or a cleft's focus
                if tree.words[antecedent].dep not in ("nsubj", "nsubjpass", "dobj", "attr", "ROOT"):
                    return None
                of = tree.words[antecedent].head
                if tree.words[of].lower == "of" and tree.words[tree.words[of].head].lower == "one":
                    return None  # "one of the people who live": either reading
                return number(tree, antecedent, 1)
            return None
        if lower in IRREGULAR_PLURALS or lower.endswith(_PLURAL_ENDINGS):
            return PLURAL
        if lower in _POSSESSIVE_PRONOUNS:
            return None  # "Mine were stolen", "Mine was": either number
        # "Player then plays", "Scientists have": a common noun, bare, opening the sentence; a plural
        # only if the lexicon knows it less as itself than as its singular's plural: "Sanders",
        # "Parsons" are names far more often than plurals ("sanders" zipf 4.0, "sander" 2.9)
        opening = tree.starts_sentence(s) and (w.tag == "NN" or lemma_gap(w) <= 0.6)
        if w.text[:1].isupper() and (not _common_noun(lower) or not (tree.kids(s, "det", "poss") or opening)):
            return None  # a name the tagger took for a common noun ("Keyes", "Sanders agrees", "People for ...")
        if w.tag == "NNPS" and w.text[:1].isupper():
            w = replace(w, tag="NNS")  # "Typical salary: Graduates starts": a common plural the tagger took for a name
        if (zipf(lower) < 2.5 and not _rare_plural(lower, w)) or (
            tree.kids(s, "appos") and not _plural_apposed(tree, s)
        ):  # fmt: skip
            return None  # a word the lexicon hardly knows (a typo, a brand); an apposition the parse may misplace
        determiners = tree.kids(s, "det", "poss")
        before = tree.previous_word(s)
        while depth == 0 and before is not None and tree.words[before].dep in ("det", "amod", "compound", "poss"):
            word = tree.words[before]
            gerund = word.tag == "VBG" or (
                word.lower.endswith("ing") and "VBG" in tags(word.text) and tree.starts_sentence(before)
            )
            if gerund and not any(k < before for k in determiners):
                return None  # the tagger may call a sentence's first gerund a noun: "Minimizing mistakes is"
                # (after a determiner it is a participle that modifies: "the struggling students")
            before = tree.previous_word(before)
        if depth == 0 and before is not None and tree.words[before].tag == "VBG":
            return None  # "Minimizing mistakes is the aim": the gerund is the subject
        if depth == 0 and before is not None and tree.words[before].lower in ("what", "whatever") and not (
            tree.words[before].dep == "attr" and tree.words[before].head == w.head
            and not any(k > w.head for k in tree.kids(w.head, "attr", "acomp", "dobj", "oprd"))
        ):  # fmt: skip
            return None  # "what surprised researchers was": a clause is the subject, the parse split it (but in
            # "know what the problem are", "what" is the complement of the noun's own verb)
        if w.tag == "NN" and lower.endswith("ing") and tags(lower) == _GERUND and not tree.kids(s, "conj"):
            return SINGULAR  # "that licensing are expensive": a gerund names one activity (Quirk 10.34)
        if not _noun_of_number(lower, w.tag):
            return None  # the lexicon does not know the word in that number
        if w.tag not in NOUN_TAGS or lower in sense:
            return None
        if w.lemma.lower() in sense and not (w.tag == "NNS" and _noun_of_number(lower, "NNS") and not (
            w.lemma.lower() in KINDS and any(tree.words[k].lower == "of" for k in tree.kids(s, "prep"))
        )):  # fmt: skip
            return None  # "the team are" is usage; a plural of it is plural ("Numbers seem", "groups of people are";
            # but "all kinds of stuff was": the noun after "of" may decide)
        if w.tag != "NNS" and any(tree.words[k].tag == "NNS" for k in tree.kids(s, "compound")):
            return None  # "the dangers castaways experience are": a plural modifier is a clause the parse merged
            # (before a plural the phrase is plural either way: "the emissions reductions is")
        counts = [k for k in tree.kids(s, "nummod") if tree.words[k].tag == "CD"]
        if w.tag == "NN" and len(counts) == 1 and tree.words[counts[0]].lower in ("one", "1") and all(
            tree.words[k].dep == "advmod" for k in tree.kids(counts[0])
        ):  # fmt: skip
            return SINGULAR  # "One danger is", "at least one car was": one counts one
        if counts:  # "two series": a number may count a noun the same in both numbers; an amount is one
            counted = w.tag == "NNS" and w.lemma.lower() not in measures and not money(tree, counts[0])
            head = tree.words[w.head]  # the participle whose auxiliary agrees: not "Two eggs is enough", nor
            acted_on = depth == 0 and (  # "shows"
                bool(tree.kids(w.head, "prep")) and not tree.kids(w.head, "acomp", "attr", "oprd")
                if head.lemma == "be"  # "two mansions is on sale": things counted, and where they are
                else bool(tree.kids(w.head, "aux", "auxpass"))
            )
            return PLURAL if counted and acted_on and not number_invariant(w.text, w.lemma) else None
            # thing ("Ten years is a long time", "one million tourists shows that"), but things counted and
            # acted on are plural ("3,000 buildings was hit", "13 billion bottles is sold")
        if number_invariant(w.text, w.lemma) and (
            w.tag != "NN" or lower.endswith("s")
            or any(tree.words[k].dep == "conj" for k in tree.subtree(s))
        ):  # fmt: skip
            return None  # "series", "species" (but "deafness" is singular); a mass noun the tagger calls singular
            # is ("the weather is"): nouns with a zero plural ("sheep", "deer") are sense nouns; but not with
            # words joined in its phrase, which may be the subject's ("Expertise in X, enthusiasm and
            # dedication were", "physical and mental health were")
        if any(tree.words[k].lower in sense and (w.tag == "NNS") == (tree.words[k].tag in ("WDT", "WP"))
               and not (depth and tree.words[k].lower == "all")
               for k in tree.kids(s, "det", "amod", "quantmod")):  # fmt: skip
            return None  # "a lot more", "all the money" (but "some experts" is plural, "what beer" singular,
            # "what surprised researchers" a clause, and a partitive's "of all" the noun's: "a third of all
            # pollution comes"); a noun before the head ("staff members") changes nothing
        return PLURAL if w.tag == "NNS" else SINGULAR

    def shared_subject(tree: Tree, i: int) -> int | None:
        """The subject of the finite verb that verb i is joined to by "and"/"or", when verb i has none
        of its own ("The player chooses a card and make a bet"): both verbs agree with it."""
        words = tree.words
        head = words[i].head
        if words[i].dep != "conj" or head > i or tree.kids(i, *_SUBJECT, "expl", "aux", "auxpass", "mark"):
            return None
        if words[head].tag not in ("VBZ", "VBP", "VBD") or words[head].dep not in ("ROOT", "advcl"):
            return None  # the main clause's or an adverbial clause's verb ("if her brother calls ... and ask"): after a
            # clause inside them, which verb "and" joins is a guess
        if tree.kids(head, "aux", "auxpass", "expl") or words[head].lemma == "be" or "'" in words[head].lower:
            return None  # "It's fantastic to see ..., and make": after a copula the parse often joins the wrong verb
        subjects = tree.kids(head, *_SUBJECT)
        joined = any(words[k].dep == "cc" and words[k].lower in ("and", "or") for k in tree.kids(head) if head < k < i)
        if any(words[k].text in _QUOTES for k in range(head, i)):
            return None  # '"You should wash," he said, "and get some sleep"': a quotation's verb, not his
        return subjects[0] if len(subjects) == 1 and subjects[0] < head and joined else None

    def subject_of(tree: Tree, i: int) -> tuple[int, int] | None:
        """The clause and the subject a finite verb i agrees with, when the parse can be trusted
        to have found them; None for anything else."""
        words = tree.words
        verb = words[i]
        lower = verb.lower
        if verb.tag not in ("VBZ", "VBP") and lower not in ("was", "were"):
            return None
        previous = tree.previous_word(i)
        if "'" in lower or verb.dep in ("amod", "compound", "nsubj", "dobj", "pobj") or (
            previous is not None and words[previous].text in GENITIVE_ENDINGS
        ):  # fmt: skip
            return None  # a contraction ("there's") is speech; a verb form used as a noun or adjective
        if previous is not None and words[previous].tag == "JJ" and words[previous].dep in ("amod", "conj") and (
            "NN" in tags(verb.text)
        ):  # fmt: skip
            return None  # "functioning and negative affect on": the noun an adjective modifies, which the parse
            # read as a verb (an adjective that is a verb's subject is its nsubj: "the rich get richer")
        clause = verb.head if verb.dep in ("aux", "auxpass") else i
        if words[clause].dep in ("ccomp", "xcomp") and words[words[clause].head].lemma in _BARE_INFINITIVE and (
            words[clause].head < clause and not tree.kids(clause, "mark")
        ):  # fmt: skip
            return None  # "make the flyer turn": a bare infinitive, not a finite verb (which follows its governor;
            # "see if the students is helped" is finite: a bare infinitive takes no "if", "that" or "whether")
        if any(k < i and words[k].dep in ("aux", "auxpass") for k in tree.kids(clause)):
            return None  # not the first verb of the chain: the finite one before it agrees, or a modal rules
        if verb.lower not in verb_forms(verb_lemma(verb.text, verb.lemma), verb.tag) and lower not in _BE:
            return None  # not a form the lexicon knows for this verb ("seeth"): no fix to build
        read = _subject_read_as_compound(tree, i)
        subjects = read or tree.kids(clause, *_SUBJECT) or tree.kids(i, *_SUBJECT) or [
            k for k in tree.kids(clause, "csubj")
            if not tree.kids(k, "conj", "cc") and (
                (words[k].tag == "VBG" and tree.starts_sentence(k) and not any(
                    words[o].tag == "NNS" and not tree.kids(o, "det", "poss") for o in tree.kids(k, "dobj")))
                or (words[k].tag == "VB" and any(words[t].tag == "TO" and tree.starts_sentence(t) and t == k - 1
                                                 for t in tree.kids(k, "aux")))
                or _free_relative(tree, k)
            )
        ]  # the parse may hang the subject on the auxiliary ("when animals begins interacting"); "Riding
        # an e-bike feels", "To learn languages is": a gerund's or infinitive's clause opening the sentence is
        # one thing ("Rising prices hurt": a participle before a bare plural may be its adjective)
        subjects = [k for k in subjects if words[k].tag != "IN"]  # "One danger are that another eruption": the
        # parse's subject "that" is the complementizer opening the complement
        stranded = _stranded_subject(tree, clause)
        if stranded is not None:
            subjects = [stranded]  # "the choices you make to grow your character affects": the infinitive's
            # object is not the verb's subject
        if tree.kids(clause, "csubj") and tree.kids(clause, *_SUBJECT):
            return None  # "What alarms people such as Dávila is": a clause and a noun for one subject, the
            # noun the clause's object
        inverted = [k for k in subjects if k > i]
        if len(inverted) == 1 and (
            _reporting_inversion(tree, i, inverted[0]) or _here_inversion(tree, i, inverted[0])
            or (_question(tree, i) and min(tree.subtree(inverted[0])) == tree.next_word(i)
                and not tree.kids(inverted[0], "conj"))
        ):  # fmt: skip
            return clause, inverted[0]  # '"…," say Gustafsson': the reporting verb after a quotation; "The
            # plan, say the experts, is": the parse may give the verb the sentence's subject too
        if len(subjects) == 2 and subjects[0] < subjects[1] < i and any(
            words[k].text == ":" for k in range(subjects[0] + 1, subjects[1])
        ):  # fmt: skip
            subjects = subjects[1:]  # "Typical salary: New graduates start": a heading before a colon is no subject
        expletive = tree.kids(clause, "expl")
        if expletive and not subjects:  # "there is/are": the first noun after the verb decides
            after = [k for k in tree.kids(clause, "attr") if k > i] or [
                k for x in tree.kids(clause, "xcomp") if words[x].lemma == "be" for k in tree.kids(x, "attr") if k > i
            ]  # "There seems to be many problems": the noun after the "be" a raising verb takes
            before = tree.previous_word(i)
            while before is not None and before != expletive[0] and words[before].tag in ADVERB_TAGS:
                before = tree.previous_word(before)  # "there still remains"
            question = _question(tree, i) and expletive[0] == tree.next_word(i)  # "Is there any questions?"
            if not after or tree.kids(after[0], "conj") or (expletive[0] != before and not question):
                return None  # "there is a man and a woman" is usage
            subjects = after[:1]
        elif len(subjects) != 1 or subjects[0] > i:
            return None  # none, two, or after the verb (a question, an inversion): left alone
        elif (_lone_comma(tree, subjects[0], i) or (_verbless_root(tree, i) and stranded is None)
              or _object_taken(tree, clause, subjects[0])
              or _stranded_opening(tree, clause, subjects[0])
              or any(words[k].tag in NOUN_TAGS for k in tree.kids(i, "conj"))):  # fmt: skip
            return None  # a lone comma between subject and verb, a sentence without a main verb, a "verb" joined
            # to nouns ("including house martins, swallows, cuckoos and warblers, rest"): a parse astray
        elif any(words[k].text in _QUOTES
                 or (words[k].tag in FINITE_TAGS and not _modifies(tree, k, subjects[0], i)
                     and not _parenthetical(tree, k, i))
                 or (words[k].dep == "cc" and not _in_relative_clause(tree, k, subjects[0]) and (
                     words[words[k].head].tag[:2] == "VB" or (
                         words[k].head == subjects[0] and not tree.kids(subjects[0], "conj"))))
                 for k in range(subjects[0] + 1, i)):  # fmt: skip
            return None  # a quotation, a clause outside the subject, verbs joined: the parse may cross it
        of_subject = set(tree.subtree(subjects[0]))  # "The fact that we will have Turner show": the subject's own
        phrase_start = min(of_subject)
        # "don't know what beer are": the "do" of the verb whose complement the clause is, not a detached one
        governing = set(tree.ancestors(clause)) if words[clause].dep == "ccomp" else set()

        def detached(k: int) -> bool:
            """Whether word k is a modal or "do" that may govern the verb, not another clause's ("The
            project will harm ..., but the issue are": a clause of its own after "but"; not "nor does X
            indicate", where no conjunction stands between)."""
            word, head = words[k], words[k].head
            do = word.lemma == "do" and word.dep == "aux" and head != i and head not in governing
            if word.tag != "MD" and not do:
                return False
            own = any(j not in of_subject for j in tree.kids(head, *_SUBJECT))
            joined = any(words[j].dep == "cc" for j in range(k + 1, phrase_start))
            return not (head != clause and words[clause].dep == "conj" and own and joined)

        subordinate = words[clause].dep != "ROOT" and any(
            words[k].tag == "WRB" and k < subjects[0] for k in tree.kids(clause, "advmod")
        )  # "when their smartphone disappear": a clause "when" or "where" opens is finite
        if verb.tag == "VBP" and not read and (
            words[clause].dep != "relcl" and not tree.kids(clause, "mark") and not subordinate
        ) and any(
            detached(k) for k in range(tree.sentence_start(i), i)
            if k not in of_subject or (words[k].dep == "aux" and words[k].head == subjects[0])  # "nor does X indicate"
        ):  # fmt: skip
            return None  # "How did sleep, ..., suddenly become": a bare verb after a detached "did" (a relative
            # clause's verb is finite, "it could be the sum that the report refer to", and so is a clause a
            # subordinator opens, "you can see that the mother don't")
        return clause, subjects[0]

    def check(analysis: Analysis) -> Iterator[Finding]:
        located: list[tuple[Tree, int, int, int]] = []
        surnames: set[str] = set()
        alone: set[str] = set()
        for tree in map(_present_for_past, trees(analysis)):
            surnames.update(_surnames(tree))
            alone.update(_names_alone(tree))
            for i, verb in enumerate(tree.words):
                shared = shared_subject(tree, i) if verb.tag in ("VB", "VBP", "VBZ") else None
                if shared is not None:
                    yield from joined_verb(analysis, tree, i, shared)
                    continue
                found = subject_of(tree, i)
                if found is not None:
                    located.append((tree, i, *found))
        names = _names_shown(located)
        for tree, i, clause, subject in located:
            yield from agree(analysis, tree, i, clause, subject, names, surnames, alone)

    def agree(
        analysis: Analysis, tree: Tree, i: int, clause: int, s: int, names: dict[str, Counter[str]], surnames: set[str],
        alone: set[str],
    ) -> Iterator[Finding]:
        """A finding when verb i does not show the number of its subject s: the subject's own, or
        for a person named by surname alone, the number the article's other verbs give that name
        ("Tom Cantwell says ... Cantwell say"; not a company, which British usage may make plural),
        or for names joined by "and" that the article also names apart, the plural ("Pluto and
        Charon is": two bodies; "Marks and Spencer is" one, never named apart)."""
        words = tree.words
        verb, subject = words[i], words[s]
        lower = verb.lower
        wanted = SINGULAR if subject.dep == "csubj" else number(tree, s)
        if wanted is None and subject.text in surnames and not tree.kids(s, *_BEYOND_SURNAME):
            shown = names.get(subject.text)  # a common noun may name a body ("Police were"): only usage decides
            common = _common_noun(subject.lower)
            wanted = _shown_singular(shown, _shown(verb)) if common else _elsewhere(shown, _shown(verb))
        elif wanted is None and subject.text in surnames and _full_name(tree, s):
            wanted = _shown_singular(names.get(subject.text), _shown(verb))
        elif wanted is None and _names_apart(tree, s, alone):
            wanted = PLURAL
        if wanted is None or wanted == _number_of(verb):
            return  # no number to agree with, or the verb already has it
        if wanted == SINGULAR and _parallel_conjunct(tree, s, i):
            return  # "a growing appetite for crops and booming food markets are": the plural may be the two's
        if verb.tag == "VBP" and subjunctive(tree, clause):
            return
        if verb.tag == "VBP" and lower in verb_forms(verb_lemma(verb.text, verb.lemma), "VBD") and tree.in_past(i):
            return  # "resorted to a sign. It read:": the past, in a form the present shares
        after = tree.next_word(i)
        if lower in ("need", "dare") and after is not None and words[after].lower in NEGATIONS:
            return  # "A person need not be a member": the modal "need", which takes no -s
        if subject.lower in infinitive_nouns and tree.next_word(s) == i and lower == verb_lemma(verb.text, verb.lemma):
            return  # "The decision close the library was": a lost "to" (missing-word.to-after-noun), not agreement
        if subject.lower == "i" and words[tree.previous_word(s) or 0].lower == "and":
            return  # "my colleagues and I are": the parse took "I" alone
        if lower == "were" and wanted != PLURAL and (
            s > i or _hypothetical(tree, clause, s)
            or words[words[clause].head].lemma in ("wish", "if")
        ):  # fmt: skip
            return  # "if he were", "were he taller", "I wish she were": the subjunctive
        fix = _agreeing(verb_lemma(verb.text, verb.lemma), lower, wanted)
        if fix is None or fix == lower:
            return
        demonstrative = _demonstrative_before(tree, s) if subject.lower in demonstrative_nouns else None
        if demonstrative is not None and tree.previous_word(i) == s:  # "these data is": "these data are", or
            pointer = words[demonstrative]  # "this data is" if the demonstrative is the slip
            partner = with_case(pointer, _DEMONSTRATIVE_PARTNERS[pointer.lower])
            yield rule.finding(
                pointer.start, verb.end, analysis.text[pointer.start : verb.end],
                [f"{analysis.text[pointer.start : verb.start]}{with_case(verb, fix)}",
                 f"{partner}{analysis.text[pointer.end : verb.end]}"],
                safe=False, subject=subject.text, number=wanted,
            )  # fmt: skip  # which is the slip is the writer's: proposed, never applied unattended
            return
        other = _other_number(tree, s) if tree.previous_word(i) == s and subject.lower not in plural_nouns else None
        if other is not None:  # "Managerial styles is": "styles are", or "style is" if the noun is the slip
            gap = analysis.text[subject.end : verb.start]
            yield rule.finding(
                subject.start, verb.end, analysis.text[subject.start : verb.end],
                [f"{subject.text}{gap}{with_case(verb, fix)}", f"{other}{gap}{verb.text}"],
                subject=subject.text, number=wanted if wanted != FIRST else "first-person",
            )  # fmt: skip
            return
        yield rule.finding(
            verb.start, verb.end, verb.text, [with_case(verb, fix)],
            subject=_named(analysis, tree, s, quantities), number=wanted if wanted != FIRST else "first-person",
        )  # fmt: skip

    def joined_verb(analysis: Analysis, tree: Tree, i: int, subject: int) -> Iterator[Finding]:
        """A verb sharing the subject of the verb before it agrees as that verb does, when that one
        agrees: "plays ... and make" -> "makes" (if the first is wrong too, it alone is told). When
        the subject's form does not tell its number (a name, "either me or PS"), a first verb in -s
        does: "if either me or PS calls out to her and ask her" -> "asks"."""
        words = tree.words
        verb, first = words[i], words[words[i].head]
        wanted = number(tree, subject)
        if wanted is None and verb.tag in ("VBZ", "VBP") and first.tag in ("VBZ", "VBP"):
            yield from disagreeing_pair(analysis, tree, i, subject)
            return
        if not verb.text.isalpha() or verb.lower in _BE or verb.lower in ("was", "were"):
            return
        if wanted is None and first.tag == "VBZ" and tree.kids(i, "dobj"):
            wanted = SINGULAR  # with an object it is surely a verb ("has a sound and feel" is a noun)
        shown = PLURAL if verb.tag == "VB" else _number_of(verb)
        after = tree.next_word(i)
        if first.tag == "VBD" and (after is None or not tree.words[after].text.isalnum()):
            return  # "The news helped keep him sane, and also work:": a lone word after a past tense is a noun
        if wanted not in (SINGULAR, PLURAL) or shown == wanted or (
            _number_of(first) != wanted and not (first.tag == "VBD" and first.lower not in ("was", "were"))
        ):  # fmt: skip
            return  # after a past tense, which shows no number, the subject alone decides
        lemma = verb_lemma(verb.text, verb.lemma)
        if verb.lower not in (*verb_forms(lemma, "VB"), *verb_forms(lemma, "VBZ")):
            return  # not a present form the lexicon knows: no fix to build
        fix = _agreeing(lemma, verb.lower, wanted)
        if fix and fix != verb.lower:
            yield rule.finding(verb.start, verb.end, verb.text, [with_case(verb, fix)],
                               subject=words[subject].text, number=wanted)  # fmt: skip

    def disagreeing_pair(analysis: Analysis, tree: Tree, i: int, subject: int) -> Iterator[Finding]:
        """Two verbs sharing a subject whose form does not tell its number, one singular and one
        plural ("The data in the files includes eight pools and are as of June"): one of them is
        the slip, and which is the writer's, so both readings are offered, never applied unattended."""
        words = tree.words
        verb, first = words[i], words[words[i].head]
        first_number, second_number = _number_of(first), _number_of(verb)
        if first_number is None or second_number is None or FIRST in (first_number, second_number):
            return
        if first_number == second_number or not first.text.isalpha():
            return
        link = max(k for k in tree.kids(verb.head, "cc") if k < i)
        if any(words[k].tag not in ADVERB_TAGS for k in range(link + 1, i)):
            return  # "mention loneliness and Get Connected is": a subject of its own the parse missed
        if not tree.kids(i, "dobj", "attr", "acomp", "prep", "xcomp", "ccomp", "oprd", "prt", "dative"):
            return  # "has a Beatlesque sound and feel as Sean drains": a verb with no complement may be a noun
        lemmas = (verb_lemma(first.text, first.lemma), verb_lemma(verb.text, verb.lemma))
        if any(w.lower not in (*verb_forms(lemma, "VBZ"), *verb_forms(lemma, "VBP"), *_BE)
               for w, lemma in zip((first, verb), lemmas, strict=True)):  # fmt: skip
            return  # not present forms the lexicon knows: no fix to build
        as_first = _agreeing(lemmas[1], verb.lower, first_number)
        as_second = _agreeing(lemmas[0], first.lower, second_number)
        if not as_first or not as_second:
            return
        between = analysis.text[first.end : verb.start]
        yield rule.finding(
            first.start, verb.end, analysis.text[first.start : verb.end],
            [f"{first.text}{between}{with_case(verb, as_first)}", f"{with_case(first, as_second)}{between}{verb.text}"],
            safe=False, message=f"'{first.text}' is {first_number} and '{verb.text}' {second_number}, with one subject "
            f"'{words[subject].text}': make them agree ('{with_case(verb, as_first)}' or "
            f"'{with_case(first, as_second)}')",
        )  # fmt: skip

    return check


# Words in a noun's phrase that show its number: the singular determiners, the demonstratives, quantifiers
_NUMBER_SHOWN = _SINGULAR_DETERMINERS | {"that", "these", "those", "one", "much", "little", "many", "several", "few",
                                         "various", "numerous", "multiple", "both"}


def _named(analysis: Analysis, tree: Tree, s: int, quantities: frozenset[str]) -> str:
    """How the message names subject s: its head word, or the whole phrase when words joined by
    "and" or a clause make it ("He and his wife", "To ignore these warnings"), not its first word,
    or a quantity with what it counts ("A lot of people", "None of the water"), not "lot"."""
    counted = _counted_after_of(tree, s) if tree.words[s].lower in quantities else None
    if counted is not None:
        first, last = min(tree.subtree(s)), tree.last_word(counted)
    elif tree.words[s].dep != "csubj" and not tree.kids(s, "conj"):
        return tree.words[s].text
    else:
        first, last = min(tree.subtree(s)), tree.last_word(s)
    return analysis.text[tree.words[first].start : tree.words[last].end]


_DEMONSTRATIVE_PARTNERS = {"this": "these", "these": "this", "that": "those", "those": "that"}


def _demonstrative_before(tree: Tree, s: int) -> int | None:
    """The demonstrative straight before noun s, its determiner ("these data"), if any."""
    before = tree.previous_word(s)
    if before is None or tree.words[before].lower not in _DEMONSTRATIVE_PARTNERS:
        return None
    return before if tree.words[before].head == s and tree.words[before].dep == "det" else None


def _other_number(tree: Tree, s: int) -> str | None:
    """The common noun s in the other number, when nothing in its phrase shows its number ("The
    managerial styles", but not "these styles", "two styles"): the noun, not the verb, may be the
    slip, and the writer may choose."""
    word = tree.words[s]
    if word.tag not in ("NN", "NNS") or not (word.text.isalpha() and word.text.islower()):
        return None
    if tags(word.lower) == _GERUND:
        return None  # a gerund has no plural ("licensing")
    if tree.kids(s, "nummod", "quantmod", "conj") or any(
        tree.words[k].lower in _NUMBER_SHOWN for k in tree.kids(s, "det", "amod", "predet")
    ):  # fmt: skip
        return None
    lemma = word.lemma.lower()
    other = inflect(lemma, "NNS") if word.tag == "NN" else (lemma if inflect(lemma, "NNS") == word.lower else None)
    return other if other and other != word.lower and not number_invariant(word.text, word.lemma) else None


def _counted_after_of(tree: Tree, s: int) -> int | None:
    """The noun after the "of" straight after noun s ("a number of people"), if any."""
    after = tree.next_word(s)
    if after is None or tree.words[after].lower != "of" or tree.words[after].head != s:
        return None
    objects = tree.kids(after, "pobj")
    return objects[0] if objects else None


def _subject_read_as_compound(tree: Tree, verb: int) -> list[int]:
    """The noun straight before a present verb that the parse made a modifier of the verb, with the
    noun's determiner hung on the verb too: that noun is the verb's subject ("the money that the
    report talk of": the parse made "that" the subject and "the report" a compound of "talk")."""
    noun = tree.previous_word(verb)
    words = tree.words
    if noun is None or not subject_as_compound(tree, noun):
        return []
    dets = [k for k in tree.kids(verb, "det") if k < noun]
    if words[noun].tag not in ("NN", "NNS") or not dets or any(words[k].lower != "the" for k in dets):
        return []  # "how these resource tie into": a determiner with a number of its own sides with the
        # verb, and the noun is the slip (agreement.determiner-noun)
    return [noun]


def _free_relative(tree: Tree, clause: int) -> bool:
    """Whether a clausal subject opens with "whoever", "whatever" or "whichever" standing for a
    noun ("Whoever wins gets", "Whatever happens is"): one person or thing (not "whatever toys
    you buy", where the word is a determiner and the noun decides)."""
    first = min(tree.subtree(clause))
    word = tree.words[first]
    return word.lower in _FREE_RELATIVES and word.dep in ("nsubj", "nsubjpass", "dobj") and word.head == clause


def _reporting_inversion(tree: Tree, verb: int, subject: int) -> bool:
    """Whether verb and subject are a reporting clause inverted after the quotation it reports:
    '"…too late," say James Gooderson', '"…," says researchers at the university'. The closing
    quotation mark stands straight before the verb, the quotation is the verb's clause, and the
    subject's phrase follows the verb at once. Or one set off by commas inside the sentence it
    reports: "A later start, says Kelley, is something"."""
    words = tree.words
    before = tree.previous_word(verb)
    if tree.kids(verb, "aux", "auxpass", "neg") or before is None or min(tree.subtree(subject)) != tree.next_word(verb):
        return False
    if words[verb].dep == "parataxis" and words[before].text == ",":
        after = tree.next_word(tree.last_word(subject))
        return after is not None and words[after].text == "," and all(
            words[k].dep in ("punct", *_SUBJECT) for k in tree.children[verb]
        )  # fmt: skip
    if tree.quotation[before] < 0 or tree.quotation[verb] >= 0 or words[verb].dep != "ROOT":
        return False  # the word before is the quotation's closing mark: inside it, with the verb outside
    return any(k < verb for k in tree.kids(verb, "ccomp"))


def _here_inversion(tree: Tree, verb: int, subject: int) -> bool:
    """Whether "be" follows the "Here" that opens its sentence, with its subject after it: "Here is
    the results" wants "are" (the subject follows "be" after "here", as after "there"). Not
    subjects joined by "and", where writers let "is" go with the first ("Here is a map and two
    photos"), as with "there is"."""
    words = tree.words
    before = tree.previous_word(verb)
    return (
        words[verb].lemma == "be" and before is not None and words[before].lower == "here"
        and tree.starts_sentence(before) and words[before].head == verb
        and min(tree.subtree(subject)) == tree.next_word(verb) and not tree.kids(subject, "conj")
    )  # fmt: skip


def _question(tree: Tree, verb: int) -> bool:
    """Whether verb is "be", "do" or "have" put before its subject in the direct question that is
    its sentence, first or after the question word's phrase ("Where do she live?", "Is there any
    questions?", "How many people was there?"): it agrees with the subject after it."""
    words = tree.words
    root = tree.root(verb)
    span = sorted(tree.subtree(root))
    clause = words[verb].head if words[verb].dep in ("aux", "auxpass") else verb
    if clause != root or words[span[-1]].text != "?" or words[verb].lemma not in ("be", "do", "have"):
        return False
    if clause != verb and words[clause].tag not in ("VB", "VBG", "VBN"):
        return False  # "Where are the artist exclusives?": a noun the tagger made a finite verb
    if clause == verb and words[verb].lemma != "be":
        return False  # "Why do it?": "do" and "have" ask as auxiliaries; alone, they are infinitives
    opening = [k for k in span if k < verb and words[k].text not in _QUOTES]
    return not opening or (
        words[opening[0]].tag in WH_TAGS
        and not any(words[k].tag[:2] in ("VB", "MD") or words[k].text == "," for k in opening)
    )  # fmt: skip


def _before_its_verb(tree: Tree, clause: int) -> bool:
    """Whether relative clause `clause` hangs on a subject and stands before the subject's verb
    ("Burning fossil fuels (which also include natural gas) emits"): no clause precedes it for
    "which" to take up, so its antecedent is the noun."""
    words = tree.words
    noun = words[clause].head
    return words[clause].dep == "relcl" and words[noun].dep in _SUBJECT and max(tree.subtree(clause)) < words[noun].head


def _premodifiers_joined(tree: Tree, s: int) -> bool:
    """Whether the noun the parse joined to noun s by "and" is the head of nouns joined before it,
    inside a phrase of s's: in "information on loan and grant programs", "loan" is a count noun
    standing bare, so it cannot be a phrase of its own; it modifies "programs" as "grant" does (loan
    programs and grant programs), and the subject is "information" alone."""
    words = tree.words
    joined = tree.kids(s, "conj")
    links = [c for c in tree.kids(s, "cc") if words[c].lower == "and"]
    if len(joined) != 1 or len(links) != 1 or links[0] + 1 >= joined[0]:
        return False
    before, after = links[0] - 1, links[0] + 1
    modifier = words[before]
    return (
        modifier.dep == "pobj" and modifier.tag == "NN" and modifier.text.islower() and not tree.kids(before)
        and words[modifier.head].head == s and countable(modifier.lemma, COUNTABLE_GAP)
        and words[after].dep == "compound" and words[after].head == joined[0] and words[after].text.islower()
        and not tree.kids(joined[0], "det", "poss", "conj")
        and words[joined[0]].tag in ("NN", "NNS")
    )  # fmt: skip


def _aside_added(tree: Tree, s: int) -> bool:
    """Whether the one noun joined to noun s comes in an aside "as well as" opens, set off by commas:
    the subject is s alone ("The house, as well as the cars, was sold"). Without the commas writers
    also let the verb agree with both ("The president as well as his aides are"), so that is left."""
    words = tree.words
    joined, links = tree.kids(s, "conj"), tree.kids(s, "cc")
    if len(joined) != 1 or len(links) != 1 or links[0] < 3:
        return False
    opening = links[0] - 3
    closing = tree.next_word(tree.last_word(joined[0]))
    return (
        [w.lower for w in words[opening : links[0] + 1]] == [",", "as", "well", "as"]
        and closing is not None and words[closing].text == ","
    )  # fmt: skip


def _stranded_subject(tree: Tree, clause: int) -> int | None:
    """The noun the parse left without a verb whose contact relative clause ends in an infinitive
    the parse gave clause `clause` as its complement: in "and the choices you make to grow your
    character affects every aspect", "choices" has no verb and "affects" no other subject, and "your
    character" is the object of "grow". Not when the verb lacks its object, which the noun may be
    ("the things you need to know your child does": what the child does)."""
    words = tree.words
    infinitive = words[clause].head
    relative = words[infinitive].head
    noun = words[relative].head
    complement = words[clause].dep == "ccomp" and bool(tree.kids(clause, "dobj")) and not tree.kids(clause, "mark")
    to_infinitive = words[infinitive].dep == "xcomp" and any(words[k].tag == "TO" for k in tree.kids(infinitive, "aux"))
    contact = words[relative].dep == "relcl" and not any(words[k].tag in WH_TAGS for k in tree.kids(relative))
    stranded = words[noun].dep == "ROOT" or (words[noun].dep == "conj" and words[words[noun].head].tag[:2] == "VB")
    return noun if complement and to_infinitive and contact and stranded and words[noun].tag in ("NN", "NNS") else None


def _cleft_focus(tree: Tree, noun: int, pronoun: int) -> bool:
    """Whether noun is the focus of a cleft, "it is/was NOUN ... that", whose that-clause the parse
    hung on it across a phrase of its own: the clause's verb agrees with the focus ("It is fundraisers
    like the Pancake Supper that make it possible"; Quirk 18.26). Not across "of", where the clause may
    be the second noun's ("It is a collection of poems that are")."""
    words = tree.words
    be = words[noun].head
    if words[noun].dep != "attr" or words[be].lemma != "be" or noun > pronoun:
        return False
    if not any(words[k].lower == "it" for k in tree.kids(be, "nsubj", "expl")):
        return False
    between = [k for k in tree.kids(noun, "prep") if noun < k < pronoun]
    if len(between) != 1 or words[between[0]].lower == "of":
        return False
    return tree.next_word(tree.last_word(between[0])) == pronoun


def _hypothetical(tree: Tree, clause: int, subject: int) -> bool:
    """Whether the clause is one whose "were" may be the subjunctive ("if he were", "as though she
    were", "as it were"), or an "as" phrase the parse made a clause ("as a student were"); but "as I
    were leaving" is a slip."""
    marks = {tree.words[k].lower for k in tree.kids(clause, "mark")}
    return bool(marks & _HYPOTHETICAL) or ("as" in marks and tree.words[subject].lower not in _PERSONAL)


def _is_name(tree: Tree, s: int) -> bool:
    """Whether word s is a name the tagger knows as one ("Cantwell", "Mars One", "UK Uncut")."""
    w = tree.words[s]
    return w.tag in ("NNP", "NNPS") and w.text[:1].isupper() and w.text.isalpha() and w.lower != "i"


def _surnames(tree: Tree) -> Iterator[str]:
    """Names written after a first name ("Tom Cantwell"): news names a person in full, then by
    surname alone; a company keeps its name ("Apple", "SOCO International")."""
    for i, w in enumerate(tree.words):
        before = tree.previous_word(i)
        if _is_name(tree, i) and before is not None and before == i - 1 and _first_name(tree, before, i) and (
            not tree.kids(i, "det") and not (_common_noun(w.lower) and _common_noun(tree.words[before].lower))
        ):  # fmt: skip
            yield w.text  # not "the City Police": common nouns make a body's name ("Kate Bush" is a person's)


def _only_adjective(word: str) -> bool:
    """Whether the lexicon knows the word only as an adjective ("airy"), whatever the tagger made of it."""
    known = tags(word)
    return bool(known) and known <= ADJECTIVE_TAGS


_RARE = 3.0  # wordfreq's Zipf scale: a capitalised word rarer than this in lower case is no adjective of a people


def _first_name(tree: Tree, k: int, name: int) -> bool:
    """Whether word k is a first name before the name: a name the parse joins to it, or a capitalised
    word the lexicon does not know that the tagger took for its adjective ("Cathal Redmond")."""
    word = tree.words[k]
    compounds = tree.kids(name, "compound")
    if compounds and compounds[-1] == k:  # "Prime Minister Narendra Modi": a title may stand before it
        return _is_name(tree, k)
    return (
        word.tag == "JJ" and word.dep == "amod" and word.head == name and word.text[:1].isupper()
        and word.text.isalpha() and not tags(word.lower) and zipf(word.lower) < _RARE
        and tree.words[name].tag == "NNP"
    )  # fmt: skip  # not a people's adjective before a plural ("German Jews")


def _names_alone(tree: Tree) -> Iterator[str]:
    """Names that stand apart from any "and" or "&" ("Pluto's moon", "Charon is"): not a name
    only ever one half of a pair ("Marks and Spencer")."""
    for i, w in enumerate(tree.words):
        if _is_name(tree, i):
            before, after = tree.previous_word(i), tree.next_word(i)
            if all(k is None or tree.words[k].lower not in ("and", "&") for k in (before, after)):
                yield w.text


def _names_apart(tree: Tree, s: int, alone: set[str]) -> bool:
    """Whether subject s is one-word names joined by "and", each of which the article names apart."""
    joined = _conjuncts(tree, s)
    links = [c for k in joined for c in tree.kids(k, "cc")]
    return (
        len(joined) > 1 and bool(links) and all(tree.words[c].lower == "and" for c in links)
        and all(_is_name(tree, k) and tree.words[k].text in alone and not tree.kids(k, "compound") for k in joined)
    )  # fmt: skip


def _full_name(tree: Tree, s: int) -> bool:
    """Whether word s is a surname after its first name and nothing else ("Clay Cockrell")."""
    before = tree.previous_word(s)
    return tree.kids(s, *_BEYOND_SURNAME) == [before] and before == s - 1 and tree.words[before].dep == "compound" and (
        not tree.kids(before)
    )  # fmt: skip


def _shown_singular(counts: Counter[str] | None, this: str | None) -> str | None:
    """Singular when the article's other verbs give the name the singular, and none the plural
    ("Clay Cockrell are sitting ... Cockrell is a former Wall Street worker ... Cockrell says"): a
    name in full may be a company or a band ("Pink Floyd are"), so only the article's usage decides."""
    counts = counts or Counter()
    singular, plural = counts[SINGULAR] - (this == SINGULAR), counts[PLURAL] - (this == PLURAL)
    return SINGULAR if singular > 0 and plural == 0 else None


def _shown(verb: Word) -> str | None:
    """The number a verb shows beyond doubt: not "were" (the subjunctive: "if Smith were")."""
    return None if verb.lower == "were" else _number_of(verb)


def _names_shown(located: Sequence[tuple[Tree, int, int, int]]) -> dict[str, Counter[str]]:
    """For each name that is a subject in the article, how often its verbs show each number: a
    name's number is a matter of sense (a person, a company, a team), and the article shows it."""
    shown: dict[str, Counter[str]] = {}
    for tree, i, _, subject in located:
        number = _shown(tree.words[i])
        if number in (SINGULAR, PLURAL) and _is_name(tree, subject):
            shown.setdefault(tree.words[subject].text, Counter())[number] += 1
    return shown


def _elsewhere(counts: Counter[str] | None, this: str | None) -> str:
    """The number the article's verbs give a person's name: plural only when more of them show it
    than show the singular, this verb aside as well ("Smith say ... Smith say"); otherwise
    singular, for a person is one ("Cantwell says ... Cantwell say", "Max Weiss ... Weiss believe")."""
    counts = counts or Counter()
    others = counts[PLURAL] - (this == PLURAL)
    return PLURAL if counts[PLURAL] > counts[SINGULAR] and others > 0 else SINGULAR


def _joined_number(tree: Tree, s: int) -> str | None:
    """The number of nouns joined by "and": plural when all are plurals ("consumers and retailers"),
    or one is a plural with its own determiner or adjective ("abstraction, inheritance and other
    fancy words"), or one after the first has its own determiner ("the director and the actors");
    otherwise writers and grammars take either ("their love and support has", "the diarist,
    antiquarian and gossip John Aubrey was"), and after "or" or "nor" the nearest noun decides, a
    guess left alone."""
    joined = _conjuncts(tree, s)
    links = [c for k in joined for c in tree.kids(k, "cc", "preconj")]
    if not links or any(tree.words[c].lower != "and" for c in links):
        return None
    if any(tree.words[m].tag in ("NNS", "NNPS") for k in joined for m in tree.kids(k, "compound")):
        return None  # "Presents hours and hours": a plural modifier is a clause the parse merged
    if any(k < links[0] and tree.words[k].dep in ("relcl", "acl") for j in joined for k in tree.kids(j)):
        return None  # "one thing that has kept X down and the number ...": which "and" joins what is a guess
    if not tree.kids(joined[0], "det", "poss") and tree.words[joined[0]].lower not in NOMINATIVE and any(
        tree.kids(k, "det", "poss") for k in joined[1:]
    ):  # fmt: skip
        return None  # "is free-standing and the base is": a determiner only after "and" starts a new clause
        # (a pronoun needs none: "He and his wife were")
    for c in links:
        before = tree.previous_word(c)
        conjunct = next((k for k in tree.kids(tree.words[c].head, "conj") if k > c), None)
        after = tree.next_word(tree.last_word(conjunct)) if conjunct is not None else None
        if before is not None and after is not None and tree.words[before].text == tree.words[after].text == ",":
            return None  # "The quality of this squad, and the balance of ages, bodes": an aside
    distributive = [tree.words[d].lower in _DISTRIBUTIVE for k in joined for d in tree.kids(k, "det")]
    if distributive[:1] == [True] and all(distributive) and all(tree.words[k].tag == "NN" for k in joined):
        return SINGULAR  # "Every student and teacher was", "each boy and each girl has": one at a time
    if (
        all(tree.words[k].tag == "NNS" for k in joined)  # "consumers and retailers" ("fish and chips" is a dish)
        or any(tree.words[k].tag == "NNS" and tree.kids(k, "det", "amod", "poss", "nummod") for k in joined)
        or any(tree.kids(k, "det", "poss") for k in joined[1:])
    ):
        return PLURAL  # "other fancy words", "the director and the actors": things apart
    return None


def _modifies(tree: Tree, k: int, subject: int, verb: int) -> bool:
    """Whether word k hangs, through its heads, on the subject before it reaches the verb: a
    relative clause of the subject ("the character you play affects") is part of the subject."""
    seen = set()
    while k not in seen and k != verb:
        if k == subject:
            return True
        seen.add(k)
        k = tree.words[k].head
    return False


def _age(tree: Tree, k: int) -> bool:
    """Whether word k is an age set off by commas after a name, as news writes one ("Fildes, 49,")."""
    words = tree.words
    before, after = tree.previous_word(k), tree.next_word(k)
    return (
        words[k].tag == "CD" and words[k].text.isdigit() and len(words[k].text) <= 3 and not tree.kids(k)
        and all(j is not None and words[j].text == "," for j in (before, after))
    )  # fmt: skip


def _parenthetical(tree: Tree, k: int, verb: int) -> bool:
    """Whether word k is the verb of a reporting clause set off by commas on the verb ("Drones, he
    said, are"): a parenthesis inside the sentence, which leaves subject and verb as they are."""
    words = tree.words
    if words[k].dep != "parataxis" or words[k].head != verb:
        return False
    span = [j for j in tree.subtree(k) if words[j].dep != "punct"]  # its commas may hang on it
    before, after = tree.previous_word(min(span)), tree.next_word(max(span))
    return all(j is not None and words[j].text == "," for j in (before, after))


def _in_relative_clause(tree: Tree, k: int, subject: int) -> bool:
    """Whether word k lies in a relative clause of the subject ("the companies that make and sell
    e-bikes says"), or joins gerunds after a preposition of the subject ("The thought of leaving
    their desks and being at home are"): verbs joined there are the subject's, not a second clause's."""
    words = tree.words
    head = words[k].head
    if head == subject:
        return False
    gerunds = words[head].tag == "VBG" and words[head].dep == "pcomp" and all(
        words[c].tag == "VBG" for c in tree.kids(head, "conj")
    )  # fmt: skip
    return any(head in tree.subtree(c) for c in tree.kids(subject, "relcl")) or (
        gerunds and any(head in tree.subtree(c) for c in tree.kids(subject, "prep"))
    )


def _conjuncts(tree: Tree, s: int) -> list[int]:
    """Word s and the words joined to it by "and", "or" (its conj chain), in order."""
    joined, todo = [], [s]
    while todo:
        k = todo.pop()
        joined.append(k)
        todo.extend(tree.kids(k, "conj"))
    return sorted(joined)


def _lone_comma(tree: Tree, subject: int, verb: int) -> bool:
    """Whether a comma stands alone between subject and verb (a parenthesis has two), not counting
    those of a list the subject heads ("A, B, and other Cs"): the parse has likely joined a subject
    to a verb that is not its own."""
    joined = _conjuncts(tree, subject)
    members = {k for j in joined[1:] for k in tree.subtree(j)}

    def in_list(comma: int) -> bool:  # followed by the next item, or by "and" and the next item
        after = tree.next_word(comma)
        if after is not None and tree.words[after].dep == "cc" and tree.words[after].head in joined:
            after = tree.next_word(after)
        return after in members

    commas = [k for k in range(subject + 1, verb) if tree.words[k].text == "," and not in_list(k)]
    if len(commas) % 2 == 0:
        return False  # none, or a parenthesis (", which finds the routes,")
    return not (commas[-1] == tree.previous_word(verb) and _clause_closed(tree, subject, commas[-1]))


def _clause_closed(tree: Tree, subject: int, comma: int) -> bool:
    """Whether the comma closes a clause on the subject, every word up to it the subject's own
    ("The institutions that serve America by serving them, is"): a pause after a long subject, a
    slip of punctuation, not a sign that the parse has joined the subject to another verb."""
    own = set(tree.subtree(subject))
    return bool(tree.kids(subject, "relcl")) and all(k in own for k in range(subject + 1, comma))


def _verbless_root(tree: Tree, i: int) -> bool:
    """Whether word i's sentence has for its root a gerund that opens it or a noun, not word i:
    "Knowing that people want those memories is important" and "The idea that we can't have clean
    air because it will cause noise problems is ridiculous" have no finite main verb in such a
    parse, which took the subject for the sentence and the real verb for a clause inside it."""
    root = tree.root(i)
    word = tree.words[root]
    return root != i and ((word.tag == "VBG" and tree.starts_sentence(root)) or word.tag in NOUN_TAGS)


def _object_taken(tree: Tree, clause: int, subject: int) -> bool:
    """Whether the subject's phrase follows straight after a verb that does not govern the clause:
    the phrase is that verb's object, the subject elsewhere ("a facility that is free and has no
    restrictions is welcome"; but "He said the results was" governs its clause)."""
    before = tree.previous_word(min(tree.subtree(subject)))
    return before is not None and tree.words[before].tag.startswith("VB") and before != tree.words[clause].head


def _stranded_opening(tree: Tree, clause: int, subject: int) -> bool:
    """Whether the sentence opens with a noun and its relative clause that the parse made an
    adverbial of the verb, before the subject it found: "The way he cares for this club, his staff and
    the family is special" has "The way" for its subject, which the parse missed ("Last year, the
    prices was" is a true adverbial)."""
    return any(
        tree.words[k].tag in ("NN", "NNS") and k < subject and tree.kids(k, "relcl")
        and tree.starts_sentence(min(tree.subtree(k)))
        for k in tree.kids(clause, "npadvmod")
    )  # fmt: skip


def _present_for_past(tree: Tree) -> Tree:
    """The parse with the verbs the tagger mistook read as the present (`_read_as_present`)."""
    present = {k for k in range(len(tree.words)) if _read_as_present(tree, k)}
    if not present:
        return tree
    return Tree(tuple(replace(w, tag="VBP") if k in present else w for k, w in enumerate(tree.words)))


def _read_as_present(tree: Tree, k: int) -> bool:
    """Whether word k is a present the tagger mistook: a "past" the lexicon knows only as a base form
    ("The power of education frighten them": a past agrees with anything); or a "base form", or a
    "past" the lexicon knows only as a base form and a participle ("run", "come"), that heads its
    sentence after its own subject, alone ("Modi want to", "Smart run a team": no infinitive, and a
    participle heads no sentence). So is a "noun" the lexicon knows only as a verb that has its own
    subject before it ("when their phone disappear": a verb, whatever the tagger said)."""
    word = tree.words[k]
    if word.tag not in ("VB", "VBD", "NN") or not (word.text.isalpha() and word.text.islower()):
        return False  # asked of every word: the tag first, the lexicon only for a verb
    if word.tag == "NN" and not tree.kids(k, "nsubj"):
        return False  # a noun with no subject of its own, as almost every noun: no lexicon asked
    known = tags(word.lower)
    if word.tag == "NN":
        return known <= VERB_TAGS and "VB" in known and _finite_root(tree, k)
    if "VB" not in known:
        return False
    if word.tag == "VBD" and not known & {"VBD", "VBN"}:
        return True
    heads = word.dep == "ROOT" and _finite_root(tree, k)
    return heads and (word.tag == "VB" or (word.tag == "VBD" and "VBD" not in known))


def _finite_root(tree: Tree, k: int) -> bool:
    """Whether the base form k heads its sentence after its own subject, alone: no auxiliary, no
    "to", no subordinator (a subjunctive: "that he go"), no "not" (a present takes "do" for it: "it
    not open yet" has lost "is" or "does", not an "-s")."""
    subjects = tree.kids(k, "nsubj")
    return len(subjects) == 1 and subjects[0] < k and not tree.kids(k, "aux", "auxpass", "mark", "expl", "neg")


def _number_of(verb: Word) -> str | None:
    """The number a finite verb shows: "goes" singular, "go" plural (or first person), "am" first."""
    lower = verb.lower
    if lower in ("am",):
        return FIRST
    if lower in ("is", "was", "has", "does") or verb.tag == "VBZ":
        return SINGULAR
    return PLURAL if lower in ("are", "were") or verb.tag == "VBP" else None


@lru_cache(maxsize=50_000)
def _noun_of_number(lower: str, tag: str) -> bool:
    """Whether the lexicon has the word as a noun of the number its tag says."""
    lemminflect_tables()
    if not getAllLemmas(lower) and not getAllLemmas(lower[:-1]):
        return _newer_noun(lower, tag)
    lemmas = getAllLemmas(lower, upos="NOUN").get("NOUN", ())
    if tag == "NN":
        return lower in lemmas
    return any(lower in getAllInflections(lemma, upos="NOUN").get("NNS", ()) and lemma != lower for lemma in lemmas)


def _newer_noun(lower: str, tag: str) -> bool:
    """Whether a word the lexicon lacks ("smartphone", "apps", "websites": newer than its sources)
    is a count noun of the number its tag says, by use: both it and its other number (with or
    without a final "s") are common in wordfreq."""
    if tag == "NN":
        return not lower.endswith("s") and zipf(lower) >= _NEWER_NOUN_ZIPF and zipf(lower + "s") >= _NEWER_NOUN_ZIPF
    return lower.endswith("s") and zipf(lower) >= _NEWER_NOUN_ZIPF and zipf(lower[:-1]) >= _NEWER_NOUN_ZIPF


def _article_apposition(tree: Tree, n: int) -> bool:
    """Whether noun n's phrase opens with an article and stands between commas (an apposition), or
    after a comma at the sentence's end ('"…," says Gooderson, an 18-year-old student.'; "Keszler,
    the dealer at that auction, believes")."""
    before, after = tree.previous_word(min(tree.subtree(n))), tree.next_word(max(tree.subtree(n)))
    return (
        any(tree.words[d].lower in ("a", "an", "the") for d in tree.kids(n, "det"))
        and before is not None and tree.words[before].text == ","
        and (after is None or tree.words[after].text in (",", ".", ";"))
    )  # fmt: skip


def _parallel_conjunct(tree: Tree, s: int, verb: int) -> bool:
    """Whether a noun joined by "and" inside subject s's phrase, before the verb, is built like s
    itself (a determiner or modifier of the same kind and tag before each): the parse may have joined
    it too low, and the whole coordination be the subject ("a growing appetite for crops and booming
    food markets are", "the cost of food and the price of fuel are"); "the list of names and
    addresses are" has no such twin."""

    def shape(n: int) -> set[tuple[str, str]]:
        return {(tree.words[c].dep, tree.words[c].tag) for c in tree.kids(n, "det", "amod", "poss", "nummod") if c < n}

    own = shape(s)
    return any(
        s < k < verb and tree.words[k].dep == "conj" and tree.words[k].head != s and shape(k) & own
        for k in tree.subtree(s)
    )


def _plural_apposed(tree: Tree, s: int) -> bool:
    """Whether plural subject s has only appositions the parse cannot have misplaced: each after it,
    opened by an article, between commas, and joined to nothing ("the struggling students, the C
    student, is" wants "are"). A list the parse took for appositions ("The president, the secretary and
    the treasurer") has a conjunction."""
    return tree.words[s].tag == "NNS" and not tree.kids(s, "conj", "cc") and all(
        a > s and _article_apposition(tree, a) and not tree.kids(a, "conj", "cc") for a in tree.kids(s, "appos")
    )


def _rare_plural(lower: str, word: Word) -> bool:
    """A rare word that is the regular plural of a common noun ("octopuses"), not a typo or a brand."""
    return word.tag == "NNS" and inflect(word.lemma, "NNS") == lower and zipf(word.lemma.lower()) >= 3


def _common_noun(lower: str) -> bool:
    """Whether a capitalised first word is a common noun: the lexicon knows it as one, and it is common."""
    lemminflect_tables()
    return "NOUN" in getAllLemmas(lower) and zipf(lower) >= 3


def _agreeing(lemma: str, lower: str, wanted: str) -> str | None:
    """The verb form that agrees with a subject of the wanted number; None when any form does."""
    if lower in ("was", "were"):
        return "were" if wanted == PLURAL else "was"
    if lemma == "be":
        return {SINGULAR: "is", PLURAL: "are", FIRST: "am"}[wanted]
    return inflect(lemma, "VBZ" if wanted == SINGULAR else "VBP")
