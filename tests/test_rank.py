"""The ranker: representatives, ordering by support, and selection without repeats."""

from __future__ import annotations

import numpy as np

from briefing.model import Cluster, Sentence
from briefing.rank import (
    RankedCluster,
    Weights,
    choose_representative,
    completeness_penalty,
    mmr_select,
    rank_clusters,
)


def sent(doc: str, index: int, text: str) -> Sentence:
    return Sentence(doc, index, 0, len(text), text)


def test_completeness_prefers_self_contained_sentences() -> None:
    assert completeness_penalty("The council approved the budget on Tuesday evening.", 6, 70) == 0
    assert completeness_penalty("He added that the budget would pass next week.", 6, 70) == 1
    assert (
        completeness_penalty('"We will never accept this budget in any form," she said.', 6, 70)
        == 0
    )
    assert completeness_penalty('"We will never accept this budget in any form."', 6, 70) == 2
    assert completeness_penalty("the council approved the budget on Tuesday evening", 6, 70) == 2
    assert completeness_penalty("Budget passes.", 6, 70) == 2


def test_representative_is_complete_then_least_loaded_then_central() -> None:
    texts = [
        "He said the brutal regime approved the budget on Tuesday.",
        "The notorious regime of the mayor approved the budget on Tuesday.",
        "The city council approved the budget on Tuesday, officials said.",
    ]
    sentences = [sent(f"s{i + 1}", 0, t) for i, t in enumerate(texts)]
    vectors = np.eye(3, dtype=np.float32)
    cluster = Cluster((0, 1, 2), ("s1", "s2", "s3"))
    assert choose_representative(cluster, sentences, vectors, 6, 70) == 2


def test_clusters_carried_by_more_sources_rank_first() -> None:
    sentences = [
        sent("s1", 0, "The council approved the budget on Tuesday evening."),
        sent("s2", 0, "On Tuesday evening the council approved the budget."),
        sent("s1", 1, "The mayor wore a blue suit to the council meeting."),
    ]
    vectors = np.array([[1, 0], [1, 0], [0.9, 0.43]], dtype=np.float32)
    clusters = [Cluster((0, 1), ("s1", "s2")), Cluster((2,), ("s1",))]
    ranked = rank_clusters(
        clusters, sentences, vectors, np.zeros(3), {"s1": "A", "s2": "B"}, Weights(), 6, 70
    )
    assert [r.cluster.members for r in ranked] == [(0, 1), (2,)]
    assert [r.support for r in ranked] == [2, 1]


def test_two_articles_from_one_outlet_count_as_one_source() -> None:
    sentences = [
        sent("s1", 0, "The council approved the budget on Tuesday evening."),
        sent("s2", 0, "On Tuesday evening the council approved the budget."),
    ]
    vectors = np.array([[1, 0], [1, 0]], dtype=np.float32)
    ranked = rank_clusters(
        [Cluster((0, 1), ("s1", "s2"))],
        sentences,
        vectors,
        np.zeros(2),
        {"s1": "Same Daily", "s2": "Same Daily"},
        Weights(),
        6,
        70,
    )
    assert ranked[0].support == 1


def _ranked(rep: int, score: float) -> RankedCluster:
    return RankedCluster(Cluster((rep,), ("s1",)), rep, 1, score, score)


def test_mmr_skips_near_repeats_and_respects_the_word_budget() -> None:
    vectors = np.array([[1, 0, 0], [0.99, 0.14, 0], [0, 1, 0], [0, 0, 1]], dtype=np.float32)
    candidates = [_ranked(0, 1.0), _ranked(1, 0.95), _ranked(2, 0.5), _ranked(3, 0.4)]
    picked = mmr_select(candidates, vectors, limit=3, lam=0.5)
    assert [r.representative for r in picked] == [0, 2, 3]
    capped = mmr_select(candidates, vectors, limit=3, lam=1.0, max_similarity=0.9)
    assert 1 not in [r.representative for r in capped]
    words = {0: 10, 1: 10, 2: 30, 3: 5}
    budgeted = mmr_select(candidates, vectors, limit=4, lam=0.5, budget=16, words_of=words)
    assert [r.representative for r in budgeted] == [0, 3]
