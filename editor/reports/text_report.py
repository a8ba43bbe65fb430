"""The human report: `path:line:col: severity rule-id message [-> replacement]`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape

from copydesk.findings import Severity
from copydesk.reports import FileReport

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def print_report(console: Console, reports: Sequence[FileReport]) -> None:
    """Rich decides colour: only on a terminal, never with NO_COLOR set."""
    for r in reports:
        for f in r.findings:
            line, col = r.document.line_col(f.start)
            fix = f" [green]-> {escape(_visible(f.replacements[0]))}[/]" if f.replacements else ""
            console.print(
                f"[bold]{escape(r.document.path)}[/]:{line}:{col}: [{_STYLE[f.severity]}]{f.severity.label}[/] "
                f"[dim]{escape(f.rule)}[/] {escape(f.message)}{fix}",
                soft_wrap=True,
                highlight=False,
            )
    console.print(summary_line(reports), soft_wrap=True, highlight=False)


def summary_line(reports: Sequence[FileReport]) -> str:
    counts = Counter(f.severity for r in reports for f in r.findings)
    total = sum(counts.values())
    files_with = sum(1 for r in reports if r.findings)
    if not total:
        return f"No findings in {len(reports)} file{'s' if len(reports) != 1 else ''}."
    parts = ", ".join(f"{counts[s]} {s.label}{'s' if counts[s] != 1 else ''}" for s in sorted(counts, reverse=True))
    return (
        f"{total} finding{'s' if total != 1 else ''} ({parts}) in {files_with} of {len(reports)} "
        f"file{'s' if len(reports) != 1 else ''}."
    )


def _visible(replacement: str) -> str:
    return replacement if replacement.strip() else repr(replacement)


def plain(reports: Sequence[FileReport]) -> str:
    """The text report without colour, for --output."""
    lines = []
    for r in reports:
        for f in r.findings:
            line, col = r.document.line_col(f.start)
            fix = f" -> {_visible(f.replacements[0])}" if f.replacements else ""
            lines.append(f"{r.document.path}:{line}:{col}: {f.severity.label} {f.rule} {f.message}{fix}")
    lines.append(summary_line(reports))
    return "\n".join(lines) + "\n"
