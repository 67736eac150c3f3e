"""sumy's classic summarizers over our own sentences, returning every sentence best first.

sumy's ``Tokenizer("english")`` needs NLTK punkt data (a download); instead the sumy document
is built from the corpus sentences, and words come from a regular expression. sumy's Snowball
stemmer and stop-word list ship with the package.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..model import Sentence

NAMES = ("lexrank", "textrank", "lsa", "kl", "sumbasic")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)?")


class _Words:
    """The two methods sumy asks of a tokenizer."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return (paragraph,)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(sentence))


def _all_ranked(sentences: Sequence[object], count: object, rating: object) -> tuple[object, ...]:
    """Replaces sumy's top-N-in-document-order with every sentence, best rated first."""
    rate: Callable[[object], float] = rating.__getitem__ if isinstance(rating, dict) else rating  # type: ignore[assignment]
    infos = [(s, order, rate(s)) for order, s in enumerate(sentences)]
    infos.sort(key=lambda info: (-info[2], info[1]))
    return tuple(info[0] for info in infos)


def _summarizer(name: str) -> object:
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.sum_basic import SumBasicSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    classes = {
        "lexrank": LexRankSummarizer,
        "textrank": TextRankSummarizer,
        "lsa": LsaSummarizer,
        "kl": KLSummarizer,
        "sumbasic": SumBasicSummarizer,
    }
    ranked_class = type(
        f"Ranked{classes[name].__name__}",
        (classes[name],),
        {"_get_best_sentences": staticmethod(_all_ranked)},
    )
    summarizer = ranked_class(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    return summarizer


def sumy_order(name: str, sentences: Sequence[Sentence]) -> list[int]:
    """Indices into ``sentences``, best first by sumy's ``name`` summarizer.

    Each document is one paragraph. Identical sentence texts are one sumy sentence (sumy
    hashes by text); they map back to their first occurrence.
    """
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    if not sentences:
        return []
    words = _Words()
    paragraphs: dict[str, list[object]] = {}
    first: dict[str, int] = {}
    for i, s in enumerate(sentences):
        key = s.text.strip()
        if key in first:
            continue
        first[key] = i
        paragraphs.setdefault(s.doc, []).append(SumySentence(s.text, words))
    document = ObjectDocumentModel(tuple(Paragraph(p) for p in paragraphs.values()))
    ranked = _summarizer(name)(document, len(first))  # type: ignore[operator]
    return [first[str(s).strip()] for s in ranked]
