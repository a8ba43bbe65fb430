"""Hostile and pathological input: every article finishes (or is skipped with a note), every bad
configuration is one line and exit 2, and the parsers survive fuzzing. Times are measured in
bench/hostile.py, never asserted here."""

from __future__ import annotations

import base64
import contextlib
import json
import multiprocessing
import os
import time
from pathlib import Path

import pytest
from conftest import IRAN, run_cli
from conftest import main_in_process as copydesk
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from copydesk.bulk.executors import LocalMap
from copydesk.checker import Checker
from copydesk.document import DecodeError, Document
from copydesk.markup import checkable
from copydesk.rules import load_rules
from copydesk.settings import NO_ENGINES
from copydesk.suppress import quiet_regions, unsuppressed

SLIP = "They said the the talks would resume.\n"


def rules_of(report: str) -> list[str]:
    return [f["rule"] for file in json.loads(report)["files"] for f in file["findings"]]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("token.txt", "x" * 20_000 + " and then " + SLIP),
        ("sic.txt", "He wrote “recieve” [sic] in his note.\n" * 2_000 + SLIP),
        ("ignore.txt", "It was the the end. copydesk: ignore\n" * 5_000 + SLIP),
        ("quotes.md", ">" * 50_000 + " quoted\n\n" + SLIP),
        ("data.html", '<p>They said the the talks.</p><img src="data:image/png;base64,'
                      + base64.b64encode(os.urandom(192 * 1024)).decode() + '" alt="x">\n'),
    ],
    ids=["20k-token", "2000-sic", "5000-ignore", "50k-nested-quotes", "192k-data-url"],
)
def test_pathological_articles_finish_with_their_findings(tmp_path: Path, name: str, text: str) -> None:
    target = tmp_path / name
    target.write_text(text, encoding="utf-8")
    result = copydesk("check", "--format", "json", "--fail-on", "never", str(target))
    assert result.returncode == 0, result.stderr
    assert "repetition.doubled-word" in rules_of(result.stdout)


def test_a_megabyte_token_does_not_kill_the_engine(tmp_path: Path) -> None:
    # A subprocess: Harper aborted the whole process on this input before.
    target = tmp_path / "blob.txt"
    target.write_text("x" * 1_000_000 + "\n\n" + SLIP, encoding="utf-8")
    result = copydesk("check", "--format", "json", "--fail-on", "never", str(target))
    assert result.returncode == 0, result.stderr
    assert rules_of(result.stdout) == ["repetition.doubled-word"]


