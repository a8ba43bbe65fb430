"""The worker side: each file fixed by a pure function of its bytes, the settings and the archive's
counts. Whatever goes wrong with one file is recorded for it, and the run goes on."""

from __future__ import annotations

import contextlib
import hashlib
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from copydesk.archive import ArchiveStats
from copydesk.articles import archive_bytes, too_large
from copydesk.bulk.options import Work
from copydesk.config import load_config
from copydesk.diff import patchable, unified_diff
from copydesk.document import DecodeError, Document
from copydesk.files import atomic_write
from copydesk.findings import apply_edits, fixes_to_apply
from copydesk.runner import Session


class Status(StrEnum):
    """What happened to one file."""

    CHANGED = "changed"
    UNCHANGED = "unchanged"
    FAILED = "failed"


@dataclass
class FileResult:
    """What happened to one file; the parent turns it into a patch or a write."""

    rel: str
    status: Status
    reason: str = ""
    words: int = 0
    hash_before: str = ""
    fixed: bytes | None = field(default=None, repr=False)
    diff: bytes = field(default=b"", repr=False)
    edits: dict[str, int] = field(default_factory=dict)
    variants: dict[str, int] = field(default_factory=dict)  # "Rjavi -> Rajavi": count
    review: list[dict[str, Any]] = field(default_factory=list)  # less confident findings, for a person


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_sessions: dict[tuple[Work, int], Session] = {}


def _worker_session(work: Work, archive: ArchiveStats | None) -> Session:
    """One Session per worker process and run (building Harper's dictionary costs a second)."""
    key = (work, id(archive))
    if key not in _sessions:
        _sessions.clear()
        _sessions[key] = Session(work.command_line, archive=archive)
    return _sessions[key]


class FileTimeout(BaseException):
    """One file took longer than its budget. Not an Exception: the checker keeps going past a check
    that raises one (a bug in one check must not silence the others), and the budget, landing in a
    check, was swallowed there and the file's run went on (seen when the caches made the engines
    instant, so the signal fell in a check)."""


@contextlib.contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise FileTimeout in this thread after `seconds` (the main thread of a worker process; a
    Dask worker's thread cannot take signals, and there the cluster's own limits apply)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise FileTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def process_file(work: Work, archive: ArchiveStats | None, rel: str) -> FileResult:
    """One file's result; whatever goes wrong with it is recorded for it, and the run goes on."""
    try:
        with time_budget(work.file_timeout):
            return _process_file(work, archive, rel)
    except FileTimeout:
        return FileResult(rel, Status.FAILED, f"timed out after {work.file_timeout:g} s")
    except Exception as exc:  # a bug of ours on one odd file must not stop an archive's run
        return FileResult(rel, Status.FAILED, f"internal error: {type(exc).__name__}: {exc}")


def _process_file(work: Work, archive: ArchiveStats | None, rel: str) -> FileResult:
    path = Path(work.archive_dir, rel)
    reason = too_large(path, load_config(path).max_file_size)
    if reason:
        return FileResult(rel, Status.FAILED, f"skipped: {reason}")
    data = archive_bytes(path)
    if isinstance(data, str):
        return FileResult(rel, Status.FAILED, data)
    try:
        doc = Document.from_bytes(data, path=str(path))
    except DecodeError as exc:
        return FileResult(rel, Status.FAILED, f"undecodable: {exc}", hash_before=digest(data))
    session = _worker_session(work, archive)
    findings = session.check(doc)
    settings = session.settings_for(doc.path)
    resolution = fixes_to_apply(doc, findings, settings.min_confidence)  # the rest go to review
    names = session.checker_for(settings).rules_of_check("names")
    applied = {id(f) for f in resolution.applied}
    result = FileResult(rel, Status.UNCHANGED, words=doc.word_count(), hash_before=digest(data))
    for f in resolution.applied:
        result.edits[f.rule] = result.edits.get(f.rule, 0) + 1
        if f.rule in names:
            key = f"{f.text} -> {f.replacements[0]}"
            result.variants[key] = result.variants.get(key, 0) + 1
    for f in findings:
        if id(f) not in applied and f.replacements:
            line, col = doc.line_col(f.start)
            result.review.append(
                {"line": line, "column": col, "rule": f.rule, "text": f.text, "fix": f.replacements[0],
                 "confidence": round(f.confidence, 3)}
            )  # fmt: skip
    if resolution.applied:
        fixed = doc.with_text(apply_edits(doc.text, resolution.edits))
        result.status = Status.CHANGED
        result.fixed = fixed.to_bytes()
        result.diff = unified_diff(doc, fixed, rel)
        if work.patch_dir is not None:
            atomic_write(_patch_path(Path(work.patch_dir), rel, patchable(doc)), result.diff)
            result.diff, result.fixed = b"", None
            result.status = Status.CHANGED
    return result


# Diffs of files `patch` cannot apply (UTF-16) go beside the others under this suffix, readable but
# out of the way of `find patches -name '*.diff' | ... patch`, so that the rest of the set applies.
UNPATCHABLE_SUFFIX = ".utf-16.txt"


def _patch_path(out_dir: Path, rel: str, applies: bool = True) -> Path:
    target = out_dir / (rel + (".diff" if applies else UNPATCHABLE_SUFFIX))
    target.parent.mkdir(parents=True, exist_ok=True)
    return target
