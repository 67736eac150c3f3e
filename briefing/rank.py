"""The ranker: score clusters, pick one representative sentence each, select without repeats.

* Importance of a sentence: coverage (how closely the *other* documents say the same thing:
  the mean over them of the best cosine in each; neighbours.py), position (news puts the key
  facts first) and, off by default, centrality (cosine to the centre of the whole set, each
  document weighted equally). The weights were chosen by cross-validated ROUGE (README,
  Benchmarks).
* Importance of a cluster: how many independent sources carry it, plus its best member's
  importance.
* Selection: maximal marginal relevance (MMR) over the representatives, so the briefing does
  not say one thing twice.
* Representative: complete and self-contained first, then the least loaded wording, then the
  member closest to the cluster's centre.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .lexicon import loaded_terms
from .model import Cluster, Sentence
from .quotes import has_attribution, is_quote_only
from .text import word_count


@dataclass(frozen=True)
class Weights:
    support: float = 1.0
    centrality: float = 0.0
    position: float = 2.0
    coverage: float = 1.0


@dataclass(frozen=True)
class RankedCluster:
    cluster: Cluster
    representative: int  # index into the sentence list
    support: int  # distinct source labels
    importance: float  # best member's importance, 0..1
    score: float


def sentence_importance(
    sentences: Sequence[Sentence], vectors: np.ndarray, coverage: np.ndarray, weights: Weights
) -> np.ndarray:
    """Per sentence: weighted coverage, position and centrality, each scaled to 0..1."""
    if not sentences:
        return np.zeros(0, dtype=np.float32)
    doc_rows: dict[str, list[int]] = {}
    for i, s in enumerate(sentences):
        doc_rows.setdefault(s.doc, []).append(i)
    centre = np.mean([vectors[doc_rows[d]].mean(axis=0) for d in sorted(doc_rows)], axis=0)
    norm = float(np.linalg.norm(centre)) or 1.0
    centrality = _scale(vectors @ (centre / norm))
    position = np.array([1.0 / np.sqrt(1.0 + s.index) for s in sentences], dtype=np.float32)
    total = weights.centrality + weights.position + weights.coverage or 1.0
    return (
        weights.centrality * centrality
        + weights.position * position
        + weights.coverage * _scale(coverage)
    ) / total


def _scale(values: np.ndarray) -> np.ndarray:
    low, high = float(values.min()), float(values.max())
    if high - low < 1e-9:
        return np.ones_like(values)
    return (values - low) / (high - low)


_CONTEXT_OPENERS = re.compile(
    r"^(he|she|it|they|this|these|that|those|his|her|its|their|but|and|or|so|also|instead|"
    r"however|meanwhile|still|yet|then|there)\b",
    re.IGNORECASE,
)
_OPEN = ('"', "\u201c", "\u2018", "'")


def completeness_penalty(text: str, min_words: int, max_words: int) -> int:
    """0: complete and self-contained; 1: needs context; 2: fragment, unattributed quote or
    outside the length bounds."""
    n = word_count(text)
    if n < min_words or n > max_words:
        return 2
    if not (text[:1].isupper() or text.startswith(_OPEN)) or text[-1] not in ".!?\"\u201d'\u2019":
        return 2
    if is_quote_only(text) or (text.startswith(_OPEN) and not has_attribution(text)):
        return 2
    if _CONTEXT_OPENERS.match(text):
        return 1
    return 0


def choose_representative(
    cluster: Cluster,
    sentences: Sequence[Sentence],
    vectors: np.ndarray,
    min_words: int,
    max_words: int,
) -> int:
    members = list(cluster.members)
    if len(members) == 1:
        return members[0]
    centre = vectors[members].mean(axis=0)

    def key(m: int) -> tuple[int, int, float, str, int]:
        s = sentences[m]
        return (
            completeness_penalty(s.text, min_words, max_words),
            len(loaded_terms(s.text)),
            -float(vectors[m] @ centre),
            s.doc,
            s.index,
        )

    return min(members, key=key)


def rank_clusters(
    clusters: Sequence[Cluster],
    sentences: Sequence[Sentence],
    vectors: np.ndarray,
    coverage: np.ndarray,
    labels: dict[str, str],
    weights: Weights,
    min_words: int,
    max_words: int,
) -> list[RankedCluster]:
    """Every cluster with its representative and score, best first (ties: document, index).
    ``coverage``: per sentence, from ``neighbours.neighbourhood``."""
    importance = sentence_importance(sentences, vectors, coverage, weights)
    n_labels = max(1, len(set(labels.values())))
    ranked = []
    for cluster in clusters:
        support = len({labels[d] for d in cluster.sources})
        best = float(importance[list(cluster.members)].max())
        share = (support - 1) / (n_labels - 1) if n_labels > 1 else 0.0
        rep = choose_representative(cluster, sentences, vectors, min_words, max_words)
        score = weights.support * share + best
        ranked.append(RankedCluster(cluster, rep, support, best, score))
    return sorted(ranked, key=lambda r: (-r.score, r.cluster.members[0]))


def mmr_select(
    candidates: Sequence[RankedCluster],
    vectors: np.ndarray,
    limit: int,
    lam: float,
    chosen: Sequence[RankedCluster] = (),
    budget: int | None = None,
    words_of: dict[int, int] | None = None,
    max_similarity: float = 1.0,
) -> list[RankedCluster]:
    """Pick up to ``limit`` candidates by MMR against each other and ``chosen``.

    With ``budget`` (words), a candidate that does not fit is passed over; one whose cosine to
    anything already picked reaches ``max_similarity`` is never picked. Candidates must come
    sorted best first: ties in gain go to the earlier one.
    """
    if not candidates or limit <= 0:
        return []
    reps = vectors[[r.representative for r in candidates]]
    scores = np.array([r.score for r in candidates], dtype=np.float64)
    scores = scores / (float(scores.max()) or 1.0)
    redundancy = np.zeros(len(candidates), dtype=np.float64)
    for start in range(0, len(chosen), 1024):  # one product per block, not one per pick
        block = vectors[[r.representative for r in chosen[start : start + 1024]]]
        redundancy = np.maximum(redundancy, (reps @ block.T).max(axis=1))
    open_ = np.ones(len(candidates), dtype=bool)
    picked: list[RankedCluster] = []
    used = 0
    while len(picked) < limit:
        open_ &= redundancy < max_similarity
        if not open_.any():
            break
        gain = np.where(open_, lam * scores - (1 - lam) * redundancy, -np.inf)
        best = int(np.argmax(gain))
        open_[best] = False
        candidate = candidates[best]
        if budget is not None and words_of is not None:
            cost = words_of[candidate.representative]
            if used + cost > budget:
                continue
            used += cost
        picked.append(candidate)
        redundancy = np.maximum(redundancy, reps @ vectors[candidate.representative])
    return picked
