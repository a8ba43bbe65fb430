"""The functional core: compiled rules and engines, applied to a text, give sorted findings."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from copydesk.archive import ArchiveStats
from copydesk.cache import Recent
from copydesk.checks import Check, build_check, paragraph_local
from copydesk.checks.quotes import quotations
from copydesk.dialect import DEFAULT_DIALECT, infer_dialect
from copydesk.engines.languagetool import LanguageToolEngine, resolve_setup
from copydesk.findings import Finding
from copydesk.rules import RULES_DIR, Rule, load_dictionary, rule_matches
from copydesk.settings import Settings
from copydesk.syntax import SyntaxParser
from copydesk.text import Analysis


@dataclass(frozen=True)
class Selection:
    """--select / --ignore: rule ids or dotted prefixes. An empty select means every rule."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def allows(self, rule_id: str) -> bool:
        if self.select and not rule_matches(rule_id, self.select):
            return False
        return not rule_matches(rule_id, self.ignore)

    def may_allow_family(self, family: str) -> bool:
        """Whether any rule `family.*` could pass, so that a whole engine can be skipped."""
        if rule_matches(family, self.ignore):
            return False
        return not self.select or any(p.startswith(family + ".") or rule_matches(family, (p,)) for p in self.select)


class Engine(Protocol):
    """A grammar engine: lints paragraphs (each on its own), then looks once at the whole document."""

    name: str
    fingerprint: str  # changes whenever the engine's configuration would change its findings

    def lint_batch(self, texts: Sequence[str]) -> list[list[Finding]]: ...

    def finalize(self, analysis: Analysis, findings: list[Finding]) -> list[Finding]: ...


# Where two sources flag the same span, the more specific one speaks: our own rules first,
# then LanguageTool's, then Harper's.
_SOURCE_RANK = {"copydesk": 0, "lt": 1, "harper": 2}


