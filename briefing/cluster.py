"""The deduplicator: group sentences that say the same thing, across and within sources.

Two sentences are *paraphrases* when

* they come from different sources and their cosine similarity is at least
  ``paraphrase_threshold``, or at least ``paraphrase_floor`` with content-word overlap of at
  least ``lexical_overlap`` (translations and rewrites keep the nouns while the embedding
  drifts); or
* they come from the same source and are near-exact repeats (``repeat_threshold``).

Clusters grow by average linkage over that paraphrase graph: two groups merge, strongest edge
first, only when at least half of the pairs between them are paraphrases. Shared topic alone
never links sentences, and a chain of loose neighbours cannot snowball into one cluster.

Each sentence is compared with its ``neighbours`` nearest others only (neighbours.py, in blocks),
so time and memory stay near linear in the number of sentences.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .model import Cluster, Sentence
from .neighbours import Neighbourhood, neighbourhood, undirected
from .text import overlap, pair_overlaps

_NEIGHBOURS = 32


@dataclass(frozen=True)
class Thresholds:
    paraphrase: float = 0.78
    floor: float = 0.55
    lexical: float = 0.5
    repeat: float = 0.90


def search(
    sentences: Sequence[Sentence], vectors: np.ndarray, thresholds: Thresholds = Thresholds()
) -> Neighbourhood:
    """The one pass over all sentence pairs: paraphrase candidates for the deduplicator, and
    each sentence's coverage by the other documents for the ranker."""
    floor = min(thresholds.floor, thresholds.repeat)
    return neighbourhood(vectors, _doc_numbers(sentences), floor, _NEIGHBOURS)


def _doc_numbers(sentences: Sequence[Sentence]) -> np.ndarray:
    """Per sentence, its document's number in order of first appearance."""
    numbers = {doc: n for n, doc in enumerate(dict.fromkeys(s.doc for s in sentences))}
    return np.array([numbers[s.doc] for s in sentences], dtype=np.int64)


def is_paraphrase(a: Sentence, b: Sentence, similarity: float, t: Thresholds) -> bool:
    if a.doc == b.doc:
        return similarity >= t.repeat
    if similarity >= t.paraphrase:
        return True
    return similarity >= t.floor and overlap(a.text, b.text) >= t.lexical


def paraphrase_mask(
    sentences: Sequence[Sentence],
    first: np.ndarray,
    second: np.ndarray,
    sims: np.ndarray,
    t: Thresholds,
) -> np.ndarray:
    """``is_paraphrase`` for many pairs at once; word overlap only where it decides."""
    docs = _doc_numbers(sentences)
    same = docs[first] == docs[second]
    keep = np.where(same, sims >= t.repeat, sims >= t.paraphrase)
    check = ~same & ~keep & (sims >= t.floor)
    texts = [s.text for s in sentences]
    keep[check] = pair_overlaps(texts, first[check], second[check]) >= t.lexical
    return keep


def cluster_sentences(
    sentences: Sequence[Sentence],
    vectors: np.ndarray,
    thresholds: Thresholds = Thresholds(),
    found: Neighbourhood | None = None,
) -> list[Cluster]:
    """Partition sentences into clusters of paraphrases (singletons included). ``found``:
    the result of ``search`` with the same thresholds, when the caller has it already.

    Clusters come out ordered by their first member, members sorted; deterministic for ties.
    """
    n = len(sentences)
    if found is None:
        found = search(sentences, vectors, thresholds)
    first, second, sims = undirected(found.pairs)
    keep = paraphrase_mask(sentences, first, second, sims, thresholds)
    edges = list(zip(sims[keep].tolist(), first[keep].tolist(), second[keep].tolist(), strict=True))
    parent = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    links: dict[int, Counter[int]] = {i: Counter() for i in range(n)}
    for _, i, j in edges:
        links[i][j] += 1
        links[j][i] += 1

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for _, i, j in edges:
        a, b = find(i), find(j)
        if a == b:
            continue
        if links[a][b] * 2 < len(members[a]) * len(members[b]):
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a
        parent[b] = a
        members[a].extend(members.pop(b))
        merged = links.pop(b)
        del merged[a]
        links[a].pop(b, None)
        for other, count in merged.items():
            links[a][other] += count
            links[other][a] += count
            del links[other][b]
    clusters = []
    for group in members.values():
        ordered = tuple(sorted(group))
        sources = tuple(sorted({sentences[m].doc for m in ordered}, key=_doc_order))
        clusters.append(Cluster(ordered, sources))
    return sorted(clusters, key=lambda c: c.members[0])


def _doc_order(doc_id: str) -> tuple[int, str]:
    digits = doc_id.lstrip("s")
    return (int(digits), doc_id) if digits.isdigit() else (1 << 30, doc_id)
