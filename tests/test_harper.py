"""Harper in-process: real harper-py, the tuned lint set, reviewed spelling, dialects, the cache."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import IRAN
from conftest import main_in_process as copydesk

from copydesk.checker import Checker, merge_findings
from copydesk.engines.harper import load_config
from copydesk.findings import Finding, Severity, apply_edits, resolve
from copydesk.rules import load_rules
from copydesk.settings import Settings


def harper_checker(dialect: str | None = None, profiles: tuple[str, ...] = ()) -> Checker:
    settings = Settings(select=("harper",), dialect=dialect, profiles=profiles, languagetool="off")
    return Checker(load_rules(), settings)


@pytest.mark.parametrize("example", load_config().bad, ids=lambda e: e.text)
def test_engine_bad_examples(example) -> None:  # type: ignore[no-untyped-def]
    findings = harper_checker().check(example.text)
    assert findings, example.text
    if example.fixed is not None:
        assert apply_edits(example.text, resolve(findings).edits) == example.fixed


@pytest.mark.parametrize("example", load_config().good, ids=lambda e: e.text)
def test_engine_good_examples(example) -> None:  # type: ignore[no-untyped-def]
    assert harper_checker().check(example.text) == []


def test_iran_focus_without_false_alarms_on_names_abbreviations_long_sentences() -> None:
    text = IRAN.read_text(encoding="utf-8")
    findings = harper_checker().check(text)
    flagged = {f.text for f in findings}
    assert not flagged & {"Rjavi", "Rajavi", "NCRI", "U.N.", "s", "Tehran’s", "Dec", "Tehran"}
    assert not any(f.rule == "harper.readability" for f in findings)
    # Harper's true finding stays: "irrecoverable damages". The dialect slip ("offence" beside
    # "favor") is the dialect check's, which weighs the whole article.
    assert any(f.text == "damages" and f.replacements[0] == "damage" for f in findings)
    assert not any(f.text == "offence" for f in findings)


def test_misspelling_gets_the_likely_word_not_the_nearest() -> None:
    findings = harper_checker().check("The reslts were published and the goverment agreed.")
    fixes = {f.text: f.replacements[0] for f in findings}
    assert fixes == {"reslts": "results", "goverment": "government"}


def test_a_slip_beside_a_word_the_lexicon_hardly_knows_is_proposed_not_applied() -> None:
    """"halb drei" is German ("half of three"): one edit from "half", but beside "drei" it is likelier
    a foreign phrase than a slip, so the fix waits for a person; "shuold" among known words is applied."""
    findings = harper_checker().check("In German, 2.30pm becomes halb drei. We shuold go home.")
    safety = {f.text: (f.replacements[0], f.safe) for f in findings}
    assert safety == {"halb": ("half", False), "shuold": ("should", True)}


def test_a_slip_that_may_have_lost_its_first_letter_is_proposed_not_applied() -> None:
    """"reatively" is one edit from "relatively" and from "creatively", which the writer meant: two
    readings, so a person chooses; "tung oil" is a real oil, though "tung" is a listed misspelling."""
    findings = harper_checker().check("Artists need to think reatively about money. Rub it with tung oil.")
    safety = {f.text: (f.replacements[0], f.safe) for f in findings}
    assert safety == {"reatively": ("relatively", False), "tung": ("tongue", False)}


def test_a_slip_at_the_last_letter_is_proposed_not_applied() -> None:
    """"clinicals" and "rootsy" are words of their own, "gaind" is "gained" more likely than "gain":
    a slip at a word's end is likelier another form of it than a slip of the keys."""
    findings = harper_checker().check("Complete your clinicals first. It has a rootsy sound.")
    assert {f.text: (f.replacements[0], f.safe) for f in findings} == {
        "clinicals": ("clinical", False), "rootsy": ("roots", False)
    }


def test_a_word_in_use_that_harper_lacks_is_proposed_not_applied() -> None:
    """"facie" (prima facie) is one edit from "face", but wordfreq counts it in use: a word of its own."""
    [finding] = harper_checker().check("The deed shall be prima facie evidence of the authority.")
    assert (finding.text, finding.replacements[0], finding.safe) == ("facie", "face", False)


