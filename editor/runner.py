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

from editor.archive import ArchiveStats
from editor.checker import Checker, EngineOptions, Selection
from editor.config import Config, load_config
from editor.document import Document
from editor.engines.languagetool import resolve_setup
from editor.findings import Finding, Severity
from editor.house import HouseStyle, load_house
from editor.markup import prose_of
from editor.rules import load_dictionary, load_rules, rule_matches, rules_dirs_from_env
from editor.suppress import blank_directives, unsuppressed


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
    words = project_words(config.root)
    return replace(config, words=config.words | words) if words else config


def project_words(root: Path) -> frozenset[str]:
    try:
        lines = (root / PROJECT_DICTIONARY).read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


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
            setup = resolve_setup(mode)
            if setup is not None and setup.is_public and not self._warned_public:
                self.note(f"warning: the text of every article is sent to {setup.url} (LanguageTool's public server)")
                self._warned_public = True
            archive = self.archive
            if house is not None and house.names:
                counts = {**(archive.articles if archive else {}), **house.name_counts()}
                archive = ArchiveStats.from_counts(counts, archive.dialects if archive else None)
            checker = Checker(
                (*load_rules(dirs), *(house.rules() if house else ())),
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

    def check(self, doc: Document) -> list[Finding]:
        config = config_for(doc.path)
        prose = prose_of(doc.path, doc.text)
        text, directives = blank_directives(prose.text if prose else doc.text)
        findings = self.checker_for(config).check(text)
        if prose is not None:
            findings = [f for f in findings if not prose.touches_markup(f.start, f.end)]
        findings = [f for f in findings if not any(f.start <= b and a <= f.end for a, b in directives)]
        findings = unsuppressed(doc.text, findings)
        return with_severities(findings, config.severity)

    def close(self) -> None:
        for checker in self._checkers.values():
            checker.close()


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
