"""Project configuration: `copydesk.toml`, or `[tool.copydesk]` in `pyproject.toml`.

Found by searching upward from a starting folder, as Vale and typos do. Command-line options
override it. An invalid file is an error naming the file, the key and what is wrong.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from editor.dialect import DIALECTS

CONFIG_NAMES = ("copydesk.toml", ".copydesk.toml", "pyproject.toml")


class ConfigError(ValueError):
    """An unusable configuration file; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    """The effective settings; `source` is the file they came from, or None for the defaults."""

    source: Path | None = None
    dialect: str | None = None
    languagetool: str = "auto"
    languagetool_timeout: float = 30.0
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    profiles: tuple[str, ...] = ()
    words: frozenset[str] = field(default_factory=frozenset)
    rules: tuple[Path, ...] = ()

    @property
    def root(self) -> Path | None:
        return self.source.parent if self.source else None


def find_config_file(start: Path) -> Path | None:
    """The nearest configuration file at or above `start` (a pyproject.toml counts only with [tool.copydesk])."""
    folder = start if start.is_dir() else start.parent
    for candidate_dir in (folder.resolve(), *folder.resolve().parents):
        for name in CONFIG_NAMES:
            path = candidate_dir / name
            if path.is_file() and (name != "pyproject.toml" or _has_tool_table(path)):
                return path
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        return "copydesk" in tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def load_config(start: Path) -> Config:
    path = find_config_file(start)
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    table = data.get("tool", {}).get("copydesk", {}) if path.name == "pyproject.toml" else data
    return parse_config(table, path)


_KEYS = {"dialect", "languagetool", "languagetool-timeout", "select", "ignore", "profiles", "words", "rules"}


def parse_config(table: Mapping[str, Any], path: Path) -> Config:
    def fail(key: str, problem: str) -> ConfigError:
        return ConfigError(f"{path}: key '{key}': {problem}")

    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise fail(unknown[0], f"unknown setting (known: {', '.join(sorted(_KEYS))})")

    def str_list(key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(key, "must be a list of strings")
        return tuple(value)

    dialect = table.get("dialect")
    if dialect is not None and dialect not in DIALECTS:
        raise fail("dialect", f"{dialect!r} is not one of {', '.join(DIALECTS)}")
    languagetool = table.get("languagetool", "auto")
    if not isinstance(languagetool, str):
        raise fail("languagetool", "must be off, auto, local or a server URL")
    timeout = table.get("languagetool-timeout", 30.0)
    if not isinstance(timeout, int | float) or timeout <= 0:
        raise fail("languagetool-timeout", "must be a positive number of seconds")
    return Config(
        source=path,
        dialect=dialect,
        languagetool=languagetool,
        languagetool_timeout=float(timeout),
        select=str_list("select"),
        ignore=str_list("ignore"),
        profiles=str_list("profiles"),
        words=frozenset(str_list("words")),
        rules=tuple((path.parent / p) for p in str_list("rules")),
    )
