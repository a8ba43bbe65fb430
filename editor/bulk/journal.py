"""The resume journal: SQLite, one row per file and run."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any

from copydesk.archive import ArchiveStats
from copydesk.bulk.options import BulkError

JOURNAL_VERSION = 2


class State(StrEnum):
    """A file's state in the journal: settled (done or failed), or between the journal entry and
    the rename that writes it (a run killed there completes or redoes the write when resumed)."""

    DONE = "done"
    FAILED = "failed"
    WRITING = "writing"


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
