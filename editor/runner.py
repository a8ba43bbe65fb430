"""Checking files as a run: each file with its own project's configuration, markup and suppressions.

The shell around the functional core: it finds the configuration for a file, keeps one
Checker per distinct configuration, hides markup from the checks, and drops what the writer
has suppressed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from copydesk.archive import ArchiveStats
from copydesk.checker import Checker
from copydesk.config import Config, ConfigError, load_config, project_root
from copydesk.document import Document
from copydesk.findings import Finding, Severity
from copydesk.markup import checkable
from copydesk.rules import Rule, RuleError, load_rules, rule_matches, unknown_selector
from copydesk.settings import CommandLine, Settings, house_style, resolve
from copydesk.suppress import blank_directives, unsuppressed
from copydesk.text import Intervals

PROJECT_DICTIONARY = Path(".copydesk") / "dictionary.txt"


def config_for(path: str) -> Config:
    """The configuration for a file: found from its folder (from the current folder for stdin),
    with the project's own dictionary (.copydesk/dictionary.txt, which `review`'s d key fills)."""
    config = load_config(Path.cwd() if path == "-" else Path(path)).for_file(path)
    words = project_words(project_root(path))
    return replace(config, words=config.words | words) if words else config


def project_words(root: Path) -> frozenset[str]:
    path = root / PROJECT_DICTIONARY
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text; the project dictionary is one word a line, in UTF-8") from None
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def add_project_word(path: str, word: str) -> Path:
    """Add a word to the project dictionary of the project `path` belongs to (the review app's `d`,
    the language server's quick fix); returns the dictionary's path."""
    dictionary = project_root(path) / PROJECT_DICTIONARY
    dictionary.parent.mkdir(parents=True, exist_ok=True)
    with dictionary.open("a", encoding="utf-8") as fh:
        fh.write(word + "\n")
    return dictionary


class Session:
    """One run: settings are resolved once per configuration, and a Checker is built once per
    distinct Settings and reused."""

    def __init__(
        self,
        command_line: CommandLine = CommandLine(),
        note: Callable[[str], None] = lambda m: None,
        archive: ArchiveStats | None = None,
        incremental: bool = False,
    ) -> None:
        self.command_line = command_line
        self.incremental = incremental  # the same articles re-checked as they are edited (an editor)
        self.archive = archive
        self.note = note
        self._settings: dict[Config, Settings] = {}
        self._checkers: dict[Settings, Checker] = {}
        self._warned_public = False

    def settings_for(self, path: str) -> Settings:
        """The settings for one file: its configuration (with its overrides), then the command line."""
        config = config_for(path)
        settings = self._settings.get(config)
        if settings is None:
            settings = self._settings[config] = resolve(config, self.command_line)
            self.checker_for(settings, config)
        return settings

    def checker_for(self, settings: Settings, config: Config | None = None) -> Checker:
        checker = self._checkers.get(settings)
        if checker is None:
            house = house_style(settings.house) if settings.house else None
            rules = load_rules(settings.rule_dirs)
            self._check_rule_ids(config or Config(), rules)
            if house is not None:
                replaced = house.replaced_checks()
                rules = (*(r for r in rules if r.check not in replaced), *house.rules())
            archive = self.archive
            if house is not None and house.names:
                counts = {**(archive.articles if archive else {}), **house.name_counts()}
                archive = ArchiveStats.from_counts(counts, archive.dialects if archive else None)
            checker = Checker(rules, settings, archive, on_error=self.note, incremental=self.incremental)
            setup = checker.languagetool_setup
            if setup is not None and setup.is_public and not self._warned_public:
                self.note(f"warning: the text of every article is sent to {setup.url} (LanguageTool's public server)")
                self._warned_public = True
            self._checkers[settings] = checker
        return checker

    def _check_rule_ids(self, config: Config, rules: Sequence[Rule]) -> None:
        """Every id or prefix the command line and the configuration name must select some rule."""
        from copydesk.engines.harper import rule_ids as harper_ids

        known = {r.id for r in rules} | harper_ids()
        for option, patterns in (("--select", self.command_line.select), ("--ignore", self.command_line.ignore)):
            bad = unknown_selector(patterns, known)
            if bad is not None:
                raise RuleError(f"{option} {bad[0]}: no rule has this id or prefix{_did_you_mean(bad[1])}")
        for key, patterns in (
            ("select", config.select), ("ignore", config.ignore), ("severity", tuple(r for r, _ in config.severity))
        ):  # fmt: skip
            bad = unknown_selector(patterns, known)
            if bad is not None:
                where = f"{config.source}: key '{key}'" + (f" ('{bad[0]}')" if key == "severity" else "")
                raise ConfigError(f"{where}: no rule has the id or prefix {bad[0]!r}{_did_you_mean(bad[1])}")

    def check(self, doc: Document, document_findings: Sequence[Finding] | None = None) -> list[Finding]:
        """The document's findings; `document_findings` as in Checker.check (an editor's quick answer)."""
        settings = self.settings_for(doc.path)
        prose = checkable(doc.path, doc.text)
        text, directives = blank_directives(prose.text)
        checker = self.checker_for(settings)
        findings = checker.check(text, document_findings)
        if prose.blanked:
            findings = [f for f in findings if not prose.touches_markup(f.start, f.end)]
        blanked = Intervals(directives)  # closed spans: a finding touching a directive is dropped
        findings = [f for f in findings if not blanked.overlaps(f.start - 1, f.end + 1)]
        findings = unsuppressed(doc.text, findings, checker.sic_rules)
        return with_severities(findings, settings.severity)

    @property
    def document_rules(self) -> frozenset[str]:
        """The ids of the rules that look at a whole file at once (Checker.document_rules), in any
        configuration this session has checked with: whether a rule does is its check type's, not
        a setting's, so no file's configuration needs reading again to ask."""
        return frozenset().union(*(checker.document_rules for checker in self._checkers.values()))

    def cache_stats(self) -> tuple[int, int]:
        """Paragraphs the engines took from the cache, and those they linted, over this session."""
        checkers = self._checkers.values()
        return sum(c.cache_hits for c in checkers), sum(c.cache_misses for c in checkers)

    def close(self) -> None:
        for checker in self._checkers.values():
            checker.close()


def _did_you_mean(near: str | None) -> str:
    return f"; did you mean {near!r}? ('copydesk rules' lists them)" if near else " ('copydesk rules' lists them)"


def with_severities(findings: Sequence[Finding], overrides: Sequence[tuple[str, Severity]]) -> list[Finding]:
    """Apply [severity] settings; the most specific (longest) matching rule id or prefix wins."""
    if not overrides:
        return list(findings)
    ordered = sorted(overrides, key=lambda kv: -len(kv[0]))
    out = []
    for f in findings:
        match = next((sev for rule, sev in ordered if rule_matches(f.rule, (rule,))), None)
        out.append(replace(f, severity=match) if match is not None else f)
    return out
