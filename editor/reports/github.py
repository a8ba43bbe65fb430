"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request."""

from __future__ import annotations

from collections.abc import Sequence

from editor.findings import Severity
from editor.reports import FileReport

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(reports: Sequence[FileReport]) -> str:
    lines = []
    for r in reports:
        for f in r.findings:
            line, col = r.document.line_col(f.start)
            end_line, end_col = r.document.line_col(f.end)
            fix = f" (fix: {f.replacements[0]!r})" if f.replacements else ""
            props = (
                f"file={_property(r.document.path)},line={line},col={col},endLine={end_line},"
                f"endColumn={end_col},title={_property(f.rule)}"
            )
            lines.append(f"::{COMMANDS[f.severity]} {props}::{_data(f.message + fix)}")
    return "\n".join(lines) + ("\n" if lines else "")
