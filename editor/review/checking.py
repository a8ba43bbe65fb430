"""The review app's checks, in a process of their own: the interface keeps the interpreter to itself."""

from __future__ import annotations

from copydesk.archive import ArchiveStats
from copydesk.document import Document
from copydesk.engines.warmup import prewarm
from copydesk.findings import Finding
from copydesk.runner import Session
from copydesk.settings import CommandLine

_process_session: Session | None = None
_process_archive: ArchiveStats | None = None


def start_checker_process(archive: ArchiveStats | None) -> None:
    """Runs once in the checker process: the archive statistics cross the process boundary once."""
    global _process_archive
    _process_archive = archive
    prewarm()  # in the checker process: Harper sets itself up while the app draws


def check_in_process(command_line: CommandLine, document: Document) -> list[Finding]:
    """Runs in the checker process; one Session there, reused for every check."""
    global _process_session
    if _process_session is None or _process_session.command_line != command_line:
        _process_session = Session(command_line, archive=_process_archive)
    return _process_session.check(document)
