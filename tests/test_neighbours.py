from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.neighbours import neighbourhood, self_neighbours, top_neighbours, undirected


def unit_rows(n: int, d: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    vectors = rng.normal(size=(n, d)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def brute_force(
    queries: np.ndarray, keys: np.ndarray, floor: float, k: int, skip_self: bool
) -> list[tuple[int, int]]:
    sims = queries @ keys.T
    found = []
    for i, row in enumerate(sims):
        order = sorted(
            (j for j in range(len(keys)) if not (skip_self and i == j)),
            key=lambda j: (-row[j], j),
        )
        found += [(i, j) for j in order[:k] if row[j] >= floor]
    return found


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(1, 60),
    d=st.integers(2, 6),
    floor=st.floats(-0.5, 0.95),
    k=st.integers(1, 12),
    block=st.integers(1, 25),
    compact=st.sampled_from([1, 7, 10_000]),
    seed=st.integers(0, 1000),
)
def test_self_neighbours_match_brute_force_whatever_the_blocks(
    n: int, d: int, floor: float, k: int, block: int, compact: int, seed: int
) -> None:
    vectors = unit_rows(n, d, seed)
    rows, cols, sims = self_neighbours(vectors, floor, k, block=block, compact=compact)
    assert list(zip(rows.tolist(), cols.tolist(), strict=True)) == brute_force(
        vectors, vectors, floor, k, skip_self=True
    )
    np.testing.assert_allclose(sims, np.sum(vectors[rows] * vectors[cols], axis=1), atol=1e-5)


@settings(max_examples=30, deadline=None)
@given(
    n=st.integers(1, 40),
    m=st.integers(1, 40),
    floor=st.floats(-0.5, 0.95),
    k=st.integers(1, 12),
    block=st.integers(1, 25),
    compact=st.sampled_from([1, 10_000]),
    seed=st.integers(0, 1000),
)
def test_top_neighbours_match_brute_force(
    n: int, m: int, floor: float, k: int, block: int, compact: int, seed: int
) -> None:
    vectors = unit_rows(n + m, 5, seed)
    queries, keys = vectors[:n], vectors[n:]
    rows, cols, _ = top_neighbours(queries, keys, floor, k, block=block, compact=compact)
    assert list(zip(rows.tolist(), cols.tolist(), strict=True)) == brute_force(
        queries, keys, floor, k, skip_self=False
    )


def test_memory_stays_bounded_when_every_sentence_resembles_every_other() -> None:
    vectors = np.ones((3000, 8), dtype=np.float32) / np.sqrt(8)
    rows, cols, _ = self_neighbours(vectors, floor=0.5, k=5, block=256, compact=5 * 256)
    assert len(rows) == 3000 * 5
    assert np.all(np.bincount(rows) == 5)
    assert not np.any(rows == cols)


def test_undirected_pairs_are_unique_ordered_and_strongest_first() -> None:
    rows = np.array([0, 1, 2, 2, 3])
    cols = np.array([1, 0, 3, 0, 2])
    sims = np.array([0.9, 0.9, 0.7, 0.8, 0.7], dtype=np.float32)
    first, second, values = undirected((rows, cols, sims))
    pairs = [
        (round(v, 2), i, j)
        for v, i, j in zip(values.tolist(), first.tolist(), second.tolist(), strict=True)
    ]
    assert pairs == [(0.9, 0, 1), (0.8, 0, 2), (0.7, 2, 3)]


def brute_coverage(vectors: np.ndarray, groups: list[int]) -> np.ndarray:
    sims = vectors @ vectors.T
    names = sorted(set(groups))
    out = np.zeros(len(vectors))
    for i, own in enumerate(groups):
        others = [max(sims[i, j] for j in range(len(groups)) if groups[j] == g) for g in names]
        out[i] = sum(b for g, b in zip(names, others, strict=True) if g != own)
    return out / max(1, len(names) - 1)


@settings(max_examples=60, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 9), min_size=1, max_size=8),
    block=st.integers(1, 25),
    k=st.integers(0, 4),
    seed=st.integers(0, 1000),
)
def test_neighbourhood_coverage_matches_brute_force_whatever_the_blocks(
    sizes: list[int], block: int, k: int, seed: int
) -> None:
    groups = [g for g, size in enumerate(sizes) for _ in range(size)]
    vectors = unit_rows(len(groups), 4, seed)
    found = neighbourhood(vectors, np.array(groups), floor=0.3, k=k, block=block)
    np.testing.assert_allclose(found.coverage, brute_coverage(vectors, groups), atol=1e-5)
    plain = self_neighbours(vectors, 0.3, k, block=block)
    for got, want in zip(found.pairs, plain, strict=True):
        np.testing.assert_array_equal(got, want)


def test_coverage_is_high_for_what_every_document_says() -> None:
    shared = unit_rows(1, 16, 1)[0]
    noise = unit_rows(6, 16, 2)
    # Three documents of two rows: the first row of each says the shared thing.
    vectors = np.stack([shared, noise[0], shared, noise[1], shared, noise[2]])
    found = neighbourhood(vectors, np.array([0, 0, 1, 1, 2, 2]), floor=0.5, k=2)
    assert np.allclose(found.coverage[[0, 2, 4]], 1.0)
    assert np.all(found.coverage[[1, 3, 5]] < 0.9)


def test_neighbourhood_needs_contiguous_groups() -> None:
    with pytest.raises(ValueError, match="contiguous"):
        neighbourhood(unit_rows(3, 4, 0), np.array([0, 1, 0]), floor=0.5, k=2)
