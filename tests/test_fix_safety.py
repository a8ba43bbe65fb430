"""A confident fix never harms correct text: what `fix` and bulk leave alone, and clean copy passes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SAMPLES, main_in_process

# Each of these is right as it stands; every one was "corrected" by `copydesk fix` before.
RIGHT_AS_WRITTEN = [
    "She said that that was fine.",  # Harper's RedundantThat; our doubled-word rule spares it
    "Fewer users checked in in March, and more logged on on Mondays.",  # a particle, then a preposition
    "What it is is a tax, and they had had enough.",  # Harper's SingleBe
    "At the time, several US senators were worried.",  # US, not "us": no "several of US"
    "But something this big takes a long time to disappear.",  # "this" as a degree adverb
    "She is also a UEFA-licensed coach who pressed a STOP button.",  # said "you-AY-fa", and a word
    "You probably know a vaper, someone who smokes e-cigarettes.",  # a new word, not a slip for "paper"
    "Parents go and try to wake up teenagers. It is a wake-up call.",  # hyphenation depends on the role
    "Duran Duran played. Walla Walla is a city.",  # doubled names
]


@pytest.mark.parametrize("text", RIGHT_AS_WRITTEN)
def test_fix_leaves_correct_text_alone(tmp_path: Path, text: str) -> None:
    target = tmp_path / "a.txt"
    target.write_text(text + "\n", encoding="utf-8")
    result = main_in_process("fix", "--write", "--no-across", str(target))
    assert result.returncode == 0, result.stderr
    assert target.read_text(encoding="utf-8") == text + "\n"


def test_quotations_are_proposed_not_rewritten(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    quoted = "“They would of known the criterion (the protocol) was the the same,” said Ms Lee."
    target.write_text(quoted + " Later they would of known.\n", encoding="utf-8")
    report = json.loads(main_in_process("check", "--format", "json", "--no-harper", str(target)).stdout)
    inside = [f for f in report["files"][0]["findings"] if f["start"] < quoted.index("”")]
    assert {f["rule"] for f in inside} >= {"confusable.would-of", "punctuation.editorial-brackets"}
    assert all(not f["safe"] for f in inside if f["rule"] != "repetition.doubled-word")  # proposed, for review
    assert main_in_process("fix", "--write", "--no-harper", str(target)).returncode == 0
    # Only the slip of the keys is mended inside the quotation; the speaker's words and brackets stay.
    assert target.read_text(encoding="utf-8") == (
        "“They would of known the criterion (the protocol) was the same,” said Ms Lee. Later they would have known.\n"
    )


def test_a_tie_is_a_question_not_a_fix(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("Our facilities are amongst the best. The team is among the best.\n", encoding="utf-8")
    report = json.loads(main_in_process("check", "--format", "json", "--no-harper", str(target)).stdout)
    [finding] = [f for f in report["files"][0]["findings"] if f["rule"] == "consistency.word-variant"]
    assert finding["replacements"] and not finding["safe"]
    main_in_process("fix", "--write", "--no-harper", str(target))
    assert "amongst" in target.read_text(encoding="utf-8")


def test_fix_safety_is_documented_per_rule() -> None:
    doubled = main_in_process("rules", "repetition.doubled-word").stdout
    assert "fix: mechanical" in doubled and "inside quotations too" in doubled
    assert "fix: unsafe" in main_in_process("rules", "punctuation.editorial-brackets").stdout
    listing = main_in_process("rules").stdout
    assert "harper.spelling" in listing and "harper.word-choice" in listing
    spelling = main_in_process("rules", "harper.spelling")
    assert spelling.returncode == 0 and "fix: safe" in spelling.stdout and "Harper" in spelling.stdout


def test_sarif_describes_harper_rules_in_sentences(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("The goverment said so.\n", encoding="utf-8")
    report = json.loads(main_in_process("check", "--format", "sarif", str(target)).stdout)
    rules = {r["id"]: r for r in report["runs"][0]["tool"]["driver"]["rules"]}
    text = rules["harper.spelling"]["fullDescription"]["text"]
    assert text[0].isupper() and text.rstrip().endswith(".") and len(text.split()) > 8


def test_clean_samples_pass_the_default_threshold() -> None:
    clean = sorted((SAMPLES / "onestopenglish").glob("*.txt"))
    assert clean
    result = main_in_process("check", *map(str, clean))
    assert result.returncode == 0, result.stdout


async def test_accept_rule_takes_only_safe_fixes(tmp_path: Path) -> None:
    from test_review import SIZE, go_to, open_app, ready

    target = tmp_path / "a.txt"
    target.write_text("“They would of known,” she said. Later they would of known.\n", encoding="utf-8")
    app = open_app(target, root=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await go_to(pilot, lambda f: f.rule == "confusable.would-of")
        await pilot.press("A")
        await ready(pilot)
        assert app.review.text == "“They would of known,” she said. Later they would have known.\n"