class Checker:
    """Rules and engines prepared once, reused for every document of a run.

    Engine findings are cached per paragraph (keyed by the paragraph's text and the engine's
    configuration), so re-checking an edited article lints only the changed paragraphs.
    """

    def __init__(
        self,
        rules: Sequence[Rule],
        settings: Settings = Settings(),
        archive: ArchiveStats | None = None,
        extra_engines: Sequence[Engine] = (),
        on_error: Callable[[str], None] = lambda message: None,
        cache_size: int = 20000,
        incremental: bool = False,
    ) -> None:
        self.settings = settings
        self.archive = archive
        self.selection = Selection(settings.select, settings.ignore)
        self.on_error = on_error
        self.rules = tuple(r for r in rules if self.selection.allows(r.id))
        self.words = load_dictionary(settings.rule_dirs or (RULES_DIR,)) | settings.words
        self.languagetool_setup = resolve_setup(settings.languagetool)
        checks = tuple((r, build_check(r)) for r in self.rules)
        # With `incremental` (an editor re-checking as the writer types), paragraph-local rules run
        # per paragraph and are kept per paragraph's text, as the engines' findings are.
        self._checks = tuple(c for c in checks if not (incremental and paragraph_local(c[0])))
        self._paragraph_checks = tuple(c for c in checks if incremental and paragraph_local(c[0]))
        self._paragraph_cache: Recent[str, tuple[Finding, ...]] = Recent(cache_size)
        self._owned = frozenset(lint for r in self.rules for lint in r.owns)
        self._mechanical = frozenset(r.id for r in self.rules if r.fix == "mechanical")
        self.sic_rules = tuple(r.id for r in (*self.rules, *self._engine_rules()) if r.sic)
        self._harper: dict[str, Engine] = {}
        self._languagetool: dict[str, LanguageToolEngine] = {}
        self._extra = tuple(extra_engines)
        self._cache: Recent[tuple[str, str], tuple[Finding, ...]] = Recent(cache_size)
        self.syntax = SyntaxParser(on_error) if settings.syntax else None

    def analysis(self, text: str, one_paragraph: bool = False) -> Analysis:
        return Analysis(text, self.settings.dialect, self.archive, one_paragraph, self.syntax)

    @property
    def cache_hits(self) -> int:
        """Paragraphs whose engine findings came from the cache (the language server reports them)."""
        return self._cache.hits

    @property
    def cache_misses(self) -> int:
        return self._cache.misses

    def rules_of_check(self, check: str) -> frozenset[str]:
        """The ids of this checker's rules of one check type (bulk counts the names check's fixes)."""
        return frozenset(r.id for r in self.rules if r.check == check)

    def _engine_rules(self) -> tuple[Rule, ...]:
        """The rules that describe the engines' lint kinds (Harper's), for their metadata."""
        if not self.settings.harper:
            return ()
        from copydesk.engines.harper import harper_rules

        return harper_rules()

    def dialect_of(self, analysis: Analysis) -> str:
        if self.settings.dialect:
            return self.settings.dialect
        return infer_dialect((t.text for t in analysis.words), DEFAULT_DIALECT)

    def engines_for(self, analysis: Analysis) -> list[Engine]:
        engines: list[Engine] = []
        if self.settings.harper and self.selection.may_allow_family("harper"):
            dialect = self.dialect_of(analysis)
            if dialect not in self._harper:
                from copydesk.engines.harper import HarperEngine  # loaded only when Harper runs

                self._harper[dialect] = HarperEngine(dialect, self.words, self.settings.profiles)
            engines.append(self._harper[dialect])
        setup = self.languagetool_setup
        if setup is not None and self.selection.may_allow_family("lt"):
            dialect = self.dialect_of(analysis)
            if dialect not in self._languagetool:
                self._languagetool[dialect] = LanguageToolEngine(
                    setup,
                    dialect,
                    self.settings.languagetool_timeout,
                    self.words,
                    self.on_error,
                )
            engines.append(self._languagetool[dialect])
        engines.extend(self._extra)
        return engines

    def close(self) -> None:
        """Stop what the engines started (a local LanguageTool server)."""
        for engine in self._languagetool.values():
            engine.close()

    @property
    def document_rules(self) -> frozenset[str]:
        """The rules that look at the whole document at once (consistency of names, spellings,
        quotes...), as opposed to those kept per paragraph: an editor may carry their findings
        over an edit and run them when the writer pauses (copydesk.lsp)."""
        return frozenset(rule.id for rule, _ in self._checks)

    def check(self, text: str, document_findings: Sequence[Finding] | None = None) -> list[Finding]:
        """The text's findings. `document_findings`, when given, stand in for the document rules'
        (found on an earlier version of the text and carried over the edit): those rules are not
        run, and everything else (paragraph rules, engines, merging) is as always."""
        analysis = self.analysis(text)
        findings: list[Finding] = []
        if document_findings is None:
            findings.extend(self._run(self._checks, analysis))
        else:
            findings.extend(document_findings)
        if self._paragraph_checks:
            findings.extend(self._by_paragraph(analysis))
        for engine in self.engines_for(analysis):
            found = self._lint_paragraphs(engine, analysis)
            findings.extend(f for f in engine.finalize(analysis, found) if not self._owned.intersection(f.sources))
        merged = merge_findings(f for f in findings if self.selection.allows(f.rule))
        return self._guard_quotations(analysis, merged)

    def _run(self, checks: Sequence[tuple[Rule, Check]], analysis: Analysis) -> Iterator[Finding]:
        for rule, check in checks:
            try:
                yield from list(check(analysis))
            except Exception as exc:  # a bug in one check: the others still report, and the bug is told
                self.on_error(f"rule {rule.id} failed on this text ({type(exc).__name__}: {exc})")

    def _by_paragraph(self, analysis: Analysis) -> Iterator[Finding]:
        """The paragraph-local rules' findings, each paragraph's from the cache when its text was seen."""
        texts = [analysis.text[para.start : para.end] for para in analysis.paragraphs]

        def check_alone(new: list[str]) -> Iterator[tuple[Finding, ...]]:
            for text in new:
                yield tuple(self._run(self._paragraph_checks, self.analysis(text, one_paragraph=True)))

        for para, found in zip(analysis.paragraphs, self._paragraph_cache.get_many(texts, check_alone), strict=True):
            yield from (replace(f, start=f.start + para.start, end=f.end + para.start) for f in found)

    def _guard_quotations(self, analysis: Analysis, findings: list[Finding]) -> list[Finding]:
        """Inside a direct quotation the words are the speaker's: a fix there is a proposal for the
        editor ("[sic]" or a change), never applied unattended, unless it mends a slip of the keys."""
        quoted = quotations(analysis)
        if not quoted:
            return findings
        return [
            replace(f, safe=False)
            if f.safe and f.replacements and f.rule not in self._mechanical
            and any(a < f.start and f.end <= b for a, b in quoted)
            else f
            for f in findings
        ]

    def _lint_paragraphs(self, engine: Engine, analysis: Analysis) -> list[Finding]:
        """Every paragraph's findings, from the cache where the same text was linted before."""
        pieces = list(bounded_pieces(analysis))
        keys = [(engine.fingerprint, analysis.text[a:b]) for a, b in pieces]

        def lint(new: list[tuple[str, str]]) -> Iterator[tuple[Finding, ...]]:
            return (tuple(result) for result in engine.lint_batch([text for _, text in new]))

        found: list[Finding] = []
        for (start, _), lints in zip(pieces, self._cache.get_many(keys, lint), strict=True):
            found.extend(replace(f, start=f.start + start, end=f.end + start) for f in lints)
        return found


