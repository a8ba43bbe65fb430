"""House style sheets: the publication's preferred forms, which override what an article infers.

    # style/house.yaml  (point copydesk.toml's `house` key at it)
    dialect: en-GB            # every article is checked as British English
    quotes: curly             # curly or straight, whatever each article does
    abbreviations: undotted   # UN, US; or dotted: U.N., U.S.
    forms:                    # any other form -> the house form
      e-mail: email
      per cent: percent
    names: [Rajavi, Tehran]   # near-misses of these names are fixed to them

A sheet becomes ordinary rules (substitution, quotes, abbreviations) and seeds the names
check, so it needs no code of its own in the checks. `copydesk style learn ARCHIVE` writes a
sheet from an archive's dominant forms, with counts, for a person to review and commit.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from copydesk.checks.hyphenation import FUNCTION_WORDS, hyphen_parts
from copydesk.checks.quotes import classify
from copydesk.dialect import DIALECTS, count_dialect_words
from copydesk.findings import Severity
from copydesk.rules import Rule, RuleError, load_yaml
from copydesk.text import Analysis, Kind, Parser

# A name from the sheet counts as if this many articles used it.
NAME_WEIGHT = 1_000_000


@dataclass(frozen=True)
class HouseStyle:
    source: str
    dialect: str | None = None
    quotes: str | None = None
    abbreviations: str | None = None
    forms: tuple[tuple[str, str], ...] = ()
    names: tuple[str, ...] = ()

    def rules(self) -> list[Rule]:
        """The sheet as rules; they replace the inferring rules they override."""
        made = []
        if self.quotes:
            made.append(_rule("house.quotes", "quotes", "typography", {"style": self.quotes},
                              f"Quotation marks in house style ({self.quotes})"))  # fmt: skip
        if self.abbreviations:
            made.append(_rule("house.abbreviations", "abbreviations", "consistency",
                              {"prefer": self.abbreviations, "force": True},
                              f"Abbreviations in house style ({self.abbreviations}): {{preferred}}"))  # fmt: skip
        if self.forms:
            swaps = [{"pattern": variant, "replacement": preferred} for variant, preferred in self.forms]
            made.append(_rule("house.forms", "substitution", "consistency", {"swap": swaps},
                              "House style: '{replacement}', not '{text}'"))  # fmt: skip
        return made

    def replaced_checks(self) -> frozenset[str]:
        """Check types whose inferring rules the sheet's own rules replace: a sheet that fixes the
        quotation marks leaves no rule inferring them from the article."""
        return frozenset(r.check for r in self.rules() if r.check != "substitution")

    def name_counts(self) -> dict[str, int]:
        return {name: NAME_WEIGHT for name in self.names}


def _rule(rule_id: str, check: str, category: str, settings: Mapping[str, Any], message: str) -> Rule:
    return Rule(
        id=rule_id,
        check=check,
        category=category,
        severity=Severity.WARNING,
        message=message,
        description="From the house style sheet.",
        confidence=0.9,
        settings=dict(settings),
        source="house style",
    )


def load_house(path: Path) -> HouseStyle:
    where = str(path)
    data = load_yaml(path) or {}
    if not isinstance(data, dict):
        raise RuleError(f"{where}: a house style sheet is a mapping")
    unknown = sorted(set(data) - {"dialect", "quotes", "abbreviations", "forms", "names"})
    if unknown:
        raise RuleError(f"{where}, field '{unknown[0]}': unknown (dialect, quotes, abbreviations, forms, names)")
    checks = {"dialect": DIALECTS, "quotes": ("curly", "straight"), "abbreviations": ("dotted", "undotted")}
    for key, allowed in checks.items():
        if data.get(key) is not None and data[key] not in allowed:
            raise RuleError(f"{where}, field '{key}': one of {', '.join(allowed)}")
    forms = data.get("forms") or {}
    if not isinstance(forms, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in forms.items()):
        raise RuleError(f"{where}, field 'forms': a mapping from a form to the house form")
    blank = next((k for k, v in forms.items() if not k.strip() or not v.strip()), None)
    if blank is not None:
        raise RuleError(f"{where}, field 'forms': {blank!r} -> {forms[blank]!r}: a form and its house form are words, "
                        "never empty")  # fmt: skip
    names = data.get("names") or []
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise RuleError(f"{where}, field 'names': a list of names")
    return HouseStyle(where, data.get("dialect"), data.get("quotes"), data.get("abbreviations"),
                      tuple(forms.items()), tuple(names))  # fmt: skip


# --- learning a sheet from an archive -------------------------------------------------------


@dataclass
class StyleStatistics:
    """Counts over an archive; memory grows with the number of distinct forms, not the text."""

    articles: int = 0
    dialect: Counter[str] | None = None
    quotes: Counter[str] | None = None
    abbreviations: dict[str, Counter[str]] | None = None
    compounds: dict[str, Counter[str]] | None = None
    names: Counter[str] | None = None
    # Open pairs the parse read as a verb and its particle ("set up" the system): another word than
    # the compound, and a form the sheet must not rewrite, so those compounds get no preferred form.
    phrasal: Counter[str] | None = None
    parser: Parser | None = None

    def __post_init__(self) -> None:
        self.dialect = self.dialect or Counter()
        self.quotes = self.quotes or Counter()
        self.abbreviations = self.abbreviations or defaultdict(Counter)
        self.compounds = self.compounds or defaultdict(Counter)
        self.names = self.names or Counter()
        self.phrasal = self.phrasal or Counter()

    def add(self, text: str) -> None:
        from copydesk.archive import names_in
        from copydesk.checks.abbreviations import ABBREVIATION

        assert self.dialect is not None and self.quotes is not None and self.names is not None
        assert self.abbreviations is not None and self.compounds is not None and self.phrasal is not None
        analysis = Analysis(text, parser=self.parser)
        self.articles += 1
        self.dialect.update(count_dialect_words(t.text for t in analysis.words))
        self.quotes.update("curly" if m.curly else "straight" for m in classify(text) if m.family == "double")
        for m in ABBREVIATION.finditer(text):
            self.abbreviations[m.group().replace(".", "")][m.group()] += 1
        tokens = analysis.tokens
        for i, tok in enumerate(tokens):
            if (tok.kind is Kind.WORD and tok.text.count("-") == 1 and not tok.text[:1].isupper()
                    and not FUNCTION_WORDS & set(tok.lower.split("-"))):  # fmt: skip
                self.compounds[tok.text.lower().replace("-", " ")][tok.text.lower()] += 1
            elif (tok.kind is Kind.WORD and i + 2 < len(tokens) and tokens[i + 1].text == " "
                  and tokens[i + 2].kind is Kind.WORD):  # fmt: skip
                pair = f"{hyphen_parts(tok)[-1][2].lower()} {hyphen_parts(tokens[i + 2])[0][2].lower()}"
                if pair in self.compounds and analysis.phrasal_verb(tok.start, tokens[i + 2].start):
                    self.phrasal[pair] += 1
                elif pair in self.compounds:
                    self.compounds[pair][pair] += 1
        self.names.update(names_in(analysis))


def learn(texts: Iterable[str], parser: Parser | None = None) -> StyleStatistics:
    """The archive's counts; with a parser (the syntax layer), verb-and-particle uses ("set up")
    are told from the compound ("set-up")."""
    stats = StyleStatistics(parser=parser)
    for text in texts:
        stats.add(text)
    return stats


def render_sheet(stats: StyleStatistics, source: str, min_ratio: float = 3.0) -> str:
    """A YAML style sheet with the archive's dominant forms and their counts as comments."""
    assert stats.dialect is not None and stats.quotes is not None and stats.names is not None
    assert stats.abbreviations is not None and stats.compounds is not None
    lines = [
        f"# House style learned from {stats.articles} articles in {source}.",
        "# Review it, remove what is not house style, and point copydesk.toml's `house` key at it.",
        "",
    ]
    us, uk = stats.dialect["en-US"], stats.dialect["en-GB"]
    if us or uk:
        lines += [f"# American spellings {us}, British {uk}", f"dialect: {'en-GB' if uk > us else 'en-US'}"]
    curly, straight = stats.quotes["curly"], stats.quotes["straight"]
    if curly or straight:
        lines += [f"# curly quotation marks {curly}, straight {straight}",
                  f"quotes: {'curly' if curly >= straight else 'straight'}"]  # fmt: skip
    dotted = sum(n for forms in stats.abbreviations.values() for f, n in forms.items() if "." in f)
    plain = sum(n for forms in stats.abbreviations.values() for f, n in forms.items() if "." not in f)
    mixed = [k for k, forms in stats.abbreviations.items() if len(forms) > 1]
    if mixed:
        lines += [f"# dotted abbreviations {dotted}, undotted {plain} (mixed: {', '.join(sorted(mixed)[:10])})",
                  f"abbreviations: {'dotted' if dotted > plain else 'undotted'}"]  # fmt: skip
    forms = []
    for pair, counter in sorted(stats.compounds.items()):
        if len(counter) < 2 or (stats.phrasal and stats.phrasal[pair]):
            continue  # "set up" is also a verb in the archive: rewriting it would break the verbs
        (best, n), (other, m) = counter.most_common(2)
        if n >= min_ratio * m:
            forms.append(f"  {other!r}: {best!r}  # {n} vs {m}")
    if forms:
        lines += ["forms:", *forms]
    from copydesk.archive import ArchiveStats

    archive = ArchiveStats.from_counts(stats.names)
    varied = sorted({w for form in stats.names if (w := archive.dominant_variant(form, 1 if len(form) <= 6 else 2))
                     and w != form})  # fmt: skip
    if varied:
        lines.append("names:  # names with rarer near-identical spellings in the archive")
        lines += [f"  - {name}  # in {stats.names[name]} articles" for name in varied]
    return "\n".join(lines) + "\n"
