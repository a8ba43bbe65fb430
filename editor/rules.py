"""Rule packs: YAML data in `rules/`, loaded safely and validated, each rule with its own examples."""

from __future__ import annotations

import difflib
import os
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from copydesk.cache import cached, files_fingerprint
from copydesk.errors import UserError
from copydesk.findings import Finding, Severity


def _packaged_rules() -> Path:
    """The rule packs shipped inside the installed package (`rules/` in the source tree), found through
    importlib.resources so that a wheel, pipx and pre-commit find them as the checkout does."""
    # Wheels install unpacked, so the data is a real folder that the loader can glob.
    return Path(str(resources.files("copydesk.rulepacks")))


RULES_DIR = _packaged_rules()
CATEGORIES = frozenset(
    ["grammar", "spelling", "consistency", "style", "usage", "punctuation", "typography", "readability"]
)


class RuleError(UserError, ValueError):
    """A rule pack that cannot be used; the message names the file, the rule and the field."""


@dataclass(frozen=True)
class Example:
    text: str
    fixed: str | None = None  # for bad examples: the text after applying the rule's fixes


# How far a rule's fix may be trusted with nobody looking, as ruff marks fixes safe or unsafe:
# "mechanical" fixes a slip of the keys wherever it is, inside a quotation too ("the the");
# "safe" is applied by `fix`, `bulk --apply` and accept-rule, except in quotations and on ties;
# "unsafe" is only ever proposed, for a person to accept.
FIX_SAFETY = ("mechanical", "safe", "unsafe")


@dataclass(frozen=True)
class Rule:
    id: str
    check: str
    category: str
    severity: Severity
    message: str
    description: str = ""
    confidence: float = 0.9
    settings: Mapping[str, Any] = field(default_factory=dict)
    bad: tuple[Example, ...] = ()
    good: tuple[Example, ...] = ()
    source: str = ""
    fix: str = "safe"
    # Engine lints this rule decides for ("harper:RedundantThat"): where the rule is on, they count
    # only where it agrees, so a construction it spares on purpose ("that that") stays spared.
    owns: tuple[str, ...] = ()
    # "Rjavi [sic]": the writer says the word is as the source has it; a rule about a word's
    # spelling or form (not its grammar) is then silent on it.
    sic: bool = False
    references: tuple[str, ...] = ()  # where the usage is documented: a style guide, a grammar

    def where(self, key: str | None = None) -> str:
        return f"{self.source}: rule {self.id}" + (f", field '{key}'" if key else "")

    def finding(
        self,
        start: int,
        end: int,
        text: str,
        replacements: Sequence[str] = (),
        confidence: float | None = None,
        message: str | None = None,
        safe: bool = True,
        severity: Severity | None = None,
        **values: object,
    ) -> Finding:
        """A finding of this rule; the message template may use {text}, {replacement} and values.
        `safe=False` withdraws this one fix from unattended use (a tie decided it, for example)."""
        template = message if message is not None else self.message
        fields = _Blank(text=text, replacement=replacements[0] if replacements else "", **values)
        return Finding(
            rule=self.id,
            category=self.category,
            severity=self.severity if severity is None else min(severity, self.severity),
            message=template.format_map(fields),
            start=start,
            end=end,
            text=text,
            replacements=tuple(replacements),
            confidence=self.confidence if confidence is None else confidence,
            sources=("copydesk",),
            safe=safe and self.fix != "unsafe",
        )


