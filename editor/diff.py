"""Unified diffs of fixes, in the file's own bytes, so that `patch -p1` and `git apply` take them."""

from __future__ import annotations

import difflib
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
    name = (path or before.path).replace("\\", "/").lstrip("/").encode("utf-8", "surrogateescape")
    header = b"diff --git a/%s b/%s\n" % (name, name)
    return header + b"".join(
        _with_eof_markers(
            difflib.diff_bytes(difflib.unified_diff, _lines(old), _lines(new), b"a/" + name, b"b/" + name, n=context)
        )
    )


def _with_eof_markers(lines: Iterator[bytes]) -> Iterator[bytes]:
    """difflib leaves a last line without its newline; patch wants the 'No newline' marker."""
    for line in lines:
        if line.endswith(b"\n"):
            yield line
        else:
            yield line + b"\n" + NO_NEWLINE


def _ascii_compatible(encoding: str) -> bool:
    return "a\n".encode(encoding) == b"a\n"
