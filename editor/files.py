"""The file side of the shell: errors about the user's files, and writing files back atomically."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from copydesk.errors import UserError

STDIN = "-"


class InputError(UserError):
    """A path the user gave that cannot be checked: missing, unreadable, undecodable."""


class ChangedOnDisk(InputError):
    """The file changed between reading it and writing the fixes: writing would lose that change."""


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


def is_regular_file(path: str | Path) -> bool:
    """A regular file (through a symbolic link): not a FIFO, socket, device or folder."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def stamp(path: str | Path) -> tuple[int, int] | None:
    """When a file last changed, and its size: a cache keyed by it reads the file again once it is
    edited (the language server and `copydesk server` outlive many edits of a configuration)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def _current_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def keep_backup(path: str | Path, original: bytes) -> None:
    """FILE.orig with the original bytes and mode, written once: an existing backup holds an older
    original (a second run's "original" is already the first run's result), so it is never replaced."""
    target = Path(os.path.realpath(path))
    backup = target.with_name(target.name + ".orig")
    if os.path.lexists(backup):
        return
    atomic_write(backup, original)
    shutil.copymode(target, backup)


def _new_file_mode() -> int:
    """The mode a new file gets from the umask (mkstemp's own 0600 would hide reports from others)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write(path: str | Path, data: bytes, expected: bytes | None = None) -> None:
    """Write data so that the file is either wholly old or wholly new, even after a crash.

    A temporary file in the same folder is written, fsynced and renamed over the target,
    keeping the target's permission bits (a new file gets the umask's); the folder is fsynced so
    the rename survives. A symbolic link is written through: its target changes, the link stays.
    A missing folder is created, so a report or baseline can go to a new place. With `expected`
    (the bytes the fixes were made from), a file that no longer holds them is left as it is: someone
    changed it meanwhile, and writing would lose their change.
    """
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = _new_file_mode()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".copydesk-tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        if expected is not None and _current_bytes(target) != expected:
            raise ChangedOnDisk(f"{path}: changed on disk since it was read; not written (run again to fix it)")
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
