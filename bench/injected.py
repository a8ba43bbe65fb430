"""Generalisation, on errors nobody tuned for: errors injected by rule into clean, edited articles.

usage: python bench/injected.py [--seed N] [--per-kind N] [--keep DIR]

The dev set (../shared/eval/dev) was made from the OneStopEnglish Adv articles, with a few kinds of
error in a few shapes ("because" for "because of", "this" for "these"); the sets that decide are
other articles with other shapes. This builds such a set from the Int and Ele articles: each
injector is a general edit on spaCy's parse of the clean sentence (any "of" dropped, any present
verb's number flipped, any article dropped...), not a list of phrases, so what it measures is how
far each kind of check reaches beyond the sentences it was written from. At most one error per
sentence, per-kind counts capped (--per-kind), seeded (--seed). The set has the dev set's layout
(docs/, gold.jsonl: the wrong text's span and its correction), so ../shared/eval/score.py scores
`copydesk check --format json` on it exactly as it scores the dev set.

An injected error may leave a correct sentence ("some of the" -> "some the" is wrong; "both of
the" -> "both the" is not), so recall here is a floor, compared kind against kind and run against
run with the same seed, not a figure to quote as a rate of real errors.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from lemminflect import getInflection

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


def candidates(nlp: Any, text: str) -> Iterator[tuple[str, int, Edit]]:
    """Every (kind, sentence start, edit in the text's offsets) an injector offers in `text`."""
    for paragraph_start, paragraph in _lines(text):
        doc = nlp(paragraph)
        for sent in doc.sents:
            for tok in sent:
                for kind, inject in INJECTORS.items():
                    edit = inject(tok)
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


def build(folder: Path, seed: int, per_kind: int) -> dict[str, int]:
    nlp = pipeline()
    rng = random.Random(seed)
    articles = sorted(p for source in SOURCES for p in source.glob("*.txt"))
    offered: list[tuple[str, Path, int, Edit]] = []
    for path in articles:
        text = path.read_text(encoding="utf-8")
        offered.extend((kind, path, sentence, edit) for kind, sentence, edit in candidates(nlp, text))
    rng.shuffle(offered)
    chosen: dict[Path, list[tuple[str, Edit]]] = {}
    used_sentences: set[tuple[Path, int]] = set()
    counts: dict[str, int] = dict.fromkeys(INJECTORS, 0)
    for kind, path, sentence, edit in offered:
        if counts[kind] >= per_kind or (path, sentence) in used_sentences:
            continue
        used_sentences.add((path, sentence))
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
        counts = build(folder, args.seed, args.per_kind)
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
