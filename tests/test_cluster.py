"""The deduplicator on hand-made vectors: what merges and, as important, what does not."""

from __future__ import annotations

import numpy as np

from briefing.cluster import (
    Thresholds,
    cluster_sentences,
    is_paraphrase,
    paraphrase_mask,
)
from briefing.model import Sentence
from briefing.neighbours import neighbourhood, undirected


def unit(*parts: tuple[int, float], dims: int = 16) -> np.ndarray:
    v = np.zeros(dims, dtype=np.float32)
    for axis, value in parts:
        v[axis] = value
    return v / np.linalg.norm(v)


def sent(
    doc: str, index: int, text: str = "An unrelated sentence about nothing in particular."
) -> Sentence:
    return Sentence(doc, index, 0, len(text), text)


def members(clusters, sentences):  # type: ignore[no-untyped-def]
    return sorted(
        tuple((sentences[m].doc, sentences[m].index) for m in c.members)
        for c in clusters
        if len(c.members) > 1
    )


def test_paraphrases_across_sources_form_one_cluster_citing_all() -> None:
    sentences = [sent("s1", 0), sent("s2", 0), sent("s3", 0), sent("s3", 1)]
    vectors = np.stack(
        [unit((0, 1)), unit((0, 1), (1, 0.2)), unit((0, 1), (2, 0.25)), unit((5, 1))]
    )
    clusters = cluster_sentences(sentences, vectors)
    assert members(clusters, sentences) == [(("s1", 0), ("s2", 0), ("s3", 0))]
    assert clusters[0].sources == ("s1", "s2", "s3")


def test_topic_sharing_sentences_stay_apart_without_word_overlap() -> None:
    # cosine 0.6: above the floor, below the paraphrase threshold, and no shared content words
    a = sent("s1", 0, "Leaders met in the capital to discuss trade.")
    b = sent("s2", 0, "Officials quarrelled over tariffs during a summit.")
    vectors = np.stack([unit((0, 1)), unit((0, 0.6), (1, 0.8))])
    assert members(cluster_sentences([a, b], vectors), [a, b]) == []


def test_lexical_overlap_rescues_a_translated_paraphrase() -> None:
    a = sent("s1", 0, "More than two dozen foreign leaders attend the parade in the capital.")
    b = sent(
        "s2", 0, "He is part of more than two dozen foreign leaders who attend the festivities."
    )
    vectors = np.stack([unit((0, 1)), unit((0, 0.65), (1, 0.76))])
    assert members(cluster_sentences([a, b], vectors), [a, b]) == [(("s1", 0), ("s2", 0))]


def test_repeats_inside_one_source_collapse_but_related_sentences_do_not() -> None:
    sentences = [sent("s1", 0), sent("s1", 5), sent("s1", 6)]
    vectors = np.stack([unit((0, 1)), unit((0, 1), (1, 0.1)), unit((0, 1), (1, 0.9))])
    assert members(cluster_sentences(sentences, vectors), sentences) == [(("s1", 0), ("s1", 5))]


def test_average_linkage_stops_chains_of_loose_neighbours() -> None:
    # a~b, b~c and c~d are paraphrase pairs; a~c, a~d and b~d are not. Single linkage would
    # chain all four into one cluster; average linkage keeps {a, b} and {c, d} apart.
    sentences = [sent("s1", 0), sent("s2", 0), sent("s3", 0), sent("s4", 0)]
    vectors = np.stack(
        [
            unit((0, 1)),
            unit((0, 1), (1, 0.6)),
            unit((0, 0.5), (1, 1)),
            unit((1, 1), (2, 0.3)),
        ]
    )
    found = members(cluster_sentences(sentences, vectors), sentences)
    assert found == [(("s1", 0), ("s2", 0)), (("s3", 0), ("s4", 0))]


def test_the_neighbour_pass_works_in_blocks_and_keeps_top_neighbours() -> None:
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(2100, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors[2050] = vectors[3]  # an exact duplicate far apart, in another block
    first, second, sims = undirected(neighbourhood(vectors, np.arange(2100), 0.99, k=4).pairs)
    assert (3, 2050) in set(zip(first.tolist(), second.tolist(), strict=True))
    assert np.all(sims >= 0.99)


def test_paraphrase_mask_agrees_with_is_paraphrase_pair_by_pair() -> None:
    rng = np.random.default_rng(3)
    words = "council budget approved tuesday mayor vote city taxes rose fell the of".split()
    sentences = [
        Sentence(f"s{rng.integers(1, 4)}", i, 0, 1, " ".join(rng.choice(words, rng.integers(0, 7))))
        for i in range(60)
    ]
    first = rng.integers(0, 60, 500)
    second = rng.integers(0, 60, 500)
    sims = rng.uniform(0.4, 1.0, 500).astype(np.float32)
    t = Thresholds()
    got = paraphrase_mask(sentences, first, second, sims, t)
    want = [
        is_paraphrase(sentences[i], sentences[j], float(s), t)
        for i, j, s in zip(first, second, sims, strict=True)
    ]
    assert got.tolist() == want
    assert 0 < sum(want) < 500
