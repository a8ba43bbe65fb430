"""The syntax layer: a dependency parse of each paragraph (spaCy, English CPU pipeline), for the
checks that must see a sentence's structure rather than a run of words.

The model is the one rules/engines/syntax.yaml names; its files are checked against the SHA-256
values recorded there the first time a process loads it, so a changed upload is refused. It is
loaded once per process, lazily, without the components no check uses. The sentences are
copydesk's own (each is parsed alone, as one sentence), so the parse and every other check agree
on where a sentence ends. Parses are kept per sentence text, so an edit re-parses one sentence.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path
from sys import intern
from typing import Any

from copydesk.cache import Recent
from copydesk.errors import UserError
from copydesk.rules import RULES_DIR, load_yaml
from copydesk.text import Word

MODEL_FILE = RULES_DIR / "engines" / "syntax.yaml"


class SyntaxUnavailable(UserError):
    """The parser cannot be loaded: the checks on the parse are skipped, every other check runs."""


@cache
def model_record() -> dict[str, Any]:
    record = load_yaml(MODEL_FILE)
    if not isinstance(record, dict) or not isinstance(record.get("sha256"), dict):
        raise SyntaxUnavailable(f"{MODEL_FILE}: no 'sha256' table of the model's files")
    return record


def model_path() -> Path:
    """The installed model's data folder, checked file by file against the recorded SHA-256."""
    record = model_record()
    package, version = str(record["package"]), str(record["version"])
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise SyntaxUnavailable(f"the syntax model {package} {version} is not installed "
                                f"(pip install '{package}=={version}'); checks on the parse are skipped")  # fmt: skip
    folder = Path(next(iter(spec.submodule_search_locations))) / f"{package}-{version}"
    for name, expected in record["sha256"].items():
        file = folder / name
        try:
            digest = hashlib.sha256(file.read_bytes()).hexdigest()
        except OSError:
            raise SyntaxUnavailable(f"the syntax model {package} {version} lacks {name} ({folder}); "
                                    "checks on the parse are skipped") from None  # fmt: skip
        if digest != expected:
            raise SyntaxUnavailable(f"the syntax model's file {file} is not the one recorded in {MODEL_FILE.name} "
                                    f"(SHA-256 {digest[:12]}..., expected {expected[:12]}...): refused; "
                                    "checks on the parse are skipped")  # fmt: skip
    return folder


@cache
def pipeline() -> Any:
    """spaCy's pipeline, loaded once per process (about half a second, spaCy's import included)."""
    folder = model_path()
    try:
        import spacy
    except ImportError:
        raise SyntaxUnavailable("spaCy is not installed; checks on the parse are skipped") from None
    try:
        return spacy.load(folder, exclude=list(model_record().get("exclude", ())))
    except Exception as exc:  # a spaCy that cannot read this model: say so, run the other checks
        raise SyntaxUnavailable(f"spaCy cannot load the syntax model ({exc}); checks on the parse are skipped") from exc


# spaCy's lemmatizer is a pure function of a word, its part of speech and its morphology (spaCy
# caches it under that key), but pays for every word in Python: run by hand with this memo, on
# article text the memo answers almost every word, with the lemmas spaCy gives (tested).
LEMMATIZER = "lemmatizer"
MAX_LEMMAS = 500_000

# The model learnt its contractions with straight apostrophes: given "I’m", "it’s", "isn’t" it makes
# "’m" a verb of its own (lemma "’m"), "’s" a lemma "’" and "n’t" a full stop, and every check that
# asks for "be" or "not" misses them. It parses the sentence with a straight apostrophe inside each
# word (one character for one, so every offset holds); a closing quotation mark stays as it is, and
# the words keep the text as written.
_APOSTROPHE_IN_WORD = re.compile(r"(?<=\w)’(?=\w)")


class SyntaxParser:
    """Parses sentences in batches, each sentence's parse kept by its text. When the model cannot
    be loaded, `on_error` hears why, once, and every sentence gets an empty parse: the checks on
    the parse find nothing, every other check runs."""

    def __init__(self, on_error: Callable[[str], None] = lambda message: None, cache_size: int = 50000) -> None:
        self._parses: Recent[str, tuple[Word, ...]] = Recent(cache_size)
        self._lemmas: dict[tuple[int, int, int], str] = {}
        self._on_error = on_error
        self.available = True

    @property
    def parsed(self) -> int:
        """Sentences parsed (not answered from the cache), for tests and benchmarks."""
        return self._parses.misses

    def __call__(self, sentences: Sequence[str]) -> list[tuple[Word, ...]]:
        if self.available:
            try:
                return self._parses.get_many(sentences, self._parse)
            except SyntaxUnavailable as exc:
                self.available = False
                self._on_error(str(exc))
        return [() for _ in sentences]

    def _parse(self, sentences: list[str]) -> Iterator[tuple[Word, ...]]:
        nlp = pipeline()
        lemmatizer = nlp.get_pipe(LEMMATIZER)
        docs = (_one_sentence(nlp, _APOSTROPHE_IN_WORD.sub("'", text)) for text in sentences)
        for text, doc in zip(sentences, nlp.pipe(docs, batch_size=256, disable=[LEMMATIZER]), strict=True):
            yield _words(text, doc, [self._lemma(lemmatizer, token) for token in doc])

    def _lemma(self, lemmatizer: Any, token: Any) -> str:
        if token.lemma:  # set by the attribute ruler ("me" -> "I"): spaCy's lemmatizer keeps it too
            return str(token.lemma_)
        key = (token.orth, token.pos, token.morph.key)
        lemma = self._lemmas.get(key)
        if lemma is None:
            if len(self._lemmas) > MAX_LEMMAS:
                self._lemmas.clear()
            lemma = self._lemmas[key] = lemmatizer.lemmatize(token)[0]
        return lemma


def _one_sentence(nlp: Any, text: str) -> Any:
    """spaCy's tokens of one of copydesk's sentences, marked as one sentence (the parser keeps it).
    A sentence's last "I." is the pronoun and the full stop, which spaCy's tokenizer keeps together
    as an initial would be ("gave it to John and I.")."""
    doc = nlp.make_doc(text)
    if len(doc) > 1 and doc[-1].text == "I.":
        from spacy.tokens import Doc

        words = [t.text for t in doc[:-1]] + ["I", "."]
        spaces = [bool(t.whitespace_) for t in doc[:-1]] + [False, bool(doc[-1].whitespace_)]
        doc = Doc(nlp.vocab, words=words, spaces=spaces)
    for token in doc[1:]:
        token.is_sent_start = False
    return doc


def _words(text: str, doc: Any, lemmas: Sequence[str]) -> tuple[Word, ...]:
    """The parse as copydesk's words, each with the sentence's own text (its curly apostrophes).
    Tags and relations are interned: spaCy hands out a new string for each, and the parses kept for
    an editor would hold tens of thousands of copies of "NN"."""
    return tuple(
        Word(t.idx, end, text[t.idx : end], intern(t.tag_), intern(t.dep_), t.head.i, lemma)
        for t, lemma in zip(doc, lemmas, strict=True)
        for end in [t.idx + len(t.text)]
    )
