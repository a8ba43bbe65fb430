"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

GitHub shows at most 10 annotations of each kind (error, warning, notice) per step and 50 per
job, and drops the rest silently. So the first ones of each kind become annotations, every
finding is still printed as a plain log line, and a summary line says what was left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from copydesk.findings import Severity
from copydesk.reports import FileReport

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
PER_KIND = 10
PER_JOB = 50


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(reports: Sequence[FileReport]) -> str:
    lines = []
    shown: Counter[Severity] = Counter()
    total: Counter[Severity] = Counter()
    # Errors first, so that a cap never hides an error behind warnings.
    ordered = sorted(
        ((r, f) for r in reports for f in r.findings), key=lambda rf: -rf[1].severity.value
    )
    for r, f in ordered:
        line, col = r.document.line_col(f.start)
        fix = f" (fix: {f.replacements[0]!r})" if f.replacements else ""
        total[f.severity] += 1
        if shown[f.severity] < PER_KIND and sum(shown.values()) < PER_JOB:
            shown[f.severity] += 1
            end_line, end_col = r.document.line_col(f.end)
            props = (
                f"file={_property(r.document.path)},line={line},col={col},endLine={end_line},"
                f"endColumn={end_col},title={_property(f.rule)}"
            )
            lines.append(f"::{COMMANDS[f.severity]} {props}::{_data(f.message + fix)}")
        else:
            lines.append(_data(f"{r.document.path}:{line}:{col}: {f.severity.label} {f.rule} {f.message}{fix}"))
    counts = ", ".join(f"{total[s]} {s.label}{'s' if total[s] != 1 else ''}" for s in sorted(total, reverse=True))
    hidden = sum(total.values()) - sum(shown.values())
    summary = f"copydesk: {sum(total.values())} finding(s)" + (f" ({counts})" if counts else "")
    if hidden:
        summary += f"; {sum(shown.values())} shown as annotations (GitHub shows {PER_KIND} of each kind per step), "
        summary += f"{hidden} only in this log"
    lines.append(summary)
    return "\n".join(lines) + "\n"