class _Blank(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def rule_matches(rule_id: str, patterns: Iterable[str]) -> bool:
    """A pattern selects a rule by its whole id or by a dotted prefix ('repetition')."""
    return any(rule_id == p or rule_id.startswith(p.rstrip(".") + ".") for p in patterns)


# Engines whose rule ids are only known when they answer (LanguageTool's hundreds of rules).
OPEN_FAMILIES = ("lt",)


def unknown_selector(patterns: Iterable[str], known_ids: Iterable[str]) -> tuple[str, str | None] | None:
    """The first pattern that selects no rule, with the nearest known id or prefix (a misspelt
    `--select repetiton` would otherwise check nothing and pass)."""
    known = set(known_ids)
    prefixes = {rid.rsplit(".", n)[0] for rid in known for n in range(1, rid.count(".") + 1)}
    names = known | prefixes | set(OPEN_FAMILIES)
    for pattern in patterns:
        bare = pattern.rstrip(".")
        if bare in names or bare.split(".", 1)[0] in OPEN_FAMILIES:
            continue
        near = difflib.get_close_matches(bare, sorted(names), n=1, cutoff=0.6)
        return pattern, near[0] if near else None
    return None


def _examples(raw: Any, rule_where: str, bad: bool) -> tuple[Example, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise RuleError(f"{rule_where}: examples must be a list")
    out = []
    for item in raw:
        if isinstance(item, str) and not bad:
            out.append(Example(item))
        elif isinstance(item, dict) and isinstance(item.get("text"), str):
            fixed = item.get("fixed")
            if fixed is not None and not isinstance(fixed, str):
                raise RuleError(f"{rule_where}: example 'fixed' must be text")
            out.append(Example(item["text"], fixed))
        else:
            kind = "bad examples need 'text' (and 'fixed')" if bad else "good examples are texts"
            raise RuleError(f"{rule_where}: {kind}, got {item!r}")
    return tuple(out)


def _check_template(message: str, where: str) -> None:
    """A rule's message is a template with named fields only ("{text}", "{replacement}"): "{0}" or
    "{text.upper}" would fail, or reach into objects, when a finding is made."""
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(message) if name is not None]
    except ValueError as exc:
        raise RuleError(f"{where}, field 'message': not a valid template ({exc}); braces are {{{{ and }}}}") from None
    bad = next((name for name in fields if not name.isidentifier()), None)
    if bad is not None:
        raise RuleError(f"{where}, field 'message': {{{bad}}} is not a named field such as {{text}} or {{replacement}}")


def parse_rule(raw: Any, source: str, defaults: Mapping[str, Any]) -> Rule:
    if not isinstance(raw, dict):
        raise RuleError(f"{source}: each rule must be a mapping, got {raw!r}")
    data = {**defaults, **raw}
    rid = data.get("id")
    if not isinstance(rid, str) or not rid or " " in rid:
        raise RuleError(f"{source}: rule without a valid 'id'")
    where = f"{source}: rule {rid}"
    for key in ("check", "message"):
        if not isinstance(data.get(key), str):
            raise RuleError(f"{where}, field '{key}': required text")
    _check_template(data["message"], where)
    category = data.get("category", "style")
    if category not in CATEGORIES:
        raise RuleError(f"{where}, field 'category': {category!r} is not one of {', '.join(sorted(CATEGORIES))}")
    try:
        severity = Severity.parse(str(data.get("severity", "warning")))
    except ValueError as exc:
        raise RuleError(f"{where}, field 'severity': {exc}") from None
    confidence = data.get("confidence", 0.9)
    if not isinstance(confidence, int | float) or not 0 <= confidence <= 1:
        raise RuleError(f"{where}, field 'confidence': a number from 0 to 1")
    settings = data.get("settings") or {}
    if not isinstance(settings, dict):
        raise RuleError(f"{where}, field 'settings': must be a mapping")
    examples = data.get("examples") or {}
    if not isinstance(examples, dict):
        raise RuleError(f"{where}, field 'examples': must be a mapping with 'bad' and 'good'")
    fix = data.get("fix", "safe")
    if fix not in FIX_SAFETY:
        raise RuleError(f"{where}, field 'fix': one of {', '.join(FIX_SAFETY)}")
    owns = data.get("owns") or []
    if not isinstance(owns, list) or not all(isinstance(o, str) and ":" in o for o in owns):
        raise RuleError(f"{where}, field 'owns': a list of engine lints such as 'harper:RedundantThat'")
    sic = data.get("sic", False)
    if not isinstance(sic, bool):
        raise RuleError(f"{where}, field 'sic': true or false")
    references = data.get("references") or []
    if not isinstance(references, list) or not all(isinstance(r, str) for r in references):
        raise RuleError(f"{where}, field 'references': a list of texts (a style guide's section, a URL)")
    unknown = set(raw) - {
        "references",
        "sic",
        "fix",
        "owns",
        "id",
        "check",
        "category",
        "severity",
        "message",
        "description",
        "confidence",
        "settings",
        "examples",
    }
    if unknown:
        raise RuleError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    return Rule(
        id=rid,
        check=data["check"],
        category=category,
        severity=severity,
        message=data["message"],
        description=str(data.get("description", "")).strip(),
        confidence=float(confidence),
        settings=settings,
        bad=_examples(examples.get("bad"), where, bad=True),
        good=_examples(examples.get("good"), where, bad=False),
        source=source,
        fix=fix,
        owns=tuple(owns),
        sic=sic,
        references=tuple(references),
    )


# A YAML file copydesk reads may expand to at most this many values, nested at most this deep:
# ten aliases of ten aliases of ... ("a billion laughs") are a few lines that expand without end.
MAX_YAML_VALUES = 200_000
MAX_YAML_DEPTH = 40


def load_yaml(path: Path) -> Any:
    """A YAML file (rule pack, house sheet, engine settings) read safely: UTF-8 only, its aliases'
    expansion and its nesting bounded before anything is built; every failure a RuleError."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise RuleError(f"{path}: not UTF-8 text; save it as UTF-8") from None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if _expanded_size(node, 0, {}) > MAX_YAML_VALUES:
            raise RuleError(f"{path}: expands to more than {MAX_YAML_VALUES:,} values (aliases of aliases?)")
        return loader.construct_document(node)
    except RecursionError:
        raise RuleError(f"{path}: nested too deeply") from None
    except yaml.YAMLError as exc:
        raise RuleError(f"{path}: not valid YAML: {exc}") from None
    finally:
        loader.dispose()


def _expanded_size(node: yaml.Node, depth: int, seen: dict[int, int]) -> int:
    """How many values the node stands for once its aliases are expanded (each node counted once
    per use, computed once per node, so a bomb costs no more to measure than to parse)."""
    if depth > MAX_YAML_DEPTH:
        raise RecursionError
    if id(node) in seen:
        return seen[id(node)]
    size = 1
    if isinstance(node, yaml.SequenceNode):
        size += sum(_expanded_size(child, depth + 1, seen) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        size += sum(_expanded_size(k, depth + 1, seen) + _expanded_size(v, depth + 1, seen) for k, v in node.value)
    seen[id(node)] = size = min(size, MAX_YAML_VALUES + 1)
    return size


def load_pack(path: Path) -> tuple[Rule, ...]:
    """Load one YAML pack: a mapping with optional `defaults` and a list of `rules`."""
    data = load_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise RuleError(f"{path}: a rule pack is a mapping with a 'rules' list")
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise RuleError(f"{path}: 'defaults' must be a mapping")
    return tuple(parse_rule(r, str(path), defaults) for r in data["rules"])


# Folders of a rules directory that hold other data than rule packs.
NOT_PACKS = frozenset({"dictionary", "dialect", "engines", "house", "lexicons"})


def pack_files(directory: Path) -> list[Path]:
    """Every pack below a rules directory, in a stable order."""
    return sorted(
        p
        for p in directory.rglob("*.y*ml")
        if p.suffix in (".yaml", ".yml") and not NOT_PACKS & set(p.relative_to(directory).parts)
    )


def load_rules(directories: Sequence[Path] = (RULES_DIR,)) -> tuple[Rule, ...]:
    """Every rule of every pack below these folders. A folder that is missing or holds no pack is
    an error: checking with fewer rules than the user meant would pass articles it should not.
    Parsed once and kept in the disk cache, keyed by the packs' paths and contents."""
    packs: list[Path] = []
    for directory in directories:
        if not directory.is_dir():
            raise RuleError(f"{directory}: no such rules folder")
        found = pack_files(directory)
        if not found:
            raise RuleError(f"{directory}: holds no rule pack (*.yaml files with a 'rules' list)")
        packs.extend(found)
    return cached("rules", files_fingerprint(packs), lambda: _parse_packs(packs, directories))


def _parse_packs(packs: Sequence[Path], directories: Sequence[Path]) -> tuple[Rule, ...]:
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in packs:
        for rule in load_pack(path):
            if rule.id in seen:
                raise RuleError(f"{path}: rule id {rule.id} is already defined in {seen[rule.id]}")
            seen[rule.id] = str(path)
            rules.append(rule)
    if not rules:
        raise RuleError(f"no rules in {', '.join(str(d) for d in directories)}")
    return tuple(rules)


def load_dictionary(directories: Sequence[Path] = (RULES_DIR,)) -> frozenset[str]:
    """Words every engine accepts: one per line in `dictionary/*.txt`, '#' starts a comment."""
    words: set[str] = set()
    for directory in directories:
        for path in sorted((directory / "dictionary").glob("*.txt")):
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError) as exc:
                raise RuleError(f"{path}: cannot read the word list (UTF-8, one word a line): {exc}") from None
            for line in lines:
                word = line.split("#", 1)[0].strip()
                if word:
                    words.add(word)
    return frozenset(words)


