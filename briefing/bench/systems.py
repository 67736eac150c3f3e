"""The summarizers under test, each as an order of sentence indices (best first), and the
one truncation rule every system shares."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..config import Config
from ..lexicon import is_loaded
from ..model import Sentence
from ..pipeline import Analysis
from ..rank import completeness_penalty, mmr_select


def truncate(texts: Sequence[str], max_words: int) -> str:
    """Sentences in order, joined, cut at exactly ``max_words`` words (the last one may be cut)."""
    out: list[str] = []
    for text in texts:
        out.extend(text.split())
        if len(out) >= max_words:
            break
    return " ".join(out[:max_words])


def summary(sentences: Sequence[Sentence], order: Sequence[int], max_words: int) -> str:
    return truncate([sentences[i].text for i in order], max_words)


def brief_order(analysis: Analysis, config: Config) -> list[int]:
    """brief's ranker: cluster representatives by MMR, as ``brief make`` picks statements
    (fragments and loaded wording left out, paraphrases never twice), all kinds in one list."""
    sentences = analysis.corpus.sentences
    usable = [
        r
        for r in analysis.ranked
        if completeness_penalty(
            sentences[r.representative].text, config.min_words, config.max_sentence_words
        )
        < 2
        and not is_loaded(sentences[r.representative].text)
    ]
    picked = mmr_select(
        usable,
        analysis.vectors,
        len(usable),
        config.mmr_lambda,
        max_similarity=config.paraphrase_threshold,
    )
    return [r.representative for r in picked]


def lead_order(sentences: Sequence[Sentence]) -> list[int]:
    """Lead baseline, round-robin: every document's first sentence (documents in input order),
    then every second sentence, and so on."""
    doc_rank = {d: n for n, d in enumerate(dict.fromkeys(s.doc for s in sentences))}
    return sorted(
        range(len(sentences)), key=lambda i: (sentences[i].index, doc_rank[sentences[i].doc])
    )


def oracle_order(
    sentences: Sequence[Sentence], references: Sequence[str], max_words: int
) -> list[int]:
    """Extractive oracle: greedily add the sentence that most raises mean ROUGE-1 + ROUGE-2 F1
    (stemmed, averaged over references) until the budget is full or nothing helps. ROUGE
    tokens stand in for words when cutting at the budget."""
    from rouge_score.rouge_scorer import _create_ngrams
    from rouge_score.tokenizers import DefaultTokenizer

    tokenizer = DefaultTokenizer(use_stemmer=True)  # the scorer's own tokens and stems
    tokens = [tokenizer.tokenize(s.text) for s in sentences]
    refs = [tokenizer.tokenize(r) for r in references]
    ref_grams = [(_create_ngrams(r, 1), _create_ngrams(r, 2)) for r in refs]
    chosen: list[int] = []
    current: list[str] = []
    best_score = 0.0
    while len(current) < max_words:
        best: tuple[float, int] | None = None
        for i, toks in enumerate(tokens):
            if i in chosen or not toks:
                continue
            candidate = (current + toks)[:max_words]
            score = _mean_f(candidate, ref_grams)
            if score > best_score + 1e-9 and (best is None or score > best[0]):
                best = (score, i)
        if best is None:
            break
        best_score, i = best
        chosen.append(i)
        current = (current + tokens[i])[:max_words]
    return chosen


def _mean_f(tokens: list[str], ref_grams: Sequence[tuple[Counter[tuple[str, ...]], ...]]) -> float:
    from rouge_score.rouge_scorer import _create_ngrams

    grams = (_create_ngrams(tokens, 1), _create_ngrams(tokens, 2))
    total = 0.0
    for ref in ref_grams:
        for n in range(2):
            overlap = sum((grams[n] & ref[n]).values())
            if overlap:
                p = overlap / max(1, sum(grams[n].values()))
                r = overlap / max(1, sum(ref[n].values()))
                total += 2 * p * r / (p + r)
    return total / len(ref_grams)
