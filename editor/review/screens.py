"""The review app's parts that are not the app: its modal screens and the word diff."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from functools import lru_cache
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from copydesk.findings import Finding
from copydesk.text import line_col, line_starts


def word_diff(old: str, new: str) -> Text:
    """Removed words red and struck through, added words green."""
    text = Text()
    a, b = old.split(" "), new.split(" ")
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b).get_opcodes():
        if op == "equal":
            text.append(" ".join(a[i1:i2]) + " ")
            continue
        if i2 > i1:
            text.append(" ".join(a[i1:i2]), style="bold red strike")
            text.append(" ")
        if j2 > j1:
            text.append(" ".join(b[j1:j2]), style="bold green")
            text.append(" ")
    return text


class LineStarts:
    """Where each line of a text starts (copydesk.text.line_starts), for the rows and columns the
    TextArea counts: a megabyte's lines found once per text, not once per key."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = line_starts(text)

    @staticmethod
    @lru_cache(maxsize=4)
    def of(text: str) -> LineStarts:
        return LineStarts(text)

    def __len__(self) -> int:
        return len(self.starts)

    def row(self, offset: int) -> int:
        return self.row_col(offset)[0]

    def row_col(self, offset: int) -> tuple[int, int]:
        """The 0-based row and column of an offset."""
        line, column = line_col(self.starts, offset)
        return line - 1, column - 1

    def text_of(self, first: int, last: int) -> str:
        """Lines first to last (exclusive), without the line break after the last."""
        if last >= len(self.starts):
            return self.text[self.starts[first] :]
        lines = self.text[self.starts[first] : self.starts[last]]
        return lines[:-2] if lines.endswith("\r\n") else lines[:-1]


def group_findings(pending: Sequence[Finding]) -> dict[str, dict[str, list[tuple[int, Finding]]]]:
    """The findings tree: category, then rule, then each finding with its index in `pending`."""
    by_category: dict[str, dict[str, list[tuple[int, Finding]]]] = {}
    for index, f in enumerate(pending):
        by_category.setdefault(f.category, {}).setdefault(f.rule, []).append((index, f))
    return by_category


def finding_panel(article: str, f: Finding, position: int, total: int, about: str) -> Text:
    """The panel under the article: where the finding is, what it says, and its edit as a word diff."""
    line = article.count("\n", 0, f.start) + 1
    text = Text()
    text.append(f"{position + 1}/{total}  ", style="bold")
    text.append(f"{f.severity.label} ", style={"error": "bold red", "warning": "yellow"}.get(f.severity.label, "cyan"))
    text.append(f"{f.rule}", style="bold")
    text.append(f"  line {line}\n")
    text.append(f.message + "\n")
    before = article[max(0, f.start - 40) : f.start].split("\n")[-1]
    after = article[f.end : f.end + 40].split("\n")[0]
    if f.replacements:
        text.append("…" + before)
        diff = word_diff(f.text, f.replacements[0])
        diff.rstrip()
        text.append_text(diff)
        text.append(after + "…\n")
    else:
        text.append(f"…{before}[{f.text}]{after}…  (no fix proposed: r to dismiss)\n", style="")
    if about:
        text.append(about, style="dim")
    return text


# How a key is written in the help screen.
_KEY_NAMES = {"question_mark": "?", "down": "↓", "up": "↑", "escape": "Esc", "enter": "Enter"}


def _key_name(key: str) -> str:
    return _KEY_NAMES.get(key.strip(), key.strip())


def help_text(bindings: Sequence[BindingType]) -> str:
    """The help screen, made from the app's own bindings (each one's tooltip says what it does)."""
    lines = ["[b]copydesk review[/b]: every proposed edit, one at a time", ""]
    for binding in bindings:
        if isinstance(binding, Binding) and binding.tooltip:
            keys = " ".join(_key_name(k) for k in binding.key.split(","))
            lines.append(f"  [b]{keys:<10}[/b] {binding.tooltip}")
    lines += ["", "Decisions are kept in .copydesk/review/, so reopening resumes where you stopped.",
              "Press Esc or ? to close."]  # fmt: skip
    return "\n".join(lines) + "\n"


def key_bar(bindings: Sequence[BindingType]) -> str:
    """The keys the footer shows, as one line of markup, help first (a narrow terminal cuts the
    end off): each key runs its action when clicked.
    Textual's Footer rebuilds a widget per key whenever a screen comes or goes (a fifth of the
    time of opening or closing the help); the app's keys never change, so a line drawn once does."""
    shown = sorted((b for b in bindings if isinstance(b, Binding) and b.show), key=lambda b: b.action != "help")
    return "  ".join(
        f"[@click=app.{b.action}][b]{_key_name(b.key.split(',')[0])}[/b] {b.description}[/]"
        for b in shown
    )


# The help and the diff cover the article rather than dim it: Textual blends a see-through
# screen with every cell of the one below, which cost a key a tenth of a second.
_OPAQUE = "{ background: $background; }"


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = "HelpScreen " + _OPAQUE
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark,q", "dismiss", "Close")]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(self.text, markup=True)


class DiffScreen(ModalScreen[None]):
    """All accepted edits, as `git diff --staged` shows them."""

    DEFAULT_CSS = "DiffScreen " + _OPAQUE
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,D", "dismiss", "Close")]

    def __init__(self, diff: str) -> None:
        super().__init__()
        self.diff = diff

    def compose(self) -> ComposeResult:
        text = Text()
        for line in (self.diff or "No accepted edits yet.\n").splitlines():
            style = "green" if line.startswith("+") else "red" if line.startswith("-") else "cyan" if line.startswith(
                "@@") else ""  # fmt: skip
            text.append(line + "\n", style=style)
        with VerticalScroll(id="diff"):
            yield Static(text)


class QuitScreen(ModalScreen[str]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w", "choose('write')", "Write and quit"),
        Binding("q", "choose('quit')", "Quit without writing"),
        Binding("escape,c", "choose('cancel')", "Cancel"),
    ]

    def compose(self) -> ComposeResult:
        yield Label("Accepted edits are not written.\n\n[b]w[/b] write and quit   [b]q[/b] quit without "
                    "writing   [b]c[/b] cancel", id="quit")  # fmt: skip

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
