"""The JSON report: a contract that scripts and the scorer rely on (version 1)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from copydesk.findings import Finding
from copydesk.reports import FileReport

VERSION = 1


def finding_dict(report: FileReport, f: Finding) -> dict[str, Any]:
    line, column = report.document.line_col(f.start)
    return {
        "rule": f.rule,
        "category": f.category,
        "severity": f.severity.label,
        "message": f.message,
        "start": f.start,
        "end": f.end,
        "line": line,
        "column": column,
        "text": f.text,
        "replacements": list(f.replacements),
        "confidence": round(f.confidence, 3),
        "sources": list(f.sources),
        "safe": f.safe,  # added in 0.1: whether `fix` and bulk may apply the first replacement unattended
    }


def render(reports: Sequence[FileReport]) -> str:
    data = {
        "version": VERSION,
        "files": [
            {
                "path": r.document.path,
                "encoding": r.document.encoding,
                "findings": [finding_dict(r, f) for f in r.findings],
            }
            for r in reports
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
