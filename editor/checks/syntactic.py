"""What the checks on the parse share: a paragraph's words with their children, the number of a
noun phrase, and inflection (lemminflect) to build the fix. Pure functions of the parse."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

from lemminflect import getAllInflections, getAllLemmas, getInflection, getLemma

from copydesk.lexicon import lemminflect_tables, zipf
from copydesk.text import Analysis, Word, match_case
from copydesk.wordclass import IRREGULAR_PLURALS

NOUN_TAGS = frozenset({"NN", "NNS"})
HYPHENS = frozenset({"-", "‐"})
# A noun phrase's own determiners, as the parse attaches them; and the tags of a word before a
# noun phrase's first modifier that determine the phrase though the parse attached them elsewhere.
DETERMINER_DEPS = frozenset({"det", "poss", "predet", "nummod", "quantmod"})
DETERMINER_TAGS = frozenset({"DT", "PRP$", "CD", "POS", "WDT", "WP$", "PDT"})
FINITE_TAGS = frozenset({"VBZ", "VBP", "VBD", "MD"})  # the parse's tags of a finite verb
WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})  # wh-words: "what", "who", "whose", "where"
NOMINATIVE = frozenset({"i", "he", "she", "we", "they"})  # pronouns only ever subjects ("keep it hidden" is no clause)
# Quantifiers after which "a" goes with a plural noun: "a few days", "a great many people", "a dozen eggs".
PLURAL_WITH_A = frozenset({"few", "many", "lot", "couple", "dozen", "hundred", "thousand", "million", "billion"})
VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})  # every Penn tag of a verb
ADJECTIVE_TAGS = frozenset({"JJ", "JJR", "JJS"})  # every Penn tag of an adjective
ADVERB_TAGS = frozenset({"RB", "RBR", "RBS"})  # every Penn tag of an adverb
KINDS = frozenset({"kind", "sort", "type"})  # nouns of variety: "all kinds of X", where the X may give the number
NEGATIONS = frozenset({"not", "n't", "n’t"})  # by their text: the tagger may call "n’t" a noun
SENTENCE_ENDS = frozenset({".", "!", "?"})
GENITIVE_ENDINGS = frozenset({"'s", "’s", "'", "’"})  # the parse's genitive tokens: "Mary's", "farmers’"
# Participles only ever passive: "she was born" (the active participle is "borne": "she has borne three children")
PASSIVE_ONLY = frozenset({"born"})


_OPENING_QUOTES = frozenset({"“", "«"})
_CLOSING_QUOTES = frozenset({"”", "»"})


@dataclass(frozen=True)
class Tree:
    """One paragraph's parse, with each word's children: the view every check on the parse walks."""

    words: tuple[Word, ...]

    @cached_property
    def children(self) -> tuple[tuple[int, ...], ...]:
        kids: list[list[int]] = [[] for _ in self.words]
        for i, w in enumerate(self.words):
            if w.head != i:
                kids[w.head].append(i)
        return tuple(tuple(k) for k in kids)

    def kids(self, i: int, *deps: str) -> list[int]:
        return [k for k in self.children[i] if not deps or self.words[k].dep in deps]

    @cached_property
    def quotation(self) -> tuple[int, ...]:
        """For each word, the index of the opening double quote of the quotation it stands in (-1
        outside one): a quoted sentence and its reporting clause are two voices."""
        inside, opened = [], -1
        for k, word in enumerate(self.words):
            if word.text in _OPENING_QUOTES or (word.text == '"' and opened < 0):
                opened = k
            elif word.text in _CLOSING_QUOTES or (word.text == '"' and opened >= 0):
                inside.append(opened)
                opened = -1
                continue
            inside.append(opened)
        return tuple(inside)

    def in_past(self, i: int) -> bool:
        """Whether the writer tells of the past at word i, by the finite verbs in its voice (a
        quotation or the narration around it) other than word i: the nearest one in its sentence
        ("They more popular than patches but we do not know"), else the paragraph's last one
        before it ("resorted to a sign. It read: ..."); a quotation's only count inside it, the
        narration's only outside ("'It is great,' she said. Others not sure" is past)."""
        voice = self.quotation[i]
        finite = [k for k in range(len(self.words)) if k != i and self.quotation[k] == voice and self._finite(k)]
        sentence = set(self.subtree(self.root(i)))
        near = [k for k in finite if k in sentence]
        if near:
            return self._past(min(near, key=lambda k: abs(k - i)))
        before = [k for k in finite if k < i]
        return bool(before) and self._past(before[-1])

    def _past(self, k: int) -> bool:
        """Whether finite verb k is in the past tense ("’s" is "is" or "has", whatever its tag)."""
        return self.words[k].tag in ("VBD", "VBN") and self.words[k].lower not in ("’s", "'s")

    def _finite(self, k: int) -> bool:
        """Whether word k is a finite verb: by its tag, or a participle with a subject and no
        auxiliary ("The band resorted to a sign"), a past tense the tagger took for a participle."""
        tag = self.words[k].tag
        if tag in FINITE_TAGS:
            return True
        return tag == "VBN" and bool(self.kids(k, "nsubj")) and not self.kids(k, "aux", "auxpass")

    def previous_word(self, i: int) -> int | None:
        """The nearest word before i that is not white space."""
        j = i - 1
        while j >= 0 and not self.words[j].text.strip():
            j -= 1
        return j if j >= 0 else None

    def starts_sentence(self, i: int) -> bool:
        """Whether word i is the first of its sentence but for opening quotes and brackets."""
        j = self.previous_word(i)
        while j is not None and self.words[j].text in "\"'“‘([«":
            j = self.previous_word(j)
        return j is None or self.words[j].text in ".!?:"

    def root(self, i: int) -> int:
        """The root of word i's sentence."""
        above = self.ancestors(i)
        return above[-1] if above else i

    def ancestors(self, i: int) -> list[int]:
        """The words above word i, nearest first, up to its sentence's root."""
        above: list[int] = []
        while self.words[i].head != i and self.words[i].head not in above:
            i = self.words[i].head
            above.append(i)
        return above

    def sentence_start(self, i: int) -> int:
        """The index of the first word of word i's sentence (the root's subtree)."""
        return min(self.subtree(self.root(i)))

    def last_word(self, i: int) -> int:
        """The last word of word i's phrase, its own punctuation aside ("the balance of ages," ends at "ages")."""
        return max(k for k in self.subtree(i) if k == i or self.words[k].dep != "punct")

    def subtree(self, i: int) -> Iterator[int]:
        yield i
        for k in self.children[i]:
            yield from self.subtree(k)

    def hyphenated(self, i: int) -> bool:
        """Whether word i is part of a hyphenated compound ("co-authors", "all-time", "same-sex"),
        which the tokenizer splits at its hyphens."""
        word = self.words[i]
        before = self.words[i - 1] if i > 0 else None
        after = self.words[i + 1] if i + 1 < len(self.words) else None
        return (before is not None and before.text in HYPHENS and before.end == word.start) or (
            after is not None and after.text in HYPHENS and after.start == word.end
        )

    def next_word(self, i: int) -> int | None:
        j = i + 1
        while j < len(self.words) and not self.words[j].text.strip():
            j += 1
        return j if j < len(self.words) else None


