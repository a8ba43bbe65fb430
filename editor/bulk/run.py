"""The parent: scheduling, writing, resuming."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from copydesk.archive import ArchiveStats, ArticleFacts
from copydesk.articles import facts, in_archive
from copydesk.bulk.executors import DaskMap, LocalMap
from copydesk.bulk.journal import Journal, State
from copydesk.bulk.options import BulkError, Options, run_identity
from copydesk.bulk.summary import Summary, summarise, write_summary
from copydesk.bulk.worker import FileResult, Status, digest, process_file
from copydesk.files import atomic_write, keep_backup


def run_bulk(options: Options, progress: Callable[[int, int, int], None] = lambda done, total, words: None
             ) -> Summary:  # fmt: skip
    root = options.archive_dir
    if not root.is_dir():
        raise BulkError(f"{root}: not a folder")
    passed_over: list[tuple[str, str]] = []
    files = in_archive(root, passed_over)
    _remove_stale_temporaries(root)
    journal = Journal(options.journal, run_identity(options), "apply" if options.apply else "dry-run")
    for rel, reason in passed_over:  # listed in the summary with the other skipped files
        journal.record(rel, -1, -1, "", State.FAILED, "", _record(FileResult(rel, Status.FAILED, reason)))
    workers: LocalMap | DaskMap = DaskMap(options.dask, options.jobs) if options.dask else LocalMap(options.jobs)
    try:
        archive = journal.stats()
        if archive is None:
            archive = ArchiveStats.gather(workers.map(facts, (options.work.archive_dir,), files, _no_facts))
            journal.save_stats(archive)
        todo = [rel for rel in files if not _finished(journal, root, rel, options)]
        done = len(files) - len(todo)
        words = 0
        progress(done, len(files), words)
        for result in workers.map(process_file, (options.work, archive), todo, _worker_died):
            _settle(journal, options, result)
            done += 1
            words += result.words
            progress(done, len(files), words)
    finally:
        workers.close()
    summary = summarise(journal, [*files, *(rel for rel, _ in passed_over)])
    journal.close()
    if not options.apply:
        write_summary(options.out_dir, summary)
    return summary


def _no_facts(rel: str) -> ArticleFacts:
    return ArticleFacts()


def _worker_died(rel: str) -> FileResult:
    return FileResult(rel, Status.FAILED, "the worker died on this file (a crash or out of memory); the run went on")


def _remove_stale_temporaries(root: Path) -> None:
    """A run killed mid-write leaves its temporary file (never the target half-written): remove it."""
    for stale in root.rglob(".*.copydesk-tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


def _finished(journal: Journal, root: Path, rel: str, options: Options) -> bool:
    """Whether an earlier run settled this file; completes a write the earlier run was killed in."""
    row = journal.row(rel)
    if row is None:
        return False
    size, mtime_ns, hash_before, state, hash_after, _result = row
    path = root / rel
    try:
        data = path.read_bytes()
    except OSError:
        return bool(state == State.FAILED)
    current = digest(data)
    if state == State.WRITING:
        # Killed between the journal entry and the rename, or just after it.
        if current == hash_after:
            journal.record(rel, size, mtime_ns, hash_before, State.DONE, hash_after, json.loads(_result))
            return True
        return False  # the rename never happened: redo it
    if options.apply:
        return bool(current in (hash_after, hash_before) if state == State.DONE else current == hash_before)
    patch = options.out_dir / (rel + ".diff")
    return bool(current == hash_before and (state != State.DONE or hash_after == "" or patch.exists()))


def _settle(journal: Journal, options: Options, result: FileResult) -> None:
    path = options.archive_dir / result.rel
    try:
        st = path.stat()
        size, mtime_ns = st.st_size, st.st_mtime_ns
    except OSError:
        size, mtime_ns = -1, -1
    record = _record(result)
    if not options.apply:
        # The worker wrote the patch (atomically) before returning; record that it is done.
        state = State.FAILED if result.status == Status.FAILED else State.DONE
        patched = "patched" if result.status == Status.CHANGED else ""
        journal.record(result.rel, size, mtime_ns, result.hash_before, state, patched, record)
        return
    if result.status != Status.CHANGED or result.fixed is None:
        state = State.FAILED if result.status == Status.FAILED else State.DONE
        journal.record(result.rel, size, mtime_ns, result.hash_before, state, "", record)
        return
    hash_after = digest(result.fixed)
    if digest(path.read_bytes()) != result.hash_before:
        record |= {"status": Status.FAILED, "reason": "changed while the run was going on"}
        journal.record(result.rel, size, mtime_ns, result.hash_before, State.FAILED, "", record)
        return
    journal.record(result.rel, size, mtime_ns, result.hash_before, State.WRITING, hash_after, record)
    try:
        if options.backup:
            keep_backup(path, path.read_bytes())
        atomic_write(path, result.fixed)  # keeps the permission bits
    except OSError as exc:  # a read-only folder, a full disk: this file is recorded, the run goes on
        record |= {"status": Status.FAILED, "reason": f"cannot write: {exc.strerror or exc}"}
        journal.record(result.rel, size, mtime_ns, result.hash_before, State.FAILED, "", record)
        return
    journal.record(result.rel, size, mtime_ns, result.hash_before, State.DONE, hash_after, record)


def _record(result: FileResult) -> dict[str, Any]:
    """What the journal keeps of a result: everything but the fixed bytes and the diff."""
    return {k: v for k, v in asdict(result).items() if k not in ("fixed", "diff")}
