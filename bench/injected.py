"""Generalisation, on errors nobody tuned for: errors injected by rule into clean, edited articles.

usage: python bench/injected.py [--kinds grammar|surface] [--seed N] [--per-kind N] [--keep DIR]

The dev set (../shared/eval/dev) was made from the OneStopEnglish Adv articles, with a few kinds of
error in a few shapes ("because" for "because of", "this" for "these"); the sets that decide are
other articles with other shapes. This builds such a set from the Int and Ele articles: each
injector is a general edit on spaCy's parse of the clean sentence (any "of" dropped, any present
verb's number flipped, any article dropped...), not a list of phrases, so what it measures is how
far each kind of check reaches beyond the sentences it was written from. At most one error per
sentence, per-kind counts capped (--per-kind), seeded (--seed). The set has the dev set's layout
(docs/, gold.jsonl: the wrong text's span and its correction), so ../shared/eval/score.py scores
`copydesk check --format json` on it exactly as it scores the dev set.

Two families, each its own set (a seed gives the same set as before a family was added):
  grammar  (default) agreement, verb form, missing words, confusables, doubled words
  surface  the dev set's other kinds, each as a general edit: a typo in any common word, a
           variant of any name the article repeats, a compound modifier's hyphen dropped, a
           two-letter initialism the article repeats written with points ("U.N."), a curly
           quotation mark made straight, a British spelling made American (breame's pairs) in an
           article with other British spellings

An injected error may leave a correct sentence ("some of the" -> "some the" is wrong; "both of
the" -> "both the" is not), so recall here is a floor, compared kind against kind and run against
run with the same seed, not a figure to quote as a rate of real errors.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS
from lemminflect import getInflection

from copydesk.lexicon import zipf
from copydesk.syntax import pipeline
from copydesk.text import match_case

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SOURCES = [SHARED / "corpus" / "onestopenglish" / level for level in ("Int", "Ele")]

# (start, end, replacement) in the sentence's own offsets: the clean text [start, end) becomes
# `replacement`, which must not be empty (a dropped word takes the word before it along).
Edit = tuple[int, int, str]

SWAP_DETERMINER = {"this": "these", "these": "this", "that": "those", "those": "that"}
FLIP_BE = {"is": "are", "are": "is", "was": "were", "were": "was", "has": "have", "have": "has",
           "does": "do", "do": "does"}  # fmt: skip
CONFUSABLE = {"their": "there", "there": "their", "its": "it's", "it's": "its", "than": "then", "then": "than",
              "your": "you're", "whose": "who's", "lose": "loose", "affect": "effect", "effect": "affect",
              "to": "too", "too": "to", "were": "where", "where": "were", "of": "off", "off": "of"}  # fmt: skip
PERSONAL = {"i", "you", "we", "they"}  # subjects whose present verb has no -s
# Neighbouring keys on a QWERTY keyboard, for a typo's substituted letter.
KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
NEIGHBOURS = {
    key: "".join(row[j] for j in (i - 1, i + 1) if 0 <= j < len(row))
    for row in KEYBOARD_ROWS for i, key in enumerate(row)
}  # fmt: skip


def _drop(tok: Any) -> Edit | None:
    """Drop `tok`, keeping the word before it as the span (the dev set's shape: "because of" -> "because")."""
    if tok.i == tok.sent.start or tok.nbor(-1).is_punct or tok.nbor(-1).is_space:
        return None
    before = tok.nbor(-1)
    return before.idx, tok.idx + len(tok.text), before.text


def determiner_number(tok: Any) -> Edit | None:
    if tok.dep_ == "det" and tok.lower_ in SWAP_DETERMINER and tok.head.pos_ == "NOUN":
        return tok.idx, tok.idx + len(tok.text), match_case(tok.text, SWAP_DETERMINER[tok.lower_])
    return None


def subject_verb(tok: Any) -> Edit | None:
    """A present (or was/were) verb with a subject, its number flipped."""
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) and tok.dep_ not in ("aux", "auxpass"):
        return None
    subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and tok.head is not None:
        subject = next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ in PERSONAL | {"he", "she", "it"} or subject.tag_ in ("WDT", "WP"):
        return None
    if tok.lower_ in FLIP_BE:
        new = FLIP_BE[tok.lower_]
    elif tok.tag_ == "VBZ":
        new = (getInflection(tok.lemma_, "VBP") or ("",))[0]
    elif tok.tag_ == "VBP":
        new = (getInflection(tok.lemma_, "VBZ") or ("",))[0]
    else:
        return None
    if not new or new == tok.lower_:
        return None
    return tok.idx, tok.idx + len(tok.text), match_case(tok.text, new)


