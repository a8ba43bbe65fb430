"""Archive statistics: which name form and which dialect an archive holds, and what they decide."""

from __future__ import annotations

from copydesk.archive import MIN_ARTICLES, ArchiveStats, ArticleFacts, facts_of


def test_facts_of_one_article() -> None:
    facts = facts_of("Maryam Rajavi spoke in Paris. The colour of the centre was grey, the organisation said.")
    assert "Rajavi" in facts.names and facts.dialect == "en-GB"


def test_a_rare_form_beside_a_common_one_is_a_variant_and_the_dialect_is_the_majoritys() -> None:
    facts = [ArticleFacts(frozenset({"Rajavi"}), "en-GB") for _ in range(30)]
    facts += [ArticleFacts(frozenset({"Rjavi"}), "en-US")]
    stats = ArchiveStats.gather(facts)
    assert stats.articles["Rajavi"] == 30 and stats.dialects == {"en-GB": 30, "en-US": 1}
    assert stats.dominant_variant("Rjavi", 1) == "Rajavi"
    assert stats.dominant_variant("Rajavi", 1) is None  # the common form is nobody's variant
    assert stats.dominant_dialect() == "en-GB"


def test_too_few_articles_decide_nothing() -> None:
    few = ArchiveStats.gather([ArticleFacts(frozenset({"Rajavi"}), "en-GB")] * (MIN_ARTICLES - 1))
    assert few.dominant_dialect() is None and few.dominant_variant("Rjavi", 1) is None
    split = ArchiveStats.from_counts({}, {"en-GB": 10, "en-US": 10})
    assert split.dominant_dialect() is None
