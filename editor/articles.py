"""Finding and reading articles, one way for every command: check, fix and review walk what the
command line names; bulk, `--across`, `style learn` and the language server walk an archive. Both
walks skip hidden files and folders, take the text suffixes only, honour the configuration's
`include`/`exclude` and never open a FIFO or a device.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from copydesk.archive import ArchiveStats, ArticleFacts, facts_of
from copydesk.config import Config, load_config
from copydesk.document import DecodeError, Document, looks_binary
from copydesk.files import STDIN, InputError, Skipped, is_regular_file
from copydesk.markup import checkable

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


def _file_config(path: str) -> Config:
    """The configuration that decides which files are read: `include`, `exclude` and
    `max-file-size` are keys of the whole file (not of `[[overrides]]`), so neither the overrides
    nor the project dictionary are needed here, and none is read again for every file."""
    return load_config(Path(path))


def _is_text_name(name: str) -> bool:
    return name.lower().endswith(TEXT_SUFFIXES)


def _walk(root: str) -> Iterator[tuple[str, list[str]]]:
    """Each folder below root (hidden ones left out), in sorted order, with its visible files."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        yield folder, sorted(f for f in files if not f.startswith("."))


def named(paths: Sequence[str], force_exclude: bool = False) -> Iterator[tuple[str | Skipped, bool]]:
    """What the command line names, each with whether it was found in a folder. A missing path is
    an InputError at once, before any work. Files a folder's configuration excludes are left out,
    and with `force_exclude` (pre-commit and editors name every file) files named directly too."""
    for p in paths:
        if p != STDIN and not os.path.lexists(p):
            raise InputError(f"{p}: no such file or directory")
    for p in paths:
        if p == STDIN or not os.path.isdir(p):
            if not (force_exclude and p != STDIN and _file_config(p).excludes(p)):
                yield p, False
            continue
        for folder, files in _walk(p):
            for name in files:
                full = os.path.join(folder, name)
                if not is_regular_file(full):  # reading a FIFO blocks until someone writes to it
                    if _is_text_name(name):
                        yield Skipped(full, "not a regular file"), True
                elif _is_text_name(name):
                    if not _file_config(full).excludes(full):
                        yield full, True
                elif _is_binary_file(full):
                    yield Skipped(full, "binary file"), True


def in_archive(root: Path, skipped: list[tuple[str, str]] | None = None) -> list[str]:
    """Every article below root, as sorted relative POSIX paths.

    Only regular files inside the archive count. A symbolic link is never a file of its own: one
    that leaves the archive is skipped (a dry run would copy an outside file into the patches,
    --apply would write outside the archive), and one that stays inside is fixed through its
    target, which is an article of the archive already. What is passed over goes to `skipped`.
    """
    found, passed_over = [], []
    real_root = root.resolve()
    config = load_config(root)
    for folder, files in _walk(str(root)):
        for name in files:
            if not _is_text_name(name):
                continue
            path = Path(folder, name)
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                inside = path.resolve().is_relative_to(real_root)
                passed_over.append((rel, "a link to a file " + ("checked through its own path" if inside
                                                                else "outside the archive")))  # fmt: skip
            elif not is_regular_file(path):
                passed_over.append((rel, "not a regular file"))
            elif config.source is None or not config.excludes(path):
                found.append(rel)
    if skipped is not None:
        skipped.extend(sorted(passed_over))
    return sorted(found)


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


def documents(
    paths: Sequence[str], encoding: str | None = None, force_exclude: bool = False
) -> Iterator[Document | Skipped | InputError]:
    """Each document the command line names, in order: read, a Skipped with its reason, or the
    error that made it unreadable (the other files go on)."""
    for item, found_in_folder in named(paths, force_exclude):
        if isinstance(item, Skipped):
            yield item
            continue
        try:
            limit = None if item == STDIN else _file_config(item).max_file_size
            yield read_document(item, encoding, in_folder=found_in_folder, max_mb=limit)
        except InputError as exc:
            yield exc


def archive_bytes(path: Path) -> bytes | str:
    """An archive file's bytes, or why it cannot be processed (bulk records the reason and goes on)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return "vanished"
    except PermissionError:
        return "permission denied"
    except OSError as exc:
        return f"unreadable: {exc.strerror or exc}"
    return "binary file" if looks_binary(data) else data


def prose(root: Path, rel: str) -> str | None:
    """An archive article's prose as the checks read it (markup masked), or None if unreadable."""
    data = archive_bytes(root / rel)
    if isinstance(data, str):
        return None
    try:
        return checkable(rel, Document.from_bytes(data).text).text
    except DecodeError:
        return None


def facts(root: str, rel: str) -> ArticleFacts:
    """The first pass over one article: what the archive-wide statistics count."""
    text = prose(Path(root), rel)
    return ArticleFacts() if text is None else facts_of(text)


def texts(root: Path) -> Iterator[str]:
    """Every readable article below root, as prose; the rest are passed over."""
    for rel in in_archive(root):
        text = prose(root, rel)
        if text is not None:
            yield text


def archive_stats(folder: str) -> ArchiveStats:
    """Name and dialect statistics over every article in a folder (`--across`, the language server)."""
    return ArchiveStats.gather(facts(folder, rel) for rel in in_archive(Path(folder)))