def test_files_over_the_size_limit_are_skipped_with_a_note(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(SLIP * 40_000, encoding="utf-8")  # 1.5 MB
    (tmp_path / "small.txt").write_text(SLIP, encoding="utf-8")
    (tmp_path / "copydesk.toml").write_text("max-file-size = 1\n", encoding="utf-8")
    result = copydesk("check", "--no-harper", str(tmp_path))
    assert result.returncode == 1 and "skipped" in result.stderr and "too large (1.5 MB" in result.stderr
    assert "small.txt" in result.stdout and "big.txt" not in result.stdout
    bulk = copydesk("bulk", str(tmp_path), "--out", str(tmp_path.parent / "p"), "--jobs", "1", "--no-harper")
    assert bulk.returncode == 1 and "big.txt: skipped: too large" in bulk.stderr


def test_a_file_over_its_time_budget_is_recorded_and_the_run_goes_on(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "slow.txt").write_text(IRAN.read_text(encoding="utf-8") * 20, encoding="utf-8")
    # A real process: the time budget is a signal, which in pytest's process can land in one of its hooks.
    result = run_cli("bulk", str(archive), "--out", str(tmp_path / "p"), "--jobs", "1",
                     "--file-timeout", "0.01", cwd=tmp_path)  # fmt: skip
    assert result.returncode == 1 and "slow.txt: timed out after 0.01 s" in result.stderr
    assert json.loads((tmp_path / "p" / "summary.json").read_text(encoding="utf-8"))["files_scanned"] == 1


def test_a_time_budget_is_not_swallowed_where_errors_are_caught() -> None:
    """The budget runs out inside a check as often as not, and the checker catches a check's
    errors so the others still report: the budget must pass through such a handler."""
    from copydesk.bulk.worker import FileTimeout, time_budget

    deadline = time.monotonic() + 2
    with pytest.raises(FileTimeout), time_budget(0.01):
        while time.monotonic() < deadline:
            with contextlib.suppress(Exception):  # as the checker's guard around each check
                sum(range(1000))


def _die_on_boom(prefix: str, item: str) -> str:
    if item == "boom":
        os._exit(70)  # as an abort inside an engine, or the out-of-memory killer, would
    return prefix + item


def test_a_worker_that_dies_is_replaced_and_its_file_recorded() -> None:
    items = [f"f{i}" for i in range(12)] + ["boom"] + [f"g{i}" for i in range(12)]
    results = list(LocalMap(2).map(_die_on_boom, ("ok:",), items, lambda item: f"lost:{item}"))
    assert results == [f"ok:{i}" for i in items[:12]] + ["lost:boom"] + [f"ok:{i}" for i in items[13:]]


def test_a_pool_whose_last_answer_is_taken_is_shut_down_and_waited_for() -> None:
    """`check` takes exactly as many answers as it handed out files and drops the map: its workers
    must be gone then (a pool left to shut itself down prints CPython 3.11's wake-up traceback at exit)."""
    items = [f"f{i}" for i in range(6)]
    results = LocalMap(2).map(_die_on_boom, ("ok:",), items, lambda item: f"lost:{item}")
    assert [next(results) for _ in items] == [f"ok:{i}" for i in items]
    del results  # closed, as check's generator is when it returns
    assert multiprocessing.active_children() == []


BAD_PACKS = {
    "nested quantifier": ("regex: true, swap: [{pattern: '(a+)+b', replacement: 'X'}]", "repeats a repetition"),
    "bad group reference": ("regex: true, swap: [{pattern: '(a)\\2', replacement: 'X'}]", "bad regular expression"),
}


@pytest.mark.parametrize("case", sorted(BAD_PACKS))
def test_bad_user_patterns_are_refused_at_load(tmp_path: Path, case: str) -> None:
    settings_yaml, expected = BAD_PACKS[case]
    (tmp_path / "mine.yaml").write_text(
        f"rules:\n  - id: mine.rule\n    check: substitution\n    message: m\n    settings: {{{settings_yaml}}}\n",
        encoding="utf-8",
    )
    article = tmp_path / "a.txt"
    article.write_text("a" * 40 + "!\n", encoding="utf-8")
    result = copydesk("check", "--no-harper", str(article), env={"COPYDESK_RULES": str(tmp_path)})
    assert result.returncode == 2 and "mine.yaml: rule mine.rule" in result.stderr and expected in result.stderr


BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(8)
)
CONFIG_CASES = {
    "message with a positional field": ("mine.yaml", "rules:\n  - id: mine.x\n    check: existence\n"
                                        "    message: 'bad {0}'\n    settings: {tokens: [foo]}\n", "named field"),
    "alias bomb in a rule pack": ("mine.yaml", BOMB + "rules: []\n", "expands to more than"),
    "alias bomb in a house sheet": ("style.yaml", BOMB, "expands to more than"),
    "deeply nested house sheet": ("style.yaml", "forms: " + "[" * 200 + "]" * 200 + "\n", "nested too deeply"),
    "house sheet in Latin-1": ("style.yaml", "forms: {caf\xe9: cafe}\n", "not UTF-8"),
    "tool = 5 in pyproject.toml": ("pyproject.toml", "tool = 5\n", None),
    "[tool] copydesk = 'x'": ("pyproject.toml", '[tool]\ncopydesk = "x"\n', "must be a table"),
    "Latin-1 project dictionary": (".copydesk/dictionary.txt", "Caf\xe9\n", "not UTF-8"),
}


