"""The token pattern matcher on its own: sequences, optional tokens, tags, skips and anchors."""

from __future__ import annotations

import pytest

from copydesk.checks.pattern import compile_sequence, match_at
from copydesk.rules import RuleError
from copydesk.text import Analysis


def _match(tokens: list[dict[str, object]], text: str) -> list[str] | None:
    """The tokens each matcher took at the first place the sequence matches (a skipped optional: "")."""
    matchers = compile_sequence(tokens, "test")
    (seq,) = Analysis(text).paragraph_tokens
    for start in range(len(seq)):
        spans = match_at(seq, start, matchers)
        if spans is not None:
            return [" ".join(t.text for t in seq[a:b]) for a, b in spans]
    return None


def test_text_optional_and_tag_tokens() -> None:
    pattern = [{"text": "this"}, {"text": "very", "optional": True}, {"tag": "NNS"}]
    assert _match(pattern, "We saw this results.") == ["this", "", "results"]
    assert _match(pattern, "We saw this very results.") == ["this", "very", "results"]
    assert _match(pattern, "We saw this result.") is None


def test_a_skip_spans_twelve_tokens_unless_its_limit_allows_more() -> None:
    text = "Though the level of academic education is very good in the old convent schools, but fees rose."
    short = [{"text": "though"}, {"skip_to": ","}, {"text": ","}, {"text": "but"}]
    assert _match(short, text) is None
    long = [{"text": "though"}, {"skip_to": ",", "skip_limit": 30}, {"text": ","}, {"text": "but"}]
    assert _match(long, text) == ["Though", "the level of academic education is very good in the old convent schools",
                                  ",", "but"]


def test_regex_is_anchored_to_the_whole_token_and_case_can_be_required() -> None:
    assert _match([{"regex": "it['’]s"}], "Yes, it's here.") == ["it's"]
    assert _match([{"regex": "it"}], "Yes, its here.") is None
    assert _match([{"text": "us", "case": "upper"}], "the US said") == ["US"]
    assert _match([{"text": "us", "case": "upper"}], "tell us") is None


@pytest.mark.parametrize(
    ("tokens", "says"),
    [([], "a non-empty list of tokens"), ([{"txt": "a"}], "unknown key(s) txt"), ([{"regex": "("}], "regex:"),
     ([{"case": "sentence"}], "case: upper, lower or title"), ([{"kind": "verb"}], "kind: one of"),
     ([{"skip_to": ","}, {"skip_limit": "many"}], "skip_limit: a whole number")],
)  # fmt: skip
def test_bad_tokens_are_rule_errors(tokens: list[dict[str, object]], says: str) -> None:
    with pytest.raises(RuleError, match="test") as caught:
        compile_sequence(tokens, "test")
    assert says in str(caught.value)


def test_a_parse_tag_token_asks_the_parse_and_stays_silent_without_it() -> None:
    """`parse_tag` reads the real parse of the sentence: "too" before a name is flagged, "too" before
    an adjective is not; with no syntax layer the rule cannot tell, so it flags nothing."""
    from copydesk.checks import build_check
    from copydesk.findings import Severity
    from copydesk.rules import Rule
    from copydesk.syntax import SyntaxParser

    rule = Rule(id="test.too", check="pattern", category="grammar", severity=Severity.WARNING, message="m",
                settings={"tokens": [{"text": "too", "mark": True, "to": {"too": "to"}}, {"parse_tag": ["NNP"]}],
                          "suggest": "{1}"}, source="pack.yaml")  # fmt: skip
    check = build_check(rule)
    text = "They will send a probe too Jupiter. The plan was too ambitious."
    found = list(check(Analysis(text, parser=SyntaxParser())))
    assert [(f.text, f.replacements) for f in found] == [("too", ("to",))]
    assert found[0].start == text.index("too Jupiter")
    assert list(check(Analysis(text))) == []


def test_an_antipatterns_parse_tag_asks_the_parse_too() -> None:
    """A `parse_tag` in an antipattern withdraws a match only where the parse gives that tag, not
    wherever a token stands: "a research lab" (a noun the lexicon lacks) stands, "a research on"
    is flagged."""
    from copydesk.checks import build_check
    from copydesk.findings import Severity
    from copydesk.rules import Rule
    from copydesk.syntax import SyntaxParser

    rule = Rule(id="test.mass", check="pattern", category="grammar", severity=Severity.WARNING, message="m",
                settings={"tokens": [{"text": "a", "mark": True}, {"text": "research", "mark": True}],
                          "antipatterns": [[{"text": "a"}, {"text": "research"}, {"parse_tag": ["NN"]}]],
                          "suggest": "{2}"}, source="pack.yaml")  # fmt: skip
    check = build_check(rule)
    text = "They set up a research lab. They did a research on sleep."
    found = list(check(Analysis(text, parser=SyntaxParser())))
    assert [(f.start, f.replacements) for f in found] == [(text.index("a research on"), ("research",))]
