"""Harper, in-process through harper-py: grammar and spelling with no Java and no server.

Harper's lints become findings `harper.<kind>`. Its spelling lints are reviewed before they
reach an editor: names, abbreviations, numbers with units and rare-but-real words are
dropped, and the proposed word is the most likely one (see copydesk.speller).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import harper
from rapidfuzz.distance import OSA

from copydesk.dialect import spelling_pairs
from copydesk.findings import Finding, Severity
from copydesk.lexicon import zipf
from copydesk.markup import MAX_WORD
from copydesk.rules import FIX_SAFETY, RULES_DIR, Example, Rule, RuleError, load_yaml
from copydesk.speller import LETTERS, common_misspellings, corrections, is_compound, judged_as_word
from copydesk.text import Analysis, match_case

CONFIG_FILE = RULES_DIR / "engines" / "harper.yaml"
DIALECTS = {
    "en-US": harper.Dialect.AMERICAN,
    "en-GB": harper.Dialect.BRITISH,
    "en-AU": harper.Dialect.AUSTRALIAN,
    "en-CA": harper.Dialect.CANADIAN,
    "en-IN": harper.Dialect.INDIAN,
}
_SPELLING_KINDS = frozenset({"Spelling", "Typo"})
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


@dataclass(frozen=True)
class KindStyle:
    category: str
    severity: Severity
    confidence: float
    fix: str = "unsafe"  # an engine's fix is trusted only where measured (rules/engines/harper.yaml)
    description: str = ""
    sic: bool = False  # silenced by "[sic]" after the word, as a rule's `sic`


@dataclass(frozen=True)
class HarperConfig:
    """What rules/engines/harper.yaml decides: rules off, profiles, spelling policy, kind styles."""

    off: frozenset[str]
    off_for_speed: frozenset[str]  # silent on every corpus measured, and costly; profile `thorough` has them
    profiles: Mapping[str, frozenset[str]]
    min_zipf_gain: float
    skip_names: bool
    sentence_start: frozenset[str]  # rules about a sentence's first word: kept where copydesk sees one start
    kinds: Mapping[str, KindStyle]
    bad: tuple[Example, ...]
    good: tuple[Example, ...]

    def disabled(self, profiles: Sequence[str]) -> frozenset[str]:
        turned_on: set[str] = set()
        for name in profiles:
            if name not in self.profiles:
                raise RuleError(f"{CONFIG_FILE}: no profile {name!r} (known: {', '.join(sorted(self.profiles))})")
            turned_on |= self.profiles[name]
        return (self.off | self.off_for_speed) - turned_on

    def style(self, kind: str) -> KindStyle:
        return self.kinds.get(kind) or self.kinds["default"]


@cache
def load_config(path: Path = CONFIG_FILE) -> HarperConfig:
    where = str(path)
    data: Any = load_yaml(path)
    if not isinstance(data, dict):
        raise RuleError(f"{where}: a mapping of Harper settings")
    off = frozenset((data.get("disabled") or {}).keys())
    off_for_speed = frozenset((data.get("off_for_speed") or {}).keys())
    profiles = {
        name: frozenset(p.get("enable") or ()) | (off_for_speed if p.get("enable_off_for_speed") else frozenset())
        for name, p in (data.get("profiles") or {}).items()
    }
    kinds = {}
    for kind, style in (data.get("kinds") or {}).items():
        try:
            kinds[kind] = KindStyle(style["category"], Severity.parse(style["severity"]), float(style["confidence"]),
                                    style.get("fix", "unsafe"), str(style.get("description", "")),
                                    style.get("sic") is True)  # fmt: skip
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise RuleError(f"{where}, field 'kinds.{kind}': {exc}") from None
        if kinds[kind].fix not in FIX_SAFETY:
            raise RuleError(f"{where}, field 'kinds.{kind}.fix': one of {', '.join(FIX_SAFETY)}")
    if "default" not in kinds:
        raise RuleError(f"{where}, field 'kinds': needs a 'default' entry")
    spelling = data.get("spelling") or {}
    examples = data.get("examples") or {}
    return HarperConfig(
        off=off,
        off_for_speed=off_for_speed,
        profiles=profiles,
        min_zipf_gain=float(spelling.get("min_zipf_gain", 2.5)),
        skip_names=bool(spelling.get("skip_names", True)),
        sentence_start=frozenset(data.get("sentence_start") or ()),
        kinds=kinds,
        bad=tuple(Example(e["text"], e.get("fixed")) for e in examples.get("bad") or ()),
        good=tuple(Example(e) for e in examples.get("good") or ()),
    )


@cache
def _check_rule_names(off: frozenset[str]) -> None:
    """Every rule the configuration turns off exists in this Harper (asked only when Harper runs:
    building its rule list takes half a second)."""
    unknown = sorted(off - set(harper.get_default_lint_config()))
    if unknown:
        fields = "field 'disabled' or 'off_for_speed'"
        raise RuleError(f"{CONFIG_FILE}, {fields}: Harper has no rule(s) {', '.join(unknown)}")


@cache
def _linter(dialect: str, disabled: frozenset[str], words: frozenset[str]) -> harper.Linter:
    """One Linter per process and configuration: building one takes most of a second."""
    linter = harper.Linter(DIALECTS[dialect])
    linter.set_lint_config({name: False for name in disabled})
    if words:
        linter.import_words(sorted(words))
    return linter


def kind_id(lint_kind: str) -> str:
    return "harper." + _CAMEL.sub("-", lint_kind).lower()


SPELLING = kind_id("Spelling")  # Harper's own lint kind, whose capitalised words may be names


def harper_rules() -> tuple[Rule, ...]:
    """Harper's lint kinds as rules, so `copydesk rules`, SARIF and --select know them like our own."""
    config = load_config()
    return tuple(
        Rule(
            id=kind_id(kind),
            check="harper",
            category=style.category,
            severity=style.severity,
            message=style.description,
            description=f"{style.description}\nFound by Harper (harper-py, in-process); how copydesk uses it, which of "
            f"its rules are off and why: {CONFIG_FILE.name}.",
            confidence=style.confidence,
            bad=config.bad if kind == "Spelling" else (),
            good=config.good if kind == "Spelling" else (),
            source=str(CONFIG_FILE),
            fix=style.fix,
            sic=style.sic,
        )
        for kind, style in config.kinds.items()
        if kind != "default"
    )


