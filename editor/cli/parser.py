"""The command line's grammar: every command, option, default and example `--help` shows."""

from __future__ import annotations

import argparse
import os

from copydesk.archive import MIN_ARTICLES
from copydesk.config import DEFAULT_FILE_TIMEOUT, DEFAULT_MIN_CONFIDENCE
from copydesk.dialect import DIALECTS
from copydesk.settings import CommandLine
from copydesk.version import installed_version

FORMATS = ("text", "json", "sarif", "github", "junit")

EPILOG_CHECK = """\
exit codes:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  usage or input error (missing path, unreadable or undecodable file, bad rule pack)

examples:
  copydesk check samples/                      every .txt/.md/.html file below samples/
  copydesk check --format json article.txt > report.json
  copydesk check --select repetition,consistency --fail-on error drafts/
  cat article.txt | copydesk check -
"""

EPILOG_BULK = """\
exit codes: 0 done; 1 done, but some files were skipped (listed); 2 usage error.

examples:
  copydesk bulk archive/ --out patches/            dry run: read patches/summary.txt, then
  copydesk bulk archive/ --apply --backup          write the fixes in place, keeping FILE.orig,
  find patches -name '*.diff' -exec cat {} + | patch -p1 -d archive    or apply the patches yourself
  copydesk bulk archive/ --dask local --jobs 4     the same on a local Dask cluster
Interrupted? Run the same command again: finished files are skipped. One journal holds
many runs: each is known by its archive, mode and settings.
"""

EPILOG_FIX = """\
Only confident fixes are applied (see --min-confidence); overlapping fixes are resolved
deterministically and the rest are left for `copydesk check` or `copydesk review`.

exit codes:
  0  nothing to fix (or, with --write, every fix written)
  1  --diff printed fixes: the files are not clean yet (as ruff's --diff)
  2  usage or input error

examples:
  copydesk fix samples/ > fixes.diff && patch -p1 < fixes.diff
  copydesk fix --diff article.txt | git apply
  copydesk fix --write --backup article.txt    keeps article.txt.orig
"""


def _csv(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())


