"""Capitalisation of the same phrase: "Security Council" beside "security council".

A name of two or three capitalised words used at least twice (and not as part of a longer name)
is compared with the same words in lower case after "the": one such use is a slip. Generic
uses ("a security council", "national parks") and headlines are left alone, since a lower-case
phrase is often a different, generic thing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from copydesk.checks.base import Check
from copydesk.checks.consistency import describe_variants
from copydesk.findings import Finding
from copydesk.rules import Rule
from copydesk.text import Analysis, Kind, Token


def _in_heading(text: str, offset: int) -> bool:
    """A short line without a full stop is a headline, where Title Case is style, not a name."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    line = text[start : end if end >= 0 else len(text)].strip()
    return len(line.split()) <= 12 and not line.endswith((".", "!", "?", ".”", '."', ":"))


def _capitalised_runs(analysis: Analysis) -> Iterator[list[Token]]:
    """Maximal runs of capitalised words inside sentences (names), outside headlines."""
    run: list[Token] = []
    for tok in analysis.tokens:
        if tok.kind is Kind.SPACE and tok.text == " ":
            continue
        if tok.is_word and tok.text[:1].isupper() and not tok.text.isupper() and len(tok.text) > 1:
            run.append(tok)
            continue
        if run:
            yield from _usable(analysis, run)
        run = []
    if run:
        yield from _usable(analysis, run)


def _usable(analysis: Analysis, run: list[Token]) -> Iterator[list[Token]]:
    if analysis.starts_sentence(run[0].start):
        run = run[1:]  # the first word is capitalised anyway
    if run and not _in_heading(analysis.text, run[0].start):
        yield run


def build(rule: Rule) -> Check:
    def check(analysis: Analysis) -> Iterator[Finding]:
        text = analysis.text
        capitalised: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for run in _capitalised_runs(analysis):
            phrase = text[run[0].start : run[-1].end]
            if 2 <= len(run) <= 3 and " ".join(phrase.split()) == phrase:
                capitalised[phrase.lower()].append((run[0].start, run[-1].end))
        for key, caps in sorted(capitalised.items()):
            if len(caps) < 2:
                continue  # one capitalised use is too little evidence that the phrase is a name
            pattern = re.compile(r"(?<=\bthe )" + re.escape(key) + r"(?![\w-])")
            lower = [(m.start(), m.end()) for m in pattern.finditer(text)]
            if len(lower) != 1:
                continue
            preferred = text[caps[0][0] : caps[0][1]]
            summary = describe_variants(
                {preferred: [analysis.line_of(s) for s, _ in caps], key: [analysis.line_of(s) for s, _ in lower]}
            )
            for start, end in lower:
                yield rule.finding(start, end, text[start:end], [preferred], variants=summary, preferred=preferred)

    return check