# An engine is handed at most this much text at once: a table exported as one 5 MB line is one
# "paragraph", and engines' time and memory grow faster than its length.
MAX_PIECE = 20_000


def bounded_pieces(analysis: Analysis, limit: int = MAX_PIECE) -> Iterator[tuple[int, int]]:
    """Each paragraph's span, a long one cut at a sentence end (else a space) before the limit."""
    text = analysis.text
    for para in analysis.paragraphs:
        start = para.start
        while para.end - start > limit:
            window = text[start : start + limit]
            cut = max(window.rfind(". "), window.rfind("\n"))
            cut = cut + 1 if cut > limit // 2 else window.rfind(" ")
            cut = cut if cut > 0 else limit
            yield start, start + cut
            start += cut
        yield start, para.end


def _rank(finding: Finding) -> tuple[int, float]:
    source = finding.sources[0].split(":", 1)[0] if finding.sources else "copydesk"
    return (_SOURCE_RANK.get(source, 3), -finding.confidence)


def merge_findings(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per span: the most specific source's, with every source's fixes and names."""
    by_span: dict[tuple[int, int], list[Finding]] = {}
    for f in findings:
        by_span.setdefault((f.start, f.end), []).append(f)
    _fold_nested(by_span)
    merged = []
    for group in by_span.values():
        group.sort(key=_rank)
        best = group[0]
        if len(group) > 1:
            replacements = _distinct(r for f in group for r in f.replacements)
            sources = tuple(dict.fromkeys(s for f in group for s in f.sources))
            # The fix applied is the first replacement: it is as safe as the source that proposed it.
            safe = next((f.safe for f in group if f.replacements), best.safe)
            best = replace(best, replacements=replacements, sources=sources, safe=safe)
        merged.append(best)
    return sort_findings(merged)


def _distinct(fixes: Iterable[str]) -> tuple[str, ...]:
    """Each fix once, in order; fixes that differ only in a run of spaces are one ("they're  going",
    rebuilt from an engine's "they're " over a longer span, is "they're going")."""
    kept: dict[str, str] = {}
    for fix in fixes:
        kept.setdefault(re.sub(r"  +", " ", fix), fix)
    return tuple(kept.values())


def _rebuilt(host: Finding, nested: Finding) -> list[str]:
    """The nested finding's fixes, written over the host's span."""
    before, after = host.text[: nested.start - host.start], host.text[nested.end - host.start :]
    return [before + r + after for r in nested.replacements]


def _same_edit(host: Finding, nested: Finding) -> bool:
    """Whether the nested finding's first fix makes the host's first fix: one slip, whatever the
    categories ("tried pick": Harper's "tried" -> "tried to", copydesk's "tried to pick")."""
    return bool(host.replacements and nested.replacements) and _rebuilt(host, nested)[0] == host.replacements[0]


def _fold_nested(by_span: dict[tuple[int, int], list[Finding]]) -> None:
    """An engine's finding inside a longer one of copydesk's own, of the same category or with the
    same edit, is the same slip seen from one word ("these kind" and Harper's "kind" -> "kinds"), as
    is one of ours that makes the same edit ("a number" -> "a number of" and "number" -> "number of"):
    its fix, rebuilt over the longer span ("these kinds"), joins that finding's fixes, and its
    source that finding's sources."""
    own = [f for group in by_span.values() for f in group if _rank(f)[0] == 0 and f.end - f.start > 0]
    if not own:
        return
    for span, group in list(by_span.items()):
        for f in [f for f in group if f.replacements]:
            engine = _rank(f)[0] > 0  # two rules of ours fold only when they make the same edit
            host = next((h for h in own if h.start <= f.start and f.end <= h.end and (h.start, h.end) != span
                         and ((engine and h.category == f.category) or _same_edit(h, f))), None)  # fmt: skip
            if host is None:
                continue
            fixes = [*host.replacements, *_rebuilt(host, f)]
            folded = replace(
                host,
                replacements=_distinct(fixes),
                sources=tuple(dict.fromkeys([*host.sources, *f.sources])),
                safe=host.safe if host.replacements else f.safe,  # the first fix's, as where spans are equal
            )
            hosts = by_span[(host.start, host.end)]
            hosts[hosts.index(host)] = folded
            own[own.index(host)] = folded
            if f in own:
                own.remove(f)
            group.remove(f)
        if not group:
            del by_span[span]


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=Finding.sort_key)
