"""House style sheets override inference; `copydesk style learn` writes one from an archive."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from conftest import SAMPLES
from conftest import main_in_process as copydesk


def findings(result_stdout: str) -> list[dict[str, object]]:
    return json.loads(result_stdout)["files"][0]["findings"]


def test_house_sheet_overrides_what_the_article_does(tmp_path: Path) -> None:
    (tmp_path / "style.yaml").write_text(
        "dialect: en-GB\nquotes: curly\nabbreviations: undotted\nforms: {e-mail: email}\nnames: [Rajavi]\n",
        encoding="utf-8",
    )
    (tmp_path / "copydesk.toml").write_text('house = "style.yaml"\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    # Consistent in itself: straight quotes, dotted U.N., American spelling; one name misspelt.
    article.write_text('The U.N. said "yes". The U.N. favored the plan by e-mail, Mr. Rjavi said.\n', encoding="utf-8")
    result = copydesk("check", "--format", "json", str(article))
    got = {(f["rule"], f["text"], f["replacements"][0]) for f in findings(result.stdout)}  # type: ignore[index]
    assert ("house.quotes", '"', "“") in got and ("house.quotes", '"', "”") in got
    assert ("house.abbreviations", "U.N.", "UN") in got
    assert ("house.forms", "e-mail", "email") in got
    assert ("consistency.name-variant", "Rjavi", "Rajavi") in got
    assert not any(rule == "consistency.quotes" for rule, _, _ in got)
    fixed = copydesk("fix", "--write", str(article))
    assert fixed.returncode == 0
    assert article.read_text(encoding="utf-8") == (
        "The UN said “yes”. The UN favoured the plan by email, Mr. Rajavi said.\n"
    )


def test_named_house_sheet_and_bad_sheet(tmp_path: Path) -> None:
    (tmp_path / "copydesk.toml").write_text('house = "news-uk"\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Prices rose 3 per cent, the web site said.\n", encoding="utf-8")
    got = {
        (f["text"], f["replacements"][0]) for f in findings(copydesk("check", "--format", "json", str(article)).stdout)
    }  # type: ignore[index]
    assert ("per cent", "percent") in got and ("web site", "website") in got
    (tmp_path / "copydesk.toml").write_text('house = "bad.yaml"\n', encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("quotes: fancy\n", encoding="utf-8")
    bad = copydesk("check", str(article))
    assert bad.returncode == 2 and "bad.yaml, field 'quotes'" in bad.stderr


def test_style_learn_writes_a_sheet_that_loads(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    for i in range(10):
        (archive / f"a{i}.txt").write_text(
            f"Story {i}. The UN said a long-term plan was “ready”, said Ms. Rajavi.\n", encoding="utf-8"
        )
    (archive / "odd.txt").write_text('The U.N. said a long term plan was "ready", said Ms. Rjavi.\n', encoding="utf-8")
    out = tmp_path / "house.yaml"
    result = copydesk("style", "learn", str(archive), "--output", str(out))
    assert result.returncode == 0, result.stderr
    sheet = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert sheet["quotes"] == "curly" and sheet["abbreviations"] == "undotted"
    assert sheet["forms"] == {"long term": "long-term"}
    assert sheet["names"] == ["Rajavi"]
    assert "# curly quotation marks 20, straight 2" in out.read_text(encoding="utf-8")
    (tmp_path / "copydesk.toml").write_text(f'house = "{out.name}"\n', encoding="utf-8")
    checked = copydesk("check", "--format", "json", "--fail-on", "warning", str(archive / "odd.txt"))
    assert checked.returncode == 1


def test_style_learn_tells_a_verb_and_its_particle_from_the_compound(tmp_path: Path) -> None:
    """"to set up" (a verb) is not a spelling of "the set-up" (a noun): the parse tells them apart,
    and a compound that is also a verb in the archive gets no preferred form to rewrite it by."""
    archive = tmp_path / "archive"
    archive.mkdir()
    for i in range(8):
        (archive / f"a{i}.txt").write_text(
            f"Story {i}. They set up a stall. The wake-up call came late. The set-up took an hour; the set-up was "
            "quick.\n",
            encoding="utf-8",
        )
    (archive / "b.txt").write_text("Story. They wake up early and the set-up is quick.\n", encoding="utf-8")
    result = copydesk("style", "learn", str(archive))
    assert result.returncode == 0, result.stderr
    sheet = yaml.safe_load(result.stdout) or {}  # comments only: nothing to prefer
    assert "set up" not in (sheet.get("forms") or {}) and "wake up" not in (sheet.get("forms") or {})
    article = archive / "a0.txt"
    checked = copydesk("check", "--no-harper", "--format", "json", "--select", "consistency.hyphenation", str(article))
    assert findings(checked.stdout) == []


def test_style_learn_on_the_samples_prints_a_sheet() -> None:
    result = copydesk("style", "learn", str(SAMPLES))
    assert result.returncode == 0 and result.stdout.startswith("# House style learned from")
    assert copydesk("style", "learn", "no/such/folder").returncode == 2


def test_blank_forms_and_empty_matching_patterns_are_refused(tmp_path: Path) -> None:

    article = tmp_path / "a.txt"
    article.write_text("Nothing here to change.\n", encoding="utf-8")
    (tmp_path / "copydesk.toml").write_text('house = "style.yaml"\n', encoding="utf-8")
    for forms in ('{"": "X"}', '{"  ": "X"}', '{"e-mail": ""}'):
        (tmp_path / "style.yaml").write_text(f"forms: {forms}\n", encoding="utf-8")
        result = copydesk("fix", "--write", "--no-harper", str(article))
        assert result.returncode == 2 and "style.yaml, field 'forms'" in result.stderr
    assert article.read_text(encoding="utf-8") == "Nothing here to change.\n"
    (tmp_path / "copydesk.toml").unlink()
    packs = tmp_path / "packs"
    packs.mkdir()
    for pattern in ("x*", "(?:)", "the|"):
        (packs / "mine.yaml").write_text(
            "rules:\n  - id: mine.empty\n    check: substitution\n    message: m\n"
            f"    settings: {{regex: true, swap: [{{pattern: '{pattern}', replacement: 'X'}}]}}\n",
            encoding="utf-8",
        )
        result = copydesk("fix", "--write", "--no-harper", str(article), env={"COPYDESK_RULES": str(packs)})
        assert result.returncode == 2 and "mine.yaml: rule mine.empty" in result.stderr
        assert "empty text" in result.stderr
    assert article.read_text(encoding="utf-8") == "Nothing here to change.\n"
