"""Checking many documents on every core: each worker process keeps one Session, the parent reads
the files and prints, and the results come back in the order the files were named, so the output
is the same byte for byte whatever --jobs is.

Workers are forked, so the parent must not have started Harper's warm-up thread before (a child
would inherit its locks); a folder small enough to check here gets the warm-up instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from copydesk.archive import ArchiveStats
from copydesk.document import Document
from copydesk.engines.warmup import prewarm
from copydesk.files import InputError
from copydesk.findings import Finding
from copydesk.runner import Session
from copydesk.settings import CommandLine

# A worker process costs about as much to start as checking a dozen articles: fewer files than
# this per worker are checked in this process.
FILES_PER_WORKER = 8

_session: Session | None = None
_notes: list[str] = []


def _check(line: CommandLine, archive: ArchiveStats | None, doc: Document) -> tuple[list[Finding], list[str]]:
    """In a worker: the document's findings, and what the session noted on the way (said by the parent)."""
    global _session
    if _session is None:
        _session = Session(line, note=_notes.append, archive=archive)
    _notes.clear()
    return _session.check(doc), list(_notes)


def _lost(doc: Document) -> tuple[list[Finding], list[str]]:
    raise InputError(f"{doc.path}: the worker checking it died (a crash or out of memory)")


def workers_for(documents: int, jobs: int) -> int:
    """How many worker processes check this many documents: none (this process) for a few."""
    workers = min(jobs, documents // FILES_PER_WORKER)
    return workers if workers >= 2 else 0


def check_all(
    items: Iterable[Document | InputError], session: Session, jobs: int
) -> Iterator[tuple[Document | InputError, list[Finding]]]:
    """Each item with its findings (an unreadable file with none), in order."""
    queue = list(items)
    documents = [d for d in queue if isinstance(d, Document)]
    workers = workers_for(len(documents), jobs)
    if not workers:
        if session.command_line.harper is not False:
            prewarm()
        for item in queue:
            yield item, (session.check(item) if isinstance(item, Document) else [])
        return
    from copydesk.bulk.executors import LocalMap  # process pools: not imported to check a few files

    results = LocalMap(workers).map(_check, (session.command_line, session.archive), documents, _lost)
    for item in queue:
        if not isinstance(item, Document):
            yield item, []
            continue
        findings, notes = next(results)
        for message in notes:
            session.note(message)
        yield item, findings