@pytest.mark.parametrize("case", sorted(CONFIG_CASES))
def test_bad_configuration_is_one_line_and_exit_2(tmp_path: Path, case: str) -> None:
    name, content, expected = CONFIG_CASES[case]
    target = tmp_path / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content.encode("latin-1") if "Latin-1" in case else content.encode("utf-8"))
    env = {"COPYDESK_RULES": str(tmp_path)} if name == "mine.yaml" else {}
    if name == "style.yaml":
        (tmp_path / "copydesk.toml").write_text('house = "style.yaml"\n', encoding="utf-8")
    if name.startswith(".copydesk/"):
        (tmp_path / "copydesk.toml").write_text("", encoding="utf-8")  # the project whose dictionary it is
    article = tmp_path / "a.txt"
    article.write_text(SLIP, encoding="utf-8")
    result = copydesk("check", "--no-harper", str(article), env=env)
    if expected is None:  # `tool = 5` is no copydesk table: the defaults apply
        assert result.returncode == 1 and "Traceback" not in result.stderr
        return
    assert result.returncode == 2, result.stdout
    assert result.stderr.count("\n") == 1 and expected in result.stderr and name.split("/")[-1] in result.stderr


async def test_a_damaged_sidecar_is_set_aside(tmp_path: Path) -> None:
    from test_review import SIZE, open_app, ready

    target = tmp_path / "a.txt"
    target.write_text(SLIP, encoding="utf-8")
    sidecar = tmp_path / ".copydesk" / "review" / "a.txt.json"
    sidecar.parent.mkdir(parents=True)
    sidecar.write_text('{"version": 1, "applied": null, "rejected": {"x": 1}}', encoding="utf-8")
    app = open_app(target, root=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.review.text == SLIP and app.current_finding() is not None
    assert not sidecar.exists() and list(sidecar.parent.glob("a.txt.json.damaged-*"))


async def test_a_sidecar_edit_that_no_longer_fits_is_not_replayed(tmp_path: Path) -> None:
    from test_review import SIZE, open_app, ready

    from copydesk.review.model import digest

    target = tmp_path / "a.txt"
    target.write_text(SLIP, encoding="utf-8")
    sidecar = tmp_path / ".copydesk" / "review" / "a.txt.json"
    sidecar.parent.mkdir(parents=True)
    edits = [{"start": 5000, "end": 5004, "replacement": "INJECTED", "rule": "x"}]
    sidecar.write_text(json.dumps({"version": 1, "base_sha256": digest(SLIP), "applied": edits, "rejected": [],
                                   "ignored_rules": []}), encoding="utf-8")  # fmt: skip
    app = open_app(target, root=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.review.text == SLIP and not app.review.dirty


# --- fuzzing: no exception, whatever the input (bounded, so the suite stays fast) ---------------

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MARKUP_ALPHABET = st.sampled_from([*"ab <>/!-[]()\"'`*#>\n\t&;=:.", "<!--", "-->", "<script>", "```", "+++"])


@FUZZ
@given(st.binary(max_size=400))
def test_decoder_never_fails_otherwise(data: bytes) -> None:
    try:
        doc = Document.from_bytes(data)
    except DecodeError:
        return
    assert doc.to_bytes() == data


@FUZZ
@given(st.lists(MARKUP_ALPHABET, max_size=120).map("".join), st.sampled_from(["a.md", "a.html", "a.txt"]))
@example("</-->", "a.html")  # a bogus comment, shorter than "<!---->": found by this test, kept
def test_masking_keeps_length_and_never_fails(source: str, name: str) -> None:
    prose = checkable(name, source)
    assert len(prose.text) == len(source)
    assert all(0 <= a <= b <= len(source) for a, b in prose.blanked)


@FUZZ
@given(st.lists(st.sampled_from(["word ", "[sic] ", "copydesk: ignore ", "<!-- copydesk-disable -->",
                                 "<!-- copydesk-enable -->", "\n", "x"]), max_size=60).map("".join))  # fmt: skip
def test_suppression_never_fails(text: str) -> None:
    regions = quiet_regions(text)
    assert all(0 <= r.start <= r.end <= len(text) + 1 for r in regions)
    unsuppressed(text, [])


PATTERN_CHECKER = Checker([r for r in load_rules() if r.check == "pattern"], NO_ENGINES)


@FUZZ
@given(st.lists(st.sampled_from(["this", "these", "the", "of", "because", "results", "is", "are", "a", "an",
                                 "would", "have", ",", ".", " ", "\n", "Some", "out", "it's"]), max_size=40)
       .map(" ".join))  # fmt: skip
def test_pattern_matcher_never_fails(text: str) -> None:
    for f in PATTERN_CHECKER.check(text):
        assert 0 <= f.start <= f.end <= len(text)
