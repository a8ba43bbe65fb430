"""The syntax layer: the real model, loaded from the installed package and checked against the
SHA-256 values in rules/engines/syntax.yaml; its sentences are copydesk's; without it, every
other check still runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import main_in_process as copydesk

from copydesk import syntax
from copydesk.checker import Checker
from copydesk.checks import barenoun
from copydesk.rules import load_rules
from copydesk.settings import NO_ENGINES, Settings
from copydesk.text import Analysis

SYNTAX_RULES = [r for r in load_rules() if r.check in ("subject-verb", "determiner-number", "verb-form")]


def test_the_real_model_parses_a_real_sentence() -> None:
    parser = syntax.SyntaxParser()
    [words] = parser(["The results of the survey shows that voters are tired."])
    by_text = {w.text: w for w in words}
    assert by_text["results"].tag == "NNS" and by_text["results"].dep == "nsubj"
    assert words[by_text["results"].head].text == "shows"  # across "of the survey"
    assert by_text["survey"].dep == "pobj"
    assert by_text["shows"].lemma == "show"
    assert parser(["The results of the survey shows that voters are tired."]) == [words]
    assert parser.parsed == 1  # the second call came from the cache


def test_the_parse_keeps_copydesks_sentences() -> None:
    text = "Dr. Smith arrived at 5 p.m. on Monday. He left."
    analysis = Analysis(text, parser=syntax.SyntaxParser())
    roots = [w for words in analysis.parsed for i, w in enumerate(words) if w.head == i and w.text.strip()]
    assert len(analysis.sentences) == 2
    assert len(roots) == len(analysis.sentences)


def test_offsets_of_the_parse_are_the_articles() -> None:
    text = "First paragraph here.\n\nThis findings are new."
    analysis = Analysis(text, parser=syntax.SyntaxParser())
    word = next(w for words in analysis.parsed for w in words if w.text == "findings")
    assert text[word.start : word.end] == "findings"


def test_a_sentences_last_i_is_the_pronoun_and_its_full_stop() -> None:
    text = "He gave it to John and I. Then I. M. Pei drew it."
    [words] = Analysis(text, parser=syntax.SyntaxParser()).parsed  # one paragraph
    assert [(w.text, w.tag) for w in words[5:8]] == [("and", "CC"), ("I", "PRP"), (".", ".")]
    pronoun = words[6]
    assert text[pronoun.start : pronoun.end] == "I" and words[7].start == pronoun.end
    assert [w.text for w in words[8:11]] == ["Then", "I.", "M."]  # initials stay whole


def test_contractions_with_curly_apostrophes_parse_as_with_straight_ones() -> None:
    text = "I’m sure it isn’t the company’s fault, and she’s late; the ‘five a day’ rule stays."
    [words] = Analysis(text, parser=syntax.SyntaxParser()).parsed
    [am, possessive, is_] = [w for w in words if "’" in w.text and w.text[0] == "’"][:3]
    assert am.lemma == is_.lemma == "be"  # not "’m" and "’"
    assert is_.tag == "VBZ" and possessive.tag == "POS"
    assert next(w for w in words if w.text == "n’t").dep == "neg"  # not a full stop
    assert all(text[w.start : w.end] == w.text for w in words)  # the words keep the text as written
    assert words[-5].text == "day" and words[-4].text == "’"  # a closing quotation mark stays one


def test_model_files_are_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    record = dict(syntax.model_record())
    record["sha256"] = {**record["sha256"], "config.cfg": "0" * 64}
    monkeypatch.setattr(syntax, "model_record", lambda: record)
    with pytest.raises(syntax.SyntaxUnavailable, match="not the one recorded"):
        syntax.model_path()


def test_without_the_model_one_message_and_the_other_checks_run(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> object:
        raise syntax.SyntaxUnavailable("the syntax model is not installed; checks on the parse are skipped")

    monkeypatch.setattr("copydesk.syntax.pipeline", refuse)
    notes: list[str] = []
    checker = Checker(load_rules(), NO_ENGINES, on_error=notes.append)
    found = checker.check("He said that that that the results of the survey shows.\n\nIt it was late.")
    found += checker.check("The results of the survey shows it.")
    assert notes == ["the syntax model is not installed; checks on the parse are skipped"]
    assert any(f.rule == "repetition.doubled-word" for f in found)
    assert not any(f.rule == "agreement.subject-verb" for f in found)


def test_no_syntax_turns_the_layer_off(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The minister will goes to Paris. The results of the survey shows it.\n", encoding="utf-8")
    on = copydesk("check", "--no-harper", "--format", "json", str(article))
    off = copydesk("check", "--no-harper", "--no-syntax", "--format", "json", str(article))
    assert "verb-form.after-auxiliary" in on.stdout and "agreement.subject-verb" in on.stdout
    assert "verb-form.after-auxiliary" not in off.stdout and "agreement.subject-verb" not in off.stdout
    (tmp_path / "copydesk.toml").write_text("syntax = false\n", encoding="utf-8")
    configured = copydesk("check", "--no-harper", "--format", "json", str(article))
    assert "agreement.subject-verb" not in configured.stdout


def test_incremental_checks_reuse_each_sentences_parse() -> None:
    checker = Checker(SYNTAX_RULES, NO_ENGINES, incremental=True)
    first = "The results of the survey shows it. They left.\n\nShe has went home. It rained."
    checker.check(first)
    assert checker.syntax is not None
    parsed = checker.syntax.parsed
    found = checker.check(first.replace("She has went", "He has went"))
    assert checker.syntax.parsed == parsed + 1  # only the edited sentence was parsed again
    assert {f.rule for f in found} == {"agreement.subject-verb", "verb-form.after-auxiliary"}


def test_settings_without_syntax_have_no_parser() -> None:
    checker = Checker(SYNTAX_RULES, Settings(harper=False, languagetool="off", syntax=False))
    assert checker.check("The results of the survey shows it.") == []


def test_remembered_lemmas_are_spacys_own() -> None:
    """Lemmas come from the parser's memo of spaCy's lemmatizer once a word was seen: the parse of
    a sentence met again is the one a fresh parser gives, lemmas included."""
    sentence = "The ministers were having second thoughts about the deals they had made."
    remembering = syntax.SyntaxParser(cache_size=1)  # one parse kept: the sentence is parsed again
    remembering([sentence])
    remembering(["Nothing else."])
    [again] = remembering([sentence])
    assert remembering.parsed == 3
    [fresh] = syntax.SyntaxParser()([sentence])
    assert again == fresh
    assert [w.lemma for w in fresh if w.text in ("ministers", "were", "having", "thoughts", "made")] == [
        "minister", "be", "have", "thought", "make"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "slip", "fix"),
    [("You must be an undergraduate students who has completed a year.", "an undergraduate students",
      "an undergraduate student"),
     ("This problems is serious.", "This problems", "This problem")],
)  # fmt: skip
def test_one_slip_is_told_once_where_the_determiner_shows_it(text: str, slip: str, fix: str) -> None:
    """"This problems is", "an undergraduate students who has": the determiner shows the noun is the
    slip, so the verb, which agrees with the singular meant, is left alone rather than made to agree
    with the slip (both fixes together would make "This problem are")."""
    found = Checker(SYNTAX_RULES, NO_ENGINES).check(text)
    assert [(f.rule, f.text, f.replacements[0]) for f in found] == [("agreement.determiner-noun", slip, fix)]


def test_a_determiner_and_noun_apart_in_number_offer_both_readings() -> None:
    """"these memory": the determiner with a partner changes first ("this memory"), and the noun's
    other number is offered beside it, for the reviewer whose writer meant the plural."""
    rules = [r for r in SYNTAX_RULES if r.id == "agreement.determiner-noun"]
    found = Checker(rules, NO_ENGINES).check("We do not know how our brains make these memory.")
    assert [(f.text, f.replacements) for f in found] == [("these memory", ("this memory", "these memories"))]


def test_which_nouns_want_a_determiner_is_measured_from_word_pairs() -> None:
    """Count nouns are told from mass nouns by how edited prose writes them (bigram counts), and a
    verb's listed forms stand for its lemma: "gives way" listed lets "given way" stand."""
    uses = barenoun.determiner_uses()
    assert uses["restaurant"].share >= 0.93 > uses["hospital"].share > uses["water"].share
    assert "in" in uses["hospital"].bare_after and "in" not in uses["restaurant"].bare_after
    assert "give" in uses["way"].bare_after
    found = Checker([r for r in load_rules() if r.check == "bare-noun"], NO_ENGINES).check(
        "Her evening job is at restaurant. She was in hospital for a week."
    )
    assert [(f.text, f.replacements) for f in found] == [("restaurant", ("a restaurant", "the restaurant"))]


