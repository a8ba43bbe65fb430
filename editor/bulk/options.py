"""What a bulk run is: its archive, mode and settings; and the error that stops one from starting."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from copydesk.config import DEFAULT_FILE_TIMEOUT
from copydesk.errors import UserError
from copydesk.runner import config_for
from copydesk.settings import CommandLine, resolve


class BulkError(UserError, ValueError):
    """A bulk run that cannot start: bad folder, a journal from another run."""


@dataclass(frozen=True)
class Work:
    """What a worker needs to fix one file; plain data, so it pickles to any worker. Each file's
    Settings are resolved in the worker from its configuration and this command line."""

    archive_dir: str
    command_line: CommandLine = CommandLine()
    patch_dir: str | None = None  # a dry run: workers write each patch themselves, in parallel
    file_timeout: float = DEFAULT_FILE_TIMEOUT  # seconds one file may take before it is recorded "timed out"


@dataclass(frozen=True)
class Options:
    archive_dir: Path
    out_dir: Path
    apply: bool = False
    backup: bool = False
    jobs: int = 1
    dask: str | None = None
    journal: Path = Path("copydesk-bulk.sqlite")
    work: Work = Work("")


def run_identity(options: Options) -> dict[str, Any]:
    """What makes two bulk commands the same run: the archive, the mode and every setting that
    changes which fixes are made (not --jobs, --dask or --backup, which change only how)."""
    line = options.work.command_line
    settings = resolve(config_for(str(options.archive_dir)), line)
    return {
        "archive": str(options.archive_dir.resolve()),
        "mode": "apply" if options.apply else f"dry-run:{options.out_dir.resolve()}",
        "select": sorted(line.select),
        "ignore": sorted(line.ignore),
        "harper": settings.harper,
        "min_confidence": settings.min_confidence,
    }