def verb_form(tok: Any) -> Edit | None:
    """A bare verb after a modal or "to" given an inflection ("will goes", "to finished")."""
    if tok.tag_ != "VB" or tok.i == tok.sent.start:
        return None
    before = tok.nbor(-1)
    if before.tag_ not in ("MD", "TO"):
        return None
    new = (getInflection(tok.lemma_, "VBD" if before.tag_ == "TO" else "VBZ") or ("",))[0]
    if not new or new == tok.lower_:
        return None
    return tok.idx, tok.idx + len(tok.text), new


def noun_number(tok: Any) -> Edit | None:
    """A plural noun after a word that wants a plural ("many", "several", a number, "one of the"), made singular."""
    if tok.tag_ != "NNS" or tok.i < 2:
        return None
    before = tok.nbor(-1)
    wants_plural = before.lower_ in ("many", "several", "few", "various", "numerous", "both", "these", "those") or (
        before.like_num and before.lower_ not in ("one", "1")
    )
    one_of = before.lower_ == "the" and tok.i >= 3 and tok.nbor(-3).lower_ == "one" and tok.nbor(-2).lower_ == "of"
    if not (wants_plural or one_of) or tok.lemma_ == tok.lower_:
        return None
    return tok.idx, tok.idx + len(tok.text), tok.lemma_


def missing_of(tok: Any) -> Edit | None:
    return _drop(tok) if tok.lower_ == "of" and tok.pos_ == "ADP" else None


def missing_to(tok: Any) -> Edit | None:
    return _drop(tok) if tok.lower_ == "to" and tok.tag_ == "TO" else None


def missing_be(tok: Any) -> Edit | None:
    if tok.lemma_ == "be" and tok.lower_ in ("is", "are", "was", "were") and tok.dep_ in ("ROOT", "aux", "auxpass"):
        return _drop(tok)
    return None


def missing_article(tok: Any) -> Edit | None:
    """Drop "a", "an" or "the" before a singular noun: the word after it is the span ("wide" for "a wide")."""
    if tok.lower_ not in ("a", "an", "the") or tok.dep_ != "det" or tok.head.tag_ != "NN":
        return None
    if tok.i == tok.sent.start or tok.i + 1 >= len(tok.doc):
        return None
    after = tok.nbor(1)
    return tok.idx, after.idx + len(after.text), after.text


def confusable(tok: Any) -> Edit | None:
    if tok.lower_ in CONFUSABLE and tok.text.islower():
        return tok.idx, tok.idx + len(tok.text), CONFUSABLE[tok.lower_]
    return None


def doubled_word(tok: Any) -> Edit | None:
    if tok.is_alpha and tok.i > tok.sent.start and not tok.ent_type_:
        return tok.idx, tok.idx + len(tok.text), f"{tok.text} {tok.text}"
    return None