def rule_ids() -> frozenset[str]:
    """Every id a Harper finding can have: one per lint kind."""
    return frozenset(r.id for r in harper_rules())


def _replacements(lint: harper.Lint) -> list[str]:
    out = []
    for s in lint.suggestions:
        if s.kind == harper.SuggestionKind.REMOVE:
            out.append("")
        elif s.kind == harper.SuggestionKind.INSERT_AFTER:
            out.append(lint.problem_text + s.replacement_text)
        else:
            out.append(s.replacement_text)
    return list(dict.fromkeys(out))


class HarperEngine:
    """Lints one paragraph at a time; the same instance serves every document of a run."""

    name = "harper"

    def __init__(
        self, dialect: str = "en-US", words: frozenset[str] = frozenset(), profiles: Sequence[str] = ()
    ) -> None:
        if dialect not in DIALECTS:
            raise RuleError(f"unknown dialect {dialect!r} (use {', '.join(DIALECTS)})")
        self.config = load_config()
        _check_rule_names(self.config.off | self.config.off_for_speed)
        self.dialect = dialect
        self.disabled = self.config.disabled(profiles)
        self.words = words
        self.fingerprint = f"harper:{dialect}:{sorted(self.disabled)}:{sorted(words)}:{self.config.min_zipf_gain}"

    def lint_batch(self, texts: Sequence[str]) -> list[list[Finding]]:
        """Each paragraph linted on its own, so that its findings depend on its text alone."""
        return [self.lint(Analysis(text), 0, len(text)) for text in texts]

    def lint(self, analysis: Analysis, start: int, end: int) -> list[Finding]:
        """Findings for text[start:end] of the analysed document, in document offsets."""
        text = analysis.text[start:end]
        linter = _linter(self.dialect, self.disabled, self.words)
        findings = []
        # Harper, made for editors, leaves a text's last sentence alone until something follows it
        # (the writer may still be typing it): a paragraph here is finished, and a line break says so.
        finished = text + "\n"
        for rule_name, lints in linter.organized_lints(finished, language=harper.Language.PLAINTEXT).items():
            for lint in lints:
                if lint.span.end > len(text):
                    continue  # about the line break added above
                finding = self._finding(analysis, start, rule_name, lint)
                if finding is not None:
                    findings.append(finding)
        return findings

    def finalize(self, analysis: Analysis, findings: list[Finding]) -> list[Finding]:
        """Document-level review: a capitalised 'misspelling' that recurs is a name, not a slip; a
        lint about a sentence's first word stands only where the article has a sentence start."""
        capitalised = Counter(t.text for t in analysis.words if t.text[:1].isupper())
        starts = {f"harper:{name}" for name in self.config.sentence_start}
        return [
            f
            for f in findings
            if not (self.config.skip_names and f.rule == SPELLING and f.text[:1].isupper() and capitalised[f.text] > 1)
            and not (starts.intersection(f.sources) and not _starts_sentence(analysis, f.start, f.end))
        ]

    def _finding(self, analysis: Analysis, offset: int, rule_name: str, lint: harper.Lint) -> Finding | None:
        start, end = lint.span.start + offset, lint.span.end + offset
        if _inside_word(analysis.text, start, end):
            return None  # a lint on part of a token ("’s top" read as "stop" in "Amazon.co.uk’s top")
        if _ends_line(analysis.text, start, end):
            return None  # spaces at a line's end are invisible wherever the article appears (and in
            # Markdown two of them are a line break, not a slip)
        style = self.config.style(lint.lint_kind)
        replacements = _replacements(lint)
        confidence = style.confidence
        message = lint.message
        safe = style.fix != "unsafe"
        if lint.lint_kind in _SPELLING_KINDS:
            reviewed = self._review_spelling(analysis, start, end, replacements)
            if reviewed is None:
                return None
            replacements, confidence, message, slip = reviewed
            safe = safe and slip
        if end <= start and not replacements:
            return None
        return Finding(
            rule=kind_id(lint.lint_kind),
            category=style.category,
            severity=style.severity,
            message=message,
            start=start,
            end=end,
            text=analysis.text[start:end],
            replacements=tuple(replacements),
            confidence=confidence,
            sources=(f"harper:{rule_name}",),
            safe=safe,
        )

    def _review_spelling(
        self, analysis: Analysis, start: int, end: int, suggestions: list[str]
    ) -> tuple[list[str], float, str, bool] | None:
        """Keep a spelling lint only when it is surely a misspelling with a likely fix; the last value
        says whether the fix mends a slip of the keys (a known misspelling, or one edit away with the
        first letter kept), the only spelling fixes applied unattended: two edits away "colourers"
        became "colours", and a new word, "vaper", became "paper"."""
        text = analysis.text
        word = text[start:end]
        if not word.isalpha() or len(word) < 3 or len(word) > MAX_WORD or word.isupper():
            return None  # abbreviations, units ('4bn'), fragments of 'U.N.’s', hyphenated parts
        if not word.isascii() or any(c.isupper() for c in word[1:]):
            return None  # foreign words ('zhù') and brand names ('iBooks', 'eSpeed')
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        hyphened = before == "-" or (after == "-" and text[end + 1 : end + 2].isalpha())
        if before.isdigit() or before in ".’'" or (after in "’'" and text[end + 1 : end + 2].isalpha()) or (
            hyphened and not judged_as_word(word)
        ):  # fmt: skip
            return None
        if spelling_pairs().other_form(word, self.dialect) is not None:
            return None  # an American or British spelling: the dialect check weighs the whole article
        if word[:1].isupper() and self.config.skip_names and _looks_like_name(analysis, start, end):
            return None  # a name: the consistency checks compare it with its other spellings
        known = common_misspellings().get(word.lower())
        if known:
            fix = match_case(word, known)
            return [fix], 0.85, f"Common misspelling: did you mean '{fix}'?", not _first_letter_lost(word)
        if is_compound(word):
            return None  # "coffeetable", "telepathology": built of known parts, not misspelt
        candidates = corrections(word, [s for s in suggestions if " " not in s])
        if not candidates:
            return None
        # A word Harper did not think of needs more evidence ('teff' is one letter from 'jeff').
        needed = self.config.min_zipf_gain + (0 if candidates[0] in suggestions else 0.5)
        if zipf(candidates[0]) - zipf(word) < needed:
            return None
        best = candidates[0]
        sure = zipf(best) >= 4.0 and (len(candidates) == 1 or zipf(best) - zipf(candidates[1]) >= 1.0)
        slip = _slip_of_the_keys(text, start, end, best)
        return candidates, 0.85 if sure else 0.6, f"Possible misspelling: did you mean '{best}'?", slip


