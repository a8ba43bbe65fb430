"""Every example of every rule in rules/: bad ones are flagged and fixed as written, good ones stay clean.

A new rule needs no new test code; a rule without examples fails here.
"""

from __future__ import annotations

import pytest

from copydesk.checker import Checker
from copydesk.findings import apply_edits, resolve
from copydesk.rules import Rule, load_rules
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
        fixed = apply_edits(example.text, resolve(findings).edits)
        expected = example.fixed if example.fixed is not None else example.text
        assert fixed == expected, f"{rule.id}: {example.text!r} fixed as {fixed!r}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_good_examples_stay_clean(rule: Rule) -> None:
    checker = Checker([rule], NO_ENGINES)
    for example in rule.good:
        assert checker.check(example.text) == [], f"{rule.id}: false alarm on {example.text!r}"
