"""Group a day's articles into stories, rank them, and link them to earlier days.

An article's vector is the normalised mean of its sentence vectors. Stories are the groups of
average-linkage agglomerative clustering (scipy) on cosine distance, cut where the average
similarity between two groups falls below ``story_threshold``. Measured on the five samples
plus 30 TAC 2011 MultiLing articles from six Wikinews clusters with all-MiniLM-L6-v2,
thresholds 0.55-0.6 keep each event together and events apart (README, Daily digests).

Stories rank by the number of distinct outlets carrying them, then by article count; a story
from one outlet only goes to the "Also reported" list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .store import PastStory, StoredArticle


@dataclass(frozen=True)
class Story:
    articles: tuple[StoredArticle, ...]
    centroid: np.ndarray
    title: str
    outlets: tuple[str, ...]  # distinct labels, in order of first article

    @property
    def article_ids(self) -> tuple[int, ...]:
        return tuple(a.id for a in self.articles)


def article_vector(sentence_vectors: np.ndarray) -> np.ndarray:
    mean = np.asarray(sentence_vectors, dtype=np.float32).mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm else mean


def group(vectors: np.ndarray, threshold: float) -> list[list[int]]:
    """Indices grouped by average linkage; groups ordered by their first member."""
    n = len(vectors)
    if n == 0:
        return []
    if n == 1:
        return [[0]]
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    similarity = np.clip(vectors @ vectors.T, -1.0, 1.0)
    distance = 1.0 - similarity
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(np.clip(distance, 0.0, 2.0), checks=False), method="average")
    labels = fcluster(tree, t=1.0 - threshold + 1e-9, criterion="distance")
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(int(label), []).append(index)
    return sorted(groups.values(), key=lambda g: g[0])


def make_stories(
    articles: Sequence[StoredArticle], vectors: np.ndarray, threshold: float
) -> list[Story]:
    """Stories ranked by outlets, then articles, then first article id."""
    stories = []
    for members in group(vectors, threshold):
        chosen = tuple(articles[i] for i in members)
        centroid = article_vector(vectors[members])
        # The title is the headline of the most central article that has one; a story with
        # no headline at all falls back to the opening words of its most central article.
        titled = [i for i in members if articles[i].title] or members
        central = titled[int(np.argmax(vectors[titled] @ centroid))]
        title = articles[central].title or _first_words(articles[central])
        outlets = tuple(dict.fromkeys(a.label for a in chosen))
        stories.append(Story(chosen, centroid, title, outlets))
    return sorted(stories, key=lambda s: (-len(s.outlets), -len(s.articles), s.articles[0].id))


def _first_words(article: StoredArticle, words: int = 12) -> str:
    start, end = article.spans[0] if article.spans else (0, len(article.text))
    parts = article.text[start:end].split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def continuation(story: Story, past: Sequence[PastStory], threshold: float) -> PastStory | None:
    """The most similar earlier story (most recent day first on ties), if similar enough."""
    best: PastStory | None = None
    best_score = threshold
    for earlier in past:
        score = float(story.centroid @ earlier.centroid)
        if score >= best_score and (best is None or score > best_score):
            best, best_score = earlier, score
    return best
