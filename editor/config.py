"""Project configuration: `copydesk.toml`, or `[tool.copydesk]` in `pyproject.toml`.

Found by searching upward from each checked file, as Vale and typos do, so one run over
several projects uses each project's own settings. Command-line options override them. An
invalid file is an error naming the file, the key and what is wrong.

    dialect = "en-GB"                    # en-US, en-GB, en-AU, en-CA, en-IN; unset: inferred
    languagetool = "auto"                # off, auto, local, or a server URL
    languagetool-timeout = 30
    select = ["consistency", "grammar"]  # rule ids or dotted prefixes
    ignore = ["style"]
    profiles = ["readability"]
    words = ["Rajavi", "NCRI"]           # accepted by every engine
    rules = ["house-rules/"]             # more rule-pack folders, relative to this file
    house = "style/house.yaml"           # a house style sheet (editor/house.py), or a name in rules/house/
    across = "archive/"                  # weigh names and dialect against this folder (false: never;
                                         # unset: against the articles checked together, if 5 or more)
    max-file-size = 10                   # MB: a larger file is skipped with a note (default 10)
    min-confidence = 0.8                 # fix and bulk apply only fixes at least this confident
    harper = true                        # false: no Harper grammar and spelling engine
    syntax = true                        # false: no dependency parse (skips the checks on it)
    include = ["*.md", "*.txt"]          # which files a folder check reads
    exclude = ["drafts/*", "archive/*"]
    [severity]                           # per rule id or prefix
    "consistency.quotes" = "error"
    [[overrides]]                        # settings for some files only
    files = ["letters/*"]
    ignore = ["consistency.dialect"]
"""

from __future__ import annotations

import fnmatch
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from copydesk.dialect import DIALECTS
from copydesk.errors import UserError
from copydesk.files import stamp
from copydesk.findings import Severity
from copydesk.rules import resolve_house_path

# The one default: `fix` and `bulk` apply fixes at least this confident. Measured by
# bench/clean_fixes.py: at 0.8, 12 of the 14 changes to 229,362 words of clean copy are corrections.
DEFAULT_MIN_CONFIDENCE = 0.8
DEFAULT_FILE_TIMEOUT = 300.0  # seconds one file of a bulk run may take before it is recorded "timed out"
CONFIG_NAMES = ("copydesk.toml", ".copydesk.toml", "pyproject.toml")
_OVERRIDE_KEYS = {"files", "select", "ignore", "dialect", "profiles", "severity", "words"}
_KEYS = {
    "max-file-size", "min-confidence", "harper", "syntax",
    "dialect", "languagetool", "languagetool-timeout", "select", "ignore", "profiles", "words", "rules",
    "include", "exclude", "severity", "overrides", "house", "across",
}  # fmt: skip


class ConfigError(UserError, ValueError):
    """An unusable configuration file; the message names the file and the key."""


@dataclass(frozen=True)
class Override:
    files: tuple[str, ...]
    values: tuple[tuple[str, Any], ...]  # (Config field, value): hashable, so a Config can key a cache


