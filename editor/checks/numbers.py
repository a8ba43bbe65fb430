"""Numbers and dates written two ways in one article: "10 percent" / "10%", "20 Dec" / "December 19".

Percentages: "%", "percent" and "per cent". Dates: day-month ("20 December") or month-day
("December 20"), and full or abbreviated month names. The article's majority wins each
question; a tie is left alone, since either style is a house's choice.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import TypeVar

from copydesk.checks.base import Check
from copydesk.findings import Finding
from copydesk.rules import Rule
from copydesk.text import Analysis

T = TypeVar("T")

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_ABBREVIATED = {m[:3]: m for m in MONTHS} | {"Sept": "September"}
_MONTH = r"(?P<month>" + "|".join(MONTHS) + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_DAY_MONTH = re.compile(r"(?<![\w.])(?P<day>[12]?\d|3[01])(?:st|nd|rd|th)?\s" + _MONTH + r"(?![\w])")
_MONTH_DAY = re.compile(r"(?<![\w])" + _MONTH + r"\s(?P<day>[12]?\d|3[01])(?:st|nd|rd|th)?(?![\w])")
_PERCENT = re.compile(r"(?<![\w.])(?P<number>\d+(?:[.,]\d+)?)(?P<sign>\s?%|\s(?:percent|per\scent))(?![\w])")


def _percent_style(sign: str) -> str:
    return "%" if "%" in sign else "per cent" if "per" in sign else "percent"


def build(rule: Rule) -> Check:
    def check(analysis: Analysis) -> Iterator[Finding]:
        yield from _percentages(rule, analysis)
        yield from _dates(rule, analysis)

    return check


def _percentages(rule: Rule, analysis: Analysis) -> Iterator[Finding]:
    matches = list(_PERCENT.finditer(analysis.text))
    styles = Counter(_percent_style(m.group("sign")) for m in matches)
    if len(styles) < 2:
        return
    (best, n), (_, second) = styles.most_common(2)
    if n == second:
        return
    written = "%" if best == "%" else f" {best}"
    summary = ", ".join(f"'{s}' {c}×" for s, c in styles.most_common())
    for m in matches:
        if _percent_style(m.group("sign")) != best:
            yield rule.finding(
                m.start(),
                m.end(),
                m.group(),
                [m.group("number") + written],
                message=f"Percentages written two ways ({summary}); use '{best}'",
            )


def _dates(rule: Rule, analysis: Analysis) -> Iterator[Finding]:
    text = analysis.text
    found = [(m, "day-month") for m in _DAY_MONTH.finditer(text)] + [
        (m, "month-day") for m in _MONTH_DAY.finditer(text)
    ]
    if len(found) < 2:
        return
    orders = Counter(order for _, order in found)
    names = Counter(m.group("month").rstrip(".") in MONTHS for m, _ in found)
    order = _majority(orders)
    full = _majority(names)
    for m, this_order in found:
        month = m.group("month").rstrip(".")
        is_full = month in MONTHS
        wrong_order = order is not None and this_order != order
        wrong_name = full is not None and is_full != full
        if not (wrong_order or wrong_name):
            continue
        if month == "May" and not wrong_order:
            continue
        name = _ABBREVIATED.get(month, month) if (full if full is not None else is_full) else month[:3]
        day = m.group("day")
        wanted = f"{day} {name}" if (order or this_order) == "day-month" else f"{name} {day}"
        style = "; ".join(
            f"{k} {v}×" for k, v in [*orders.items(), ("full month", names[True]), ("short month", names[False])] if v
        )
        yield rule.finding(
            m.start(), m.end(), m.group(), [wanted], message=f"Dates written two ways ({style}); use '{wanted}'"
        )


def _majority(counts: Counter[T]) -> T | None:
    if len(counts) < 2:
        return next(iter(counts), None) if counts else None
    (best, n), (_, second) = counts.most_common(2)
    return None if n == second else best
