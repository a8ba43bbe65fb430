"""Edits: deterministic resolution, and the diff of the edits applies to give the same text."""

from __future__ import annotations

import itertools
import random
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copydesk.diff import unified_diff
from copydesk.document import Document
from copydesk.files import atomic_write
from copydesk.findings import Edit, Finding, Severity, apply_edits, carried_over, changed_span, resolve

TEXT = st.text(alphabet=st.sampled_from(list("ab \n\r’é")), max_size=60)


def _finding(start: int, end: int, text: str, replacement: str, confidence: float = 0.9) -> Finding:
    return Finding("t.rule", "grammar", Severity.WARNING, "m", start, end, text[start:end], (replacement,), confidence)


@st.composite
def text_and_findings(draw: st.DrawFn) -> tuple[str, list[Finding]]:
    text = draw(TEXT)
    findings = []
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        findings.append(_finding(start, end, text, draw(TEXT), draw(st.sampled_from([0.5, 0.9, 0.95]))))
    return text, findings


@given(text_and_findings(), st.randoms())
def test_resolution_is_deterministic_and_conflict_free(case: tuple[str, list[Finding]], rnd: random.Random) -> None:
    _text, findings = case
    first = resolve(findings)
    shuffled = list(findings)
    rnd.shuffle(shuffled)
    assert resolve(shuffled) == first
    edits = sorted(first.edits)
    assert all(not a.conflicts_with(b) for a, b in itertools.pairwise(edits))
    # Every finding with a real change is either applied or reported as conflicting.
    changing = [f for f in findings if f.replacements[0] != f.text]
    assert len(first.applied) + len(first.conflicting) == len(changing)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text_and_findings())
def test_applying_edits_equals_applying_their_diff(tmp_path: Path, case: tuple[str, list[Finding]]) -> None:
    text, findings = case
    before = Document.from_text(text, "doc.txt")
    after = before.with_text(apply_edits(text, resolve(findings).edits))
    target = tmp_path / "doc.txt"
    target.write_bytes(before.to_bytes())
    patch = unified_diff(before, after, "doc.txt")
    if patch:
        subprocess.run(
            ["patch", "-p1", "--quiet", "--no-backup-if-mismatch"],
            input=patch,
            cwd=tmp_path,
            check=True,
            capture_output=True,
        )
    assert target.read_bytes() == after.to_bytes()


def test_overlapping_edits_most_confident_wins_losers_kept() -> None:
    text = "hidden and and their"
    low = _finding(7, 14, text, "and", 0.5)
    high = _finding(11, 20, text, "their", 0.98)
    res = resolve([low, high])
    assert res.applied == (high,)
    assert res.conflicting == (low,)
    assert resolve([low, high], min_confidence=0.99).applied == ()


def test_same_point_insertions_conflict() -> None:
    assert Edit(3, 3, "a").conflicts_with(Edit(3, 3, "b"))
    assert not Edit(3, 3, "a").conflicts_with(Edit(0, 3, "b"))


def test_atomic_write_failure_leaves_original(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "a.txt"
    target.write_bytes(b"original")
    target.chmod(0o640)

    def boom(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("os.fsync", boom)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, b"new content")
    assert target.read_bytes() == b"original"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
    monkeypatch.undo()
    atomic_write(target, b"new content")
    assert target.read_bytes() == b"new content"
    assert target.stat().st_mode & 0o777 == 0o640


@given(st.text("ab x\n", max_size=40), st.text("ab x\n", max_size=40), st.text("ab x\n", max_size=40),
       st.text("ab x\n", max_size=8))  # fmt: skip
def test_changed_span_is_the_whole_difference(head: str, tail: str, old: str, new: str) -> None:
    before, after = head + old + tail, head + new + tail
    start, old_end, new_end = changed_span(before, after)
    assert before[:start] == after[:start] and before[old_end:] == after[new_end:]
    assert start <= old_end and start <= new_end and old_end - start <= len(old) and new_end - start <= len(new)
    if start < old_end and start < new_end:
        assert before[start] != after[start]  # the common start is as long as it can be


def test_findings_clear_of_an_edit_are_carried_over_it() -> None:
    before = "Ms. Rjavi said. The the end came. Mrs. Rajavi praised it."
    after = before.replace("end came", "end finally came")

    def at(text: str, word: str) -> Finding:
        start = text.index(word)
        return Finding("r", "c", Severity.WARNING, "m", start, start + len(word), word)

    kept = carried_over([at(before, "Rjavi"), at(before, "end came"), at(before, "Rajavi")], before, after)
    assert [(f.text, after[f.start : f.end]) for f in kept] == [("Rjavi", "Rjavi"), ("Rajavi", "Rajavi")]


def test_a_moved_finding_is_the_finding_with_its_span_shifted() -> None:
    from dataclasses import replace

    finding = Finding("repetition.doubled-word", "grammar", Severity.ERROR, "Doubled", 10, 17, "the the", ("the",),
                      0.9, ("copydesk",), False)  # fmt: skip
    moved = finding.moved(-4)
    assert moved == replace(finding, start=6, end=13) and hash(moved) == hash(replace(finding, start=6, end=13))
    assert (finding.start, finding.end) == (10, 17)  # the original stands
