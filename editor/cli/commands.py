"""The commands that do not check a list of files: rules, config, style, bulk, lsp."""

from __future__ import annotations

import argparse
import os
import re
import textwrap
from pathlib import Path

from rich.console import Console

from copydesk import articles
from copydesk.cli.check import UsageError, every_rule
from copydesk.cli.output import EXIT_FINDINGS, EXIT_OK, bulk_progress, note
from copydesk.cli.parser import command_line
from copydesk.files import atomic_write
from copydesk.house import learn as learn_style
from copydesk.house import render_sheet
from copydesk.rules import Rule
from copydesk.runner import Session, config_for
from copydesk.syntax import SyntaxParser


def cmd_rules(args: argparse.Namespace, out: Console, err: Console) -> int:
    rules = every_rule()
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
    "mechanical": "mechanical (applied by fix and bulk --apply, inside quotations too)",
    "safe": "safe (applied by fix and bulk --apply; only proposed inside quotations and on ties)",
    "unsafe": "unsafe (only proposed: a person accepts it in review or applies it by hand)",
}


# The end of the description's first sentence (not "Ms." or "U.N."): what the rule flags; the rest says why.
_FIRST_SENTENCE_END = re.compile(r"(?<=[a-z]{3}[.!?])\s+(?=[A-Z“\"])")


def render_rule_doc(rule: Rule) -> str:
    """A rule's page, in the order of ruff's: what it flags, why, examples, fix safety, references."""
    text = " ".join((rule.description or rule.message).split())
    flags, *rest = _FIRST_SENTENCE_END.split(text, maxsplit=1)
    why = rest[0] if rest else ""
    lines = [
        rule.id,
        "=" * len(rule.id),
        "",
        f"check: {rule.check}   category: {rule.category}   severity: {rule.severity.label}   "
        f"confidence: {rule.confidence:g}   fix: {rule.fix}",
        "",
        "What it flags",
        *(f"  {line}" for line in textwrap.wrap(flags.rstrip(".") + ".", 96)),
        "",
    ]
    if why:
        lines += ["Why", *(f"  {line}" for line in textwrap.wrap(why, 96)), ""]
    lines += ["Message", f"  {rule.message}", ""]
    if rule.bad:
        lines.append("Flagged")
        for ex in rule.bad:
            lines.append(f"  ✗ {ex.text}")
            if ex.fixed is not None and ex.fixed != ex.text:
                lines.append(f"  → {ex.fixed}")
        lines.append("")
    if rule.good:
        lines.append("Left alone")
        lines.extend(f"  ✓ {ex.text}" for ex in rule.good)
        lines.append("")
    lines += ["Fix safety", f"  {_FIX_MEANING[rule.fix]}", ""]
    if rule.references:
        lines += ["References", *(f"  {ref}" for ref in rule.references), ""]
    lines.append(f"Defined in {os.path.relpath(rule.source)}")
    return "\n".join(lines)


def cmd_config(args: argparse.Namespace, out: Console, err: Console) -> int:
    if not os.path.exists(args.path):
        raise UsageError(f"{args.path}: no such file or directory")
    out.print(config_for(args.path).describe(), markup=False, highlight=False)
    return EXIT_OK


def cmd_style(args: argparse.Namespace, out: Console, err: Console) -> int:
    if args.style_command != "learn":
        raise UsageError("usage: copydesk style learn ARCHIVE_DIR [--output FILE]")
    root = Path(args.archive)
    if not root.is_dir():
        raise UsageError(f"{args.archive}: not a folder")
    stats = learn_style(articles.texts(root), SyntaxParser(lambda message: note(err, message)))
    sheet = render_sheet(stats, args.archive)
    if args.output:
        atomic_write(args.output, sheet.encode("utf-8"))
        note(err, f"style sheet learned from {stats.articles} articles written to {args.output}")
    else:
        out.print(sheet, markup=False, highlight=False, end="")
    return EXIT_OK


def cmd_bulk(args: argparse.Namespace, out: Console, err: Console) -> int:
    from copydesk import bulk  # its executors and journal load only for a bulk run

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
        work=bulk.Work(
            str(archive),
            command_line(args),
            patch_dir=None if args.apply else str(Path(args.out).resolve()),
            file_timeout=args.file_timeout,
        ),
    )
    if options.out_dir.resolve().is_relative_to(archive.resolve()) and not args.apply:
        raise UsageError("--out must be outside the archive: nothing but fixed files is written there")
    if archive.is_dir():  # rule ids are checked here, once, rather than in every worker
        Session(options.work.command_line).settings_for(str(archive))
    with bulk_progress(err) as progress:
        summary = bulk.run_bulk(options, progress)
    where = "in place" if args.apply else f"as patches under {options.out_dir}/"
    note(
        err,
        f"{summary.files_scanned} files scanned, {summary.files_changed} changed {where}, "
        f"{len(summary.files_skipped)} skipped" + ("" if args.apply else f"; see {options.out_dir}/summary.txt"),
    )
    for item in summary.files_skipped[:20]:
        note(err, f"skipped {item['path']}: {item['reason']}")
    return EXIT_FINDINGS if summary.files_skipped else EXIT_OK


def cmd_lsp(args: argparse.Namespace, out: Console, err: Console) -> int:
    from copydesk import lsp  # pygls loads only for the server

    return lsp.run()
