"""Settings resolved once: defaults, then copydesk.toml, then the house style sheet, then the
command line, in that order (as ruff applies command-line overrides in one transform over its
configuration). The result is frozen and hashable: the checker's cache key, and all that the
checker, its engines and the bulk workers are given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from copydesk.config import DEFAULT_MIN_CONFIDENCE, Config
from copydesk.files import stamp
from copydesk.findings import Severity
from copydesk.house import HouseStyle, load_house
from copydesk.rules import rules_dirs_from_env


@dataclass(frozen=True)
class CommandLine:
    """What the command line (or an editor's client settings) says; unset values leave the
    configuration's. It wins over any configuration file."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    dialect: str | None = None
    profiles: tuple[str, ...] = ()
    harper: bool | None = None  # --no-harper: False
    syntax: bool | None = None  # --no-syntax: False
    languagetool: str | None = None
    languagetool_timeout: float | None = None
    min_confidence: float | None = None


@dataclass(frozen=True)
class Settings:
    """Everything that decides which findings a check makes and which fixes are applied."""

    rule_dirs: tuple[Path, ...] = ()  # rule packs beyond the built-in ones (COPYDESK_RULES, `rules`)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    dialect: str | None = None  # None: inferred from each article's own spellings
    profiles: tuple[str, ...] = ()
    words: frozenset[str] = field(default_factory=frozenset)
    harper: bool = True
    syntax: bool = True  # the dependency parse under the checks that need a sentence's structure
    languagetool: str = "auto"  # off, auto, local, or a server URL
    languagetool_timeout: float = 30.0
    house: str | None = None  # the house style sheet's path
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    severity: tuple[tuple[str, Severity], ...] = ()


# Our own rules only: for rule examples and tests of one check.
NO_ENGINES = Settings(harper=False, languagetool="off")


def resolve(config: Config, line: CommandLine = CommandLine()) -> Settings:
    """The one place settings are merged."""
    house = house_style(config.house) if config.house else None
    return Settings(
        rule_dirs=(*rules_dirs_from_env(), *config.rules),
        select=line.select or config.select,
        ignore=(*config.ignore, *line.ignore),
        dialect=line.dialect or config.dialect or (house.dialect if house else None),
        profiles=line.profiles or config.profiles,
        words=config.words,
        harper=config.harper if line.harper is None else line.harper,
        syntax=config.syntax if line.syntax is None else line.syntax,
        languagetool=line.languagetool or config.languagetool,
        languagetool_timeout=line.languagetool_timeout or config.languagetool_timeout,
        house=config.house,
        min_confidence=config.min_confidence if line.min_confidence is None else line.min_confidence,
        severity=config.severity,
    )


def house_style(path: str) -> HouseStyle:
    return _house_style(path, stamp(path))


@lru_cache(maxsize=32)
def _house_style(path: str, _stamp: tuple[int, int] | None) -> HouseStyle:
    return load_house(Path(path))