def test_a_base_form_with_not_is_left_to_the_missing_verb() -> None:
    """"Modi want to" heads its sentence after its subject, so it is read as a present that disagrees;
    "it not open yet" has lost "is" (or "does"), and "opens" would make "it not opens"."""
    found = Checker(SYNTAX_RULES, NO_ENGINES).check(
        "Prime Minister Narendra Modi is a yoga fan. Modi want to encourage Indians to stay fit.\n\n"
        "Called Lady Dinah’s Cat Emporium, it not open yet but is advertised."
    )
    assert [(f.text, f.replacements[0]) for f in found if f.rule == "agreement.subject-verb"] == [("want", "wants")]


def test_a_subject_noun_next_to_its_verb_is_offered_in_the_other_number_too() -> None:
    """"Managerial styles is": the verb or the noun may be the slip, so the finding covers both and
    offers the verb's fix first (the one applied unattended) and the noun's second; a determiner or
    a number that shows the noun's number leaves the verb alone to fix ("These styles is")."""
    found = Checker(SYNTAX_RULES, NO_ENGINES).check("Managerial styles is a subjective topic. These styles is odd.")
    assert [(f.text, f.replacements) for f in found if f.rule == "agreement.subject-verb"] == [
        ("styles is", ("styles are", "style is")), ("is", ("are",))
    ]  # fmt: skip


