"""Check types: each a small module with one job, configured by rules in `rules/`.

Every module has a `build(rule)` that validates the rule's settings (errors name the rule
file and field) and compiles its patterns once, returning a pure function from an analysed
text to findings. Adding a type touches its module and CHECK_TYPES, nothing else.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import MISSING, dataclass, fields
from typing import get_type_hints

from copydesk.checks import (
    abbreviations,
    agreement,
    article,
    barenoun,
    capitalization,
    comparison,
    complement,
    complementform,
    compoundmodifier,
    confusionset,
    consistency,
    determiner,
    dialect,
    embeddedquestion,
    existence,
    forsubject,
    genitives,
    gerundafterto,
    hyphenation,
    insertion,
    lostverb,
    missingarticle,
    missingbe,
    missingof,
    namearticle,
    names,
    numbers,
    pairedcomma,
    pasttime,
    pattern,
    prepositionchoice,
    prepositionswap,
    pronouncase,
    quotes,
    repetition,
    substitution,
    superlative,
    verbform,
)
from copydesk.checks.base import Check, NoSettings, describe_type, parse_settings
from copydesk.rules import Rule, RuleError

__all__ = ["CHECK_TYPES", "Check", "CheckType", "build_check", "paragraph_local", "settings_table"]


def _always(rule: Rule) -> bool:
    return True


@dataclass(frozen=True)
class CheckType:
    """A check type: its builder, and the frozen dataclass its rules' `settings` are parsed into."""

    build: Callable[[Rule], Check]
    settings: type = NoSettings
    summary: str = ""
    # Whether a rule's findings in a paragraph depend on that paragraph alone, so that they can be
    # kept per paragraph and an edited article re-checked paragraph by paragraph (the language server).
    paragraph_local: Callable[[Rule], bool] = lambda rule: False


