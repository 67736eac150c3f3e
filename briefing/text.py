"""Small text helpers shared by stages: words, content-word stems, overlap."""

from __future__ import annotations

import re
from functools import lru_cache

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


def word_count(text: str) -> int:
    return len(text.split())
