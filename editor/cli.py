"""The command line: `copydesk check`, `copydesk fix`, `copydesk rules`.

This is the imperative shell: it reads files, prints, writes atomically and sets exit codes.
Everything it knows about prose comes from the functional core (checker, checks, findings).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from rich.console import Console

from editor.checker import Checker, EngineOptions, Selection
from editor.config import ConfigError, load_config
from editor.dialect import DIALECTS
from editor.diff import unified_diff
from editor.document import Document
from editor.engines.languagetool import LanguageToolUnavailable, resolve_setup
from editor.files import STDIN, InputError, Skipped, atomic_write, discover, read_document
from editor.findings import Severity, apply_edits, resolve
from editor.reports import FileReport, json_report, text_report
from editor.rules import Rule, RuleError, load_dictionary, load_rules, rules_dirs_from_env

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
DEFAULT_MIN_CONFIDENCE = 0.8

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

EPILOG_FIX = """\
Only confident fixes are applied (see --min-confidence); overlapping fixes are resolved
deterministically and the rest are left for `copydesk check` or `copydesk review`.

examples:
  copydesk fix samples/ > fixes.diff && patch -p1 < fixes.diff
  copydesk fix --diff article.txt | git apply
  copydesk fix --write --backup article.txt    keeps article.txt.orig