def trees(analysis: Analysis) -> Iterator[Tree]:
    for words in analysis.parsed:
        if words:
            yield Tree(words)


@lru_cache(maxsize=50_000)
def inflect(lemma: str, tag: str) -> str | None:
    """The lemma in the form a Penn tag names ("go", VBN -> "gone"), None when the lexicon has none."""
    lemminflect_tables()
    forms = getInflection(lemma.lower(), tag=tag)
    return forms[0] if forms else None


@lru_cache(maxsize=50_000)
def number_invariant(word: str, lemma: str) -> bool:
    """A noun whose usual singular and plural are one form ("series", "sheep", "species"). Not a
    noun in -ness ("happiness", "deafness"): a mass noun, singular, though it has no plural either.
    Nor one in -ss whose plural is in -sses ("boss", "process", "business"): no plural ends so."""
    lower = word.lower()
    if lower in IRREGULAR_PLURALS or lower.endswith("ness"):
        return False
    if lower.endswith("ss") and inflect(lemma, "NNS") == lower + "es":
        return False
    return inflect(lemma, "NNS") == inflect(lemma, "NN") == lower or lower.endswith(("ics", "ss"))


@lru_cache(maxsize=50_000)
def verb_lemma(word: str, lemma: str) -> str:
    """The verb's lemma: the parser's, unless the word is none of its forms (the tagger, misled by
    the very slip a check looks for, tagged "finished" after "to" as a base form)."""
    lemminflect_tables()
    lower = word.lower()
    if lemma.lower() == lower:  # the parser kept the word as it is: the lexicon may know it better
        known = getAllLemmas(lower, upos="VERB").get("VERB", ())
        return lower if not known or lower in known else known[0]  # "to found a firm" is "found"
    if any(lower in forms for forms in getAllInflections(lemma.lower(), upos="VERB").values()):
        return lemma.lower()
    found = getLemma(lower, upos="VERB")
    return found[0] if found else lemma.lower()