@dataclass(frozen=True)
class Config:
    """The settings from one file (or the defaults); `for_file` applies its overrides."""

    source: Path | None = None
    dialect: str | None = None
    languagetool: str = "auto"
    languagetool_timeout: float = 30.0
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    profiles: tuple[str, ...] = ()
    words: frozenset[str] = field(default_factory=frozenset)
    rules: tuple[Path, ...] = ()
    house: str | None = None
    across: Path | bool | None = None  # a folder, False (never), or None (the articles checked together)
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    harper: bool = True
    syntax: bool = True
    max_file_size: float = 10.0  # MB: a file larger than this is skipped, so one odd file cannot stall a run
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    overrides: tuple[Override, ...] = ()

    @property
    def root(self) -> Path:
        return self.source.parent if self.source else Path.cwd()

    def relative(self, path: str | Path) -> str:
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return Path(path).as_posix()

    def excludes(self, path: str | Path) -> bool:
        rel = self.relative(path)
        if any(fnmatch.fnmatch(rel, g) for g in self.exclude):
            return True
        return bool(self.include) and not any(fnmatch.fnmatch(rel, g) for g in self.include)

    def for_file(self, path: str | Path) -> Config:
        """These settings with every override whose `files` globs match `path` applied in order."""
        rel = self.relative(path)
        result = self
        for override in self.overrides:
            if any(fnmatch.fnmatch(rel, g) for g in override.files):
                result = replace(result, **dict(override.values))
        return result

    def describe(self) -> str:
        """The effective settings as TOML, for `copydesk config`."""
        lines = [f"# from {self.source}" if self.source else "# defaults (no copydesk.toml or [tool.copydesk] found)"]
        values: dict[str, Any] = {
            "dialect": self.dialect or "(inferred from each article)",
            "languagetool": self.languagetool,
            "languagetool-timeout": self.languagetool_timeout,
            "select": list(self.select),
            "ignore": list(self.ignore),
            "profiles": list(self.profiles),
            "words": sorted(self.words),
            "rules": [str(p) for p in self.rules],
            "house": self.house or "",
            "max-file-size": self.max_file_size,
            "min-confidence": self.min_confidence,
            "harper": self.harper,
            "syntax": self.syntax,
            "across": str(self.across) if isinstance(self.across, Path) else (
                False if self.across is False else "(the articles checked together, if 5 or more)"
            ),
            "include": list(self.include),
            "exclude": list(self.exclude),
        }
        for key, value in values.items():
            lines.append(f"{key} = {_toml(value)}")
        if self.severity:
            lines.append("[severity]")
            lines.extend(f"{_toml(rule)} = {_toml(sev.label)}" for rule, sev in self.severity)
        return "\n".join(lines)


