"""Documents: bytes in, text for the checks, the very same bytes out where no edit touched them.

The decoded text is kept exactly as it is in the file, line breaks included, so that offsets
in findings are plain ``str`` indices and encoding the text again reproduces the original bytes.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import cached_property

import charset_normalizer

from copydesk.text import line_col, line_starts


class DecodeError(ValueError):
    """The bytes are not text we can decode and write back unchanged."""


# Legacy encodings an English archive plausibly uses; anything else is more likely a broken
# UTF-8 file or binary data, and guessing would corrupt it on write.
LEGACY_ENCODINGS = ("cp1252", "iso8859_15", "latin_1", "mac_roman")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


@dataclass(frozen=True)
class Document:
    """One article: its decoded text and what is needed to write it back byte for byte."""

    path: str
    text: str
    encoding: str = "utf-8"
    bom: bytes = b""
    newline: str = "\n"

    @classmethod
    def from_text(cls, text: str, path: str = "-") -> Document:
        return cls(path=path, text=text, newline=detect_newline(text))

    @classmethod
    def from_bytes(cls, data: bytes, path: str = "-", encoding: str | None = None) -> Document:
        text, enc, bom = decode_bytes(data, encoding)
        return cls(path=path, text=text, encoding=enc, bom=bom, newline=detect_newline(text))

    def with_text(self, text: str) -> Document:
        """The same file with new content: encoding, BOM and newline style carried over."""
        return Document(self.path, text, self.encoding, self.bom, self.newline)

    def to_bytes(self) -> bytes:
        return self.bom + self.text.encode(self.encoding)

    def can_encode(self, text: str) -> bool:
        """Whether a fix can be written in this file's encoding (a curly quote cannot in Latin-1)."""
        try:
            text.encode(self.encoding)
        except UnicodeEncodeError:
            return False
        return True

    @cached_property
    def line_starts(self) -> tuple[int, ...]:
        return line_starts(self.text)

    def line_col(self, offset: int) -> tuple[int, int]:
        return line_col(self.line_starts, offset)

    def word_count(self) -> int:
        return len(self.text.split())


def detect_newline(text: str) -> str:
    """The file's dominant newline, used for any line break an edit inserts."""
    counts = {"\r\n": text.count("\r\n")}
    counts["\n"] = text.count("\n") - counts["\r\n"]
    counts["\r"] = text.count("\r") - counts["\r\n"]
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else "\n"


def decode_bytes(data: bytes, encoding: str | None = None) -> tuple[str, str, bytes]:
    """Decode to (text, encoding, bom). Raises DecodeError with a reason a person can act on."""
    if encoding:
        try:
            return _round_trip(data, encoding, b"")
        except (LookupError, UnicodeError) as exc:
            raise DecodeError(f"cannot decode as {encoding}: {exc}") from None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _round_trip(data[len(bom) :], enc, bom)
            except UnicodeError as exc:
                raise DecodeError(f"starts with a {enc} byte-order mark but is not valid {enc}: {exc}") from None
    try:
        return _round_trip(data, "utf-8", b"")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if _UTF8_MULTIBYTE.search(data):
        # Valid UTF-8 sequences beside invalid bytes: a damaged UTF-8 file, not a legacy one.
        raise DecodeError(f"invalid UTF-8 at byte {utf8_error.start} (the rest of the file is UTF-8)")
    best = charset_normalizer.from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        raise DecodeError("not UTF-8, and no legacy Western encoding fits; pass --encoding")
    try:
        return _round_trip(data, best.encoding, b"")
    except UnicodeError:
        raise DecodeError(f"not UTF-8; {best.encoding} does not round-trip, pass --encoding") from None


def _round_trip(data: bytes, encoding: str, bom: bytes) -> tuple[str, str, bytes]:
    text = data.decode(encoding)
    if text.encode(encoding) != data:
        raise UnicodeDecodeError(encoding, data, 0, len(data), "does not encode back to the same bytes")
    return text, codecs.lookup(encoding).name, bom


def looks_binary(data: bytes) -> bool:
    """NUL bytes outside a UTF-16 file mean this is not an article."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return b"\x00" in data[:8192]
