"""A Session: settings per file, one checker per distinct settings, markup and suppression applied."""

from __future__ import annotations

from pathlib import Path

import pytest

from copydesk.config import ConfigError, _load_config_file
from copydesk.document import Document
from copydesk.findings import Finding, Severity
from copydesk.rules import RuleError
from copydesk.runner import Session, add_project_word, config_for, with_severities
from copydesk.settings import CommandLine


@pytest.fixture(autouse=True)
def _fresh_configs() -> None:
    _load_config_file.cache_clear()


def test_one_checker_per_distinct_settings(tmp_path: Path) -> None:
    for name, toml in (("a", ""), ("b", ""), ("c", 'dialect = "en-GB"\n')):
        (tmp_path / name).mkdir()
        (tmp_path / name / "copydesk.toml").write_text(toml, encoding="utf-8")
    session = Session(CommandLine(harper=False, languagetool="off"))
    settings = [session.settings_for(str(tmp_path / n / "x.txt")) for n in "abc"]
    assert settings[0] == settings[1] != settings[2] and settings[2].dialect == "en-GB"
    assert session.checker_for(settings[0]) is session.checker_for(settings[1])
    assert session.checker_for(settings[0]) is not session.checker_for(settings[2])


def test_check_masks_markup_drops_suppressed_findings_and_applies_severities(tmp_path: Path) -> None:
    (tmp_path / "copydesk.toml").write_text('[severity]\n"repetition" = "info"\n', encoding="utf-8")
    text = "It was the the end. `and and` code.\n\n<!-- copydesk-disable-next-line -->\nSo so it it goes.\n"
    doc = Document.from_text(text, str(tmp_path / "a.md"))
    findings = Session(CommandLine(harper=False, languagetool="off")).check(doc)
    doubled = [f for f in findings if f.rule == "repetition.doubled-word"]
    assert [f.text for f in doubled] == ["the the"] and doubled[0].severity is Severity.INFO


def test_unknown_rule_ids_are_refused_with_the_nearest(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="repetition"):
        Session(CommandLine(select=("repetiton",), harper=False)).settings_for(str(tmp_path / "a.txt"))
    (tmp_path / "copydesk.toml").write_text('ignore = ["consistncy"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="key 'ignore'"):
        Session(CommandLine(harper=False)).settings_for(str(tmp_path / "a.txt"))


def test_the_project_dictionary_reaches_the_configuration(tmp_path: Path) -> None:
    (tmp_path / "copydesk.toml").write_text("", encoding="utf-8")
    path = str(tmp_path / "a.txt")
    assert "Qwzx" not in config_for(path).words
    assert add_project_word(path, "Qwzx") == tmp_path / ".copydesk" / "dictionary.txt"
    assert "Qwzx" in config_for(path).words


def test_the_most_specific_severity_wins() -> None:
    f = Finding(rule="consistency.quotes", category="typography", severity=Severity.WARNING, message="m", start=0,
                end=1, text="x")  # fmt: skip
    overrides = (("consistency", Severity.INFO), ("consistency.quotes", Severity.ERROR))
    assert with_severities([f], overrides)[0].severity is Severity.ERROR
    assert with_severities([f], (("consistency", Severity.INFO),))[0].severity is Severity.INFO


def test_an_incremental_session_finds_what_a_whole_check_finds() -> None:
    """The language server's sessions keep paragraph-local rules' findings per paragraph; an
    edited article must get exactly the findings a fresh whole check gives."""
    from conftest import IRAN, SAMPLES

    whole, incremental = Session(CommandLine(harper=False)), Session(CommandLine(harper=False), incremental=True)
    for path in (IRAN, *sorted((SAMPLES / "onestopenglish").glob("*.txt"))[:6]):
        doc = Document.from_bytes(path.read_bytes(), str(path))
        assert incremental.check(doc) == whole.check(doc)
    text = IRAN.read_text(encoding="utf-8").replace("hidden and and", "hidden or or", 1)
    edited = Document.from_text(text, str(IRAN))
    assert incremental.check(edited) == whole.check(edited)
    cached = incremental.checker_for(incremental.settings_for(str(IRAN)))._paragraph_cache
    assert len(cached) > 10 and any("hidden or or" in text for text in cached)