# Below this Zipf frequency a word is one the lexicon hardly knows ("drei" 2.2, "naturel" 2.2); at or
# above it, one in use though Harper lacks it ("facie" 2.6, "useable" 2.6; the dev set's typos: 2.2 at most).
_UNKNOWN_ZIPF = 2.5
# A word this common, the slip with a letter put before it, may be what the writer meant.
_FIRST_LETTER_ZIPF = 3.0
_LAST_WORD = re.compile(r"([A-Za-z]+) +$")
_FIRST_WORD = re.compile(r" +([A-Za-z]+)")


def _slip_of_the_keys(text: str, start: int, end: int, best: str) -> bool:
    """Whether the word at [start, end) is surely a slip of the keys for `best`, the only spelling
    fix applied unattended: one edit away with the first letter kept (all 39 of the dev set's typos
    do; "vaper" became "paper"), and none of the signs, measured on OneStopEnglish and CWEB dev, of
    a word of its own or of a second reading (then the fix is proposed, for a person to choose)."""
    word = text[start:end]
    return OSA.distance(best.lower(), word.lower()) == 1 and best[:1].lower() == word[:1].lower() and not (
        _beside_unknown_word(text, start, end)  # a foreign phrase: "halb drei" ("half of three")
        or _first_letter_lost(word)  # "think reatively": "creatively" was meant
        or _last_letter_differs(word, best)  # "clinicals", "rootsy": words of their own
        or zipf(word) >= _UNKNOWN_ZIPF  # a word in use: "prima facie"
    )


