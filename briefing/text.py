"""Small text helpers shared by stages: words, content-word stems, overlap."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import snowballstemmer
from sumy.utils import get_stop_words

WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\u2019\-]*")
_STEMMER = snowballstemmer.stemmer("english")  # the Snowball stemmer sumy uses, without nltk
STOP_WORDS = frozenset(get_stop_words("english")) | {"mr", "mrs", "ms", "said", "says"}


def words(text: str) -> list[str]:
    return WORD.findall(text)


@lru_cache(maxsize=65536)
def content_stems(text: str) -> frozenset[str]:
    """Stems of the words that carry content (stop words out, hyphens split)."""
    return frozenset().union(*map(_word_stems, words(text.lower().replace("\u2019", "'"))))


@lru_cache(maxsize=262144)
def _word_stems(word: str) -> frozenset[str]:
    """One lower-cased word's content stems; Snowball is pure Python, so each distinct word
    is stemmed once."""
    stems = set()
    for part in word.split("-"):
        part = part.removesuffix("'s").strip("'")
        if part and part not in STOP_WORDS:
            stems.add(str(_STEMMER.stemWord(part)))
    return frozenset(stems)


def overlap(a: str, b: str) -> float:
    """Overlap coefficient of content stems: shared / size of the smaller set."""
    sa, sb = content_stems(a), content_stems(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def pair_overlaps(texts: Sequence[str], first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """``overlap(texts[i], texts[j])`` for every pair (first[n], second[n]) at once: one sparse
    matrix of content stems, so 250,000 pairs cost a fraction of a second, not seconds."""
    from scipy.sparse import csr_matrix

    if len(first) == 0:
        return np.zeros(0, dtype=np.float64)
    rows = np.unique(np.concatenate([first, second]))
    vocabulary: dict[str, int] = {}
    indptr: list[int] = [0]
    indices: list[int] = []
    for row in rows.tolist():
        indices.extend(
            vocabulary.setdefault(stem, len(vocabulary)) for stem in content_stems(texts[row])
        )
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    stems = csr_matrix((data, indices, indptr), shape=(len(rows), max(1, len(vocabulary))))
    a, b = np.searchsorted(rows, first), np.searchsorted(rows, second)
    shared = np.asarray(stems[a].multiply(stems[b]).sum(axis=1)).ravel()
    sizes = np.diff(stems.indptr)
    smaller = np.minimum(sizes[a], sizes[b])
    return np.divide(shared, smaller, out=np.zeros(len(a)), where=smaller > 0)


def word_count(text: str) -> int:
    return len(text.split())
