"""The start-up cache: results kept on disk, keyed by what they are made from, never stale."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from copydesk.cache import cached, files_fingerprint
from copydesk.lexicon import bigram_counts
from copydesk.rules import RULES_DIR, load_rules


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(folder))
    return folder


def test_built_once_then_read_and_a_damaged_entry_is_rebuilt(cache: Path) -> None:
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"a": 1}

    assert cached("thing", "k1", build) == {"a": 1} and cached("thing", "k1", build) == {"a": 1}
    assert len(calls) == 1
    [entry] = cache.glob("thing-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert cached("thing", "k1", build) == {"a": 1} and len(calls) == 2
    assert cached("thing", "k2", build) == {"a": 1} and len(calls) == 3
    assert [p.name for p in cache.glob("thing-*.pickle")] == ["thing-k2.pickle"]  # the stale entry is gone


def test_off_means_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPYDESK_CACHE_DIR", "off")
    calls: list[int] = []
    cached("thing", "k", lambda: calls.append(1))
    cached("thing", "k", lambda: calls.append(1))
    assert len(calls) == 2


def test_a_changed_rule_file_is_read_again(cache: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR / "core", rules / "core")
    first = {r.id: r for r in load_rules((rules,))}
    pack = rules / "core" / "repetition.yaml"
    pack.write_text(pack.read_text(encoding="utf-8").replace("confidence: 0.98", "confidence: 0.97"), encoding="utf-8")
    again = {r.id: r for r in load_rules((rules,))}
    assert first["repetition.doubled-word"].confidence == 0.98 and again["repetition.doubled-word"].confidence == 0.97
    assert files_fingerprint([pack]) != files_fingerprint([rules / "core" / "style.yaml"])


def test_recent_computes_only_new_keys_in_one_batch_and_forgets_the_oldest() -> None:
    from copydesk.cache import Recent

    batches: list[list[str]] = []

    def upper(keys: list[str]) -> list[str]:
        batches.append(keys)
        return [k.upper() for k in keys]

    recent: Recent[str, str] = Recent(size=2)
    assert recent.get_many(["a", "b", "a"], upper) == ["A", "B", "A"]
    assert recent.get_many(["b", "c"], upper) == ["B", "C"]
    assert batches == [["a", "b"], ["c"]]
    assert (recent.hits, recent.misses) == (2, 3)
    recent.get_many(["a"], upper)  # "a" was the least recently used: forgotten, computed again
    assert batches[-1] == ["a"]


def test_each_set_of_bigram_words_keeps_its_own_entry(cache: Path) -> None:
    """Checks ask the bigram list about several word sets in one run: each set is kept on disk
    beside the others, so the next run reads them all instead of reading the list again."""
    bigram_counts.cache_clear()
    try:
        of = bigram_counts(frozenset({"of", "off"}))
        the = bigram_counts(frozenset({"the", "to"}))
    finally:
        bigram_counts.cache_clear()
    assert of[("end", "of")] > of.get(("end", "off"), 0) and ("the", "end") in the
    assert len(list(cache.glob("bigrams-*.pickle"))) == 2
    bigram_counts(frozenset({"of", "off"}))  # from the disk now: nothing else written
    bigram_counts.cache_clear()
    assert len(list(cache.glob("bigrams-*.pickle"))) == 2
