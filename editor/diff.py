"""Unified diffs of fixes, in the file's own bytes, so that `patch -p1` and `git apply` take them."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator

from copydesk.document import Document

NO_NEWLINE = b"\\ No newline at end of file\n"


def _lines(data: bytes) -> list[bytes]:
    """Split after each LF only, as patch does (a CR stays part of its line)."""
    parts = data.split(b"\n")
    lines = [p + b"\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def unified_diff(before: Document, after: Document, path: str | None = None, context: int = 3) -> bytes:
    """A git-style diff (a/ and b/ prefixes) of two versions of one document, empty if equal.

    It works on the encoded bytes, so a CRLF or cp1252 file's diff matches the file exactly.
    Encodings that are not ASCII-compatible (UTF-16) get a diff of the text in UTF-8 instead,
    which a person can read but `patch` cannot apply.
    """
    old, new = before.to_bytes(), after.to_bytes()
    if old == new:
        return b""
    if not _ascii_compatible(before.encoding):
        old, new = before.text.encode("utf-8"), after.text.encode("utf-8")
    shown = path or before.path
    if os.sep != "/":  # Windows: its separator; elsewhere a backslash is part of a file's name
        shown = shown.replace(os.sep, "/")
    name = shown.lstrip("/").encode("utf-8", "surrogateescape")
    old_name, new_name = quote_path(b"a/" + name), quote_path(b"b/" + name)
    header = b"diff --git %s %s\n" % (old_name, new_name)
    return header + b"".join(
        _with_eof_markers(
            difflib.diff_bytes(difflib.unified_diff, _lines(old), _lines(new), old_name, new_name, n=context)
        )
    )


_C_ESCAPES = {0x07: b"\\a", 0x08: b"\\b", 0x09: b"\\t", 0x0A: b"\\n", 0x0B: b"\\v", 0x0C: b"\\f",
              0x0D: b"\\r", 0x22: b'\\"', 0x5C: b"\\\\"}  # fmt: skip


def quote_path(name: bytes) -> bytes:
    """A path as git writes it in a diff header: as it is when plain, else in double quotes with C
    escapes and octal bytes (a newline, a quote, bytes that are not ASCII), which git apply and GNU
    patch both read back."""
    if not any(b < 0x20 or b >= 0x7F or b in (0x22, 0x5C) for b in name):
        return name
    out = b"".join(_C_ESCAPES.get(b) or (bytes([b]) if 0x20 <= b < 0x7F else b"\\%03o" % b) for b in name)
    return b'"' + out + b'"'


def _with_eof_markers(lines: Iterator[bytes]) -> Iterator[bytes]:
    """difflib leaves a last line without its newline; patch wants the 'No newline' marker."""
    for line in lines:
        if line.endswith(b"\n"):
            yield line
        else:
            yield line + b"\n" + NO_NEWLINE


def patchable(document: Document) -> bool:
    """Whether `patch` and `git apply` can apply a diff of this file (not UTF-16: they work on lines
    of ASCII-compatible bytes, and one such diff makes git apply reject a whole patch set)."""
    return _ascii_compatible(document.encoding)


def _ascii_compatible(encoding: str) -> bool:
    return "a\n".encode(encoding) == b"a\n"