def test_rare_real_words_and_units_are_not_misspellings() -> None:
    text = "Ethiopians eat 61kg of teff a year, and the deal is worth $4bn to farmers."
    assert harper_checker(dialect="en-GB").check(text) == []


def test_dialect_is_inferred_from_the_article() -> None:
    british = "The colour of the centre was grey. Their behaviour was odd, and the theatre closed."
    american = "The color of the center was gray. Their behavior was odd, and the theater closed."
    assert harper_checker().check(british) == []
    assert harper_checker().check(american) == []
    # Dialect spellings are left to the dialect check, whatever Harper's dictionary says.
    assert harper_checker(dialect="en-US").check(british) == []


def test_readability_profile_turns_long_sentences_on() -> None:
    sentence = " ".join(["The committee met again"] + ["and talked"] * 30) + "."
    assert harper_checker().check(sentence) == []
    assert any(f.rule == "harper.readability" for f in harper_checker(profiles=("readability",)).check(sentence))


def test_thorough_profile_turns_the_rules_off_for_speed_back_on() -> None:
    sentence = "The meeting was a waist of time."  # WaistWaste: silent on every corpus measured
    assert "WaistWaste" in load_config().off_for_speed
    assert not any(f.rule.startswith("harper.") for f in harper_checker().check(sentence))
    found = harper_checker(profiles=("thorough",)).check(sentence)
    assert any("waste" in f.replacements for f in found)


def test_paragraph_cache_rechecks_only_changed_paragraphs() -> None:
    checker = harper_checker()
    paragraphs = [f"Paragraph {i} says the goverment agreed." for i in range(5)]
    first = checker.check("\n\n".join(paragraphs))
    assert (checker.cache_misses, checker.cache_hits) == (5, 0)
    paragraphs[2] = "Paragraph 2 was rewritten by the goverment."
    second = checker.check("\n\n".join(paragraphs))
    assert (checker.cache_misses, checker.cache_hits) == (6, 4)
    assert len(first) == len(second) == 5
    text = "\n\n".join(paragraphs)
    assert all(text[f.start : f.end] == "goverment" for f in second)


def test_user_dictionary_from_configuration(tmp_path: Path) -> None:
    (tmp_path / "copydesk.toml").write_text('words = ["goverment"]\n', encoding="utf-8")
    target = tmp_path / "a.txt"
    target.write_text("The goverment agreed.\n", encoding="utf-8")
    result = copydesk("check", "--format", "json", str(target))
    assert result.returncode == 0, result.stdout
    assert json.loads(result.stdout)["files"][0]["findings"] == []
    (tmp_path / "copydesk.toml").write_text('dialect = "en-XX"\n', encoding="utf-8")
    bad = copydesk("check", str(target))
    assert bad.returncode == 2 and "copydesk.toml: key 'dialect'" in bad.stderr


def test_no_harper_and_ignore_skip_the_engine() -> None:
    for args in (["--no-harper"], ["--ignore", "harper"]):
        result = copydesk("check", "--format", "json", *args, "-", stdin=b"The goverment agreed.\n")
        assert json.loads(result.stdout)["files"][0]["findings"] == []


def test_a_paragraph_broken_mid_sentence_is_not_a_missing_capital() -> None:
    """A lower-case paragraph start after a paragraph that ended its sentence is flagged; after
    one that did not ("when she was" / "but she said"), the break is the slip, not the capital."""
    ended = "She moved into the flat when she was young.\n\nbut she said she had always wanted a house.\n"
    broken = "She moved into the flat when she was\n\nbut she said she had always wanted a house.\n"
    flagged = [f for f in harper_checker().check(ended) if f.sources == ("harper:SentenceCapitalization",)]
    assert [(f.text, f.replacements) for f in flagged] == [("but", ("But",))]
    assert not any(f.rule == "harper.capitalization" for f in harper_checker().check(broken))