@lru_cache(maxsize=50_000)
def verb_forms(lemma: str, tag: str) -> tuple[str, ...]:
    """Every form the lexicon gives the verb for a Penn tag ("dream", VBN: "dreamed", "dreamt"). The
    lexicon lists a past participle only where it differs from the past tense ("gone", not
    "weighed"), so the past tense stands in for it."""
    lemminflect_tables()
    forms = getAllInflections(lemma.lower(), upos="VERB")
    return tuple(forms.get(tag) or (forms.get("VBD", ()) if tag == "VBN" else ()))


# A noun counts when its plural's Zipf frequency is at most this far below its singular's
# ("problems" 4.9 beside "problem" 5.3; "informations" 1.6 beside "information" 5.4).
COUNTABLE_GAP = -1.5


@lru_cache(maxsize=50_000)
def subject_as_compound(tree: Tree, n: int) -> bool:
    """Whether noun n, which the parse made a modifier of the present verb straight after it, is
    that verb's subject: "how these resource tie into" (the parse hung "these" on "tie"), "the money
    that the report talk of" (it hung "the" on "talk" and made "that" the subject)."""
    verb = tree.next_word(n)
    return tree.words[n].dep == "compound" and verb == tree.words[n].head and tree.words[verb].tag == "VBP"


@lru_cache(maxsize=50_000)
def singular_in_s(lower: str) -> bool:
    """Whether a word in -s is a singular noun with a plural of its own in the lexicon ("atlas",
    "lens", "bias": "atlases"), not a plural, nor a noun the same in both numbers ("clothes",
    "species", "status")."""
    lemminflect_tables()
    if not lower.endswith("s") or lower not in getAllLemmas(lower, upos="NOUN").get("NOUN", ()):
        return False
    plurals = getAllInflections(lower, upos="NOUN").get("NNS", ())
    return bool(plurals) and lower not in plurals


def countable(lemma: str, min_ratio: float) -> bool:
    """Whether a noun is used as a count noun: its plural is common beside its singular in
    wordfreq's counts (Zipf difference), so "many problem" is a slip and "much information" is not."""
    plural = inflect(lemma, "NNS")
    if not plural or plural == lemma.lower():
        return False
    return zipf(plural) - zipf(lemma) >= min_ratio


def counted_by_one(tree: Tree, number: int, n: int) -> bool:
    """Whether "1" or "one", standing alone before a plural, counts it: "There are only 1 townhomes". Not
    part of a longer number or range ("one or two days", "1-2 days", "one hundred"), nor before a
    plural that is not the lexicon's plural of its lemma ("1 pence", beside "pennies"). A capitalised
    plural counts only where the tagger reads a common noun and no capital follows it ("1 Townhomes for
    sale"; not a name or a title in capitals, "One Kings Lane", "1 Hotels Group")."""
    count, noun = tree.words[number], tree.words[n]
    if count.lower not in ("1", "one") or tree.kids(number, "conj", "cc", "compound", "quantmod", "prep") or (
        tree.hyphenated(number) or number + 1 != n
    ):  # fmt: skip
        return False
    following = tree.next_word(n)
    common = noun.text.islower() or (
        noun.tag == "NNS" and noun.text.istitle() and (following is None or not tree.words[following].text[0].isupper())
    )
    return noun.text.isalpha() and common and inflect(noun.lemma, "NNS") == noun.lower


_CURRENCY = frozenset("$£€¥")


def money(tree: Tree, number: int) -> bool:
    """Whether a number is an amount of money: a currency sign in its phrase or straight before it
    ("the £20 note", "a $1 billion fine", "£15 of which was spent")."""
    before = tree.previous_word(number)
    signs = (*tree.subtree(number), *([before] if before is not None else []))
    return any(tree.words[k].text in _CURRENCY for k in signs)


def measure_is_predicate(tree: Tree, number: int, adjective: int) -> bool:
    """Whether a number, its unit and the measure's adjective stand as a predicate ("he was 20 year
    old", "it is 2 metre long"), where the unit is counted ("20 years old"): no noun, adjective or
    number follows for the measure to describe ("a 35-year-old surfer"), and no article or possessive
    before the number makes the measure a noun ("the 10-year-old")."""
    following, before = tree.next_word(adjective), tree.previous_word(number)
    return (following is None or tree.words[following].tag[:2] not in ("NN", "JJ", "CD")) and (
        before is None or tree.words[before].tag not in ("DT", "PRP$")
    )


def lemma_gap(word: Word) -> float:
    """How much commoner (Zipf) a word is than the lemma the parser gave it: far commoner, it is a
    word of its own rather than that lemma's plural ("atlas" 3.8 beside "atla" 2.2, "Sanders" 4.0
    beside "sander" 2.9; "rules" +0.1)."""
    return zipf(word.lower) - zipf(word.lemma.lower())


def with_case(word: Word, replacement: str) -> str:
    return match_case(word.text, replacement)