def _toml(value: Any) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def find_config_file(start: Path) -> Path | None:
    """The nearest configuration file at or above `start` (pyproject.toml only with [tool.copydesk])."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    for candidate_dir in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate_dir / name
            if path.is_file() and (name != "pyproject.toml" or _has_tool_table(path)):
                return path
    return None


def project_root(path: str | Path) -> Path:
    """The folder a project's own files are kept relative to (baselines, review decisions, the
    project dictionary): where its configuration is, else the top of its git work tree, else the
    current folder. The same for every command, from whichever folder it is started."""
    start = Path.cwd() if str(path) == "-" else Path(path).resolve()
    found = find_config_file(start)
    if found is not None:
        return found.parent
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return Path.cwd().resolve()


def _has_tool_table(path: Path) -> bool:
    try:
        tool = tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return isinstance(tool, dict) and "copydesk" in tool  # `tool = 5` is not a table of tools


def load_config_file(path: Path) -> Config:
    return _load_config_file(path, stamp(path))


@lru_cache(maxsize=256)
def _load_config_file(path: Path, _stamp: tuple[int, int] | None) -> Config:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text (TOML files are UTF-8)") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    table = data.get("tool", {}).get("copydesk", {}) if path.name == "pyproject.toml" else data
    return parse_config(table, path)


def load_config(start: Path) -> Config:
    """The configuration that applies to a file or folder (the defaults when there is none)."""
    path = find_config_file(start)
    return Config() if path is None else load_config_file(path)


def parse_config(table: Mapping[str, Any], path: Path) -> Config:
    if not isinstance(table, Mapping):
        raise ConfigError(f"{path}: [tool.copydesk] must be a table")
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(f"{path}: key '{unknown[0]}': unknown setting (known: {', '.join(sorted(_KEYS))})")
    values = _common_values(table, path, "")
    languagetool = table.get("languagetool", "auto")
    if not isinstance(languagetool, str):
        raise ConfigError(f"{path}: key 'languagetool': must be off, auto, local or a server URL")
    timeout = table.get("languagetool-timeout", 30.0)
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
        raise ConfigError(f"{path}: key 'languagetool-timeout': must be a positive number of seconds")
    house = table.get("house")
    if house is not None and (not isinstance(house, str) or not house):
        raise ConfigError(f"{path}: key 'house': the path of a style sheet, or the name of one in rules/house/")
    max_size = table.get("max-file-size", 10.0)
    if isinstance(max_size, bool) or not isinstance(max_size, int | float) or max_size <= 0:
        raise ConfigError(f"{path}: key 'max-file-size': a positive number of megabytes")
    confidence = table.get("min-confidence", DEFAULT_MIN_CONFIDENCE)
    if isinstance(confidence, bool) or not isinstance(confidence, int | float) or not 0 <= confidence <= 1:
        raise ConfigError(f"{path}: key 'min-confidence': a number between 0 and 1")
    harper = table.get("harper", True)
    if not isinstance(harper, bool):
        raise ConfigError(f"{path}: key 'harper': true or false")
    syntax = table.get("syntax", True)
    if not isinstance(syntax, bool):
        raise ConfigError(f"{path}: key 'syntax': true or false")
    across = table.get("across")
    if across is not None and across is not False and not (isinstance(across, str) and across):
        raise ConfigError(f"{path}: key 'across': the path of an archive folder, or false")
    overrides = table.get("overrides", [])
    if not isinstance(overrides, list) or not all(isinstance(o, dict) for o in overrides):
        raise ConfigError(f"{path}: key 'overrides': must be an array of tables ([[overrides]])")
    parsed_overrides = []
    for i, o in enumerate(overrides):
        where = f"overrides[{i}]"
        bad = sorted(set(o) - _OVERRIDE_KEYS)
        if bad:
            raise ConfigError(f"{path}: key '{where}.{bad[0]}': not allowed in an override")
        files = _str_list(o, "files", path, where + ".")
        if not files:
            raise ConfigError(f"{path}: key '{where}.files': required, a list of globs")
        parsed_overrides.append(Override(files, tuple(_common_values(o, path, where + ".").items())))
    return Config(
        source=path,
        languagetool=languagetool,
        languagetool_timeout=float(timeout),
        rules=tuple(path.parent / p for p in _str_list(table, "rules", path)),
        house=str(resolve_house_path(house, path.parent)) if house else None,
        across=path.parent / across if isinstance(across, str) else across,
        max_file_size=float(max_size),
        min_confidence=float(confidence),
        harper=harper,
        syntax=syntax,
        include=_str_list(table, "include", path),
        exclude=_str_list(table, "exclude", path),
        overrides=tuple(parsed_overrides),
        **values,
    )


def _str_list(table: Mapping[str, Any], key: str, path: Path, prefix: str = "") -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: key '{prefix}{key}': must be a list of strings")
    return tuple(value)


def _common_values(table: Mapping[str, Any], path: Path, prefix: str) -> dict[str, Any]:
    """The keys a whole file and an override share, validated, as Config field values."""
    values: dict[str, Any] = {}
    if "dialect" in table:
        if table["dialect"] not in DIALECTS:
            raise ConfigError(
                f"{path}: key '{prefix}dialect': {table['dialect']!r} is not one of {', '.join(DIALECTS)}"
            )
        values["dialect"] = table["dialect"]
    for key in ("select", "ignore", "profiles"):
        if key in table:
            values[key] = _str_list(table, key, path, prefix)
    if "words" in table:
        values["words"] = frozenset(_str_list(table, "words", path, prefix))
    if "severity" in table:
        severities = table["severity"]
        if not isinstance(severities, dict):
            raise ConfigError(f'{path}: key \'{prefix}severity\': a table of rule = "error"|"warning"|"info"')
        parsed = []
        for rule, level in severities.items():
            try:
                parsed.append((rule, Severity.parse(str(level))))
            except ValueError as exc:
                raise ConfigError(f"{path}: key '{prefix}severity.{rule}': {exc}") from None
        values["severity"] = tuple(parsed)
    return values