CHECK_TYPES: dict[str, CheckType] = {
    "repetition": CheckType(repetition.build, repetition.Settings, "a word doubled by a slip", _always),
    "substitution": CheckType(substitution.build, substitution.Settings, "a phrase replaced by another", _always),
    "existence": CheckType(existence.build, existence.Settings, "a phrase flagged wherever it is", _always),
    "consistency": CheckType(consistency.build, consistency.Settings, "one thing written two ways in one article"),
    "abbreviations": CheckType(abbreviations.build, abbreviations.Settings, "U.N. beside UN"),
    "names": CheckType(names.build, NoSettings, "a name spelled two ways"),
    "honorifics": CheckType(names.build_honorifics, NoSettings, "one person given two titles"),
    "quotes": CheckType(quotes.build, quotes.Settings, "straight quotation marks beside curly ones"),
    "quote-balance": CheckType(quotes.build_balance, NoSettings, "a quotation opened and never closed"),
    "dialect": CheckType(dialect.build, NoSettings, "American and British spellings mixed"),
    "hyphenation": CheckType(hyphenation.build, hyphenation.Settings, "a compound hyphenated and open"),
    "capitalization": CheckType(capitalization.build, NoSettings, "one term capitalised two ways"),
    "numbers": CheckType(numbers.build, NoSettings, "numbers and dates written two ways"),
    "pattern": CheckType(pattern.build, pattern.Settings, "a token sequence (words, tags) with a fix",
                         pattern.paragraph_local),
    "confusion-set": CheckType(confusionset.build, confusionset.Settings,
                               "'they where given': a word of a confusion set, by its neighbours (bigram counts)",
                               _always),
    "article": CheckType(article.build, article.Settings, "a or an by the next word's sound", _always),
    "insertion": CheckType(insertion.build, NoSettings, "a missing word the lexicon predicts"),
    # On the syntax layer's parse (copydesk.syntax): paragraph-local, as the parse is.
    "subject-verb": CheckType(agreement.build, agreement.Settings, "a verb against its subject's number (parse)",
                              _always),
    "determiner-number": CheckType(determiner.build, determiner.Settings,
                                   "a determiner against its noun's number (parse)", _always),
    "verb-form": CheckType(verbform.build, verbform.Settings, "the verb's form after a modal, do, have or to (parse)",
                           _always),
    "complement-form": CheckType(complementform.build, complementform.Settings,
                                 "a verb's complement in the form its verb takes: 'decline to', 'enjoy -ing' (parse)",
                                 _always),
    "gerund-after-to": CheckType(gerundafterto.build, gerundafterto.Settings,
                                 "'look forward to seeing': -ing after a 'to' that is a preposition (parse)", _always),
    "preposition-choice": CheckType(prepositionchoice.build, prepositionchoice.Settings,
                                    "'depend of', 'interested for': the preposition a word takes (parse)", _always),
    "missing-article": CheckType(missingarticle.build, missingarticle.Settings,
                                 "'offer wide range of': 'a' before a noun of quantity standing bare (parse)", _always),
    "bare-noun": CheckType(barenoun.build, barenoun.Settings,
                           "'works at restaurant': a count noun edited prose almost always determines, standing "
                           "bare (parse, bigram counts)", _always),
    "missing-of": CheckType(missingof.build, missingof.Settings,
                            "'the result a battle': 'of' lost between two noun phrases (parse, bigram counts)",
                            _always),
    "preposition-swap": CheckType(prepositionswap.build, prepositionswap.Settings,
                                  "'the end off the war': a preposition typed as another (parse, bigram counts)",
                                  _always),
    "missing-be": CheckType(missingbe.build, missingbe.Settings,
                            "'it only the tip', 'customers staying away': a clause without its 'be' (parse)", _always),
    "superlative-article": CheckType(superlative.build, superlative.Settings,
                                     "'at same time', 'is biggest retailer': 'the' before a superlative (parse)",
                                     _always),
    "comparison": CheckType(comparison.build, comparison.Settings,
                            "'If it is real, than humans': 'than' with nothing to compare before a clause (parse)",
                            _always),
    "compound-modifier": CheckType(compoundmodifier.build, compoundmodifier.Settings,
                                   "'a ten second break', 'animal based products': an open compound before a noun "
                                   "(parse)", _always),
    "lost-verb": CheckType(lostverb.build, lostverb.Settings,
                           "'the chances where small', 'the man whose going': a word typed for the verb its sentence "
                           "lacks (parse)", _always),
    "paired-comma": CheckType(pairedcomma.build, pairedcomma.Settings,
                              "'The report, which was published on Monday said': the comma closing an aside "
                              "(parse)", _always),
    "past-time": CheckType(pasttime.build, pasttime.Settings,
                           "'Yesterday he go', 'She lead the team last year': the past a time that is over asks for "
                           "(parse)", _always),
    "embedded-question": CheckType(embeddedquestion.build, embeddedquestion.Settings,
                                   "'I don't know what is it', 'Tell me where is the station': a dependent question "
                                   "keeps a statement's order (parse)", _always),
    "pronoun-case": CheckType(pronouncase.build, pronouncase.Settings,
                              "'Me and him went': a finite verb's subject pronoun in the subjective case (parse)",
                              _always),
    "for-subject": CheckType(forsubject.build, forsubject.Settings,
                             "'harder for them plan': a to-infinitive after 'for' and its subject (parse)", _always),
    "name-article": CheckType(namearticle.build, namearticle.Settings,
                              "'and University of Wisconsin': 'the' before a name built on a noun and 'of' (parse)",
                              _always),
    "separate-genitives": CheckType(genitives.build, genitives.Settings,
                                    "'his bachelor's and master's degree': a count noun two genitives own (parse)",
                                    _always),
    "complex-preposition": CheckType(complement.build, complement.Settings,
                                     "'instead the', 'in spite the': a complex preposition's last word (parse)",
                                     _always),
}


def build_check(rule: Rule) -> Check:
    try:
        kind = CHECK_TYPES[rule.check]
    except KeyError:
        raise RuleError(
            f"{rule.where('check')}: unknown check type {rule.check!r} (known: {', '.join(sorted(CHECK_TYPES))})"
        ) from None
    parse_settings(rule, kind.settings)  # every type rejects keys it does not know, settings or not
    return kind.build(rule)


def paragraph_local(rule: Rule) -> bool:
    kind = CHECK_TYPES.get(rule.check)
    return kind is not None and kind.paragraph_local(rule)


def settings_table() -> str:
    """rules/README.md's table of every check type's settings, made from the dataclasses."""
    lines = ["| check type | setting | type | default | meaning |", "|---|---|---|---|---|"]
    for name in sorted(CHECK_TYPES):
        kind = CHECK_TYPES[name]
        hints = get_type_hints(kind.settings)
        found = fields(kind.settings)
        if not found:
            lines.append(f"| `{name}` | (none) | | | {kind.summary} |")
        for f in found:
            default = (
                "required" if f.default is MISSING and f.default_factory is MISSING
                else "empty" if f.default in ((), None) or f.default is MISSING
                else json.dumps(f.default)
            )  # fmt: skip
            lines.append(f"| `{name}` | `{f.name}` | {describe_type(hints[f.name])} | {default} | "
                         f"{f.metadata.get('doc', '')} |")  # fmt: skip
    return "\n".join(lines) + "\n"
