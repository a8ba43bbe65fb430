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

from copydesk.bulk.journal import Journal
from copydesk.bulk.options import BulkError, Options, Work
from copydesk.bulk.run import run_bulk
from copydesk.bulk.summary import Summary

__all__ = ["BulkError", "Journal", "Options", "Summary", "Work", "run_bulk"]