def rules_dirs_from_env() -> tuple[Path, ...]:
    extra = os.environ.get("COPYDESK_RULES")
    return (RULES_DIR, *(Path(p) for p in extra.split(os.pathsep) if p)) if extra else (RULES_DIR,)


def resolve_house_path(value: str, base: Path) -> Path:
    """A sheet's path relative to the configuration file, or the name of one in rules/house/."""
    candidate = base / value
    if candidate.exists() or "/" in value or value.endswith((".yaml", ".yml")):
        return candidate
    return RULES_DIR / "house" / f"{value}.yaml"


WORD_LISTS = RULES_DIR / "lexicons" / "words.yaml"


@cache
def _lexicon_file() -> Any:
    return load_yaml(WORD_LISTS)


def word_list(name: str) -> frozenset[str]:
    """A closed-class word list from rules/lexicons/words.yaml (function words, honorifics...)."""
    value = _lexicon_file().get(name) if isinstance(_lexicon_file(), dict) else None
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise RuleError(f"{WORD_LISTS}: no list of words named {name!r}")
    return frozenset(value)


def word_lists(name: str) -> dict[str, frozenset[str]]:
    """A mapping of named word lists from rules/lexicons/words.yaml (closed classes by tag)."""
    value = _lexicon_file().get(name) if isinstance(_lexicon_file(), dict) else None
    if not isinstance(value, dict) or not all(isinstance(v, list) for v in value.values()):
        raise RuleError(f"{WORD_LISTS}: no mapping of word lists named {name!r}")
    return {str(key): frozenset(str(w) for w in words) for key, words in value.items()}