def _slip(word: str) -> str:
    """One keystroke's slip inside a word, chosen by the word itself (so a seed's set is stable):
    a letter dropped, doubled, swapped with the next or struck on the key beside it. The first
    letter stays, as in most typing slips."""
    code = zlib.crc32(word.encode())
    at = 1 + code % (len(word) - 2)
    operation = (code // 7) % 4
    if operation == 0:
        return word[:at] + word[at + 1 :]
    if operation == 1:
        return word[:at] + word[at] + word[at:]
    if operation == 2:
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    neighbours = NEIGHBOURS.get(word[at].lower(), "")
    return word[:at] + neighbours[code % len(neighbours)] + word[at + 1 :] if neighbours else word


def _whole_words(text: str, word: str) -> int:
    """How often `word` stands alone in `text` (not inside a longer word, nor "US" inside "U.S.")."""
    return len(re.findall(rf"(?<![\w.]){re.escape(word)}(?![\w]|\.\w)", text))


def typo(tok: Any, article: str) -> Edit | None:
    """A common lower-case word of five letters or more, one keystroke off, when that makes no word."""
    if not (tok.is_alpha and tok.text.islower() and len(tok.text) >= 5 and zipf(tok.text) >= 3.5):
        return None
    wrong = _slip(tok.text)
    if wrong == tok.text or zipf(wrong) > 0:
        return None
    return tok.idx, tok.idx + len(tok.text), wrong


def name_variant(tok: Any, article: str) -> Edit | None:
    """A name the article writes at least twice, one occurrence a keystroke off (no word, and no
    other name of the article)."""
    if tok.pos_ != "PROPN" or not tok.is_alpha or not tok.text.istitle() or len(tok.text) < 4:
        return None
    if _whole_words(article, tok.text) < 2:
        return None
    wrong = _slip(tok.text)
    if wrong == tok.text or zipf(wrong) > 0 or _whole_words(article, wrong) > 0:
        return None
    return tok.idx, tok.idx + len(tok.text), wrong


def hyphenation(tok: Any, article: str) -> Edit | None:
    """The hyphen of a compound that modifies a noun after it ("long-term rehabilitation" ->
    "long term rehabilitation"): the span is the two words either side of the hyphen."""
    if tok.text != "-" or tok.i == 0 or tok.i + 1 >= len(tok.doc):
        return None
    left, right = tok.nbor(-1), tok.nbor(1)
    if left.whitespace_ or tok.whitespace_ or not (left.is_alpha and right.is_alpha):
        return None
    if right.dep_ not in ("amod", "compound", "nmod") or right.head.i <= right.i or right.head.pos_ != "NOUN":
        return None  # not a modifier before its noun
    return left.idx, right.idx + len(right.text), f"{left.text} {right.text}"


def abbreviation(tok: Any, article: str) -> Edit | None:
    """A two-letter initialism the article writes at least twice ("UN", "EU"), once with points."""
    text = tok.text
    if len(text) != 2 or not text.isalpha() or not text.isupper() or _whole_words(article, text) < 2:
        return None
    return tok.idx, tok.idx + 2, f"{text[0]}.{text[1]}."


def quote_style(tok: Any, article: str) -> Edit | None:
    """A curly double quotation mark made straight, in an article that writes them curly."""
    return (tok.idx, tok.idx + 1, '"') if tok.text in ("“", "”") else None


def _british_only(word: str) -> str | None:
    """The American spelling of a British one; not -ise/-ize, which British writes both ways."""
    american = BRITISH_ENGLISH_SPELLINGS.get(word.lower())
    return None if american is None or ("iz" in american and "is" in word.lower()) else american


def spelling_dialect(tok: Any, article: str) -> Edit | None:
    """A British spelling made American ("colour" -> "color") in an article with another British
    spelling to be mixed with ("favor" beside "offence")."""
    american = _british_only(tok.text) if tok.is_alpha else None
    if american is None:
        return None
    others = {w.lower() for w in re.findall(r"[A-Za-z]+", article)} - {tok.lower_}
    if not any(_british_only(w) for w in others):
        return None
    return tok.idx, tok.idx + len(tok.text), match_case(tok.text, american)


Injector = Callable[[Any, str], Edit | None]


def _grammar(inject: Callable[[Any], Edit | None]) -> Injector:
    return lambda tok, article: inject(tok)


INJECTORS: dict[str, Callable[[Any], Edit | None]] = {
    "determiner_number": determiner_number,
    "subject_verb": subject_verb,
    "verb_form": verb_form,
    "noun_number": noun_number,
    "missing_of": missing_of,
    "missing_to": missing_to,
    "missing_be": missing_be,
    "missing_article": missing_article,
    "confusable": confusable,
    "doubled_word": doubled_word,
}
SURFACE_INJECTORS: dict[str, Injector] = {
    "typo": typo,
    "name_variant": name_variant,
    "hyphenation": hyphenation,
    "abbreviation": abbreviation,
    "quote_style": quote_style,
    "spelling_dialect": spelling_dialect,
}
# Kinds judged against the rest of the article: two slips of one kind in an article could outvote
# the writer's own form, so each comes once an article.
ONCE_AN_ARTICLE = frozenset({"name_variant", "abbreviation", "spelling_dialect"})
FAMILIES: dict[str, dict[str, Injector]] = {
    "grammar": {kind: _grammar(inject) for kind, inject in INJECTORS.items()},
    "surface": SURFACE_INJECTORS,
}


def candidates(nlp: Any, text: str, injectors: dict[str, Injector]) -> Iterator[tuple[str, int, Edit]]:
    """Every (kind, sentence start, edit in the text's offsets) an injector offers in `text`."""
    for paragraph_start, paragraph in _lines(text):
        doc = nlp(paragraph)
        for sent in doc.sents:
            for tok in sent:
                for kind, inject in injectors.items():
                    edit = inject(tok, text)
                    if edit is not None:
                        start, end, new = edit
                        moved = (paragraph_start + start, paragraph_start + end, new)
                        yield kind, paragraph_start + sent.start_char, moved


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Each non-blank line and where it starts: the injector parses line by line (copydesk's
    split_paragraphs would join the lines of an article with blank lines, another seeded set)."""
    at = 0
    for line in text.split("\n"):
        if line.strip():
            yield at, line
        at += len(line) + 1


def build(folder: Path, seed: int, per_kind: int, injectors: dict[str, Injector]) -> dict[str, int]:
    nlp = pipeline()
    rng = random.Random(seed)
    articles = sorted(p for source in SOURCES for p in source.glob("*.txt"))
    offered: list[tuple[str, Path, int, Edit]] = []
    for path in articles:
        text = path.read_text(encoding="utf-8")
        offered.extend((kind, path, sentence, edit) for kind, sentence, edit in candidates(nlp, text, injectors))
    rng.shuffle(offered)
    chosen: dict[Path, list[tuple[str, Edit]]] = {}
    used_sentences: set[tuple[Path, int]] = set()
    used_once: set[tuple[Path, str]] = set()
    counts: dict[str, int] = dict.fromkeys(injectors, 0)
    for kind, path, sentence, edit in offered:
        if counts[kind] >= per_kind or (path, sentence) in used_sentences or (path, kind) in used_once:
            continue
        used_sentences.add((path, sentence))
        if kind in ONCE_AN_ARTICLE:
            used_once.add((path, kind))
        counts[kind] += 1
        chosen.setdefault(path, []).append((kind, edit))
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    with (folder / "gold.jsonl").open("w", encoding="utf-8") as gold:
        for path, edits in sorted(chosen.items()):
            text = path.read_text(encoding="utf-8")
            out, at, shift = [], 0, 0
            for kind, (start, end, new) in sorted(edits, key=lambda e: e[1][0]):
                out.append(text[at:start] + new)
                record = {"doc": path.name, "kind": kind, "start": start + shift, "end": start + shift + len(new),
                          "wrong": new, "correct": text[start:end]}  # fmt: skip
                gold.write(json.dumps(record) + "\n")
                shift += len(new) - (end - start)
                at = end
            out.append(text[at:])
            (folder / "docs" / path.name).write_text("".join(out), encoding="utf-8")
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kinds", choices=FAMILIES, default="grammar", help="which family of errors to inject")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-kind", type=int, default=60)
    parser.add_argument("--keep", type=Path, help="build the set in this folder and keep it")
    parser.add_argument("check_options", nargs="*", help="options passed to copydesk check (after --)")
    args = parser.parse_args()
    if not all(source.is_dir() for source in SOURCES):
        print(f"the clean articles are not in {SHARED / 'corpus'}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        counts = build(folder, args.seed, args.per_kind, FAMILIES[args.kinds])
        print(f"injected (seed {args.seed}): " + ", ".join(f"{k} {n}" for k, n in counts.items()))
        exe = Path(sys.executable).parent / "copydesk"
        report = folder / "report.json"
        with report.open("w", encoding="utf-8") as out:
            subprocess.run([str(exe), "check", "--format", "json", "--fail-on", "never", str(folder / "docs"),
                            *args.check_options], stdout=out, check=True)  # fmt: skip
        scorer = SHARED / "eval" / "score.py"
        return subprocess.run([sys.executable, str(scorer), "--set", str(folder), "--report", str(report)]).returncode


if __name__ == "__main__":
    sys.exit(main())
