"""Archive-wide name statistics: "Rajavi" in 300 articles, "Rjavi" in 2.

A first pass counts, for every capitalised name form, how many articles use it; the second
pass lets the names check fix a form that is rare in the archive when a near-identical form is
common. Memory grows with the number of distinct names, not with the archive's text.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rapidfuzz.distance import OSA

from editor.text import Analysis

# A form is fixed towards another only when that one is used in this many more articles...
DOMINANCE = 10
# ...and in at least this many.
MIN_ARTICLES = 5


def names_in(text: str) -> set[str]:
    """The distinct name forms of one article (what the archive counts)."""
    from editor.checks.names import name_occurrences  # the names check decides what a name is

    return {o.form for o in name_occurrences(Analysis(text))}


@dataclass(frozen=True)
class ArchiveNames:
    """How many articles use each name form, indexed by first letter for near-match lookups."""

    articles: Mapping[str, int]
    _by_initial: Mapping[str, tuple[tuple[str, int], ...]] = field(default_factory=dict, compare=False)

    @classmethod
    def from_counts(cls, counts: Mapping[str, int]) -> ArchiveNames:
        by_initial: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for form, n in counts.items():
            if n >= MIN_ARTICLES:
                by_initial[form[:1]].append((form, n))
        index = {k: tuple(sorted(v, key=lambda fn: (-fn[1], fn[0]))) for k, v in by_initial.items()}
        return cls(dict(counts), index)

    @classmethod
    def gather(cls, texts: Iterable[str]) -> ArchiveNames:
        counts: Counter[str] = Counter()
        for text in texts:
            counts.update(names_in(text))
        return cls.from_counts(counts)

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
