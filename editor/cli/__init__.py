"""The command line: `copydesk check`, `fix`, `review`, `bulk`, `rules`, `style`, `config`, `lsp`.

This is the imperative shell: it reads files, prints, writes atomically and sets exit codes.
Everything it knows about prose comes from the functional core (checker, checks, findings).
Importing it is cheap: `main` first starts Harper's half-second set-up in a thread, when the
command will need Harper, and only then imports the rest (a third of a second) beside it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

__all__ = ["build_parser", "main"]

# Commands that check in this process. Not review or bulk: they fork checker processes, and a
# process must not fork while a thread of it is inside Harper (the child would inherit its locks).
_HARPER_COMMANDS = frozenset({"check", "fix"})


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    command = next((a for a in args if not a.startswith("-")), None)
    if command in _HARPER_COMMANDS and "--no-harper" not in args and not {"-h", "--help"} & set(args):
        from copydesk.engines.warmup import prewarm

        prewarm()
    from copydesk.cli.dispatch import run

    return run(args)


def build_parser() -> argparse.ArgumentParser:
    from copydesk.cli.parser import build_parser as build

    return build()
