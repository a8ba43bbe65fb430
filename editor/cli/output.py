"""Where the command line's words go: colour only on a terminal, none at all with NO_COLOR."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def console(stderr: bool = False) -> Console:
    """Colour only on a terminal; with NO_COLOR set, no escape codes at all, bold and dim included
    (rich alone drops only the colours)."""
    plain = bool(os.environ.get("NO_COLOR"))
    return Console(stderr=stderr, soft_wrap=True, color_system=None if plain else "auto", no_color=plain)


def error(err: Console, message: str) -> None:
    err.print(f"[bold red]copydesk: error:[/] {message}", highlight=False, markup=True, soft_wrap=True)


def note(err: Console, message: str) -> None:
    err.print(f"copydesk: {message}", highlight=False, markup=False, soft_wrap=True)


@contextlib.contextmanager
def bulk_progress(err: Console) -> Iterator[Callable[[int, int, int], None]]:
    """A progress bar (files/s, words/s, ETA) on a terminal; a plain line every few seconds otherwise."""
    started = time.monotonic()
    if err.is_terminal:
        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
        )
        with Progress(*columns, console=err, transient=False) as bar:
            task = bar.add_task("copydesk bulk", total=None, rate="")

            def update(done: int, total: int, words: int) -> None:
                spent = max(time.monotonic() - started, 1e-6)
                bar.update(
                    task, completed=done, total=total, rate=f"{done / spent:.1f} files/s {words / spent:,.0f} words/s"
                )

            yield update
        return
    last = [0.0]

    def report(done: int, total: int, words: int) -> None:
        now = time.monotonic()
        if now - last[0] >= 5 or done == total:
            last[0] = now
            spent = max(now - started, 1e-6)
            err.print(f"copydesk bulk: {done}/{total} files, {done / spent:.1f} files/s, {words / spent:,.0f} words/s",
                      markup=False, highlight=False)  # fmt: skip

    yield report
