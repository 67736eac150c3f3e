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


_PAIR_CHUNK = 200_000  # pairs per step: bounds the expanded (pair, stem) arrays


def pair_overlaps(texts: Sequence[str], first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """``overlap(texts[i], texts[j])`` for every pair (first[n], second[n]) at once.

    Every (text, stem) becomes one number in a sorted array; a pair's shared stems are the
    stems of its first text whose (second text, stem) number is in that array: one binary
    search per stem, no Python per pair, and no scipy import on a five-article run."""
    out = np.zeros(len(first), dtype=np.float64)
    if len(first) == 0:
        return out
    rows = np.unique(np.concatenate([first, second]))
    vocabulary: dict[str, int] = {}
    stems: list[np.ndarray] = []
    for row in rows.tolist():
        ids = {vocabulary.setdefault(stem, len(vocabulary)) for stem in content_stems(texts[row])}
        stems.append(np.fromiter(ids, dtype=np.int64, count=len(ids)))
    sizes = np.array([len(s) for s in stems], dtype=np.int64)
    if not vocabulary:
        return out
    starts, flat, width = np.cumsum(sizes) - sizes, np.concatenate(stems), len(vocabulary)
    known = np.sort(np.repeat(np.arange(len(rows), dtype=np.int64), sizes) * width + flat)
    a, b = np.searchsorted(rows, first), np.searchsorted(rows, second)
    for lo in range(0, len(a), _PAIR_CHUNK):
        pa, pb = a[lo : lo + _PAIR_CHUNK], b[lo : lo + _PAIR_CHUNK]
        counts = sizes[pa]
        pair = np.repeat(np.arange(len(pa), dtype=np.int64), counts)
        within = np.arange(len(pair), dtype=np.int64) - np.repeat(
            np.cumsum(counts) - counts, counts
        )
        query = np.repeat(pb, counts) * width + flat[np.repeat(starts[pa], counts) + within]
        hit = known[np.minimum(np.searchsorted(known, query), len(known) - 1)] == query
        shared = np.bincount(pair[hit], minlength=len(pa))
        smaller = np.minimum(counts, sizes[pb])
        np.divide(shared, smaller, out=out[lo : lo + len(pa)], where=smaller > 0)
    return out


def word_count(text: str) -> int:
    return len(text.split())
