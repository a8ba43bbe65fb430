"""Archive-wide statistics: "Rajavi" in 300 articles, "Rjavi" in 2; 280 articles British, 3 American.

A first pass counts, for every capitalised name form, how many articles use it, and how many
articles are spelled in each dialect; the second pass lets the names check fix a form that is
rare in the archive when a near-identical form is common, and lets the dialect check settle an
article's tie between American and British spellings by the archive's dialect. Memory grows with
the number of distinct names, not with the archive's text.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rapidfuzz.distance import OSA

from copydesk.dialect import majority_dialect
from copydesk.text import Analysis

# A form is fixed towards another only when that one is used in this many more articles...
DOMINANCE = 10
# ...and in at least this many.
MIN_ARTICLES = 5
# The archive has a dialect when this share of its articles are spelled in it.
DIALECT_SHARE = 0.8


def names_in(analysis: Analysis) -> set[str]:
    """The distinct name forms of one article (what the archive counts)."""
    from copydesk.checks.names import name_occurrences  # the names check decides what a name is

    return {o.form for o in name_occurrences(analysis)}


@dataclass(frozen=True)
class ArticleFacts:
    """What the first pass keeps of one article: its name forms and its spelling dialect."""

    names: frozenset[str] = frozenset()
    dialect: str | None = None  # "en-GB", "en-US", or None when its spellings do not say


def facts_of(text: str) -> ArticleFacts:
    analysis = Analysis(text)
    return ArticleFacts(frozenset(names_in(analysis)), majority_dialect(t.text for t in analysis.words))


@dataclass(frozen=True)
class ArchiveStats:
    """How many articles use each name form (indexed by first letter for near-match lookups), and
    how many are spelled in each dialect."""

    articles: Mapping[str, int]
    dialects: Mapping[str, int] = field(default_factory=dict)
    _by_initial: Mapping[str, tuple[tuple[str, int], ...]] = field(default_factory=dict, compare=False)

    @classmethod
    def from_counts(cls, counts: Mapping[str, int], dialects: Mapping[str, int] | None = None) -> ArchiveStats:
        by_initial: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for form, n in counts.items():
            if n >= MIN_ARTICLES:
                by_initial[form[:1]].append((form, n))
        index = {k: tuple(sorted(v, key=lambda fn: (-fn[1], fn[0]))) for k, v in by_initial.items()}
        return cls(dict(counts), dict(dialects or {}), index)

    @classmethod
    def gather(cls, facts: Iterable[ArticleFacts]) -> ArchiveStats:
        names: Counter[str] = Counter()
        dialects: Counter[str] = Counter()
        for fact in facts:
            names.update(fact.names)
            if fact.dialect:
                dialects[fact.dialect] += 1
        return cls.from_counts(names, dialects)

    def dominant_dialect(self) -> str | None:
        """The archive's spelling dialect: that of at least MIN_ARTICLES articles and of
        DIALECT_SHARE of those whose spelling says."""
        total = sum(self.dialects.values())
        for dialect, n in self.dialects.items():
            if n >= MIN_ARTICLES and n >= DIALECT_SHARE * total:
                return dialect
        return None

    def dominant_variant(self, form: str, max_distance: int) -> str | None:
        """The common form this rare one is a variant of, if the archive has one."""
        own = self.articles.get(form, 0)
        for candidate, n in self._by_initial.get(form[:1], ()):
            if n < max(MIN_ARTICLES, DOMINANCE * max(own, 1)):
                break  # sorted by count: nothing further is common enough
            close_in_length = abs(len(candidate) - len(form)) <= max_distance
            if candidate != form and close_in_length and OSA.distance(candidate, form) <= max_distance:
                return candidate
        return None
