"""Quotation marks and apostrophes: one style per article, and quotes that open and close.

Straight (" ') and curly (“ ” ‘ ’) marks are counted separately for double quotes, single
quotes and apostrophes; the article's majority style wins (a house style may fix it), and each
minority mark is replaced by the right-facing mark of the winning style.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from copydesk.checks.base import Check, doc, parse_settings
from copydesk.findings import Finding
from copydesk.rules import Rule
from copydesk.text import Analysis

_OPENERS = " \t\n\r([{—–-/«"


@dataclass(frozen=True)
class Mark:
    offset: int
    char: str
    family: str  # "double", "single", "apostrophe"
    curly: bool
    opening: bool


def classify(text: str) -> Iterator[Mark]:
    """Every quotation mark and apostrophe, with what it is for, from its neighbours."""
    for i, c in enumerate(text):
        if c not in "\"'“”‘’":
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        opening = before in _OPENERS or before in "\"“‘'"
        if c in '"“”':
            yield Mark(i, c, "double", c != '"', c == "“" if c != '"' else opening)
        elif before.isalnum() and after.isalpha():
            yield Mark(i, c, "apostrophe", c != "'", False)  # it's, don’t
        elif c in "'’" and before in "sS" and not after.isalnum() and not _open_single_before(text, i):
            yield Mark(i, c, "apostrophe", c != "'", False)  # the prisoners’ persistence
        else:
            yield Mark(i, c, "single", c != "'", c == "‘" if c != "'" else opening)


def quotations(analysis: Analysis, unclosed: bool = True) -> tuple[tuple[int, int], ...]:
    """The spans inside direct quotations (double marks), per paragraph. With `unclosed`, a quotation
    still open at a paragraph's end runs to it, as news copy continues a quote into the next one."""
    spans: list[tuple[int, int]] = []
    text = analysis.text
    for para in analysis.paragraphs:
        open_at: int | None = None
        for mark in classify(text[para.start : para.end]):
            if mark.family != "double":
                continue
            if mark.opening and open_at is None:
                open_at = para.start + mark.offset
            elif not mark.opening and open_at is not None:
                spans.append((open_at, para.start + mark.offset))
                open_at = None
        if open_at is not None and unclosed:
            spans.append((open_at, para.end))
    return tuple(spans)


def _open_single_before(text: str, i: int) -> bool:
    """Whether a single quotation mark was opened earlier in the same paragraph."""
    start = max(text.rfind("\n", 0, i), 0)
    segment = text[start:i]
    return segment.count("‘") > segment.count("’") or (
        "'" in segment and segment.rfind("'") > 0 and segment[segment.rfind("'") - 1] in _OPENERS
    )


def curly_form(mark: Mark) -> str:
    if mark.family == "double":
        return "“" if mark.opening else "”"
    if mark.family == "single":
        return "‘" if mark.opening else "’"
    return "’"


def straight_form(mark: Mark) -> str:
    return '"' if mark.family == "double" else "'"


@dataclass(frozen=True)
class Settings:
    style: Literal["majority", "curly", "straight"] = field(
        default="majority", metadata=doc("the article's own majority, or a house style's marks")
    )


def build(rule: Rule) -> Check:
    style = parse_settings(rule, Settings).style

    def check(analysis: Analysis) -> Iterator[Finding]:
        marks = list(classify(analysis.text))
        for family in ("double", "single", "apostrophe"):
            group = [m for m in marks if m.family == family]
            curly = sum(m.curly for m in group)
            straight = len(group) - curly
            if (not curly or not straight) and (style == "majority" or not group):
                continue
            want_curly = curly >= straight if style == "majority" else style == "curly"
            tie = style == "majority" and curly == straight  # decided by the rule's preference: a question
            for m in group:
                if m.curly == want_curly:
                    continue
                wanted = curly_form(m) if want_curly else straight_form(m)
                kind = {"double": "quotation mark", "single": "single quotation mark", "apostrophe": "apostrophe"}
                yield rule.finding(
                    m.offset,
                    m.offset + 1,
                    m.char,
                    [wanted],
                    message=f"{'Straight' if want_curly else 'Curly'} {kind[family]} in an article that uses "
                    f"{'curly' if want_curly else 'straight'} ones ({curly} curly, {straight} straight)",
                    safe=not tie,
                )

    return check


def build_balance(rule: Rule) -> Check:
    """Quotation marks that do not pair up within a paragraph. No fix: where it belongs is a judgement.

    A quotation may run on into the next paragraph without closing, as news style does, when
    that paragraph opens with a quotation mark again.
    """

    def check(analysis: Analysis) -> Iterator[Finding]:
        text = analysis.text
        paragraphs = analysis.paragraphs
        carried = False  # a quotation left open at the end of the previous paragraph
        for index, para in enumerate(paragraphs):
            open_mark: Mark | None = None
            for m in classify(text[para.start : para.end]):
                offset = para.start + m.offset
                if m.family != "double" or (text[offset - 1 : offset].isdigit() and not m.opening):
                    continue  # an inch mark ("a 40” TV") is not a quotation mark
                if m.opening:
                    if open_mark is not None:
                        yield rule.finding(
                            open_mark.offset,
                            open_mark.offset + 1,
                            open_mark.char,
                            message="Quotation opened again before it was closed",
                        )
                    open_mark = Mark(offset, m.char, m.family, m.curly, True)
                elif open_mark is None and not carried:
                    yield rule.finding(offset, offset + 1, m.char, message="Closing quotation mark with no opening one")
                else:
                    open_mark = None
                carried = False
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            runs_on = following is not None and text[following.start : following.start + 1] in '"“'
            carried = open_mark is not None
            if open_mark is not None and following is not None and not runs_on:
                # News style leaves a quotation open when the next paragraph goes on quoting;
                # a closing mark in the next paragraph may also end it there.
                rest = text[following.start : following.end]
                if "”" not in rest and '"' not in rest:
                    yield rule.finding(
                        open_mark.offset,
                        open_mark.offset + 1,
                        open_mark.char,
                        message="Quotation opened and never closed",
                    )

    return check