def test_born_without_be_is_a_lost_was_not_a_past_tense() -> None:
    """"Born" is only ever passive (the active participle is "borne"), so "before she born" has lost
    its "was": no rule offers "bore"."""
    rules = [r for r in load_rules() if r.check in ("subject-verb", "verb-form", "missing-be")]
    found = Checker(rules, NO_ENGINES).check("He died in 1946, six years before she born.")
    assert [(f.text, f.replacements) for f in found] == [("she born", ("she was born",))]


def test_a_verb_the_tagger_took_for_a_noun_gets_no_plural() -> None:
    """"many student enrol": the tagger made "enrol" the noun "many" determines, but the lexicon knows it
    only as a verb, so no rule offers "many student enrols" as a plural."""
    text = "Brabon says that many student enrol on MOOCs because they are free."
    found = Checker(SYNTAX_RULES, NO_ENGINES).check(text)
    assert not [f for f in found if any("enrols" in r for r in f.replacements)]


def test_a_joined_or_clausal_subject_is_named_whole_in_the_message() -> None:
    """The message names the subject the verb agrees with: "He and his wife", not "He"; a clause's
    words, not its verb; a quantity with what it counts, "A lot of people", not "lot"; a noun
    subject by its head word, as before."""
    text = ("He and his wife was at home. To ignore these warnings are dangerous. A lot of people is waiting. "
            "The results of the survey shows it.")
    found = Checker(SYNTAX_RULES, NO_ENGINES).check(text)
    messages = [f.message for f in found if f.rule == "agreement.subject-verb"]
    assert [m.split(" subject ")[1].split(":")[0] for m in messages] == [
        "'He and his wife'", "'To ignore these warnings'", "'A lot of people'", "'results'"
    ]  # fmt: skip
