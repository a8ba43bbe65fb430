from __future__ import annotations

import pytest

from copydesk.text import Analysis, Kind, line_starts, match_case, split_paragraphs, tokenize


def test_tokens_keep_offsets_and_abbreviations() -> None:
    text = "The U.N.’s envoy, Ms. Rajavi, won 85 votes."
    tokens = tokenize(text)
    assert all(text[t.start : t.end] == t.text for t in tokens)
    words = [t.text for t in tokens if t.kind is Kind.WORD]
    assert words[:3] == ["The", "U.N.", "’"] or words[:2] == ["The", "U.N."]
    assert "Rajavi" in words
    assert any(t.kind is Kind.NUMBER and t.text == "85" for t in tokens)


def test_sentences_do_not_break_after_honorifics() -> None:
    text = "Ms. Rjavi said it. The U.N. Security Council met.\nMr. Smith agreed."
    analysis = Analysis(text)
    got = [text[s.start : s.end] for s in analysis.sentences]
    assert got == ["Ms. Rjavi said it.", "The U.N. Security Council met.", "Mr. Smith agreed."]


def test_a_pronoun_i_ends_a_sentence_and_an_initial_does_not() -> None:
    text = "He gave it to John and I. Then John I. Smith spoke of I. M. Pei. She is taller than I. He left."
    got = [text[s.start : s.end] for s in Analysis(text).sentences]
    assert got == ["He gave it to John and I.", "Then John I. Smith spoke of I. M. Pei.", "She is taller than I.",
                   "He left."]


def test_closing_quotes_stay_with_their_sentence() -> None:
    text = "He said “it is over.” Then he left."
    analysis = Analysis(text)
    assert [text[s.start : s.end] for s in analysis.sentences] == ["He said “it is over.”", "Then he left."]


def test_paragraphs_by_blank_lines_or_by_line() -> None:
    assert len(split_paragraphs("a\nb\n\nc\n")) == 2
    assert len(split_paragraphs("a\nb\nc")) == 3
    assert len(split_paragraphs("a\r\n\r\nb")) == 2


def test_match_case() -> None:
    assert match_case("Would of", "would have") == "Would have"
    assert match_case("ALOT", "a lot") == "A LOT"
    assert match_case("alot", "a lot") == "a lot"


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("", (0,)),
        ("one\ntwo\n", (0, 4, 8)),
        ("\n\nthree", (0, 1, 2)),
        ("one\r\ntwo\rthree\nfour", (0, 5, 9, 15)),  # \r\n is one break, a lone \r another
        ("end\r", (0, 4)),
    ],
)
def test_line_starts_count_every_kind_of_line_break(text: str, starts: tuple[int, ...]) -> None:
    assert line_starts(text) == starts
