from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from copydesk.document import DecodeError, Document, decode_bytes, detect_newline, looks_binary


@pytest.mark.parametrize(
    ("data", "encoding", "bom"),
    [
        (b"plain ascii\n", "utf-8", b""),
        ("caf\u00e9 \u201cquoted\u201d\r\n".encode(), "utf-8", b""),
        (codecs.BOM_UTF8 + "caf\u00e9\r\n".encode(), "utf-8", codecs.BOM_UTF8),
        (codecs.BOM_UTF16_LE + "caf\u00e9\n".encode("utf-16-le"), "utf-16-le", codecs.BOM_UTF16_LE),
        (codecs.BOM_UTF16_BE + "caf\u00e9\n".encode("utf-16-be"), "utf-16-be", codecs.BOM_UTF16_BE),
        ("The caf\u00e9 said \u201cno\u201d to the r\u00e9sum\u00e9.\n".encode("cp1252"), "cp1252", b""),
    ],
)
def test_decode_round_trips(data: bytes, encoding: str, bom: bytes) -> None:
    doc = Document.from_bytes(data)
    assert doc.encoding == encoding
    assert doc.bom == bom
    assert doc.to_bytes() == data


def test_damaged_utf8_is_an_error_not_a_guess() -> None:
    with pytest.raises(DecodeError, match="invalid UTF-8 at byte 10"):
        decode_bytes("caf\u00e9 ok, ".encode() + b"\xff and")


def test_forced_encoding() -> None:
    text, enc, _ = decode_bytes(b"caf\xe9", "latin-1")
    assert (text, enc) == ("caf\u00e9", "iso8859-1")
    with pytest.raises(DecodeError):
        decode_bytes(b"x", "no-such-encoding")


def test_newline_style_and_positions() -> None:
    doc = Document.from_text("one\r\ntwo\r\nthree")
    assert doc.newline == "\r\n"
    assert doc.line_col(doc.text.index("three")) == (3, 1)
    assert doc.line_col(doc.text.index("wo")) == (2, 2)
    assert detect_newline("a\nb\r\nc\n") == "\n"


def test_binary_detection() -> None:
    assert looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert not looks_binary(codecs.BOM_UTF16_LE + "text".encode("utf-16-le"))
    assert not looks_binary(b"")


@given(st.text())
def test_any_utf8_text_round_trips(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    try:
        doc = Document.from_bytes(data)
    except DecodeError:
        return  # lone surrogates are not UTF-8; refusing them is right
    assert doc.to_bytes() == data
