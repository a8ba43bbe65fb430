"""The command line: `copydesk check`, `copydesk fix`, `copydesk rules`.

This is the imperative shell: it reads files, prints, writes atomically and sets exit codes.
Everything it knows about prose comes from the functional core (checker, checks, findings).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from copydesk import bulk
from copydesk.archive import MIN_ARTICLES, ArchiveStats
from copydesk.baseline import Baseline, BaselineError, write_baseline
from copydesk.bulk import BulkError
from copydesk.config import ConfigError
from copydesk.dialect import DIALECTS
from copydesk.diff import patchable, unified_diff
from copydesk.document import DecodeError, Document, looks_binary
from copydesk.engines.languagetool import LanguageToolUnavailable
from copydesk.files import STDIN, InputError, Skipped, atomic_write, discover, keep_backup, read_document
from copydesk.findings import Finding, Severity, apply_edits, fixes_to_apply
from copydesk.gitdiff import GitError, changed_lines
from copydesk.house import learn as learn_style
from copydesk.house import render_sheet
from copydesk.markup import checkable
from copydesk.reports import FileReport, github, json_report, junit, sarif, text_report
from copydesk.rules import Rule, RuleError, load_rules, rules_dirs_from_env
from copydesk.runner import Overrides, Session, config_for

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "json", "sarif", "github", "junit")
DEFAULT_MIN_CONFIDENCE = 0.8
BULK_MIN_CONFIDENCE = bulk.DEFAULT_MIN_CONFIDENCE

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


class UsageError(Exception):
    """A command-line value that makes no sense; reported in one line, exit 2."""


@dataclass(frozen=True)
class Run:
    """What every command needs: the checking session and where its messages go."""

    session: Session
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
        help="turn on an optional group of checks, e.g. 'readability' (long sentences)",
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


def _version() -> str:
    try:
        return version("copydesk")
    except PackageNotFoundError:
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    ver = _version()
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
        default=bulk.DEFAULT_FILE_TIMEOUT,
        metavar="SECONDS",
        help=f"record a file as 'timed out' after this long and go on (default: {bulk.DEFAULT_FILE_TIMEOUT:g})",
    )
    bulk_cmd.add_argument(
        "--min-confidence",
        type=_confidence,
        default=BULK_MIN_CONFIDENCE,
        metavar="X",
        help=f"apply only fixes at least this confident (default: {BULK_MIN_CONFIDENCE}); the rest are "
        "listed in the summary for review",
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    out = console()
    err = console(stderr=True)
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    try:
        if args.command == "rules":
            return cmd_rules(args, out)
        if args.command == "config":
            if not os.path.exists(args.path):
                raise UsageError(f"{args.path}: no such file or directory")
            out.print(config_for(args.path).describe(), markup=False, highlight=False)
            return EXIT_OK
        if args.command == "bulk":
            return cmd_bulk(args, err)
        if args.command == "lsp":
            from copydesk import lsp  # pygls loads only for the server

            return lsp.run()
        if args.command == "style":
            return cmd_style(args, out, err)
        if not args.paths:
            raise UsageError(f"'copydesk {args.command}' needs at least one PATH (a file, a folder, or - for stdin)")
        session = Session(
            Overrides(
                select=tuple(args.select),
                ignore=tuple(args.ignore),
                dialect=args.dialect,
                profiles=tuple(args.profile),
                harper=not args.no_harper,
                languagetool=args.languagetool,
                languagetool_timeout=args.languagetool_timeout,
            ),
            note=lambda message: _note(err, message),
            archive=run_archive(args),
        )
        try:
            run = Run(session, args.encoding, out, err)
            if args.command == "review":
                return cmd_review(args, run)
            return cmd_check(args, run) if args.command == "check" else cmd_fix(args, run)
        finally:
            session.close()
    except (
        InputError, RuleError, UsageError, ConfigError, LanguageToolUnavailable, BaselineError, GitError, BulkError,
    ) as exc:  # fmt: skip
        _error(err, str(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        _error(err, "interrupted")
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:  # the environment: a read-only folder, a full disk, a missing path
        where = f"{exc.filename}: " if exc.filename else ""
        _error(err, f"{where}{exc.strerror or exc}")
        return EXIT_ERROR
    except Exception as exc:  # a bug of ours: one line, never a traceback, never the findings code
        _error(err, f"internal error: {type(exc).__name__}: {exc} (please report it, with the command you ran)")
        return EXIT_ERROR


def console(stderr: bool = False) -> Console:
    """Colour only on a terminal; with NO_COLOR set, no escape codes at all, bold and dim included
    (rich alone drops only the colours)."""
    plain = bool(os.environ.get("NO_COLOR"))
    return Console(stderr=stderr, soft_wrap=True, color_system=None if plain else "auto", no_color=plain)


def _error(err: Console, message: str) -> None:
    err.print(f"[bold red]copydesk: error:[/] {message}", highlight=False, markup=True, soft_wrap=True)


def _note(err: Console, message: str) -> None:
    err.print(f"copydesk: {message}", highlight=False, markup=False, soft_wrap=True)


def _to_check(paths: Sequence[str], force_exclude: bool = False) -> Iterator[tuple[str | Skipped, bool]]:
    """What the command line names, each with whether it was found in a folder; files that a
    folder's configuration excludes are left out, and with --force-exclude (as pre-commit, which
    names every file, needs) files named on the command line too."""
    folders = any(p != STDIN and os.path.isdir(p) for p in paths)
    for item in discover(paths):
        found_in_folder = folders and isinstance(item, str) and item not in paths
        judged = found_in_folder or (force_exclude and item != STDIN)
        if not (judged and isinstance(item, str) and config_for(item).excludes(item)):
            yield item, found_in_folder


def documents(run: Run, args: argparse.Namespace) -> Iterator[Document | InputError]:
    """Each readable document in order; an unreadable one is yielded as its error, skipped ones noted."""
    for item, found_in_folder in _to_check(args.paths, args.force_exclude):
        if isinstance(item, Skipped):
            _note(run.err, f"skipped {item.path}: {item.reason}")
            continue
        try:
            limit = None if item == STDIN else config_for(item).max_file_size
            doc = read_document(item, run.encoding, in_folder=found_in_folder, max_mb=limit)
        except InputError as exc:
            yield exc
            continue
        if isinstance(doc, Skipped):
            _note(run.err, f"skipped {doc.path}: {doc.reason}")
        else:
            yield doc


def cmd_check(args: argparse.Namespace, run: Run) -> int:
    if args.max_findings is not None and args.max_findings < 0:
        raise UsageError("--max-findings takes a number of findings, 0 or more")
    baseline = Baseline(args.baseline) if args.baseline else None
    reports: list[FileReport] = []
    failed = False
    for doc in documents(run, args):
        if isinstance(doc, InputError):
            _error(run.err, str(doc))
            failed = True
            continue
        findings = run.session.check(doc)
        if args.diff_from and doc.path != STDIN:
            changed = changed_lines(doc.path, args.diff_from)
            if changed is not None:
                findings = [f for f in findings if _lines_of(doc, f) & changed]
        if baseline is not None:
            findings = baseline.new_findings(doc, findings)
        reports.append(FileReport(doc, tuple(findings)))
    if args.write_baseline:
        count = write_baseline(args.write_baseline, ((r.document, r.findings) for r in reports))
        _note(run.err, f"baseline written to {args.write_baseline}: {count} finding(s) accepted")
        return EXIT_ERROR if failed else EXIT_OK
    threshold = None if args.fail_on == "never" else Severity.parse(args.fail_on)
    if args.output:
        atomic_write(args.output, render_report(args.format, reports, threshold).encode("utf-8"))
        text_report.print_report(run.out, reports)
    elif args.format == "text":
        text_report.print_report(run.out, reports)
    else:
        sys.stdout.write(render_report(args.format, reports, threshold))
        sys.stdout.flush()
    if failed:
        return EXIT_ERROR
    if threshold is None:
        return EXIT_OK
    at_or_above = sum(1 for r in reports for f in r.findings if f.severity >= threshold)
    return EXIT_FINDINGS if at_or_above > (args.max_findings or 0) else EXIT_OK


def _lines_of(doc: Document, finding: Finding) -> set[int]:
    first = doc.line_col(finding.start)[0]
    last = doc.line_col(max(finding.start, finding.end - 1))[0]
    return set(range(first, last + 1))


def render_report(fmt: str, reports: Sequence[FileReport], threshold: Severity | None) -> str:
    if fmt == "json":
        return json_report.render(reports)
    if fmt == "sarif":
        return sarif.render(reports, _every_rule(), _version())
    if fmt == "github":
        return github.render(reports)
    if fmt == "junit":
        return junit.render(reports, threshold)
    return text_report.plain(reports)


def cmd_fix(args: argparse.Namespace, run: Run) -> int:
    if args.backup and not args.write:
        raise UsageError("--backup goes with --write")
    failed = False
    changed = 0
    for doc in documents(run, args):
        if isinstance(doc, InputError):
            _error(run.err, str(doc))
            failed = True
            continue
        findings = run.session.check(doc)
        resolution = fixes_to_apply(doc, findings, args.min_confidence)
        unwritable = sum(1 for f in findings if f.replacements and not doc.can_encode(f.replacements[0]))
        if unwritable:
            _note(run.err, f"{doc.path}: {unwritable} fix(es) not applied: {doc.encoding} cannot hold them")
        if not resolution.applied:
            continue
        fixed = doc.with_text(apply_edits(doc.text, resolution.edits))
        changed += 1
        if args.write and doc.path == STDIN:
            sys.stdout.buffer.write(fixed.to_bytes())
        elif args.write:
            try:
                if args.backup:
                    keep_backup(doc.path, doc.to_bytes())
                atomic_write(doc.path, fixed.to_bytes(), expected=doc.to_bytes())
            except (InputError, OSError) as exc:  # this file stays as it was; the others go on
                _error(run.err, str(exc) if isinstance(exc, InputError) else f"{doc.path}: {exc.strerror or exc}")
                failed = True
                changed -= 1
                continue
            _note(run.err, f"fixed {doc.path}: {len(resolution.applied)} edit(s)")
        elif not patchable(doc):
            changed -= 1  # one such diff would make `git apply` reject every other file's
            _note(run.err, f"{doc.path}: {doc.encoding} fixes are not shown as a patch; use --write or review")
        else:
            shown = doc.path if doc.path == STDIN else os.path.relpath(doc.path)
            sys.stdout.buffer.write(unified_diff(doc, fixed, shown))
    sys.stdout.flush()
    if args.write or changed == 0:
        _note(run.err, f"{changed} file{'s' if changed != 1 else ''} {'fixed' if args.write else 'with fixes'}")
    if failed:
        return EXIT_ERROR
    # As ruff's --diff: a diff that is not empty means the files are not clean yet.
    return EXIT_FINDINGS if changed and not args.write else EXIT_OK


def cmd_review(args: argparse.Namespace, run: Run) -> int:
    docs: list[Document] = []
    for doc in documents(run, args):
        if isinstance(doc, InputError):
            raise doc
        if doc.path == STDIN:
            raise UsageError("review works on files, not standard input (it writes them back)")
        docs.append(doc)
    if not docs:
        raise UsageError("no articles to review in " + ", ".join(args.paths))
    from copydesk.review.app import ReviewApp  # Textual loads only for the app

    ReviewApp(docs, run.session.overrides, backup=args.backup, archive=run.session.archive).run()
    return EXIT_OK


def cmd_style(args: argparse.Namespace, out: Console, err: Console) -> int:
    if args.style_command != "learn":
        raise UsageError("usage: copydesk style learn ARCHIVE_DIR [--output FILE]")
    root = Path(args.archive)
    if not root.is_dir():
        raise UsageError(f"{args.archive}: not a folder")
    stats = learn_style(_archive_texts(root))
    sheet = render_sheet(stats, args.archive)
    if args.output:
        atomic_write(args.output, sheet.encode("utf-8"))
        _note(err, f"style sheet learned from {stats.articles} articles written to {args.output}")
    else:
        out.print(sheet, markup=False, highlight=False, end="")
    return EXIT_OK


def _archive_texts(root: Path) -> Iterator[str]:
    """Every readable article below root, decoded; the rest are passed over."""
    for rel in bulk.discover_archive(root):
        try:
            data = (root / rel).read_bytes()
            if not looks_binary(data):
                yield checkable(rel, Document.from_bytes(data).text).text
        except (OSError, DecodeError):
            continue


def run_archive(args: argparse.Namespace) -> ArchiveStats | None:
    """What a check weighs each article against: --across DIR; else `across` in the configuration
    of the current folder; else the articles checked together, when there are enough of them."""
    if args.no_across:
        return None
    if args.across:
        return archive_stats(args.across)
    configured = config_for(".").across
    if configured is False:
        return None
    if configured is not None:
        return archive_stats(str(configured))
    articles = [p for p, _ in _to_check(args.paths, args.force_exclude) if isinstance(p, str) and p != STDIN]
    if len(articles) < MIN_ARTICLES:
        return None
    facts = (bulk.gather_facts(bulk.Settings("."), path) for path in articles)
    return ArchiveStats.gather(facts)


def archive_stats(folder: str) -> ArchiveStats:
    """The first pass of `check --across`: name and dialect statistics over every article in the folder."""
    root = Path(folder)
    if not root.is_dir():
        raise UsageError(f"--across {folder}: not a folder")
    settings = bulk.Settings(str(root))
    return ArchiveStats.gather(bulk.gather_facts(settings, rel) for rel in bulk.discover_archive(root))


def cmd_bulk(args: argparse.Namespace, err: Console) -> int:
    if args.jobs < 1:
        raise UsageError("--jobs takes a number of worker processes, 1 or more")
    if args.file_timeout <= 0:
        raise UsageError("--file-timeout takes a number of seconds, more than 0")
    if args.backup and not args.apply:
        raise UsageError("--backup goes with --apply")
    archive = Path(args.archive)
    options = bulk.Options(
        archive_dir=archive,
        out_dir=Path(args.out),
        apply=args.apply,
        backup=args.backup,
        jobs=args.jobs,
        dask=args.dask,
        journal=Path(args.journal),
        settings=bulk.Settings(
            str(archive),
            Overrides(select=tuple(args.select), ignore=tuple(args.ignore), harper=not args.no_harper),
            args.min_confidence,
            patch_dir=None if args.apply else str(Path(args.out).resolve()),
            file_timeout=args.file_timeout,
        ),
    )
    if options.out_dir.resolve().is_relative_to(archive.resolve()) and not args.apply:
        raise UsageError("--out must be outside the archive: nothing but fixed files is written there")
    if archive.is_dir():  # rule ids are checked here, once, rather than in every worker
        Session(options.settings.overrides).checker_for(config_for(str(archive)))
    with bulk_progress(err) as progress:
        summary = bulk.run_bulk(options, progress)
    skipped = summary["files_skipped"]
    where = "in place" if args.apply else f"as patches under {options.out_dir}/"
    _note(
        err,
        f"{summary['files_scanned']} files scanned, {summary['files_changed']} changed {where}, "
        f"{len(skipped)} skipped" + ("" if args.apply else f"; see {options.out_dir}/summary.txt"),
    )
    for item in skipped[:20]:
        _note(err, f"skipped {item['path']}: {item['reason']}")
    return EXIT_FINDINGS if skipped else EXIT_OK


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


def _every_rule() -> tuple[Rule, ...]:
    """Our rule packs and the engines' rules (Harper's lint kinds), as `rules` and SARIF list them."""
    from copydesk.engines.harper import harper_rules

    return (*load_rules(rules_dirs_from_env()), *harper_rules())


def cmd_rules(args: argparse.Namespace, out: Console) -> int:
    rules = _every_rule()
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


_FIX_MEANING = {
    "mechanical": "Fix safety: mechanical (applied by fix and bulk --apply, inside quotations too).",
    "safe": "Fix safety: safe (applied by fix and bulk --apply; only proposed inside quotations and on ties).",
    "unsafe": "Fix safety: unsafe (only proposed: a person accepts it in review or applies it by hand).",
}


def render_rule_doc(rule: Rule) -> str:
    lines = [
        rule.id,
        "=" * len(rule.id),
        "",
        f"check: {rule.check}   category: {rule.category}   severity: {rule.severity.label}   "
        f"confidence: {rule.confidence:g}   fix: {rule.fix}",
        _FIX_MEANING[rule.fix],
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
