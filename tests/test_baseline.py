"""Baselines: what was accepted stays accepted through unrelated edits; a new finding is reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copydesk.baseline import Baseline, BaselineError, write_baseline
from copydesk.document import Document
from copydesk.findings import Finding, Severity


def _finding(text: str, word: str) -> Finding:
    start = text.index(word)
    return Finding(rule="r.x", category="style", severity=Severity.WARNING, message="m", start=start,
                   end=start + len(word), text=word)  # fmt: skip


def test_accepted_findings_survive_edits_elsewhere_and_new_ones_are_reported(tmp_path: Path) -> None:
    (tmp_path / "copydesk.toml").write_text("", encoding="utf-8")
    path = str(tmp_path / "a.txt")
    before = Document.from_text("One teh slip.\n\nAnother paragraph.\n", path)
    assert write_baseline(str(tmp_path / "b.json"), [(before, [_finding(before.text, "teh")])]) == 1
    saved = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    assert list(saved["findings"]) == ["a.txt"] and saved["findings"]["a.txt"][0]["rule"] == "r.x"
    after = Document.from_text("A new first line.\n\nOne teh slip.\n\nAnother paragraph, teh.\n", path)
    old, new = _finding(after.text, "teh"), _finding(after.text[:-6], "paragraph")
    assert Baseline(str(tmp_path / "b.json")).new_findings(after, [old, new]) == [new]


@pytest.mark.parametrize("content", ["", "[]", '{"version": 1, "findings": {}}', '{"findings": {"a": [{}]}}'])
def test_a_broken_baseline_is_a_clear_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError, match=r"b\.json"):
        Baseline(str(path))
