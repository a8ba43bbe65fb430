"""JUnit XML, which most CI systems show as a test report: one test case per file and finding.

Only findings at or above the run's --fail-on threshold are failures, as they are for the exit
code; the others are passing test cases whose text says what was found.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from copydesk.findings import Severity
from copydesk.reports import FileReport


def render(reports: Sequence[FileReport], threshold: Severity | None = Severity.WARNING) -> str:
    """`threshold` None: nothing fails (--fail-on never)."""
    total = sum(max(1, len(r.findings)) for r in reports)
    failures = sum(1 for r in reports for f in r.findings if threshold is not None and f.severity >= threshold)
    suites = ET.Element("testsuites", name="copydesk", tests=str(total), failures=str(failures))
    suite = ET.SubElement(
        suites, "testsuite", name="copydesk", tests=str(total), failures=str(failures), errors="0", skipped="0"
    )
    for r in reports:
        if not r.findings:
            ET.SubElement(suite, "testcase", classname=r.document.path, name="no findings")
            continue
        for f in r.findings:
            line, col = r.document.line_col(f.start)
            case = ET.SubElement(suite, "testcase", classname=r.document.path, name=f"{f.rule} at {line}:{col}")
            fix = f" -> {f.replacements[0]}" if f.replacements else ""
            text = f"{r.document.path}:{line}:{col}: {f.severity.label} {f.rule} {f.message}{fix}"
            if threshold is not None and f.severity >= threshold:
                failure = ET.SubElement(case, "failure", message=f.message, type=f.severity.label)
                failure.text = text
            else:
                ET.SubElement(case, "system-out").text = text
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