def test_an_engines_finding_inside_one_of_copydesks_joins_it() -> None:
    """Harper's "Those" -> "That" inside copydesk's "Those kind" -> "Those kinds" (the plural verb
    sides with the determiner): one finding with both fixes, each over the whole span, and both sources."""
    text = "Those kind of thing worry me.\n"
    findings = Checker(load_rules(), Settings(languagetool="off")).check(text)
    [found] = [f for f in findings if "kind" in f.text]
    assert (found.rule, found.text) == ("agreement.determiner-noun", "Those kind")
    assert found.replacements == ("Those kinds", "That kind")
    assert any(s.startswith("harper:") for s in found.sources)


def test_an_engines_finding_making_the_same_edit_joins_one_of_another_category() -> None:
    """Harper's "tried" -> "tried to" (usage) inside copydesk's "tried pick" -> "tried to pick"
    (grammar) is the same edit: one finding. A nested finding of another category and another
    edit stays on its own."""
    own = Finding("missing-word.to-before-verb", "grammar", Severity.WARNING, "m", 4, 14, "tried pick",
                  ("tried to pick",))  # fmt: skip
    same = Finding("harper.word-choice", "usage", Severity.WARNING, "m", 4, 9, "tried", ("tried to",),
                   sources=("harper:MissingTo",))  # fmt: skip
    other = Finding("harper.spelling", "spelling", Severity.WARNING, "m", 4, 9, "tried", ("tired",),
                    sources=("harper:SpellCheck",))  # fmt: skip
    [found] = merge_findings([own, same])
    assert (found.rule, found.replacements, found.sources) == (own.rule, ("tried to pick",), ("harper:MissingTo",))
    assert len(merge_findings([own, other])) == 2


def test_two_rules_of_ours_making_the_same_edit_are_one_finding() -> None:
    """"a number our member states": one rule's "a number" -> "a number of" and another's "number"
    -> "number of" are one slip; a nested finding of ours with another edit stays on its own."""
    host = Finding("missing-word.complex-preposition-of", "grammar", Severity.WARNING, "m", 10, 18, "a number",
                   ("a number of",))  # fmt: skip
    same = Finding("missing-word.of-between-phrases", "grammar", Severity.WARNING, "m", 12, 18, "number",
                   ("number of",))  # fmt: skip
    other = Finding("agreement.determiner-noun", "grammar", Severity.WARNING, "m", 12, 18, "number", ("numbers",))
    [found] = merge_findings([host, same])
    assert (found.rule, found.start, found.replacements) == (host.rule, 10, ("a number of",))
    assert len(merge_findings([host, other])) == 2


def test_fixes_differing_only_in_a_run_of_spaces_are_one() -> None:
    """Harper's "they're " rebuilt over copydesk's "Their going" reads "they're  going": the same
    fix as copydesk's "They're going", so it is not offered twice."""
    own = Finding("missing-verb.be", "grammar", Severity.WARNING, "m", 0, 11, "Their going", ("They're going",))
    harper = Finding("harper.grammar", "grammar", Severity.WARNING, "m", 0, 5, "Their", ("They're ",),
                     sources=("harper:TheirIs",))  # fmt: skip
    [found] = merge_findings([own, harper])
    assert found.replacements == ("They're going",)


def test_a_folded_fix_is_as_safe_as_its_source() -> None:
    """A fix taken from an engine's finding into one of copydesk's that had none is applied
    unattended only if the engine's was safe: the Iran sample's "irrecoverable damages" takes
    Harper's "irrecoverable damage", which no measurement made safe."""
    own = Finding("style.word-choice", "usage", Severity.INFO, "m", 10, 31, "irrecoverable damages")
    harper = Finding("harper.usage", "usage", Severity.WARNING, "m", 24, 31, "damages", ("damage",),
                     sources=("harper:Damages",), safe=False)  # fmt: skip
    [found] = merge_findings([own, harper])
    assert found.replacements == ("irrecoverable damage",) and found.sources == ("harper:Damages",)
    assert not found.safe
    findings = Checker(load_rules(), Settings(languagetool="off")).check(IRAN.read_text(encoding="utf-8"))
    assert [f.replacements for f in findings if "damages" in f.text] == [("irrecoverable damage",)]
