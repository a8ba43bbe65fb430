"""Checking files as a run: each file with its own project's configuration, markup and suppressions.

The shell around the functional core: it finds the configuration for a file, keeps one
Checker per distinct configuration, hides markup from the checks, and drops what the writer
has suppressed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from copydesk.archive import ArchiveStats
from copydesk.checker import Checker, EngineOptions, Selection
from copydesk.config import Config, ConfigError, load_config, project_root
from copydesk.document import Document
from copydesk.engines.languagetool import resolve_setup
from copydesk.findings import Finding, Severity
from copydesk.house import HouseStyle, load_house
from copydesk.markup import checkable
from copydesk.rules import (
    Rule,
    RuleError,
    load_dictionary,
    load_rules,
    rule_matches,
    rules_dirs_from_env,
    unknown_selector,
)
from copydesk.suppress import blank_directives, unsuppressed
from copydesk.text import Intervals


@dataclass(frozen=True)
class Overrides:
    """What the command line says; it wins over any configuration file."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    dialect: str | None = None
    profiles: tuple[str, ...] = ()
    harper: bool = True
    languagetool: str | None = None
    languagetool_timeout: float | None = None


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
    """One run: Checkers are built once per distinct configuration and reused."""

    def __init__(
        self,
        overrides: Overrides = Overrides(),
        note: Callable[[str], None] = lambda m: None,
        archive: ArchiveStats | None = None,
    ) -> None:
        self.overrides = overrides
        self.archive = archive
        self.note = note
        self._checkers: dict[tuple[object, ...], Checker] = {}
        self._warned_public = False

    def checker_for(self, config: Config) -> Checker:
        o = self.overrides
        dirs = (*rules_dirs_from_env(), *config.rules)
        mode = o.languagetool or config.languagetool
        timeout = o.languagetool_timeout or config.languagetool_timeout
        key = (
            dirs, o.select or config.select, (*config.ignore, *o.ignore), o.dialect or config.dialect,
            o.profiles or config.profiles, config.words, o.harper, mode, timeout, config.house,
        )  # fmt: skip
        checker = self._checkers.get(key)
        if checker is None:
            house = load_house_cached(config.house) if config.house else None
            rules = (*load_rules(dirs), *(house.rules() if house else ()))
            self._check_rule_ids(config, rules)
            setup = resolve_setup(mode)
            if setup is not None and setup.is_public and not self._warned_public:
                self.note(f"warning: the text of every article is sent to {setup.url} (LanguageTool's public server)")
                self._warned_public = True
            archive = self.archive
            if house is not None and house.names:
                counts = {**(archive.articles if archive else {}), **house.name_counts()}
                archive = ArchiveStats.from_counts(counts, archive.dialects if archive else None)
            checker = Checker(
                rules,
                Selection(
                    o.select or config.select, (*config.ignore, *o.ignore, *(house.replaced_rules() if house else ()))
                ),
                EngineOptions(
                    harper=o.harper,
                    dialect=o.dialect or config.dialect or (house.dialect if house else None),
                    profiles=o.profiles or config.profiles,
                    words=load_dictionary(dirs) | config.words,
                    languagetool=setup,
                    languagetool_timeout=timeout,
                    on_engine_error=self.note,
                ),
                archive=archive,
            )
            self._checkers[key] = checker
        return checker

    def _check_rule_ids(self, config: Config, rules: Sequence[Rule]) -> None:
        """Every id or prefix the command line and the configuration name must select some rule."""
        from copydesk.engines.harper import rule_ids as harper_ids

        known = {r.id for r in rules} | harper_ids()
        for option, patterns in (("--select", self.overrides.select), ("--ignore", self.overrides.ignore)):
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

    def check(self, doc: Document) -> list[Finding]:
        config = config_for(doc.path)
        prose = checkable(doc.path, doc.text)
        text, directives = blank_directives(prose.text)
        findings = self.checker_for(config).check(text)
        if prose.blanked:
            findings = [f for f in findings if not prose.touches_markup(f.start, f.end)]
        blanked = Intervals(directives)  # closed spans: a finding touching a directive is dropped
        findings = [f for f in findings if not blanked.overlaps(f.start - 1, f.end + 1)]
        findings = unsuppressed(doc.text, findings)
        return with_severities(findings, config.severity)

    def cache_stats(self) -> tuple[int, int]:
        """Paragraphs the engines took from the cache, and those they linted, over this session."""
        checkers = self._checkers.values()
        return sum(c.cache_hits for c in checkers), sum(c.cache_misses for c in checkers)

    def close(self) -> None:
        for checker in self._checkers.values():
            checker.close()


def _did_you_mean(near: str | None) -> str:
    return f"; did you mean {near!r}? ('copydesk rules' lists them)" if near else " ('copydesk rules' lists them)"


@lru_cache(maxsize=32)
def load_house_cached(path: str) -> HouseStyle:
    return load_house(Path(path))


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
