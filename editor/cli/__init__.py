"""The command line: `copydesk check`, `fix`, `review`, `bulk`, `rules`, `style`, `config`, `lsp`,
`server`.

This is the imperative shell: it reads files, prints, writes atomically and sets exit codes.
Everything it knows about prose comes from the functional core (checker, checks, findings).
Importing it is cheap: `check` or `fix` of a few files first goes to a running `copydesk server`
if there is one (copydesk.cli.client); else `main` starts Harper's half-second set-up in a thread,
when the command will need Harper, and only then imports the rest beside it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

__all__ = ["build_parser", "main"]

# Commands that check in this process. Not review or bulk: they fork checker processes, and a
# process must not fork while a thread of it is inside Harper (the child would inherit its locks).
_HARPER_COMMANDS = frozenset({"check", "fix"})


def main(argv: Sequence[str] | None = None) -> int:
    _native_output_to_stderr()
    args = list(sys.argv[1:] if argv is None else argv)
    if _checks_a_few_files_here(args):
        from copydesk.cli.client import forward

        answered = forward(args)
        if answered is not None:
            return answered
        if "--no-harper" not in args:
            from copydesk.engines.warmup import prewarm

            prewarm()
    from copydesk.cli.dispatch import run

    return run(args)


def _checks_a_few_files_here(args: Sequence[str]) -> bool:
    """Whether this is `check` or `fix` of a few named files, not stdin: checked in one process (a
    server's, or this one, where Harper may set itself up beside the imports). A folder or many
    files may go to forked workers, which must not inherit a thread inside Harper; they are warmed
    up later, or there."""
    words = [a for a in args if not a.startswith("-")]
    if not words or words[0] not in _HARPER_COMMANDS or {"-h", "--help", "-"} & set(args):
        return False
    paths = words[1:]
    return len(paths) < 8 and not any(os.path.isdir(p) for p in paths)


def build_parser() -> argparse.ArgumentParser:
    from copydesk.cli.parser import build_parser as build

    return build()


def _native_output_to_stderr() -> None:
    """Point file descriptor 1 at stderr and give `sys.stdout` a descriptor of its own on the real
    stdout: native code that prints there lands on stderr, not inside the JSON, SARIF, diff or LSP
    stream copydesk writes (harper-py 0.2.0's Rust prints "gerund_form: -seeing- -- verb: -see-"
    on "looking forward to see you"). Forked checkers inherit the arrangement. Only where stdout
    and stderr are the process's own descriptors: a test's buffer or the server's capture is left."""
    try:
        if sys.stdout.fileno() != 1 or sys.stderr.fileno() != 2:
            return
    except (AttributeError, OSError, ValueError):
        return
    sys.stdout.flush()
    own = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = os.fdopen(
        own, "w", encoding=sys.stdout.encoding, errors=sys.stdout.errors,
        buffering=1 if sys.stdout.line_buffering else -1,
    )  # fmt: skip
