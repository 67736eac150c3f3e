from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.neighbours import self_neighbours, top_neighbours, undirected


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