"""


class UsageError(Exception):
    """A command-line value that makes no sense; reported in one line, exit 2."""


@dataclass(frozen=True)
class Run:
    """What every command needs: the rules it runs and where its messages go."""

    checker: Checker
    encoding: str | None
    out: Console
    err: Console


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


def _add_selection(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        default=[],
        help="files or folders to read (folders: .txt .md .markdown .html .htm, recursively); - for stdin",
    )
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
        "--dialect",
        choices=DIALECTS,
        help="spelling dialect for every file (default: inferred from each article's own spellings)",
    )
    p.add_argument(
        "--profile",
        action="append",
        default=[],
        metavar="NAME",
        help="turn on an optional group of checks, e.g. 'readability' (long sentences)",
    )
    p.add_argument(
        "--no-harper", action="store_true", help="do not run the Harper grammar and spelling engine (faster)"
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


def build_parser() -> argparse.ArgumentParser:
    try:
        ver = version("copydesk")
    except PackageNotFoundError:
        ver = "unknown"
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
    check.add_argument("--format", choices=("text", "json"), default="text", help="report format (default: text)")
    check.add_argument(
        "--fail-on",
        choices=("error", "warning", "info", "never"),
        default="warning",
        help="exit 1 when a finding is at or above this severity (default: warning)",
    )

    fix = sub.add_parser(
        "fix",
        help="apply confident fixes: print a diff (default) or write the files",
        description="Apply confident fixes.",
        epilog=EPILOG_FIX,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_selection(fix)
    mode = fix.add_mutually_exclusive_group()
    mode.add_argument("--diff", action="store_true", help="print a unified diff of the fixes (the default)")
    mode.add_argument("--write", action="store_true", help="write the fixes into the files, atomically")
    fix.add_argument("--backup", action="store_true", help="with --write: keep the original as FILE.orig")
    fix.add_argument(
        "--min-confidence",
        type=_confidence,
        default=DEFAULT_MIN_CONFIDENCE,
        metavar="X",
        help=f"apply only fixes at least this confident, 0..1 (default: {DEFAULT_MIN_CONFIDENCE})",
    )

    rules = sub.add_parser(
        "rules",
        help="list the rules, or show one rule's documentation and examples",
        description="Without an id: every rule with its one-line description. "
        "With an id: its documentation and examples.",
    )
    rules.add_argument("rule_id", nargs="?", metavar="RULE-ID")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    out = Console(soft_wrap=True)
    err = Console(stderr=True, soft_wrap=True)
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    try:
        if args.command == "rules":
            return cmd_rules(args, out)
        if not args.paths:
            raise UsageError(f"'copydesk {args.command}' needs at least one PATH (a file, a folder, or - for stdin)")
        checker = make_checker(args, err)
        try:
            run = Run(checker, args.encoding, out, err)
            return cmd_check(args, run) if args.command == "check" else cmd_fix(args, run)
        finally:
            checker.close()
    except (InputError, RuleError, UsageError, ConfigError, LanguageToolUnavailable) as exc:
        _error(err, str(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        _error(err, "interrupted")
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def make_checker(args: argparse.Namespace, err: Console) -> Checker:
    """Command line over configuration file over defaults."""
    first = next((Path(p) for p in args.paths if p != STDIN), Path.cwd())
    config = load_config(first)
    dirs = (*rules_dirs_from_env(), *config.rules)
    setup = resolve_setup(args.languagetool or config.languagetool)
    if setup is not None and setup.is_public:
        _note(err, f"warning: the text of every article is sent to {setup.url} (LanguageTool's public server)")
    return Checker(
        load_rules(dirs),
        Selection(tuple(args.select) or config.select, (*config.ignore, *args.ignore)),
        EngineOptions(
            harper=not args.no_harper,
            dialect=args.dialect or config.dialect,
            profiles=tuple(args.profile) or config.profiles,
            words=load_dictionary(dirs) | config.words,
            languagetool=setup,
            languagetool_timeout=args.languagetool_timeout or config.languagetool_timeout,
            on_engine_error=lambda message: _note(err, message),
        ),
    )


def _error(err: Console, message: str) -> None:
    err.print(f"[bold red]copydesk: error:[/] {message}", highlight=False, markup=True, soft_wrap=True)


def _note(err: Console, message: str) -> None:
    err.print(f"copydesk: {message}", highlight=False, markup=False, soft_wrap=True)


def documents(run: Run, paths: Sequence[str]) -> Iterator[Document | InputError]:
    """Each readable document in order; an unreadable one is yielded as its error, skipped ones noted."""
    folders = {p for p in paths if p != STDIN and os.path.isdir(p)}
    for item in discover(paths):
        if isinstance(item, Skipped):
            _note(run.err, f"skipped {item.path}: {item.reason}")
            continue
        try:
            doc = read_document(item, run.encoding, in_folder=bool(folders) and item not in paths)
        except InputError as exc:
            yield exc
            continue
        if isinstance(doc, Skipped):
            _note(run.err, f"skipped {doc.path}: {doc.reason}")
        else:
            yield doc


def is_markdown(path: str) -> bool:
    return path.lower().endswith((".md", ".markdown"))


def cmd_check(args: argparse.Namespace, run: Run) -> int:
    reports: list[FileReport] = []
    failed = False
    for doc in documents(run, args.paths):
        if isinstance(doc, InputError):
            _error(run.err, str(doc))
            failed = True
            continue
        reports.append(FileReport(doc, tuple(run.checker.check(doc.text, markdown=is_markdown(doc.path)))))
    if args.format == "json":
        sys.stdout.write(json_report.render(reports))
        sys.stdout.flush()
    else:
        text_report.print_report(run.out, reports)
    if failed:
        return EXIT_ERROR
    if args.fail_on == "never":
        return EXIT_OK
    threshold = Severity.parse(args.fail_on)
    return EXIT_FINDINGS if any(f.severity >= threshold for r in reports for f in r.findings) else EXIT_OK


def cmd_fix(args: argparse.Namespace, run: Run) -> int:
    if args.backup and not args.write:
        raise UsageError("--backup goes with --write")
    failed = False
    changed = 0
    for doc in documents(run, args.paths):
        if isinstance(doc, InputError):
            _error(run.err, str(doc))
            failed = True
            continue
        resolution = resolve(run.checker.check(doc.text, markdown=is_markdown(doc.path)), args.min_confidence)
        if not resolution.applied:
            continue
        fixed = doc.with_text(apply_edits(doc.text, resolution.edits))
        changed += 1
        if args.write and doc.path == STDIN:
            sys.stdout.buffer.write(fixed.to_bytes())
        elif args.write:
            if args.backup:
                atomic_write(doc.path + ".orig", doc.to_bytes())
            atomic_write(doc.path, fixed.to_bytes())
            _note(run.err, f"fixed {doc.path}: {len(resolution.applied)} edit(s)")
        else:
            shown = doc.path if doc.path == STDIN else os.path.relpath(doc.path)
            sys.stdout.buffer.write(unified_diff(doc, fixed, shown))
    sys.stdout.flush()
    if args.write or changed == 0:
        _note(run.err, f"{changed} file{'s' if changed != 1 else ''} {'fixed' if args.write else 'with fixes'}")
    return EXIT_ERROR if failed else EXIT_OK


def cmd_rules(args: argparse.Namespace, out: Console) -> int:
    rules = load_rules(rules_dirs_from_env())
    if args.rule_id is None:
        width = max(len(r.id) for r in rules)
        for r in rules:
            out.print(f"{r.id:<{width}}  {r.severity.label:<7}  {_first_line(r)}", markup=False, highlight=False)
        return EXIT_OK
    matches = [r for r in rules if r.id == args.rule_id] or [r for r in rules if r.id.startswith(args.rule_id + ".")]
    if not matches:
        raise UsageError(f"no rule {args.rule_id!r}; 'copydesk rules' lists them")
    for r in matches:
        out.print(render_rule_doc(r), markup=False, highlight=False)
    return EXIT_OK


def _first_line(rule: Rule) -> str:
    return (rule.description.splitlines() or [rule.message])[0]


def render_rule_doc(rule: Rule) -> str:
    lines = [
        rule.id,
        "=" * len(rule.id),
        "",
        f"check: {rule.check}   category: {rule.category}   severity: {rule.severity.label}   "
        f"confidence: {rule.confidence:g}",
        "",
        rule.description or rule.message,
        "",
    ]
    if rule.bad:
        lines.append("Flagged:")
        for ex in rule.bad:
            lines.append(f"  ✗ {ex.text}")
            if ex.fixed is not None and ex.fixed != ex.text:
                lines.append(f"  → {ex.fixed}")
        lines.append("")
    if rule.good:
        lines.append("Left alone:")
        lines.extend(f"  ✓ {ex.text}" for ex in rule.good)
        lines.append("")
    lines.append(f"Defined in {os.path.relpath(rule.source)}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
