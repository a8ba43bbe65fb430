"""Dispatch: each command is one function; a new one goes in `parser.py` (its options) and in
CHECKING or COMMANDS here. Every error a user can act on is one line and exit 2."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from rich.console import Console

from copydesk.cli.check import Run, cmd_check, cmd_fix, cmd_review, open_session
from copydesk.cli.commands import cmd_bulk, cmd_config, cmd_lsp, cmd_rules, cmd_style
from copydesk.cli.output import EXIT_ERROR, EXIT_OK, console, error
from copydesk.cli.parser import build_parser
from copydesk.cli.server import cmd_server
from copydesk.errors import UserError

# Commands that check the files the command line names, in one Session.
CHECKING: dict[str, Callable[[argparse.Namespace, Run], int]] = {
    "check": cmd_check,
    "fix": cmd_fix,
    "review": cmd_review,
}
# The others, given the parsed options and the two consoles.
COMMANDS: dict[str, Callable[[argparse.Namespace, Console, Console], int]] = {
    "rules": cmd_rules,
    "config": cmd_config,
    "style": cmd_style,
    "bulk": cmd_bulk,
    "lsp": cmd_lsp,
    "server": cmd_server,
}


def run(argv: Sequence[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    out = console()
    err = console(stderr=True)
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    try:
        if args.command in COMMANDS:
            return COMMANDS[args.command](args, out, err)
        session = open_session(args, err)
        try:
            return CHECKING[args.command](args, Run(session, args.encoding, out, err))
        finally:
            session.close()
    except UserError as exc:
        error(err, str(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        error(err, "interrupted")
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:  # the environment: a read-only folder, a full disk, a missing path
        where = f"{exc.filename}: " if exc.filename else ""
        error(err, f"{where}{exc.strerror or exc}")
        return EXIT_ERROR
    except Exception as exc:  # a bug of ours: one line, never a traceback, never the findings code
        error(err, f"internal error: {type(exc).__name__}: {exc} (please report it, with the command you ran)")
        return EXIT_ERROR
