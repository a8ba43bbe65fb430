"""The file side of the shell: which paths to check, reading them, writing them back atomically."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from copydesk.document import DecodeError, Document, looks_binary

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
STDIN = "-"


class InputError(Exception):
    """A path the user gave that cannot be checked: missing, unreadable, undecodable."""


class ChangedOnDisk(InputError):
    """The file changed between reading it and writing the fixes: writing would lose that change."""


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


def discover(paths: Sequence[str], suffixes: Sequence[str] = TEXT_SUFFIXES) -> Iterator[str | Skipped]:
    """Expand the command line's paths: files as given, folders recursively, hidden ones skipped.

    A missing path is an InputError at once, before any work is done on the others.
    """
    for p in paths:
        if p != STDIN and not os.path.lexists(p):
            raise InputError(f"{p}: no such file or directory")
    for p in paths:
        if p == STDIN or not os.path.isdir(p):
            yield p
            continue
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                full = os.path.join(root, name)
                if not is_regular_file(full):
                    # Reading a FIFO blocks until someone writes to it: never open one.
                    if name.lower().endswith(tuple(suffixes)):
                        yield Skipped(full, "not a regular file")
                elif name.lower().endswith(tuple(suffixes)):
                    yield full
                elif _is_binary_file(full):
                    yield Skipped(full, "binary file")


def is_regular_file(path: str | Path) -> bool:
    """A regular file (through a symbolic link): not a FIFO, socket, device or folder."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _is_binary_file(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            return looks_binary(fh.read(8192))
    except OSError:
        return False


def too_large(path: str | Path, max_mb: float) -> str | None:
    """Why a file is skipped for its size, or None: one huge export must not stall a whole run."""
    try:
        size = os.stat(path).st_size
    except OSError:
        return None  # reading it will say what is wrong
    if size <= max_mb * 1_000_000:
        return None
    return f"too large ({size / 1_000_000:.1f} MB; the limit is max-file-size = {max_mb:g} in copydesk.toml)"


def read_document(
    path: str, encoding: str | None = None, *, in_folder: bool = False, max_mb: float | None = None
) -> Document | Skipped:
    """Read and decode one file (or stdin). Binary content found inside a folder is skipped, and
    so is a file over `max_mb` megabytes."""
    if path != STDIN and os.path.exists(path) and not os.path.isdir(path) and not is_regular_file(path):
        raise InputError(f"{path}: not a regular file (a FIFO, socket or device); only files are read")
    if path != STDIN and max_mb is not None and (reason := too_large(path, max_mb)):
        return Skipped(path, reason)
    try:
        data = sys.stdin.buffer.read() if path == STDIN else Path(path).read_bytes()
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if looks_binary(data):
        if in_folder:
            return Skipped(path, "binary file")
        raise InputError(f"{path}: binary file, not text")
    try:
        return Document.from_bytes(data, path=path, encoding=encoding)
    except DecodeError as exc:
        raise InputError(f"{path}: {exc}") from None


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
