"""SARIF 2.1.0, the format code-scanning services read (GitHub, Azure DevOps, GitLab)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, metadata
from typing import Any

from copydesk.baseline import fingerprint
from copydesk.findings import Finding, Severity
from copydesk.reports import FileReport
from copydesk.rules import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _region(report: FileReport, start: int, end: int) -> dict[str, Any]:
    line, column = report.document.line_col(start)
    end_line, end_column = report.document.line_col(end)
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _result(report: FileReport, f: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    location = {"artifactLocation": {"uri": report.document.path.replace("\\", "/")}}
    region = _region(report, f.start, f.end) | {"snippet": {"text": f.text}}
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [{"physicalLocation": location | {"region": region}}],
        "partialFingerprints": {"copydesk/v1": fingerprint(report.document.text, f)},
        "properties": {"category": f.category, "confidence": round(f.confidence, 3), "sources": list(f.sources)},
    }
    if f.rule in rule_index:
        result["ruleIndex"] = rule_index[f.rule]
    if f.replacements:
        result["fixes"] = [
            {
                "description": {"text": f"Replace with '{f.replacements[0]}'"},
                "artifactChanges": [
                    {
                        "artifactLocation": location["artifactLocation"],
                        "replacements": [
                            {
                                "deletedRegion": _region(report, f.start, f.end),
                                "insertedContent": {"text": f.replacements[0]},
                            }
                        ],
                    }
                ],
            }
        ]
    return result


def homepage() -> str | None:
    """The project's home page from the installed package's metadata ([project.urls] Homepage), so
    that informationUri points at something that exists; None (left out) while there is none."""
    try:
        urls = metadata("copydesk").get_all("Project-URL") or []
    except PackageNotFoundError:
        return None
    found = dict(u.split(", ", 1) for u in urls if ", " in u)
    return found.get("Homepage") or found.get("Documentation")


def render(reports: Sequence[FileReport], rules: Sequence[Rule], version: str) -> str:
    used = sorted({f.rule for r in reports for f in r.findings})
    known = {r.id: r for r in rules}
    descriptors = []
    for rule_id in used:
        rule = known.get(rule_id)
        descriptor: dict[str, Any] = {"id": rule_id}
        if rule is not None:
            first = (rule.description.splitlines() or [rule.message])[0]
            descriptor |= {
                "shortDescription": {"text": first},
                "fullDescription": {"text": rule.description or rule.message},
                "defaultConfiguration": {"level": LEVELS[rule.severity]},
                "properties": {"category": rule.category},
            }
        descriptors.append(descriptor)
    rule_index = {d["id"]: i for i, d in enumerate(descriptors)}
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "copydesk",
                        "version": version,
                        **({"informationUri": uri} if (uri := homepage()) else {}),
                        "rules": descriptors,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_result(r, f, rule_index) for r in reports for f in r.findings],
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=1) + "\n"
