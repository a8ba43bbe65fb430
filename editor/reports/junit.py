"""JUnit XML, which most CI systems show as a test report: one test case per file and finding."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from editor.reports import FileReport


def render(reports: Sequence[FileReport]) -> str:
    total = sum(max(1, len(r.findings)) for r in reports)
    failures = sum(len(r.findings) for r in reports)
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
            failure = ET.SubElement(case, "failure", message=f.message, type=f.severity.label)
            fix = f" -> {f.replacements[0]}" if f.replacements else ""
            failure.text = f"{r.document.path}:{line}:{col}: {f.severity.label} {f.rule} {f.message}{fix}"
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
