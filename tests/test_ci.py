"""Pre-publish checks in CI, through the real CLI: report formats, thresholds, baselines,
suppression, configuration discovery, markup and --diff-from."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from conftest import IRAN, ROOT, SAMPLES
from conftest import main_in_process as copydesk

SCHEMA = json.loads((ROOT / "tests" / "schemas" / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
MARKUP = SAMPLES / "markup"


def test_sarif_validates_against_the_official_schema() -> None:
    result = copydesk("check", "--format", "sarif", str(SAMPLES))
    assert result.returncode == 1, result.stderr
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    run = log["runs"][0]
    results = run["results"]
    assert any(r["ruleId"] == "repetition.doubled-word" for r in results)
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert all(rule_ids[r["ruleIndex"]] == r["ruleId"] for r in results if "ruleIndex" in r)
    doubled = next(
        r
        for r in results
        if r["ruleId"] == "repetition.doubled-word"
        and "iran" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    )
    region = doubled["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["snippet"]["text"]) == (3, 295, "and and")
    assert doubled["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "and"


def test_github_annotations() -> None:
    result = copydesk("check", "--format", "github", str(IRAN))
    *every, summary = result.stdout.splitlines()
    lines = [line for line in every if line.startswith("::")]
    assert lines and all(
        re.match(
            r"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,"
            r"endColumn=\d+,title=[^:]+::.+",
            line,
        )
        for line in lines
    )
    assert summary.startswith(f"copydesk: {len(every)} finding(s)")
    for kind in ("error", "warning", "notice"):  # GitHub's cap per kind and step
        assert sum(line.startswith(f"::{kind} ") for line in lines) <= 10
    assert all(re.match(r"^\S+:\d+:\d+: \w+ \S+ ", line) for line in every if not line.startswith("::"))
    assert any(
        line.startswith("::error file=") and "title=repetition.doubled-word::Doubled word" in line for line in lines
    )


def test_junit_report() -> None:
    result = copydesk("check", "--format", "junit", str(SAMPLES))
    root = ET.fromstring(result.stdout)
    suite = root.find("testsuite")
    assert suite is not None
    failures = suite.findall("testcase/failure")
    assert int(suite.get("failures", "0")) == len(failures) > 0
    assert any("repetition.doubled-word" in (case.get("name") or "") for case in suite.findall("testcase"))
    assert any(case.get("name") == "no findings" for case in suite.findall("testcase"))


def test_output_file_and_text_on_the_terminal(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = copydesk("check", "--format", "json", "--output", str(out), str(IRAN))
    assert result.returncode == 1
    assert "repetition.doubled-word" in result.stdout and result.stdout.rstrip().endswith("file.")
    assert json.loads(out.read_text(encoding="utf-8"))["version"] == 1


def test_thresholds_and_max_findings(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("It was the the end. They would of known. Each and every one.\n", encoding="utf-8")
    assert copydesk("check", str(target)).returncode == 1  # two errors: the default threshold fails
    assert copydesk("check", "--fail-on", "error", "--max-findings", "2", str(target)).returncode == 0
    assert copydesk("check", "--fail-on", "warning", "--max-findings", "2", str(target)).returncode == 0
    assert copydesk("check", "--fail-on", "info", "--max-findings", "2", str(target)).returncode == 1
    (tmp_path / "copydesk.toml").write_text('[severity]\n"repetition" = "warning"\n"confusable" = "info"\n',
                                            encoding="utf-8")  # fmt: skip
    assert copydesk("check", str(target)).returncode == 0
    assert copydesk("check", "--fail-on", "warning", str(target)).returncode == 1


def test_markdown_markup_is_not_checked_and_fixes_keep_it(tmp_path: Path) -> None:
    result = copydesk("check", "--format", "json", str(MARKUP / "feature.md"))
    findings = json.loads(result.stdout)["files"][0]["findings"]
    lines = {f["line"] for f in findings}
    source = (MARKUP / "feature.md").read_text(encoding="utf-8").splitlines()
    for f in findings:  # every finding is in prose, never in front matter, code, links or HTML
        assert source[f["line"] - 1][f["column"] - 1 :].startswith(f["text"])
    assert lines == {8, 11, 21}
    copy = tmp_path / "feature.md"
    shutil.copy(MARKUP / "feature.md", copy)
    assert copydesk("fix", "--write", str(copy)).returncode == 0
    fixed = copy.read_text(encoding="utf-8")
    for markup in (
        "title: The the front matter",
        "`the the`",
        "(https://example.org/the-the/would-of)",
        "<https://example.org/alot>",
        'alot = "would of"',
        "the the inline html block",
        "https://example.org/alot for",
    ):
        assert markup in fixed
    assert "said the talks" in fixed and "would have met" in fixed and "a lot of detail" in fixed


def test_html_checks_text_and_alt_only(tmp_path: Path) -> None:
    result = copydesk("check", "--format", "json", str(MARKUP / "page.html"))
    texts = sorted((f["line"], f["text"]) for f in json.loads(result.stdout)["files"][0]["findings"])
    assert texts == [(9, "the the"), (10, "the the")]


def test_baseline_survives_unrelated_edits(tmp_path: Path) -> None:
    target = tmp_path / "story.txt"
    target.write_text("First paragraph.\n\nIt was the the end, they would of known.\n", encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    written = copydesk("check", "--write-baseline", str(baseline), str(target))
    assert written.returncode == 0 and "2 finding(s) accepted" in written.stderr
    target.write_text(
        "A new lede.\n\nFirst paragraph, edited.\n\nIt was the the end, they would of known.\n", encoding="utf-8"
    )
    assert copydesk("check", "--baseline", str(baseline), str(target)).returncode == 0
    target.write_text(target.read_text(encoding="utf-8") + "\nAnd and a new slip.\n", encoding="utf-8")
    result = copydesk("check", "--format", "json", "--baseline", str(baseline), str(target))
    assert result.returncode == 1
    assert [f["text"] for f in json.loads(result.stdout)["files"][0]["findings"]] == ["And and"]
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    assert copydesk("check", "--baseline", str(bad), str(target)).returncode == 2


@pytest.mark.parametrize(
    ("text", "suffix"),
    [
        ("<!-- copydesk-disable repetition -->\nIt was the the end.\n<!-- copydesk-enable -->\n", ".md"),
        ("<!-- copydesk-disable-next-line repetition.doubled-word -->\nIt was the the end.\n", ".md"),
        ("It was the the end. copydesk: ignore repetition\n", ".txt"),
        ("copydesk: ignore\nIt was the the end.\n", ".txt"),
    ],
)
def test_inline_suppression(tmp_path: Path, text: str, suffix: str) -> None:
    target = tmp_path / f"a{suffix}"
    target.write_text(text + "\nThey would of known.\n", encoding="utf-8")
    result = copydesk("check", "--format", "json", str(target))
    rules = [f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]]
    assert rules == ["confusable.would-of"]


def test_sic_suppresses_spelling_and_name_findings(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text(
        "Ms. Rajavi spoke. Ms. Rjavi [sic] signed it, and the goverment [sic] agreed.\n", encoding="utf-8"
    )
    result = copydesk("check", "--format", "json", str(target))
    assert json.loads(result.stdout)["files"][0]["findings"] == []


def test_configuration_is_found_per_file(tmp_path: Path) -> None:
    strict, relaxed = tmp_path / "strict", tmp_path / "relaxed"
    for folder in (strict, relaxed):
        (folder / "sub").mkdir(parents=True)
        (folder / "sub" / "a.txt").write_text("It was the the end.\n", encoding="utf-8")
    (relaxed / "pyproject.toml").write_text(
        '[project]\nname="x"\n[tool.copydesk]\nignore = ["repetition"]\n', encoding="utf-8"
    )
    (strict / "copydesk.toml").write_text(
        '[[overrides]]\nfiles = ["sub/*"]\nselect = ["repetition"]\n', encoding="utf-8"
    )
    result = copydesk("check", "--format", "json", str(tmp_path))
    counts = {Path(f["path"]).parent.parent.name: len(f["findings"]) for f in json.loads(result.stdout)["files"]}
    assert counts == {"strict": 1, "relaxed": 0}
    shown = copydesk("config", str(relaxed / "sub" / "a.txt"))
    assert shown.returncode == 0 and "pyproject.toml" in shown.stdout and 'ignore = ["repetition"]' in shown.stdout


def test_include_exclude_globs(tmp_path: Path) -> None:
    (tmp_path / "copydesk.toml").write_text('exclude = ["drafts/*"]\n', encoding="utf-8")
    for name in ("drafts/x.txt", "final/y.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("the the\n", encoding="utf-8")
    result = copydesk("check", "--format", "json", str(tmp_path))
    assert [Path(f["path"]).name for f in json.loads(result.stdout)["files"]] == ["y.txt"]


def test_invalid_configuration_names_file_and_key(tmp_path: Path) -> None:
    (tmp_path / "copydesk.toml").write_text('[severity]\n"repetition" = "fatal"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("Text.\n", encoding="utf-8")
    result = copydesk("check", str(tmp_path / "a.txt"))
    assert result.returncode == 2
    assert "copydesk.toml: key 'severity.repetition'" in result.stderr and "Traceback" not in result.stderr
    (tmp_path / "copydesk.toml").write_text("colour = 1\n", encoding="utf-8")
    assert "key 'colour': unknown setting" in copydesk("check", str(tmp_path / "a.txt")).stderr


def test_diff_from_reports_only_changed_lines(tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "t@example.org")
    git("config", "user.name", "t")
    target = tmp_path / "story.txt"
    target.write_text("It was the the end.\nA quiet line.\n", encoding="utf-8")
    git("add", ".")
    git("commit", "-qm", "first")
    target.write_text("It was the the end.\nA quiet line, and and a new slip.\n", encoding="utf-8")
    result = copydesk("check", "--format", "json", "--diff-from", "HEAD", str(target))
    assert [f["line"] for f in json.loads(result.stdout)["files"][0]["findings"]] == [2]
    bad = copydesk("check", "--diff-from", "no-such-rev", str(target))
    assert bad.returncode == 2 and "no-such-rev" in bad.stderr


@pytest.mark.parametrize(
    ("name", "markup"),
    [
        ("ref.md", '[the report]: https://example.org/the-the/would-of "They would of said the the"\n'),
        ("code.md", "Type <code>would of</code> or <kbd>the the</kbd> to see it.\n"),
        ("toml.md", '+++\ntitle = "They would of met the the envoy"\n+++\n'),
        ("script.html", "<p>Intro.</p>\n<script>var s = 'would of the the';\n"),
        ("comment.html", "<p>Intro.</p>\n<!-- They would of met the the envoy\n"),
        ("cdata.html", "<p>Intro.</p>\n<![CDATA[ They would of met the the envoy ]]>\n"),
    ],
)
def test_fixes_never_touch_markup(tmp_path: Path, name: str, markup: str) -> None:

    prose = "<p>They said the the talks.</p>\n" if name.endswith(".html") else "They said the the talks.\n\n"
    target = tmp_path / name
    # Prose first for HTML, whose unclosed markup runs to the end; markup first for front matter.
    text = prose + markup if name.endswith(".html") else (markup + "\n" + prose if "toml" in name else prose + markup)
    target.write_text(text, encoding="utf-8")
    assert copydesk("fix", "--write", "--no-harper", str(target)).returncode == 0
    fixed = target.read_text(encoding="utf-8")
    assert "said the talks" in fixed  # the prose was fixed ...
    assert markup in fixed  # ... and the markup is byte for byte what it was