def _confidence(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not 0 <= number <= 1:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return number


def _add_rule_filters(p: argparse.ArgumentParser) -> None:
    """--select, --ignore and --no-harper: which rules run, for every command that checks."""
    p.add_argument(
        "--select",
        type=_csv,
        action="extend",
        default=[],
        metavar="IDS",
        help="only these rules: ids or dotted prefixes, comma-separated (e.g. repetition,consistency)",
    )
    p.add_argument(
        "--ignore",
        type=_csv,
        action="extend",
        default=[],
        metavar="IDS",
        help="skip these rules: ids or dotted prefixes, comma-separated",
    )
    p.add_argument(
        "--no-harper", action="store_true", help="do not run the Harper grammar and spelling engine (faster)"
    )
    p.add_argument(
        "--no-syntax",
        action="store_true",
        help="do not parse sentences (faster; skips the checks on the parse: agreement, verb forms, missing words)",
    )


def _add_selection(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        default=[],
        help="files or folders to read (folders: .txt .md .markdown .html .htm, recursively); - for stdin",
    )
    _add_rule_filters(p)
    p.add_argument(
        "--dialect",
        choices=DIALECTS,
        help="spelling dialect for every file (default: inferred from each article's own spellings)",
    )
    p.add_argument(
        "--profile",
        action="append",
        default=[],
        metavar="NAME",
        help="turn on an optional group of checks: 'readability' (long sentences), 'thorough' (Harper's "
        "rules that are off for speed)",
    )
    p.add_argument(
        "--languagetool",
        metavar="MODE",
        help="LanguageTool: off, auto (default: use a local install if there is one), local (require it), "
        "or the URL of a server you run, e.g. http://localhost:8081",
    )
    p.add_argument(
        "--languagetool-timeout", type=float, metavar="SECONDS", help="give up on a LanguageTool request after this"
    )
    p.add_argument(
        "--encoding", metavar="NAME", help="decode every file with this encoding instead of detecting it (e.g. cp1252)"
    )
    p.add_argument(
        "--force-exclude",
        action="store_true",
        help="leave out files that copydesk.toml excludes even when named on the command line "
        "(for pre-commit and editors, which name every file)",
    )
    across = p.add_mutually_exclusive_group()
    across.add_argument(
        "--across",
        metavar="DIR",
        help="weigh each article against an archive: a name form rare in DIR beside a common near-identical one "
        f"is flagged, and a tie between American and British spellings takes DIR's dialect (default: the "
        f"articles checked together, when there are {MIN_ARTICLES} or more; or `across` in copydesk.toml)",
    )
    across.add_argument(
        "--no-across", action="store_true", help="weigh each article on its own, whatever the configuration says"
    )


def _add_jobs(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="worker processes for many files (default: all cores); the output is the same whatever N is",
    )


def build_parser() -> argparse.ArgumentParser:
    ver = installed_version()
    parser = argparse.ArgumentParser(
        prog="copydesk",
        description="A copy editor for English articles: it marks what a careful copy editor would mark "
        "and proposes each fix as an edit you can review as a diff.",
        epilog="Run 'copydesk COMMAND --help' for a command's options and examples.",
    )
    parser.add_argument("--version", action="version", version=f"copydesk {ver}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser(
        "check",
        help="report findings; fail when any is at or above a threshold",
        description="Check articles and report findings.",
        epilog=EPILOG_CHECK,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_selection(check)
    _add_jobs(check)
    check.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="report format: text (default), json (the contract), sarif (code scanning), "
        "github (workflow annotations), junit (test reports)",
    )
    check.add_argument(
        "--output", metavar="FILE", help="write the report to FILE (atomically); the terminal still gets text"
    )
    check.add_argument(
        "--fail-on",
        choices=("error", "warning", "info", "never"),
        default="error",
        help="exit 1 when a finding is at or above this severity (default: error, as Vale: errors are "
        "what is surely wrong, such as a doubled word; warnings and infos are reported without failing)",
    )
    check.add_argument(
        "--max-findings",
        type=int,
        metavar="N",
        help="exit 1 only when more than N findings are at or above --fail-on (default: 0)",
    )
    check.add_argument("--baseline", metavar="FILE", help="report only findings that are not in this baseline")
    check.add_argument(
        "--write-baseline", metavar="FILE", help="record today's findings in FILE, to accept them, and exit 0"
    )
    check.add_argument(
        "--diff-from", metavar="REV", help="report only findings on lines changed since this git revision"
    )

    fix = sub.add_parser(
        "fix",
        help="apply confident fixes: print a diff (default) or write the files",
        description="Apply confident fixes.",
        epilog=EPILOG_FIX,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_selection(fix)
    _add_jobs(fix)
    mode = fix.add_mutually_exclusive_group()
    mode.add_argument("--diff", action="store_true", help="print a unified diff of the fixes (the default)")
    mode.add_argument("--write", action="store_true", help="write the fixes into the files, atomically")
    fix.add_argument("--backup", action="store_true", help="with --write: keep the original as FILE.orig")
    fix.add_argument(
        "--min-confidence",
        type=_confidence,
        metavar="X",
        help=f"apply only fixes at least this confident, 0..1 (default: {DEFAULT_MIN_CONFIDENCE}, "
        "or min-confidence in copydesk.toml)",
    )

    rules = sub.add_parser(
        "rules",
        help="list the rules, or show one rule's documentation and examples",
        description="Without an id: every rule with its one-line description. "
        "With an id: its documentation and examples.",
    )
    rules.add_argument("rule_id", nargs="?", metavar="RULE-ID")

    review = sub.add_parser(
        "review",
        help="step through every proposed edit in a terminal app: accept, reject or rewrite",
        description="Open the review app: each finding with its proposed edit as a word diff; "
        "a accepts, r rejects, e rewrites, w writes the file. Press ? in the app for every key.",
    )
    _add_selection(review)
    review.add_argument("--backup", action="store_true", help="when writing, keep the original as FILE.orig")

    bulk_cmd = sub.add_parser(
        "bulk",
        help="clean up a whole archive: patches first (dry run), then --apply; parallel and resumable",
        description="Fix an archive of articles. By default a dry run: one unified diff per changed file "
        "under PATCH_DIR, mirroring the archive, plus summary.json and summary.txt. With --apply the "
        "fixes are written in place, each file atomically. A SQLite journal records every file, so the "
        "same command resumes an interrupted run.",
        epilog=EPILOG_BULK,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    bulk_cmd.add_argument("archive", metavar="ARCHIVE_DIR")
    bulk_cmd.add_argument(
        "--out",
        default="copydesk-patches",
        metavar="PATCH_DIR",
        help="where the dry run writes its patches and summary (default: copydesk-patches/)",
    )
    bulk_cmd.add_argument("--apply", action="store_true", help="write the fixes into the archive's files")
    bulk_cmd.add_argument("--backup", action="store_true", help="with --apply: keep each original as FILE.orig")
    bulk_cmd.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, metavar="N", help="worker processes (default: all cores)"
    )
    bulk_cmd.add_argument(
        "--dask",
        metavar="local|ADDRESS",
        help="run on a Dask cluster: 'local' starts one here, or a scheduler address (tcp://host:8786)",
    )
    bulk_cmd.add_argument(
        "--journal",
        default="copydesk-bulk.sqlite",
        metavar="FILE",
        help="the resume journal (default: copydesk-bulk.sqlite in the current folder)",
    )
    _add_rule_filters(bulk_cmd)
    bulk_cmd.add_argument(
        "--file-timeout",
        type=float,
        default=DEFAULT_FILE_TIMEOUT,
        metavar="SECONDS",
        help=f"record a file as 'timed out' after this long and go on (default: {DEFAULT_FILE_TIMEOUT:g})",
    )
    bulk_cmd.add_argument(
        "--min-confidence",
        type=_confidence,
        metavar="X",
        help=f"apply only fixes at least this confident (default: {DEFAULT_MIN_CONFIDENCE}, or min-confidence "
        "in copydesk.toml); the rest are listed in the summary for review",
    )

    style = sub.add_parser(
        "style",
        help="house style sheets: 'style learn ARCHIVE' writes one from an archive's dominant forms",
        description="Learn a house style sheet from an archive: the dominant dialect, quotation marks, "
        "abbreviation style, hyphenated forms and names, each with its counts, for a person to review.",
    )
    style_sub = style.add_subparsers(dest="style_command", metavar="learn")
    learn = style_sub.add_parser("learn", help="write a style sheet learned from an archive")
    learn.add_argument("archive", metavar="ARCHIVE_DIR")
    learn.add_argument("--output", metavar="FILE", help="write the sheet to FILE (default: print it)")

    config = sub.add_parser(
        "config",
        help="print the configuration that applies to a file or folder",
        description="Print the effective settings for PATH (default: the current folder): which "
        "copydesk.toml or [tool.copydesk] was found, and every setting, overrides applied.",
    )
    config.add_argument("path", nargs="?", default=".", metavar="PATH")

    sub.add_parser(
        "lsp",
        help="a language server (LSP, over stdio) for editors: diagnostics as you type, quick fixes",
        description="Speak the Language Server Protocol on stdin and stdout: the findings of 'copydesk check' "
        "for .txt, .md and .html documents as you type, with quick fixes. Setup for Neovim, Helix, VS Code "
        "and Emacs: docs/editors.md.",
    )

    server = sub.add_parser(
        "server",
        help="keep a checker loaded, so that 'check' and 'fix' of a few files answer at once",
        description="A cold 'copydesk check' spends about two seconds loading spaCy's model, Harper and the\n"
        "rule packs before it reads a word. 'copydesk server start' keeps them loaded in a background\n"
        "process; from then on 'check' and 'fix' of up to seven files (not folders, not stdin) run in it,\n"
        "with the same output and exit code, in your folder, with your configuration read afresh.\n"
        "Folders and the other commands run as before. One server per user and installation; it stops\n"
        "after an idle hour. COPYDESK_SERVER=off checks without it; COPYDESK_SERVER=PATH asks the\n"
        "server at that socket.",
        epilog="examples:\n  copydesk server start\n  copydesk check article.md      # answered by the server\n"
        "  copydesk server status\n  copydesk server stop",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    server.add_argument(
        "action",
        choices=("start", "stop", "status", "run"),
        help="start in the background; stop; say whether one runs (exit 1 if not); run in the foreground",
    )
    server.add_argument("--socket", metavar="PATH", help="the socket to listen on or ask (default: one per user "
                        "and installation, under $XDG_RUNTIME_DIR or the temporary folder)")  # fmt: skip
    server.add_argument("--idle-timeout", type=float, default=60.0, metavar="MINUTES",
                        help="stop after this long without a request (default 60; 0: never)")  # fmt: skip
    return parser


def command_line(args: argparse.Namespace) -> CommandLine:
    """What the options of a checking command say, for the settings to apply over the configuration."""
    return CommandLine(
        select=tuple(args.select),
        ignore=tuple(args.ignore),
        dialect=getattr(args, "dialect", None),
        profiles=tuple(getattr(args, "profile", ())),
        harper=False if args.no_harper else None,
        syntax=False if args.no_syntax else None,
        languagetool=getattr(args, "languagetool", None),
        languagetool_timeout=getattr(args, "languagetool_timeout", None),
        min_confidence=getattr(args, "min_confidence", None),
    )
