"""Report formats: each turns checked files into the bytes or lines one consumer reads."""

from __future__ import annotations

from dataclasses import dataclass

from copydesk.document import Document
from copydesk.findings import Finding


@dataclass(frozen=True)
class FileReport:
    """One checked document and its findings, in order."""

    document: Document
    findings: tuple[Finding, ...]
