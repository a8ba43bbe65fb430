"""`copydesk check` and `copydesk fix`: the documents the command line names, checked in one
Session; a report in the chosen format, or the confident fixes as a diff or written in place."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from rich.console import Console

from copydesk import articles
from copydesk.archive import MIN_ARTICLES, ArchiveStats
from copydesk.baseline import Baseline, write_baseline
from copydesk.cli.output import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, error, note
from copydesk.cli.parallel import check_all
from copydesk.cli.parser import command_line
from copydesk.diff import patchable, unified_diff
from copydesk.document import Document
from copydesk.errors import UserError
from copydesk.files import STDIN, InputError, Skipped, atomic_write, keep_backup
from copydesk.findings import Finding, Severity, apply_edits, fixes_to_apply
from copydesk.gitdiff import changed_lines
from copydesk.reports import FileReport, github, json_report, junit, sarif, text_report
from copydesk.rules import Rule, load_rules, rules_dirs_from_env
from copydesk.runner import Session, config_for
from copydesk.version import installed_version


class UsageError(UserError):
    """A command-line value that makes no sense; reported in one line, exit 2."""


@dataclass(frozen=True)
class Run:
    """What every checking command needs: the session and where its messages go."""

    session: Session
    encoding: str | None
    out: Console
    err: Console
    failures: list[InputError] = field(default_factory=list)  # files that could not be read


def open_session(args: argparse.Namespace, err: Console) -> Session:
    if not args.paths:
        raise UsageError(f"'copydesk {args.command}' needs at least one PATH (a file, a folder, or - for stdin)")
    return Session(command_line(args), note=lambda message: note(err, message), archive=run_archive(args))


def documents(run: Run, args: argparse.Namespace) -> Iterator[Document | InputError]:
    """Each readable document in order; an unreadable one is yielded as its error, skipped ones noted."""
    for item in articles.documents(args.paths, run.encoding, args.force_exclude):
        if isinstance(item, Skipped):
            note(run.err, f"skipped {item.path}: {item.reason}")
        else:
            yield item


def checked(run: Run, args: argparse.Namespace) -> Iterator[tuple[Document, list[Finding]]]:
    """Each readable document with its findings, in order, on --jobs cores; an unreadable one is
    reported and counted in `run.failures`."""
    for doc, findings in check_all(documents(run, args), run.session, args.jobs):
        if isinstance(doc, InputError):
            error(run.err, str(doc))
            run.failures.append(doc)
        else:
            yield doc, findings


def run_archive(args: argparse.Namespace) -> ArchiveStats | None:
    """What a check weighs each article against: --across DIR; else `across` in the configuration
    of the current folder; else the articles checked together, when there are enough of them."""
    if args.no_across:
        return None
    if args.across:
        return across(args.across)
    configured = config_for(".").across
    if configured is False:
        return None
    if configured is not None:
        return across(str(configured))
    paths = [p for p, _ in articles.named(args.paths, args.force_exclude) if isinstance(p, str) and p != STDIN]
    if len(paths) < MIN_ARTICLES:
        return None
    return ArchiveStats.gather(articles.facts(".", path) for path in paths)


def across(folder: str) -> ArchiveStats:
    if not os.path.isdir(folder):
        raise UsageError(f"--across {folder}: not a folder")
    return articles.archive_stats(folder)


def cmd_check(args: argparse.Namespace, run: Run) -> int:
    if args.max_findings is not None and args.max_findings < 0:
        raise UsageError("--max-findings takes a number of findings, 0 or more")
    baseline = Baseline(args.baseline) if args.baseline else None
    if args.jobs < 1:
        raise UsageError("--jobs takes a number of worker processes, 1 or more")
    reports: list[FileReport] = []
    for doc, findings in checked(run, args):
        if args.diff_from and doc.path != STDIN:
            changed = changed_lines(doc.path, args.diff_from)
            if changed is not None:
                findings = [f for f in findings if _lines_of(doc, f) & changed]
        if baseline is not None:
            findings = baseline.new_findings(doc, findings)
        reports.append(FileReport(doc, tuple(findings)))
    if args.write_baseline:
        count = write_baseline(args.write_baseline, ((r.document, r.findings) for r in reports))
        note(run.err, f"baseline written to {args.write_baseline}: {count} finding(s) accepted")
        return EXIT_ERROR if run.failures else EXIT_OK
    threshold = None if args.fail_on == "never" else Severity.parse(args.fail_on)
    if args.output:
        atomic_write(args.output, render_report(args.format, reports, threshold).encode("utf-8"))
        text_report.print_report(run.out, reports)
    elif args.format == "text":
        text_report.print_report(run.out, reports)
    else:
        sys.stdout.write(render_report(args.format, reports, threshold))
        sys.stdout.flush()
    if run.failures:
        return EXIT_ERROR
    if threshold is None:
        return EXIT_OK
    at_or_above = sum(1 for r in reports for f in r.findings if f.severity >= threshold)
    return EXIT_FINDINGS if at_or_above > (args.max_findings or 0) else EXIT_OK


def _lines_of(doc: Document, finding: Finding) -> set[int]:
    first = doc.line_col(finding.start)[0]
    last = doc.line_col(max(finding.start, finding.end - 1))[0]
    return set(range(first, last + 1))


def every_rule() -> tuple[Rule, ...]:
    """Our rule packs and the engines' rules (Harper's lint kinds), as `rules` and SARIF list them."""
    from copydesk.engines.harper import harper_rules  # harper-py loads only when its rules are listed

    return (*load_rules(rules_dirs_from_env()), *harper_rules())


# Each report format: the reports and the --fail-on threshold in, the report's text out.
RENDERERS: dict[str, Callable[[Sequence[FileReport], Severity | None], str]] = {
    "text": lambda reports, threshold: text_report.plain(reports),
    "json": lambda reports, threshold: json_report.render(reports),
    "sarif": lambda reports, threshold: sarif.render(reports, every_rule(), installed_version()),
    "github": lambda reports, threshold: github.render(reports),
    "junit": lambda reports, threshold: junit.render(reports, threshold),
}


def render_report(fmt: str, reports: Sequence[FileReport], threshold: Severity | None) -> str:
    return RENDERERS[fmt](reports, threshold)


def cmd_fix(args: argparse.Namespace, run: Run) -> int:
    if args.backup and not args.write:
        raise UsageError("--backup goes with --write")
    if args.jobs < 1:
        raise UsageError("--jobs takes a number of worker processes, 1 or more")
    failed = False
    changed = 0
    for doc, findings in checked(run, args):
        min_confidence = run.session.settings_for(doc.path).min_confidence
        resolution = fixes_to_apply(doc, findings, min_confidence)
        unwritable = sum(1 for f in findings if f.replacements and not doc.can_encode(f.replacements[0]))
        if unwritable:
            note(run.err, f"{doc.path}: {unwritable} fix(es) not applied: {doc.encoding} cannot hold them")
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
                error(run.err, str(exc) if isinstance(exc, InputError) else f"{doc.path}: {exc.strerror or exc}")
                failed = True
                changed -= 1
                continue
            note(run.err, f"fixed {doc.path}: {len(resolution.applied)} edit(s)")
        elif not patchable(doc):
            changed -= 1  # one such diff would make `git apply` reject every other file's
            note(run.err, f"{doc.path}: {doc.encoding} fixes are not shown as a patch; use --write or review")
        else:
            shown = doc.path if doc.path == STDIN else os.path.relpath(doc.path)
            sys.stdout.buffer.write(unified_diff(doc, fixed, shown))
    sys.stdout.flush()
    if args.write or changed == 0:
        note(run.err, f"{changed} file{'s' if changed != 1 else ''} {'fixed' if args.write else 'with fixes'}")
    if failed or run.failures:
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

    ReviewApp(docs, run.session.command_line, backup=args.backup, archive=run.session.archive).run()
    return EXIT_OK
