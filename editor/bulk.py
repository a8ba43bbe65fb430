"""Bulk cleanup of an archive: a dry run of patches first, parallel, resumable, never a half-written file.

Two passes. The first counts name forms over the whole archive (so "Rjavi" in 2 articles is
fixed towards "Rajavi" in 300); its result is kept in the journal, so a resumed run decides
exactly as the first one did. The second checks each file on its own (a pure function of the
file's bytes, the settings and those counts), in worker processes or on a Dask cluster, and
the parent writes: a unified diff per changed file under PATCH_DIR (dry run), or the fixed file
in place (--apply), atomically, recording each step in a SQLite journal so that an interrupted
run resumes where it stopped and ends byte-identical to an uninterrupted one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import sqlite3
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from copydesk.archive import ArchiveStats, ArticleFacts, facts_of
from copydesk.diff import patchable, unified_diff
from copydesk.document import DecodeError, Document, looks_binary
from copydesk.files import TEXT_SUFFIXES, atomic_write, is_regular_file, keep_backup, too_large
from copydesk.findings import apply_edits, fixes_to_apply
from copydesk.markup import checkable
from copydesk.runner import Overrides, Session, config_for

DEFAULT_MIN_CONFIDENCE = 0.85
DEFAULT_FILE_TIMEOUT = 300.0
JOURNAL_VERSION = 2


@dataclass(frozen=True)
class Settings:
    """Everything a worker needs to fix one file; plain data, so it pickles to any worker."""

    archive_dir: str
    overrides: Overrides = field(default_factory=Overrides)
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    patch_dir: str | None = None  # a dry run: workers write each patch themselves, in parallel
    file_timeout: float = DEFAULT_FILE_TIMEOUT  # seconds one file may take before it is recorded "timed out"


@dataclass
class FileResult:
    """What happened to one file; the parent turns it into a patch or a write."""

    rel: str
    status: str  # "changed", "unchanged", "failed"
    reason: str = ""
    words: int = 0
    hash_before: str = ""
    fixed: bytes | None = field(default=None, repr=False)
    diff: bytes = field(default=b"", repr=False)
    edits: dict[str, int] = field(default_factory=dict)
    variants: dict[str, int] = field(default_factory=dict)  # "Rjavi -> Rajavi": count
    review: list[dict[str, Any]] = field(default_factory=list)  # less confident findings, for a person


def discover_archive(root: Path, skipped: list[tuple[str, str]] | None = None) -> list[str]:
    """Every article below root, as sorted relative POSIX paths (hidden folders and files skipped).

    Only regular files inside the archive count. A symbolic link is never a file of its own: one
    that leaves the archive is skipped (a dry run would copy an outside file into the patches,
    --apply would write outside the archive), and one that stays inside is fixed through its
    target, which is an article of the archive already. What is passed over goes to `skipped`.
    """
    found, passed_over = [], []
    real_root = root.resolve()
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.startswith(".") or not name.lower().endswith(TEXT_SUFFIXES):
                continue
            path = Path(folder, name)
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                inside = path.resolve().is_relative_to(real_root)
                passed_over.append((rel, "a link to a file " + ("checked through its own path" if inside
                                                                else "outside the archive")))  # fmt: skip
            elif not is_regular_file(path):
                passed_over.append((rel, "not a regular file"))
            else:
                found.append(rel)
    if skipped is not None:
        skipped.extend(sorted(passed_over))
    return sorted(found)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- worker side: pure functions of (file bytes, settings, archive counts) ---------------------

_sessions: dict[tuple[Settings, int], Session] = {}


def _worker_session(settings: Settings, archive: ArchiveStats | None) -> Session:
    """One Session per worker process and run (building Harper's dictionary costs a second)."""
    key = (settings, id(archive))
    if key not in _sessions:
        _sessions.clear()
        _sessions[key] = Session(settings.overrides, archive=archive)
    return _sessions[key]


def _read(path: Path) -> bytes | str:
    """The file's bytes, or why it cannot be processed."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return "vanished"
    except PermissionError:
        return "permission denied"
    except OSError as exc:
        return f"unreadable: {exc.strerror or exc}"
    return "binary file" if looks_binary(data) else data


def gather_facts(settings: Settings, rel: str) -> ArticleFacts:
    """The first pass over one article: what the archive-wide statistics count."""
    data = _read(Path(settings.archive_dir, rel))
    if isinstance(data, str):
        return ArticleFacts()
    try:
        text = Document.from_bytes(data).text
    except DecodeError:
        return ArticleFacts()
    return facts_of(checkable(rel, text).text)  # the prose, as the checks read it


class FileTimeout(Exception):
    """One file took longer than its budget."""


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


def process_file(settings: Settings, archive: ArchiveStats | None, rel: str) -> FileResult:
    """One file's result; whatever goes wrong with it is recorded for it, and the run goes on."""
    try:
        with time_budget(settings.file_timeout):
            return _process_file(settings, archive, rel)
    except FileTimeout:
        return FileResult(rel, "failed", f"timed out after {settings.file_timeout:g} s")
    except Exception as exc:  # a bug of ours on one odd file must not stop an archive's run
        return FileResult(rel, "failed", f"internal error: {type(exc).__name__}: {exc}")


def _process_file(settings: Settings, archive: ArchiveStats | None, rel: str) -> FileResult:
    path = Path(settings.archive_dir, rel)
    reason = too_large(path, config_for(str(path)).max_file_size)
    if reason:
        return FileResult(rel, "failed", f"skipped: {reason}")
    data = _read(path)
    if isinstance(data, str):
        return FileResult(rel, "failed", data)
    try:
        doc = Document.from_bytes(data, path=str(path))
    except DecodeError as exc:
        return FileResult(rel, "failed", f"undecodable: {exc}", hash_before=digest(data))
    findings = _worker_session(settings, archive).check(doc)
    resolution = fixes_to_apply(doc, findings, settings.min_confidence)  # the rest go to review
    applied = {id(f) for f in resolution.applied}
    result = FileResult(rel, "unchanged", words=doc.word_count(), hash_before=digest(data))
    for f in resolution.applied:
        result.edits[f.rule] = result.edits.get(f.rule, 0) + 1
        if f.rule == "consistency.name-variant":
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
        result.status = "changed"
        result.fixed = fixed.to_bytes()
        result.diff = unified_diff(doc, fixed, rel)
        if settings.patch_dir is not None:
            atomic_write(_patch_path(Path(settings.patch_dir), rel, patchable(doc)), result.diff)
            result.diff, result.fixed = b"", None
            result.status = "changed"
    return result


# --- the journal --------------------------------------------------------------------------------


class Journal:
    """SQLite, one row per file and run: its state before, and what was done, so a run can resume.

    One file holds many runs. A run is keyed by what decides its results (the archive, the mode,
    the settings), so the same command resumes its own run and a different one (a dry run, then
    --apply) starts its own beside it.
    """

    def __init__(self, path: Path, identity: Mapping[str, Any], mode: str) -> None:
        try:
            self.db = sqlite3.connect(path, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            # Writing in place needs every record on disk before the rename it announces, even
            # across a power cut; a lost dry-run record only means one patch is made again.
            self.db.execute(f"PRAGMA synchronous={'FULL' if mode == 'apply' else 'NORMAL'}")
            tables = {name for (name,) in self.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if tables and "runs" not in tables:
                raise BulkError(f"{path}: a journal from an older copydesk or another program; "
                                "use another --journal or delete it")  # fmt: skip
            self.db.executescript(
                """
                CREATE TABLE IF NOT EXISTS runs (
                    id INTEGER PRIMARY KEY, identity TEXT UNIQUE, names TEXT, dialects TEXT);
                CREATE TABLE IF NOT EXISTS files (
                    run INTEGER, rel BLOB, size INTEGER, mtime_ns INTEGER, hash_before TEXT,
                    state TEXT, hash_after TEXT, result TEXT, PRIMARY KEY (run, rel));
                """
            )
            key = json.dumps({**identity, "v": JOURNAL_VERSION}, sort_keys=True)
            self.db.execute("INSERT OR IGNORE INTO runs (identity) VALUES (?)", (key,))
            (self.run,) = self.db.execute("SELECT id FROM runs WHERE identity=?", (key,)).fetchone()
        except sqlite3.DatabaseError as exc:
            raise BulkError(f"{path}: not a copydesk journal ({exc}); use another --journal") from None

    def stats(self) -> ArchiveStats | None:
        names, dialects = self.db.execute("SELECT names, dialects FROM runs WHERE id=?", (self.run,)).fetchone()
        if names is None:
            return None
        return ArchiveStats.from_counts(dict(json.loads(names)), json.loads(dialects) if dialects else {})

    def save_stats(self, stats: ArchiveStats) -> None:
        self.db.execute(
            "UPDATE runs SET names=?, dialects=? WHERE id=?",
            (json.dumps(sorted(stats.articles.items())), json.dumps(dict(stats.dialects)), self.run),
        )

    def row(self, rel: str) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = self.db.execute(
            "SELECT size, mtime_ns, hash_before, state, hash_after, result FROM files WHERE run=? AND rel=?",
            (self.run, _key(rel)),
        ).fetchone()
        return row

    def record(self, rel: str, size: int, mtime_ns: int, hash_before: str, state: str, hash_after: str,
               result: dict[str, Any]) -> None:  # fmt: skip
        self.db.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (self.run, _key(rel), size, mtime_ns, hash_before, state, hash_after, json.dumps(result, sort_keys=True)),
        )

    def results(self) -> Iterator[dict[str, Any]]:
        for (value,) in self.db.execute("SELECT result FROM files WHERE run=? ORDER BY rel", (self.run,)):
            yield json.loads(value)

    def close(self) -> None:
        self.db.close()


def _key(rel: str) -> bytes:
    """A file's name as the file system has it: names that are not UTF-8 (kept by Python as
    surrogates) are bytes SQLite stores as they are; the JSON results escape them."""
    return os.fsencode(rel)


def run_identity(options: Options) -> dict[str, Any]:
    """What makes two bulk commands the same run: the archive, the mode and every setting that
    changes which fixes are made (not --jobs, --dask or --backup, which change only how)."""
    settings = options.settings
    return {
        "archive": str(options.archive_dir.resolve()),
        "mode": "apply" if options.apply else f"dry-run:{options.out_dir.resolve()}",
        "select": sorted(settings.overrides.select),
        "ignore": sorted(settings.overrides.ignore),
        "harper": settings.overrides.harper,
        "min_confidence": settings.min_confidence,
    }


class BulkError(ValueError):
    """A bulk run that cannot start: bad folder, a journal from another run."""


# --- the parent: scheduling, writing, summarising ------------------------------------------------


@dataclass(frozen=True)
class Options:
    archive_dir: Path
    out_dir: Path
    apply: bool = False
    backup: bool = False
    jobs: int = 1
    dask: str | None = None
    journal: Path = Path("copydesk-bulk.sqlite")
    settings: Settings = Settings("")


# Worker processes get the per-run arguments (settings, archive counts) once, at start-up,
# rather than with every file.
_shared: tuple[Callable[..., Any], tuple[Any, ...]] | None = None


def _init_worker(fn: Callable[..., Any], args: tuple[Any, ...], watch_parent: bool = False) -> None:
    global _shared
    _shared = (fn, args)
    if watch_parent:
        threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """A pool worker whose parent was killed (SIGKILL leaves it no time to say so) would wait for
    work forever: it leaves as soon as it is re-parented."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _run(item: Any) -> Any:
    assert _shared is not None
    fn, args = _shared
    return fn(*args, item)


def _dask_call(item: Any, fn: Callable[..., Any], shared: tuple[Any, ...]) -> Any:
    return fn(*shared, item)


class LocalMap:
    """In this process (--jobs 1) or a pool of worker processes; results in input order.

    A worker that dies (an abort inside an engine, the kernel's out-of-memory killer) breaks the
    pool: the first unfinished file is then run alone in a fresh worker, so that the file that
    kills a worker is found and given `lost(item)` as its result, and the rest go on in a new pool.
    """

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs

    def map(self, fn: Callable[..., Any], args: tuple[Any, ...], items: Sequence[Any],
            lost: Callable[[Any], Any]) -> Iterator[Any]:  # fmt: skip
        if self.jobs <= 1:
            _init_worker(fn, args)
            yield from (_run(item) for item in items)
            return
        queue = list(items)
        while queue:
            done = yield from self._until_broken(fn, args, queue, self.jobs)
            queue = queue[done:]
            if queue:  # the pool broke: is the first unfinished file the one that broke it?
                alone = yield from self._until_broken(fn, args, queue[:1], 1)
                if not alone:
                    yield lost(queue[0])
                queue = queue[1:]

    def _until_broken(self, fn: Callable[..., Any], args: tuple[Any, ...], queue: Sequence[Any],
                      jobs: int) -> Generator[Any, None, int]:  # fmt: skip
        """Yield results in order until the pool breaks; return how many were yielded."""
        pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(fn, args, True))
        window: deque[Future[Any]] = deque()
        ahead = jobs * 16  # files handed out ahead of the results, not the whole archive at once
        done = 0
        try:
            position = 0
            while done < len(queue):
                while position < len(queue) and len(window) < ahead:
                    window.append(pool.submit(_run, queue[position]))
                    position += 1
                try:
                    result = window.popleft().result()
                except BrokenProcessPool:
                    return done
                yield result
                done += 1
            return done
        finally:
            pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        pass


class DaskMap:
    """The same work on a dask.distributed cluster; --dask local starts a LocalCluster."""

    def __init__(self, address: str, jobs: int) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise BulkError("--dask needs the dask extra: pip install 'copydesk[dask]'") from None
        self.cluster = (
            LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True, dashboard_address=None)
            if address == "local"
            else None
        )
        try:
            self.client = Client(self.cluster if self.cluster is not None else address, timeout="30s")
        except OSError as exc:
            raise BulkError(f"cannot reach the Dask scheduler at {address}: {exc}") from None

    def map(self, fn: Callable[..., Any], args: tuple[Any, ...], items: Sequence[Any],
            lost: Callable[[Any], Any]) -> Iterator[Any]:  # fmt: skip
        from dask.distributed import as_completed

        [shared] = self.client.scatter([args], broadcast=True)
        futures = self.client.map(_dask_call, list(items), fn=fn, shared=shared, pure=False)
        for future in as_completed(futures):
            yield future.result()

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def run_bulk(options: Options, progress: Callable[[int, int, int], None] = lambda done, total, words: None
             ) -> dict[str, Any]:  # fmt: skip
    root = options.archive_dir
    if not root.is_dir():
        raise BulkError(f"{root}: not a folder")
    passed_over: list[tuple[str, str]] = []
    files = discover_archive(root, passed_over)
    _remove_stale_temporaries(root)
    journal = Journal(options.journal, run_identity(options), "apply" if options.apply else "dry-run")
    for rel, reason in passed_over:  # listed in the summary with the other skipped files
        journal.record(rel, -1, -1, "", "failed", "", _record(FileResult(rel, "failed", reason)))
    workers: LocalMap | DaskMap = DaskMap(options.dask, options.jobs) if options.dask else LocalMap(options.jobs)
    try:
        archive = journal.stats()
        if archive is None:
            archive = ArchiveStats.gather(workers.map(gather_facts, (options.settings,), files, _no_facts))
            journal.save_stats(archive)
        todo = [rel for rel in files if not _finished(journal, root, rel, options)]
        done = len(files) - len(todo)
        words = 0
        progress(done, len(files), words)
        for result in workers.map(process_file, (options.settings, archive), todo, _worker_died):
            _settle(journal, options, result)
            done += 1
            words += result.words
            progress(done, len(files), words)
    finally:
        workers.close()
    summary = summarise(journal, [*files, *(rel for rel, _ in passed_over)])
    journal.close()
    if not options.apply:
        _write_summary(options.out_dir, summary)
    return summary


def _no_facts(rel: str) -> ArticleFacts:
    return ArticleFacts()


def _worker_died(rel: str) -> FileResult:
    return FileResult(rel, "failed", "the worker died on this file (a crash or out of memory); the run went on")


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
        return bool(state == "failed")
    current = digest(data)
    if state == "writing":
        # Killed between the journal entry and the rename, or just after it.
        if current == hash_after:
            journal.record(rel, size, mtime_ns, hash_before, "done", hash_after, json.loads(_result))
            return True
        return False  # the rename never happened: redo it
    if options.apply:
        return bool(current in (hash_after, hash_before) if state == "done" else current == hash_before)
    patch = options.out_dir / (rel + ".diff")
    return bool(current == hash_before and (state != "done" or hash_after == "" or patch.exists()))


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
        state = "failed" if result.status == "failed" else "done"
        journal.record(result.rel, size, mtime_ns, result.hash_before, state, "patched" if result.status == "changed"
                       else "", record)  # fmt: skip
        return
    if result.status != "changed" or result.fixed is None:
        state = "failed" if result.status == "failed" else "done"
        journal.record(result.rel, size, mtime_ns, result.hash_before, state, "", record)
        return
    hash_after = digest(result.fixed)
    if digest(path.read_bytes()) != result.hash_before:
        record |= {"status": "failed", "reason": "changed while the run was going on"}
        journal.record(result.rel, size, mtime_ns, result.hash_before, "failed", "", record)
        return
    journal.record(result.rel, size, mtime_ns, result.hash_before, "writing", hash_after, record)
    try:
        if options.backup:
            keep_backup(path, path.read_bytes())
        atomic_write(path, result.fixed)  # keeps the permission bits
    except OSError as exc:  # a read-only folder, a full disk: this file is recorded, the run goes on
        record |= {"status": "failed", "reason": f"cannot write: {exc.strerror or exc}"}
        journal.record(result.rel, size, mtime_ns, result.hash_before, "failed", "", record)
        return
    journal.record(result.rel, size, mtime_ns, result.hash_before, "done", hash_after, record)


# Diffs of files `patch` cannot apply (UTF-16) go beside the others under this suffix, readable but
# out of the way of `find patches -name '*.diff' | ... patch`, so that the rest of the set applies.
UNPATCHABLE_SUFFIX = ".utf-16.txt"


def _record(result: FileResult) -> dict[str, Any]:
    """What the journal keeps of a result: everything but the fixed bytes and the diff."""
    return {k: v for k, v in asdict(result).items() if k not in ("fixed", "diff")}


def _patch_path(out_dir: Path, rel: str, applies: bool = True) -> Path:
    target = out_dir / (rel + (".diff" if applies else UNPATCHABLE_SUFFIX))
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def summarise(journal: Journal, files: Iterable[str]) -> dict[str, Any]:
    wanted = set(files)
    edits: Counter[str] = Counter()
    variants: Counter[str] = Counter()
    review: Counter[str] = Counter()
    changed, failed, scanned, words = [], [], 0, 0
    for result in journal.results():
        if result["rel"] not in wanted:
            continue
        scanned += 1
        words += result["words"]
        edits.update(result["edits"])
        variants.update(result["variants"])
        review.update(item["rule"] for item in result["review"])
        if result["status"] == "changed":
            changed.append(result["rel"])
        elif result["status"] == "failed":
            failed.append({"path": result["rel"], "reason": result["reason"]})
    return {
        "files_scanned": scanned,
        "files_changed": len(changed),
        "files_skipped": failed,
        "words": words,
        "edits_by_rule": dict(sorted(edits.items())),
        "name_variants_fixed": dict(variants.most_common(50)),
        "left_for_review_by_rule": dict(sorted(review.items())),
        "changed": sorted(changed),
    }


def _write_summary(out_dir: Path, summary: dict[str, Any]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    atomic_write(out_dir / "summary.json", (json.dumps(summary, indent=1, sort_keys=True) + "\n").encode())
    lines = [
        f"files scanned: {summary['files_scanned']}",
        f"files changed: {summary['files_changed']} (one .diff each below this folder)",
        f"files skipped: {len(summary['files_skipped'])}",
        *(f"  {s['path']}: {s['reason']}" for s in summary["files_skipped"]),
        "edits by rule:",
        *(f"  {rule}: {n}" for rule, n in summary["edits_by_rule"].items()),
        "name variants fixed:",
        *(f"  {pair}: {n}" for pair, n in summary["name_variants_fixed"].items()),
        "left for review (not confident enough to apply in bulk), by rule:",
        *(f"  {rule}: {n}" for rule, n in summary["left_for_review_by_rule"].items()),
    ]
    atomic_write(out_dir / "summary.txt", ("\n".join(lines) + "\n").encode("utf-8", "surrogateescape"))
