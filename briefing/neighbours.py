"""Nearest neighbours by cosine, in blocks: memory stays linear in the number of sentences.

Every stage that compares sentences (the deduplicator, the contest finders) asks for the same
thing: for each vector, its ``k`` most similar others that reach a floor. A whole similarity
matrix is quadratic in memory (30,000 sentences: 3.6 GB), so the work goes block by block.
Entries above the floor are few in news text, so each block is read sparsely, and a row's
candidates are cut to its ``k`` best whenever they pile up, which bounds memory even when
every sentence resembles every other.

Comparing a set with itself computes each block pair once and reads it both ways: half the
matrix products of the plain query-by-key search.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

BLOCK = 1024
_COMPACT = 4 * BLOCK * 64  # pending candidates held before they are cut to k per row

Triples = tuple[np.ndarray, np.ndarray, np.ndarray]  # (row, column, similarity), aligned


def _empty() -> Triples:
    return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32)


def _top_k(parts: list[Triples], k: int) -> Triples:
    """Per row, the k highest similarities (equal ones: the lower column wins), sorted by row,
    then similarity descending, then column."""
    if not parts:
        return _empty()
    rows = np.concatenate([p[0] for p in parts])
    cols = np.concatenate([p[1] for p in parts])
    sims = np.concatenate([p[2] for p in parts])
    order = np.lexsort((cols, -sims, rows))
    rows, cols, sims = rows[order], cols[order], sims[order]
    keep = np.arange(len(rows)) - np.searchsorted(rows, rows, side="left") < k
    return rows[keep], cols[keep], sims[keep]


def _size(parts: list[Triples]) -> int:
    return sum(len(p[0]) for p in parts)


def _joined(blocks: list[Triples]) -> Triples:
    """Results of consecutive row blocks, in order."""
    return (
        np.concatenate([b[0] for b in blocks]),
        np.concatenate([b[1] for b in blocks]),
        np.concatenate([b[2] for b in blocks]),
    )


def _above(sims: np.ndarray, floor: float) -> Triples:
    # flatnonzero + divmod: about ten times faster than a 2-D nonzero on a 1,024-square block.
    flat = np.flatnonzero(sims >= floor)
    rows, cols = np.divmod(flat, sims.shape[1])
    return rows.astype(np.int64), cols.astype(np.int64), sims.ravel()[flat]


def top_neighbours(
    queries: np.ndarray,
    keys: np.ndarray,
    floor: float,
    k: int,
    block: int = BLOCK,
    compact: int = _COMPACT,
) -> Triples:
    """For each query row, its ``k`` most similar key rows with similarity >= ``floor``,
    as (query index, key index, similarity) sorted by query, similarity descending, key."""
    if len(queries) == 0 or len(keys) == 0 or k <= 0:
        return _empty()
    out: list[Triples] = []
    for start in range(0, len(queries), block):
        parts: list[Triples] = []
        for kstart in range(0, len(keys), block):
            rows, cols, sims = _above(
                queries[start : start + block] @ keys[kstart : kstart + block].T, floor
            )
            parts.append((rows + start, cols + kstart, sims))
            if _size(parts) > compact:
                parts = [_top_k(parts, k)]
        out.append(_top_k(parts, k))
    return _joined(out)


@dataclass(frozen=True)
class Neighbourhood:
    """One pass over a set compared with itself: every row's top neighbours and its coverage.

    ``coverage[i]``: the mean, over every group (document) other than row i's own, of the
    highest similarity between row i and that group's rows: how fully the other documents say
    what row i says (0 with one group)."""

    pairs: Triples
    coverage: np.ndarray


class _Coverage:
    """Per row, the sum over other groups of the best similarity in each, fed column blocks in
    ascending order (every row sees its column blocks in that order: see ``_self_search``).
    A group cut by a block boundary stays open until its next block arrives."""

    def __init__(self, groups: np.ndarray) -> None:
        if len(groups) > 1 and np.any(np.diff(groups) < 0):
            raise ValueError("groups must be contiguous (non-decreasing)")
        self.groups = groups
        self.total = np.zeros(len(groups), dtype=np.float64)
        self.open_group = np.full(len(groups), -1, dtype=np.int64)
        self.open_max = np.full(len(groups), -np.inf, dtype=np.float64)

    def add(self, rows: slice, cols: slice, sims: np.ndarray) -> None:
        """Similarities of ``rows`` (first axis of ``sims``) to ``cols`` (second axis)."""
        starts, seg_groups = self._segments(cols)
        self._merge(rows, seg_groups, np.maximum.reduceat(sims, starts, axis=1))

    def add_transposed(self, rows: slice, cols: slice, sims: np.ndarray) -> None:
        """The same with ``sims`` the other way round: ``cols`` on its first axis. A loop over
        row slabs is several times faster here than ``reduceat`` along the first axis."""
        starts, seg_groups = self._segments(cols)
        ends = [*starts[1:].tolist(), sims.shape[0]]
        best = np.empty((len(starts), sims.shape[1]), dtype=sims.dtype)
        for n, (start, end) in enumerate(zip(starts.tolist(), ends, strict=True)):
            np.max(sims[start:end], axis=0, out=best[n])
        self._merge(rows, seg_groups, best.T)

    def _segments(self, cols: slice) -> tuple[np.ndarray, np.ndarray]:
        col_groups = self.groups[cols]
        starts = np.flatnonzero(np.r_[True, col_groups[1:] != col_groups[:-1]])
        return starts, col_groups[starts]

    def _merge(self, rows: slice, seg_groups: np.ndarray, best_in_segment: np.ndarray) -> None:
        best = best_in_segment.astype(np.float64)
        own = seg_groups[None, :] == self.groups[rows][:, None]
        best[own] = 0.0  # a row's own document never covers it
        continues = self.open_group[rows] == seg_groups[0]
        # The first segment extends the open group where it continues it, else closes it.
        first = np.where(continues, np.maximum(self.open_max[rows], best[:, 0]), best[:, 0])
        self._close(rows, ~continues)
        if len(seg_groups) == 1:
            self.open_max[rows], self.open_group[rows] = first, seg_groups[0]
            return
        self.total[rows] += first + best[:, 1:-1].sum(axis=1)
        self.open_max[rows], self.open_group[rows] = best[:, -1], seg_groups[-1]

    def _close(self, rows: slice, where: np.ndarray) -> None:
        done = np.where(where & (self.open_group[rows] >= 0), self.open_max[rows], 0.0)
        self.total[rows] += done
        self.open_group[rows] = np.where(where, -1, self.open_group[rows])

    def result(self) -> np.ndarray:
        everything = slice(0, len(self.groups))
        self._close(everything, np.ones(len(self.groups), dtype=bool))
        others = len(np.unique(self.groups)) - 1
        return (self.total / max(others, 1)).astype(np.float32)


def _self_search(
    vectors: np.ndarray,
    floor: float,
    k: int,
    block: int,
    compact: int,
    coverage: _Coverage | None,
) -> Triples:
    """Each block pair is multiplied once: block I against blocks J >= I gives row I's
    candidates directly and row J's by transposition (held until block J's turn). Row J's
    columns therefore arrive in ascending order: blocks I < J by transposition, then J on."""
    n = len(vectors)
    starts = list(range(0, n, block))
    pending: dict[int, list[Triples]] = {s: [] for s in starts}
    out: list[Triples] = []
    for i in starts:
        parts = pending.pop(i)
        for j in starts:
            if j < i:
                continue
            sims = vectors[i : i + block] @ vectors[j : j + block].T
            if i == j:
                np.fill_diagonal(sims, -np.inf)
            if coverage is not None:
                coverage.add(slice(i, i + block), slice(j, j + block), sims)
                if j > i:
                    coverage.add_transposed(slice(j, j + block), slice(i, i + block), sims)
            if k <= 0:
                continue
            rows, cols, values = _above(sims, floor)
            parts.append((rows + i, cols + j, values))
            if _size(parts) > compact:
                parts = [_top_k(parts, k)]
            if j > i:
                later = pending[j]
                later.append((cols + j, rows + i, values))
                if _size(later) > compact:
                    pending[j] = [_top_k(later, k)]
        out.append(_top_k(parts, k) if k > 0 else _empty())
    return _joined(out)


def self_neighbours(
    vectors: np.ndarray, floor: float, k: int, block: int = BLOCK, compact: int = _COMPACT
) -> Triples:
    """For each row, its ``k`` most similar *other* rows with similarity >= ``floor``, as
    (row, other row, similarity) sorted by row, similarity descending, other row."""
    if len(vectors) == 0 or k <= 0:
        return _empty()
    return _self_search(vectors, floor, k, block, compact, None)


def neighbourhood(
    vectors: np.ndarray,
    groups: np.ndarray,
    floor: float,
    k: int,
    block: int = BLOCK,
    compact: int = _COMPACT,
) -> Neighbourhood:
    """``self_neighbours`` and every row's coverage by the other groups, from one pass.

    ``groups``: one group number (document) per row, non-decreasing: a document's rows are
    contiguous, as in a corpus."""
    if len(vectors) == 0:
        return Neighbourhood(_empty(), np.zeros(0, dtype=np.float32))
    coverage = _Coverage(np.asarray(groups, dtype=np.int64))
    pairs = _self_search(vectors, floor, k, block, compact, coverage)
    return Neighbourhood(pairs, coverage.result())


def undirected(found: Triples) -> Triples:
    """Unique pairs (i < j) from directed neighbour links, each with its similarity, sorted by
    similarity descending, then i, then j. A pair found from both ends keeps the larger
    similarity (they differ in rounding only)."""
    rows, cols, sims = found
    first, second = np.minimum(rows, cols), np.maximum(rows, cols)
    keep = first != second
    first, second, sims = first[keep], second[keep], sims[keep]
    order = np.lexsort((-sims, second, first))
    first, second, sims = first[order], second[order], sims[order]
    unique = np.ones(len(first), dtype=bool)
    unique[1:] = (first[1:] != first[:-1]) | (second[1:] != second[:-1])
    first, second, sims = first[unique], second[unique], sims[unique]
    order = np.lexsort((second, first, -sims))
    return first[order], second[order], sims[order]
