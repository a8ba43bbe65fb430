"""The one tokenizer and sentence splitter every check shares, run once per document.

Tokens keep their offsets into the document text, so a check never searches the text again
to find where a word was.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import NamedTuple, Protocol

from copydesk.rules import word_list


class ArchiveView(Protocol):
    """What checks may ask of the archive an article belongs to (copydesk.archive.ArchiveStats,
    a layer above): how many articles use each name form and each dialect, and the verdicts."""

    @property
    def articles(self) -> Mapping[str, int]: ...

    @property
    def dialects(self) -> Mapping[str, int]: ...

    def dominant_dialect(self) -> str | None: ...

    def dominant_variant(self, form: str, max_distance: int) -> str | None: ...


class Kind(Enum):
    WORD = "word"
    NUMBER = "number"
    PUNCT = "punct"
    SPACE = "space"



# Order matters: dotted abbreviations (U.N.), words with inner apostrophes or hyphens,
# numbers with separators, then single characters.
_TOKEN = re.compile(
    r"""
    (?P<abbrev>(?:[A-Za-z]\.){2,})
  | (?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*)
  | (?P<number>\d+(?:[.,:/]\d+)*(?:st|nd|rd|th|s|%)?)
  | (?P<space>\s+)
  | (?P<punct>.)
    """,
    re.VERBOSE | re.DOTALL,
)

_KINDS = {"word": Kind.WORD, "abbrev": Kind.WORD, "number": Kind.NUMBER, "space": Kind.SPACE, "punct": Kind.PUNCT}

# A full stop after these does not end a sentence.
_NON_FINAL_ABBREVIATIONS = word_list("non_final_abbreviations")
_PARAGRAPH_BREAK = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)\s*")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def line_starts(text: str) -> tuple[int, ...]:
    """Where each line starts; a line ends at \n, \r\n or a lone \r."""
    if "\r" in text:
        return (0, *(m.end() for m in _LINE_BREAK.finditer(text)))
    # Most text breaks lines with \n alone: str.find runs ten times faster than the regex
    # (a megabyte's lines, asked for on every accept in the review app: 5 ms against 0.5).
    starts, at = [0], text.find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return tuple(starts)


class Intervals:
    """Many spans, asked whether any overlaps a range, in logarithmic time: an article may hold
    thousands of markup spans, suppression comments or "[sic]"s, and each finding asks."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.reach: list[int] = []  # the furthest end among the spans up to each index
        furthest = -1
        for _, b in ordered:
            furthest = max(furthest, b)
            self.reach.append(furthest)

    def __bool__(self) -> bool:
        return bool(self.starts)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span [a, b) has a < end and b > start."""
        before_end = bisect_left(self.starts, end)
        return before_end > 0 and self.reach[before_end - 1] > start


def line_col(starts: tuple[int, ...], offset: int) -> tuple[int, int]:
    """1-based line and column of a code-point offset (CRLF counts as one break)."""
    line = bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1


def match_case(model: str, replacement: str) -> str:
    """Give replacement the casing of the text it replaces: ALL CAPS, Capitalised or as written."""
    letters = [c for c in model if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if letters and letters[0].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


class Token(NamedTuple):
    """A word, number, punctuation mark or run of space, with its offsets in the text. A named
    tuple, not a dataclass: an article makes tens of thousands of them on every check, and a
    tuple is built in a third of the time a frozen dataclass takes."""

    start: int
    end: int
    text: str
    kind: Kind

    @property
    def is_word(self) -> bool:
        return self.kind is Kind.WORD

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Word:
    """A token of the syntax layer's dependency parse (copydesk.syntax): Penn tag, relation to its
    head (an index into the same paragraph's words; the root is its own head) and lemma."""

    start: int
    end: int
    text: str
    tag: str
    dep: str
    head: int
    lemma: str

    @property
    def lower(self) -> str:
        return self.text.lower().replace("’", "'")

    def moved(self, offset: int, first: int) -> Word:
        """The word placed in a longer text: offsets shifted by `offset`, its head by `first` words."""
        return Word(self.start + offset, self.end + offset, self.text, self.tag, self.dep, self.head + first,
                    self.lemma)  # fmt: skip


# Sentences to their parses (offsets in the sentence): one sentence per parse, so that an edit
# re-parses only the sentence it touched.
Parser = Callable[[Sequence[str]], list[tuple[Word, ...]]]


def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    kinds = _KINDS
    return tuple(
        Token(m.start() + offset, m.end() + offset, m.group(), kinds[m.lastgroup or "punct"])
        for m in _TOKEN.finditer(text)
    )


def split_paragraphs(text: str) -> tuple[Span, ...]:
    """Paragraphs are separated by blank lines; a text with none is one paragraph per line.

    Articles come both ways: wrapped Markdown (blank lines between paragraphs) and archive
    text with one paragraph per line.
    """
    separator = _PARAGRAPH_BREAK if _PARAGRAPH_BREAK.search(text) else _LINE_BREAK
    spans = []
    start = 0
    for m in separator.finditer(text):
        if text[start : m.start()].strip():
            spans.append(Span(start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append(Span(start, len(text)))
    return tuple(spans)


def _pronoun_i(tokens: tuple[Token, ...], i: int) -> bool:
    """Whether the "I" at i (before a full stop) is the pronoun, not an initial: after a word in
    lower case ("my wife and I.", "taller than I."), where a name's initial follows a name ("John I.
    Smith") or comes before another initial ("designed by I. M. Pei")."""
    j = i - 1
    while j >= 0 and tokens[j].kind is Kind.SPACE:
        j -= 1
    k = i + 2
    while k < len(tokens) and tokens[k].kind is Kind.SPACE:
        k += 1
    initial_next = k + 1 < len(tokens) and len(tokens[k].text) == 1 and tokens[k].text.isupper() and (
        tokens[k + 1].text == "."
    )  # fmt: skip
    return tokens[i].text == "I" and j >= 0 and tokens[j].is_word and tokens[j].text.islower() and not initial_next


def _ends_sentence(tokens: tuple[Token, ...], i: int) -> bool:
    """Whether the punctuation token at i closes a sentence."""
    tok = tokens[i]
    if tok.text not in ".!?…":
        return False
    if tok.text == "." and i > 0:
        prev = tokens[i - 1]
        if prev.is_word and (prev.lower in _NON_FINAL_ABBREVIATIONS or (
            len(prev.text) == 1 and prev.text.isupper() and not _pronoun_i(tokens, i - 1)
        )):  # fmt: skip
            return False
    # The sentence ends only if what follows starts a new one (after closing quotes/brackets).
    j = i + 1
    while j < len(tokens) and tokens[j].kind is Kind.PUNCT and tokens[j].text in "\"'”’)]»":
        j += 1
    if j >= len(tokens):
        return True
    if tokens[j].kind is not Kind.SPACE:
        return False
    j += 1
    while j < len(tokens) and tokens[j].kind is Kind.PUNCT and tokens[j].text in "\"'“‘([«":
        j += 1
    return j >= len(tokens) or not tokens[j].text[:1].islower()


def split_sentences(tokens: tuple[Token, ...], paragraphs: tuple[Span, ...]) -> tuple[Span, ...]:
    sentences: list[Span] = []
    starts = [t.start for t in tokens]
    for para in paragraphs:
        lo = bisect_right(starts, para.start - 1)
        hi = bisect_right(starts, para.end - 1)
        sent_start = None
        i = lo
        while i < hi:
            tok = tokens[i]
            i += 1
            if sent_start is None:
                if tok.kind is Kind.SPACE:
                    continue
                sent_start = tok.start
            if tok.kind is Kind.PUNCT and _ends_sentence(tokens, i - 1):
                end = tok.end
                while i < hi and tokens[i].kind is Kind.PUNCT and tokens[i].text in "\"'”’)]»":
                    end = tokens[i].end
                    i += 1
                sentences.append(Span(sent_start, end))
                sent_start = None
        if sent_start is not None:
            last = hi - 1
            while last >= lo and tokens[last].kind is Kind.SPACE:
                last -= 1
            sentences.append(Span(sent_start, tokens[last].end))
    return tuple(sentences)


@dataclass(frozen=True)
class Analysis:
    """Tokens, sentences and paragraphs of one text, computed once and shared by all checks.

    `dialect` is the configured spelling dialect (en-US, en-GB, ...), None when the article decides;
    `archive` the name statistics of the archive the article belongs to, when checked with one.
    """

    text: str
    dialect: str | None = None
    archive: ArchiveView | None = field(default=None, compare=False)
    one_paragraph: bool = False  # the text is one paragraph of an article, line breaks and all
    parser: Parser | None = field(default=None, compare=False)  # None: no syntax layer

    @cached_property
    def parsed(self) -> tuple[tuple[Word, ...], ...]:
        """Each paragraph's dependency parse, on the sentences every other check sees; empty
        without a syntax layer, so that checks on the parse find nothing rather than guess."""
        if self.parser is None:
            return ()
        parses = iter(self.parser([self.text[s.start : s.end] for s in self.sentences]))
        sentences = iter(self.sentences)
        result = []
        for para in self.paragraphs:  # every sentence lies in one paragraph, in order
            words: list[Word] = []
            starts = self._sentence_starts
            for _ in range(bisect_left(starts, para.end) - bisect_left(starts, para.start)):
                sentence, parse = next(sentences), next(parses)
                first = len(words)
                words.extend(w.moved(sentence.start, first) for w in parse)
            result.append(tuple(words))
        return tuple(result)

    def phrasal_verb(self, first: int, second: int) -> bool:
        """Whether the words starting at these offsets are a verb and its particle ("to set up",
        "wake up"), by the parse: another word than the compound "set-up" or "wake-up". Only the
        sentence that holds them is parsed (or read from the parser's cache)."""
        index = self.sentence_index(first)
        if self.parser is None or index < 0:
            return False
        sentence = self.sentences[index]
        [words] = self.parser([self.text[sentence.start : sentence.end]])
        at = {w.start + sentence.start: w for w in words}
        verb, particle = at.get(first), at.get(second)
        return (verb is not None and particle is not None and verb.tag.startswith("VB")
                and (particle.dep == "prt" or particle.tag == "RP"))  # fmt: skip

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        return tokenize(self.text)

    @cached_property
    def words(self) -> tuple[Token, ...]:
        return tuple(t for t in self.tokens if t.kind is Kind.WORD)

    @cached_property
    def paragraphs(self) -> tuple[Span, ...]:
        if self.one_paragraph:
            return (Span(0, len(self.text)),) if self.text.strip() else ()
        return split_paragraphs(self.text)

    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        return split_sentences(self.tokens, self.paragraphs)

    @cached_property
    def paragraph_tokens(self) -> list[list[Token]]:
        """The non-space tokens of each paragraph, for checks that match token sequences."""
        units: list[list[Token]] = [[] for _ in self.paragraphs]
        starts = self._paragraph_starts
        for tok in self.tokens:
            if tok.kind is Kind.SPACE:
                continue
            index = bisect_right(starts, tok.start) - 1
            if 0 <= index < len(units) and tok.start < self.paragraphs[index].end:
                units[index].append(tok)
        return units

    @cached_property
    def token_index(self) -> dict[str, list[tuple[int, int]]]:
        """Where each word form (lower case, straight apostrophes) stands: (paragraph, position)."""
        index: dict[str, list[tuple[int, int]]] = {}
        for u, unit in enumerate(self.paragraph_tokens):
            for i, tok in enumerate(unit):
                index.setdefault(tok.text.lower().replace("’", "'"), []).append((u, i))
        return index

    @cached_property
    def line_starts(self) -> tuple[int, ...]:
        return line_starts(self.text)

    def line_of(self, offset: int) -> int:
        return line_col(self.line_starts, offset)[0]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence containing offset (or the last one starting before it)."""
        return bisect_right(self._sentence_starts, offset) - 1

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def paragraph_index(self, offset: int) -> int:
        return bisect_right(self._paragraph_starts, offset) - 1

    def starts_sentence(self, offset: int) -> bool:
        """Whether only punctuation (quotes, brackets) stands between a sentence's start and offset."""
        index = self.sentence_index(offset)
        if index < 0:
            return True
        return not any(c.isalnum() for c in self.text[self.sentences[index].start : offset])
