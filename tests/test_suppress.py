"""Inline suppression as a pure function of the text: which findings the writer silenced."""

from __future__ import annotations

from copydesk.findings import Finding, Severity
from copydesk.suppress import blank_directives, unsuppressed


def _at(text: str, word: str, rule: str = "repetition.doubled-word", nth: int = 0) -> Finding:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Finding(rule=rule, category="grammar", severity=Severity.ERROR, message="m", start=start,
                   end=start + len(word), text=word)  # fmt: skip


def test_disable_enable_region_and_next_line() -> None:
    text = "the the\n<!-- copydesk-disable repetition -->\nthe the\n<!-- copydesk-enable -->\nthe the\n"
    kept = unsuppressed(text, [_at(text, "the the", nth=i) for i in range(3)])
    assert [f.start for f in kept] == [text.index("the the"), text.rindex("the the")]
    nxt = "<!-- copydesk-disable-next-line -->\nthe the\nthe the\n"
    assert len(unsuppressed(nxt, [_at(nxt, "the the"), _at(nxt, "the the", nth=1)])) == 1


def test_ignore_comment_on_its_own_line_covers_the_next_and_a_prefix_matches() -> None:
    text = "copydesk: ignore repetition\nthe the\nthe the\n"
    assert len(unsuppressed(text, [_at(text, "the the"), _at(text, "the the", nth=1)])) == 1
    other = "copydesk: ignore consistency\nthe the\n"
    assert len(unsuppressed(other, [_at(other, "the the")])) == 1  # another rule's silence


def test_sic_silences_only_the_rules_it_is_given() -> None:
    text = "Rjavi [sic] said so."
    name = _at(text, "Rjavi", rule="consistency.name-variant")
    assert unsuppressed(text, [name], sic_rules=("consistency.name-variant",)) == []
    assert unsuppressed(text, [name]) == [name]  # no sic rules: [sic] silences nothing
    grammar = _at(text, "Rjavi", rule="grammar.x")
    assert unsuppressed(text, [grammar], sic_rules=("consistency.name-variant",)) == [grammar]


def test_directives_are_blanked_to_the_same_length() -> None:
    text = "A <!-- copydesk-disable --> b\ncopydesk: ignore\n"
    blanked, spans = blank_directives(text)
    assert len(blanked) == len(text) and "copydesk" not in blanked and len(spans) == 2
    assert blanked.count("\n") == text.count("\n")
