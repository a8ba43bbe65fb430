"""Precision and recall on real errors: CWEB's dev splits (web text, two annotators' corrections).

usage: python bench/cweb.py [--split CWEB-G.dev] [copydesk check options...]

CWEB has one sentence per line, most without an error. The sentences are checked in groups of
20 (one file each, one paragraph per sentence), with `--no-across`. Scored per sentence, as the
annotators disagree on spans: a flagged sentence is *right* when either annotator edited it.
  precision  = flagged sentences either annotator edited / flagged sentences
  recall     = flagged sentences either annotator edited / sentences either annotator edited
  false flags per 1,000 words = findings in sentences neither annotator touched, per 1,000 words
Per ERRANT type (SVA, NOUN:NUM, VERB:FORM, DET, missing determiners alone as M:DET, PREP...): an
annotated edit is *detected* when a finding overlaps its tokens (an insertion: the tokens either
side). Each annotator's edits count.
Per rule: how many of its flags fall in edited sentences. Each split is also scored on its own,
so a change tuned on CWEB-G can be judged on CWEB-S, untouched.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

CWEB = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "cweb"
SPLITS = ("CWEB-G.dev", "CWEB-S.dev")
GROUP = 20
TYPES = ("VERB:SVA", "NOUN:NUM", "VERB:FORM", "DET", "M:DET", "PREP", "VERB:TENSE", "SPELL", "ORTH", "PUNCT", "OTHER")


@dataclass(frozen=True)
class Edit:
    start: int  # character span in the raw sentence (an insertion: the tokens either side)
    end: int
    kind: str  # ERRANT type without its operation: "DET" for M:DET, R:DET and U:DET
    operation: str = ""  # M (missing), R (replaced), U (unnecessary): issue 14 sets a target for missing determiners


def _token_spans(sentence: str, tokens: list[str]) -> list[tuple[int, int]]:
    """Each M2 token's character span in the raw sentence (found in order; a token the raw text
    writes otherwise takes the position where the search stands)."""
    spans, at = [], 0
    for token in tokens:
        found = sentence.find(token, at)
        if found < 0 or found - at > 20:
            spans.append((at, at))
            continue
        spans.append((found, found + len(token)))
        at = found + len(token)
    return spans


def read_m2(m2: Path, sentences: list[str]) -> list[list[Edit]]:
    """For each sentence, every annotator's edits (no-ops left out)."""
    blocks = [b for b in m2.read_text(encoding="utf-8").split("\n\n") if b.startswith("S ")]
    if len(blocks) != len(sentences):
        sys.exit(f"{m2.name}: {len(blocks)} sentences but {len(sentences)} in the raw file")
    result = []
    for block, sentence in zip(blocks, sentences, strict=True):
        lines = block.splitlines()
        spans = _token_spans(sentence, lines[0][2:].split())
        edits = []
        for line in lines[1:]:
            if not line.startswith("A ") or "|||noop|||" in line:
                continue
            where, kind = line[2:].split("|||")[:2]
            a, b = (int(x) for x in where.split())
            if not spans:
                continue
            first = spans[max(a - 1, 0)] if a == b else spans[min(a, len(spans) - 1)]
            last = spans[min(b, len(spans) - 1)] if a == b else spans[min(b - 1, len(spans) - 1)]
            operation, _, bare = kind.partition(":") if ":" in kind else ("", "", kind)
            edits.append(Edit(first[0], max(last[1], first[0] + 1), bare, operation))
        result.append(edits)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=SPLITS, help="one split only (default: both)")
    known, args = parser.parse_known_args()
    splits = (known.split,) if known.split else SPLITS
    exe = Path(sys.executable).parent / "copydesk"
    with tempfile.TemporaryDirectory() as tmp:
        origin: dict[str, tuple[int, list[int]]] = {}  # file -> (first sentence, each sentence's offset)
        sentences: list[str] = []
        edits: list[list[Edit]] = []
        split_of: list[str] = []
        for split in splits:
            lines = (CWEB / "raw" / f"{split}.source").read_text(encoding="utf-8").splitlines()
            edits.extend(read_m2(CWEB / "m2" / f"{split}.m2", lines))
            for start in range(0, len(lines), GROUP):
                name = f"{split}-{start:05}.txt"
                group = lines[start : start + GROUP]
                (Path(tmp) / name).write_text("\n\n".join(group) + "\n", encoding="utf-8")
                offsets, at = [], 0
                for sentence in group:
                    offsets.append(at)
                    at += len(sentence) + 2
                origin[name] = (len(sentences), offsets)
                sentences.extend(group)
                split_of.extend([split] * len(group))
        proc = subprocess.run(
            [str(exe), "check", "--format", "json", "--fail-on", "never", "--no-across", tmp, *args],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
            return proc.returncode
    flags: Flags = [[] for _ in sentences]
    for file in json.loads(proc.stdout)["files"]:
        first, offsets = origin[Path(file["path"]).name]
        for finding in file["findings"]:
            index = (finding["line"] - 1) // 2  # one sentence per paragraph
            base = offsets[index]
            flags[first + index].append((finding["start"] - base, finding["end"] - base, finding["rule"]))
    for split in (*splits, "all") if len(splits) > 1 else splits:
        chosen = [i for i in range(len(sentences)) if split in ("all", split_of[i])]
        report(split, chosen, sentences, edits, flags)
    return 0


Flags = list[list[tuple[int, int, str]]]


def report(split: str, chosen: list[int], sentences: list[str], edits: list[list[Edit]], flags: Flags) -> None:
    edited = [i for i in chosen if edits[i]]
    flagged = [i for i in chosen if flags[i]]
    right = sum(1 for i in flagged if edits[i])
    clean_words = sum(len(sentences[i].split()) for i in chosen if not edits[i])
    false_flags = sum(len(flags[i]) for i in chosen if not edits[i])
    name = "CWEB dev (G+S)" if split == "all" else split
    print(f"\n{name}: {len(chosen)} sentences, {len(edited)} edited by an annotator, {len(flagged)} flagged")
    print(f"precision {right / max(len(flagged), 1):.3f}  recall {right / max(len(edited), 1):.3f}  "
          f"false flags {1000 * false_flags / max(clean_words, 1):.2f} per 1k unedited words")  # fmt: skip
    total: Counter[str] = Counter()
    detected: Counter[str] = Counter()
    for i in chosen:
        for edit in edits[i]:
            found = any(a < edit.end and edit.start < b for a, b, _ in flags[i])
            for kind in (edit.kind, f"{edit.operation}:{edit.kind}"):
                total[kind] += 1
                detected[kind] += found
    print("  " + "  ".join(f"{t} {detected[t]}/{total[t]} ({detected[t] / max(total[t], 1):.0%})" for t in TYPES))
    if split != "all":
        return
    by_rule: dict[str, Counter[str]] = {}
    for i in chosen:
        for _, _, rule in flags[i]:
            counts = by_rule.setdefault(rule, Counter())
            counts["flags"] += 1
            counts["in edited"] += bool(edits[i])
    print(f"{'rule':40} {'flags':>6} {'in edited sentences':>20}")
    for rule, counts in sorted(by_rule.items(), key=lambda rc: -rc[1]["flags"]):
        print(f"{rule:40} {counts['flags']:>6} {counts['in edited']:>20}")


if __name__ == "__main__":
    sys.exit(main())
