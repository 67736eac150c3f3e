"""Where sources differ: the default contest finder for ``build_briefing``.

Four kinds, each found from what the text shows plus the sentence embeddings:

* ``number``: the same thing counted or measured with incompatible values (numbers.py);
* ``claim``: one party accuses the other and the other accuses back, an assertion against a
  denial, or one event reported with and without a hedge or scare quotes (claims.py);
* ``interpretation``: sources reading the same words differently (claims.py);
* ``framing``: loaded words a source uses in its own voice, per source (framing.py).

Nothing is compared against everything: candidates are the sentences that carry a cue
(a number, an attribution, a negation, a hedge), compared with their top neighbours only,
so time and memory stay near linear in the number of sentences. One source: nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from .config import Config
from .model import Citation, Contest, Position, Sentence
from .neighbours import self_neighbours, top_neighbours, undirected

if TYPE_CHECKING:
    from .pipeline import Analysis

NEIGHBOURS = 32


def neighbour_pairs(
    rows: Sequence[int],
    cols: Sequence[int],
    vectors: np.ndarray,
    floor: float,
    k: int = NEIGHBOURS,
) -> list[tuple[float, int, int]]:
    """(similarity, i, j) with i < j, i or j in ``rows`` and the other in ``cols``, kept when
    among a row's ``k`` nearest columns and at least ``floor``; strongest first."""
    if not rows or not cols:
        return []
    row_idx, col_idx = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
    if np.array_equal(row_idx, col_idx):
        r, c, sims = self_neighbours(vectors[row_idx], floor, k)
    else:
        r, c, sims = top_neighbours(vectors[row_idx], vectors[col_idx], floor, k + 1)
    first, second, sims = undirected((row_idx[r], col_idx[c], sims))
    return list(zip(sims.tolist(), first.tolist(), second.tolist(), strict=True))


def components(nodes: Iterable[int], edges: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Connected components, each sorted, ordered by their first node."""
    parent = {n: n for n in nodes}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for n in parent:
        groups.setdefault(find(n), []).append(n)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])


def position(sentences: Sequence[Sentence], members: Iterable[int]) -> Position:
    """A position: its first sentence (document, then sentence order) as text, all cited."""
    ordered = sorted(set(members), key=lambda m: (_doc_key(sentences[m].doc), sentences[m].index))
    cited = tuple(Citation.of(sentences[m]) for m in ordered)
    return Position(sentences[ordered[0]].text, cited)


def _doc_key(doc: str) -> tuple[int, str]:
    digits = doc.lstrip("s")
    return (int(digits), doc) if digits.isdigit() else (1 << 30, doc)


def sources_of(p: Position) -> frozenset[str]:
    return frozenset(c.source for c in p.citations)


def spans_sources(positions: Sequence[Position], labels: dict[str, str]) -> bool:
    """At least two positions, carried by at least two different source labels."""
    seen = {labels.get(c.source, c.source) for p in positions for c in p.citations}
    return len(positions) >= 2 and len(seen) >= 2


def order_key(c: Contest) -> tuple[tuple[int, str], int]:
    first = min(
        ((_doc_key(x.source), x.sentence) for p in c.positions for x in p.citations),
        default=((0, ""), 0),
    )
    return first


def default_contest_finder(analysis: Analysis, config: Config) -> list[Contest]:
    """The finder ``build_briefing`` uses: numbers, claims, interpretations, then framing."""
    from .claims import claim_contests, interpretation_contests
    from .framing import framing_by_source
    from .numbers import number_contests

    corpus, vectors, clusters = analysis.corpus, analysis.vectors, analysis.clusters
    labels = {d.id: d.label for d in corpus.documents}
    if len(set(labels.values())) < 2:
        return []
    sentences = corpus.sentences
    found: list[tuple[str, str, tuple[Position, ...]]] = []
    found += [("number", t, p) for t, p in number_contests(sentences, vectors, labels)]
    found += [("claim", t, p) for t, p in claim_contests(sentences, vectors, clusters, labels)]
    found += [
        ("interpretation", t, p) for t, p in interpretation_contests(sentences, vectors, labels)
    ]
    contests = [Contest("", kind, topic, pos) for kind, topic, pos in found]  # type: ignore[arg-type]
    contests.sort(key=lambda c: (order_key(c), c.kind, c.topic))
    out = [Contest(f"d{n}", c.kind, c.topic, c.positions) for n, c in enumerate(contests, 1)]
    for n, (label, positions) in enumerate(framing_by_source(corpus.documents, sentences), 1):
        out.append(Contest(f"f{n}", "framing", label, tuple(positions)))
    return out