def _first_letter_lost(word: str) -> bool:
    """Whether a common word is the slip with a letter before it: "reatively" may be "relatively" or
    "creatively", "tung" (tung oil) "tongue" or "stung", "ona" "on a" or "bona". Two readings: a
    person chooses."""
    lower = word.lower()
    return any(zipf(letter + lower) >= _FIRST_LETTER_ZIPF for letter in LETTERS)


def _last_letter_differs(word: str, best: str) -> bool:
    """Whether the slip is the word with a letter added at its end or its last letter changed: on
    real web text (CWEB dev) such words were mostly words of their own ("clinicals", "rootsy", "mora
    structure", "coupla") or another form of it ("gaind" for "gained", not "gain")."""
    lower, fix = word.lower(), best.lower()
    return lower[:-1] == fix or (len(lower) == len(fix) and lower[:-1] == fix[:-1])


def _beside_unknown_word(text: str, start: int, end: int) -> bool:
    """Whether the word next to [start, end), on either side across spaces only, is in lower case
    and one the lexicon hardly knows."""
    before = _LAST_WORD.search(text, max(0, start - 40), start)
    after = _FIRST_WORD.match(text, end)
    return any(m is not None and m.group(1).islower() and zipf(m.group(1)) < _UNKNOWN_ZIPF for m in (before, after))


def _ends_line(text: str, start: int, end: int) -> bool:
    return start < end and not text[start:end].strip() and text[end : end + 1] in ("\n", "\r", "")


def _inside_word(text: str, start: int, end: int) -> bool:
    """Whether a span starts or ends in the middle of a word, number or contraction."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    starts_inside = (before.isalnum() or before in "’'") and text[start : start + 1].isalnum()
    ends_inside = after.isalnum() and text[end - 1 : end].isalnum()
    return starts_inside or ends_inside


def _starts_sentence(analysis: Analysis, start: int, end: int) -> bool:
    """Whether copydesk's sentence splitter, the one every check uses, sees a sentence start there
    (not after "Corp." nor inside ".com"), at a word that is not a brand's ("eSpeed"), and, at a
    paragraph's start, after a paragraph that ended its sentence: a line broken mid-sentence ("when
    she was" / "but she said") is a broken paragraph, not a missing capital."""
    if not analysis.starts_sentence(start) or any(c.isupper() for c in analysis.text[start + 1 : end]):
        return False
    paragraph = analysis.paragraphs[analysis.paragraph_index(start)].start
    if any(c.isalnum() for c in analysis.text[paragraph:start]):
        return True  # a sentence inside the paragraph
    before = analysis.text[:paragraph].rstrip().rstrip("\"'”’)]»")
    return not before or before.endswith((".", "!", "?", ":"))


# A capitalised word at the start of a sentence is taken for a misspelling only when it is one
# edit from a very common word ("Thouught", "Peple"); otherwise it is a name ("Amjid", "Hawit").
NAME_SAFE_ZIPF = 5.0


def _looks_like_name(analysis: Analysis, start: int, end: int) -> bool:
    if not analysis.starts_sentence(start):
        return True
    word = analysis.text[start:end]
    following = analysis.text[end:].lstrip(" ")[:1]
    if following.isupper() or zipf(word) >= 2.0:
        return True  # "Jarid Arraes", "Gao Ping"; or a word seen often enough to be a real name
    near = corrections(word)
    return not near or zipf(near[0]) < NAME_SAFE_ZIPF
