"""copydesk.toml parsing and the settings resolved from it: unit tests, no command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from copydesk.config import DEFAULT_MIN_CONFIDENCE, Config, ConfigError, find_config_file, parse_config, project_root
from copydesk.findings import Severity
from copydesk.settings import CommandLine, Settings, resolve


def test_every_key_parses_into_one_frozen_hashable_config(tmp_path: Path) -> None:
    source = tmp_path / "copydesk.toml"
    config = parse_config(
        {"dialect": "en-GB", "select": ["consistency"], "ignore": ["style"], "words": ["Rajavi"], "min-confidence": 0.9,
         "harper": False, "max-file-size": 2, "exclude": ["drafts/*"], "severity": {"consistency.quotes": "error"},
         "overrides": [{"files": ["letters/*"], "ignore": ["consistency.dialect"]}]},
        source,
    )  # fmt: skip
    assert config.dialect == "en-GB" and config.min_confidence == 0.9 and config.harper is False
    assert config.severity == (("consistency.quotes", Severity.ERROR),)
    assert {config: 1}[parse_config({"dialect": "en-GB", "select": ["consistency"], "ignore": ["style"],
        "words": ["Rajavi"], "min-confidence": 0.9, "harper": False, "max-file-size": 2, "exclude": ["drafts/*"],
        "severity": {"consistency.quotes": "error"},
        "overrides": [{"files": ["letters/*"], "ignore": ["consistency.dialect"]}]}, source)] == 1  # equal, hashable
    letters = config.for_file(tmp_path / "letters" / "a.txt")
    assert letters.ignore == ("consistency.dialect",) and config.for_file(tmp_path / "a.txt").ignore == ("style",)
    assert config.excludes(tmp_path / "drafts" / "x.md") and not config.excludes(tmp_path / "final" / "x.md")


@pytest.mark.parametrize(
    ("table", "says"),
    [
        ({"dialekt": "en-GB"}, "key 'dialekt': unknown setting"),
        ({"dialect": "en-XX"}, "key 'dialect': 'en-XX' is not one of"),
        ({"min-confidence": 2}, "key 'min-confidence': a number between 0 and 1"),
        ({"harper": "no"}, "key 'harper': true or false"),
        ({"select": "consistency"}, "key 'select': must be a list of strings"),
        ({"overrides": [{"ignore": ["x"]}]}, "key 'overrides[0].files': required"),
        ({"severity": {"x": "fatal"}}, "key 'severity.x'"),
    ],
)
def test_bad_values_name_the_file_and_the_key(tmp_path: Path, table: dict[str, object], says: str) -> None:
    with pytest.raises(ConfigError, match=r"copydesk\.toml") as caught:
        parse_config(table, tmp_path / "copydesk.toml")
    assert says in str(caught.value)


def test_settings_resolve_defaults_then_file_then_command_line(tmp_path: Path) -> None:
    defaults = resolve(Config())
    assert defaults.min_confidence == DEFAULT_MIN_CONFIDENCE and defaults.harper and defaults.dialect is None
    config = parse_config({"dialect": "en-GB", "min-confidence": 0.9, "select": ["consistency"]}, tmp_path / "c.toml")
    assert resolve(config).dialect == "en-GB" and resolve(config).min_confidence == 0.9
    line = CommandLine(dialect="en-US", min_confidence=0.95, harper=False, ignore=("style",))
    settings = resolve(config, line)
    assert (settings.dialect, settings.min_confidence, settings.harper) == ("en-US", 0.95, False)
    assert settings.select == ("consistency",) and settings.ignore == ("style",)
    assert {settings: "a checker"}[resolve(config, line)] == "a checker"  # the checker's cache key
    assert isinstance(settings, Settings)


def test_a_house_sheet_sets_the_dialect_below_file_and_command_line(tmp_path: Path) -> None:
    sheet = tmp_path / "house.yaml"
    sheet.write_text("dialect: en-GB\nquotes: curly\n", encoding="utf-8")
    config = parse_config({"house": "house.yaml"}, tmp_path / "copydesk.toml")
    assert resolve(config).dialect == "en-GB"
    assert resolve(config, CommandLine(dialect="en-US")).dialect == "en-US"


def test_config_and_project_root_are_found_upward(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")  # no [tool.copydesk]
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config_file(deep) is None
    (tmp_path / "a" / "copydesk.toml").write_text("", encoding="utf-8")
    assert find_config_file(deep) == tmp_path / "a" / "copydesk.toml"
    assert project_root(deep / "x.txt") == tmp_path / "a"


def test_describe_is_valid_toml(tmp_path: Path) -> None:
    import tomllib

    config = parse_config({"across": False, "harper": False, "words": ["A"]}, tmp_path / "copydesk.toml")
    described = tomllib.loads(config.describe())
    assert described["across"] is False and described["harper"] is False and described["words"] == ["A"]
