"""Every example of every rule in rules/: bad ones are flagged and fixed as written, good ones stay clean.

A new rule needs no new test code; a rule without examples fails here.
"""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from copydesk.checker import Checker
from copydesk.checks import build_check, settings_table
from copydesk.findings import Severity, apply_edits, resolve
from copydesk.rules import Rule, RuleError, load_rules
from copydesk.settings import NO_ENGINES

RULES = load_rules()


def test_rules_exist() -> None:
    assert len(RULES) >= 8


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_has_examples(rule: Rule) -> None:
    assert rule.bad, f"{rule.source}: {rule.id} has no bad example"
    assert rule.good, f"{rule.source}: {rule.id} has no good example"
    assert rule.description, f"{rule.source}: {rule.id} has no description"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_bad_examples_are_flagged_and_fixed(rule: Rule) -> None:
    checker = Checker([rule], NO_ENGINES)
    for example in rule.bad:
        findings = checker.check(example.text)
        assert findings, f"{rule.id}: not flagged: {example.text!r}"
        assert all(f.rule == rule.id for f in findings)
        unfilled = [f.message for f in findings if re.search(r"\{\w+\}", f.message)]
        assert not unfilled, f"{rule.id}: a field of the message is not filled: {unfilled}"
        fixed = apply_edits(example.text, resolve(findings).edits)
        expected = example.fixed if example.fixed is not None else example.text
        assert fixed == expected, f"{rule.id}: {example.text!r} fixed as {fixed!r}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_good_examples_stay_clean(rule: Rule) -> None:
    checker = Checker([rule], NO_ENGINES)
    for example in rule.good:
        assert checker.check(example.text) == [], f"{rule.id}: false alarm on {example.text!r}"


def test_the_settings_table_in_the_rules_readme_is_generated_and_current() -> None:
    readme = (ROOT / "rules" / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- settings-table:start -->\n")[1].split("<!-- settings-table:end -->")[0]
    assert table == settings_table(), "stale: python -m copydesk.checks prints the table for rules/README.md"


def _rule_with(settings: dict[str, object], check: str = "existence") -> Rule:
    return Rule(id="test.rule", check=check, category="style", severity=Severity.WARNING, message="m",
                settings=settings, source="pack.yaml")  # fmt: skip


@pytest.mark.parametrize(
    ("check", "settings", "says"),
    [
        ("existence", {"tokens": ["x"], "totally_unknown": 1}, "field 'settings.totally_unknown': not a setting"),
        ("existence", {}, "field 'settings.tokens': required"),
        ("existence", {"tokens": ["x"], "regex": "yes"}, "field 'settings.regex': must be true or false"),
        ("quotes", {"style": "fancy"}, "field 'settings.style': must be 'majority' or 'curly' or 'straight'"),
        ("missing-of", {"determiners": ["the"], "double_object_verbs": ["give"], "max_ratio": "low"},
         "field 'settings.max_ratio': must be number, not 'low'"),
        ("missing-of", {"determiners": ["the"], "double_object_verbs": ["give"], "min_count": 2.5},
         "field 'settings.min_count': must be whole number, not 2.5"),
        ("names", {"threshold": 2}, "not a setting of check type 'names' (its settings: none)"),
        ("pattern", {"tokens": [{"kind": "verb"}]}, "kind: one of word, number, punct, space"),
    ],
)
def test_bad_settings_name_file_rule_and_key(check: str, settings: dict[str, object], says: str) -> None:
    with pytest.raises(RuleError) as caught:
        build_check(_rule_with(settings, check))
    assert str(caught.value).startswith("pack.yaml: rule test.rule") and says in str(caught.value)


def test_a_word_list_may_hold_a_shared_lexicon() -> None:
    """A YAML anchor inside a list ("[*to_infinitive_verbs, like]") reads as its words, in order."""
    checker = Checker([_rule_with({"tokens": [["foo", "bar"], "baz"]})], NO_ENGINES)
    assert [f.text for f in checker.check("foo and baz, then bar.")] == ["foo", "baz", "bar"]
