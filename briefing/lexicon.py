"""Loaded and evaluative wording in a writer's own voice.

Two sources of terms:

* a curated list of political labels and judgement words news style guides flag
  ("dictator", "strongman", "regime", "propaganda outlet", "long-debunked", "illegal", ...);
* strongly valenced words from the VADER lexicon (MIT licence, shipped in the
  ``vaderSentiment`` package, read from disk: no download), |valence| >= 2.5.

Quoted words belong to the speaker, not the outlet, so they never count.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from .quotes import outside_quotes

CURATED = frozenset(
    """
    dictator dictators dictatorship dictatorships strongman strongmen despot despotic tyrant
    tyrannical regime regimes thug thugs thuggish genocidal murderous puppet puppets
    propaganda propagandist mouthpiece cronies crony authoritarian autocrat autocrats
    illegal illegitimate unprovoked barbaric brutal brutality heinous atrocious evil
    long-debunked debunked lies lie liar falsehood grotesque sham bogus so-called
    radical extremist extremists far-left far-right leftist marxist communist warmonger
    slapped slammed blasted exacerbated erasing downplaying deadly bloody notorious
    """.split()
)
_VADER_THRESHOLD = 2.5
_TERM = re.compile(r"[A-Za-z][A-Za-z\-]*")


@lru_cache(maxsize=1)
def _vader_terms() -> frozenset[str]:
    try:
        text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover - installed dependency
        return frozenset()
    terms = set()
    for line in text.splitlines():
        parts = line.split("\t")
        word_like = len(parts) >= 2 and parts[0].isalpha() and len(parts[0]) > 3
        if word_like and abs(float(parts[1])) >= _VADER_THRESHOLD:
            terms.add(parts[0].lower())
    return frozenset(terms)


def loaded_terms(text: str) -> tuple[str, ...]:
    """Loaded words the writer uses in their own voice (quotations excluded), in order."""
    own = outside_quotes(text)
    vader = _vader_terms()
    found = []
    for match in _TERM.finditer(own):
        word = match.group().lower()
        if word in CURATED or word in vader:
            found.append(text[match.start() : match.end()])
    return tuple(found)
