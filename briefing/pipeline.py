"""The whole ``brief make`` pipeline as plain functions: corpus -> analysis -> briefing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from .cluster import Thresholds, cluster_sentences, search
from .config import Config
from .contest import default_contest_finder
from .embed import Embedder
from .ingest import Corpus, load_corpus
from .lexicon import is_loaded
from .model import Briefing, Citation, Cluster, Contest, Statement
from .prepcache import PreparedCache
from .progress import SILENT, Progress
from .rank import RankedCluster, Weights, mmr_select, rank_clusters
from .sentences import Splitter
from .text import word_count


@dataclass(frozen=True)
class Analysis:
    """Everything the later stages share: sentences, their vectors, clusters, ranking."""

    corpus: Corpus
    vectors: np.ndarray
    coverage: np.ndarray  # per sentence: how closely the other documents say it
    clusters: tuple[Cluster, ...]
    ranked: tuple[RankedCluster, ...]

    @property
    def labels(self) -> dict[str, str]:
        return {d.id: d.label for d in self.corpus.documents}


ContestFinder = Callable[[Analysis, Config], Sequence[Contest]]


def thresholds(config: Config) -> Thresholds:
    return Thresholds(
        config.paraphrase_threshold,
        config.paraphrase_floor,
        config.lexical_overlap,
        config.repeat_threshold,
    )


def weights(config: Config) -> Weights:
    return Weights(
        config.weight_support,
        config.weight_centrality,
        config.weight_position,
        config.weight_coverage,
    )


def analyse(
    corpus: Corpus, embedder: Embedder, config: Config, progress: Progress = SILENT
) -> Analysis:
    with progress.stage("Embedding sentences"):
        vectors = embedder.encode([s.text for s in corpus.sentences])
    with progress.stage("Grouping paraphrases"):
        found = search(corpus.sentences, vectors, thresholds(config))
        clusters = tuple(cluster_sentences(corpus.sentences, vectors, thresholds(config), found))
    with progress.stage("Ranking"):
        return rank(corpus, vectors, found.coverage, clusters, config)


def rank(
    corpus: Corpus,
    vectors: np.ndarray,
    coverage: np.ndarray,
    clusters: tuple[Cluster, ...],
    config: Config,
) -> Analysis:
    """Rank already-built clusters (tuning reuses one clustering across many settings)."""
    labels = {d.id: d.label for d in corpus.documents}
    ranked = rank_clusters(
        clusters,
        corpus.sentences,
        vectors,
        coverage,
        labels,
        weights(config),
        config.min_words,
        config.max_sentence_words,
    )
    return Analysis(corpus, vectors, coverage, clusters, tuple(ranked))


def select(analysis: Analysis, config: Config) -> tuple[list[RankedCluster], list[RankedCluster]]:
    """(consensus, unique) clusters for the briefing body, within the length limits."""
    sentences = analysis.corpus.sentences
    words_of = {
        r.representative: word_count(sentences[r.representative].text) for r in analysis.ranked
    }
    # Neutral voice: a cluster whose chosen wording is loaded in the outlet's own voice stays
    # out of the body (it is shown, attributed, under "How outlets frame it").
    neutral = [r for r in analysis.ranked if not is_loaded(sentences[r.representative].text)]
    shared = [r for r in neutral if r.support >= 2]
    consensus = mmr_select(
        shared,
        analysis.vectors,
        config.max_consensus,
        config.mmr_lambda,
        budget=config.max_words,
        words_of=words_of,
        max_similarity=config.paraphrase_threshold,
    )
    used = sum(words_of[r.representative] for r in consensus)
    remaining = None if config.max_words is None else max(0, config.max_words - used)
    unique: list[RankedCluster] = []
    labels = analysis.labels
    by_label: dict[str, list[RankedCluster]] = {}
    for r in neutral:  # grouped once: a scan per source is quadratic with many sources
        if r.support == 1:
            by_label.setdefault(labels[sentences[r.representative].doc], []).append(r)
    outlets = list(dict.fromkeys(d.label for d in analysis.corpus.documents))
    # With one outlet there is nothing to agree on: its statements get the whole length.
    per_source = config.max_unique_per_source if len(outlets) > 1 else config.max_consensus
    for label in outlets:
        own = by_label.get(label, [])
        picked = mmr_select(
            own,
            analysis.vectors,
            per_source,
            config.mmr_lambda,
            chosen=[*consensus, *unique],
            budget=remaining,
            words_of=words_of,
            max_similarity=config.paraphrase_floor,
        )
        if remaining is not None:
            remaining -= sum(words_of[r.representative] for r in picked)
        unique.extend(picked)
    return consensus, unique


def statements(analysis: Analysis, config: Config) -> tuple[Statement, ...]:
    consensus, unique = select(analysis, config)
    sentences = analysis.corpus.sentences
    out = []
    for prefix, kind, group in (("c", "consensus", consensus), ("u", "unique", unique)):
        for n, r in enumerate(group, start=1):
            rep = sentences[r.representative]
            others = [sentences[m] for m in r.cluster.members if m != r.representative]
            citations = tuple(Citation.of(s) for s in [rep, *others])
            out.append(Statement(f"{prefix}{n}", kind, rep.text, round(r.score, 4), citations))  # type: ignore[arg-type]
    return tuple(out)


def set_notes(analysis: Analysis, consensus_count: int) -> tuple[str, ...]:
    labels = list(dict.fromkeys(d.label for d in analysis.corpus.documents))
    if len(labels) == 1:
        return (
            f"Only one source ({labels[0]}): nothing here could be checked against another "
            "outlet, and nothing is reported as agreed.",
        )
    if consensus_count == 0:
        return ("The sources share no statement: each one reports different things.",)
    return ()


def build_briefing(
    corpus: Corpus,
    embedder: Embedder,
    config: Config = Config(),
    title: str | None = None,
    now: datetime | None = None,
    find_contests: ContestFinder | None = default_contest_finder,
    progress: Progress = SILENT,
) -> Briefing:
    analysis = analyse(corpus, embedder, config, progress)
    with progress.stage("Choosing statements"):
        body = statements(analysis, config)
    with progress.stage("Finding where sources differ"):
        contested = tuple(find_contests(analysis, config)) if find_contests else ()
    consensus_count = sum(1 for s in body if s.kind == "consensus")
    stamp = (now or datetime.now(UTC)).replace(microsecond=0).isoformat()
    return Briefing(
        title=title or default_title(corpus),
        generated_at=stamp,
        sources=corpus.documents,
        statements=body,
        contested=contested,
        notes=set_notes(analysis, consensus_count),
    )


def default_title(corpus: Corpus) -> str:
    labels = list(dict.fromkeys(d.label for d in corpus.documents))
    dates = sorted({d.date[:10] for d in corpus.documents if d.date})
    when = f", {dates[0]}" if len(dates) == 1 else (f", {dates[0]} to {dates[-1]}" if dates else "")
    n, k = len(corpus.documents), len(labels)
    return f"Briefing: {n} article{'s' * (n != 1)} from {k} source{'s' * (k != 1)}{when}"


def make_briefing(
    paths: Sequence[Path],
    embedder: Embedder,
    splitter: Splitter,
    config: Config = Config(),
    title: str | None = None,
    find_contests: ContestFinder | None = default_contest_finder,
    prepared_cache: PreparedCache | None = None,
    progress: Progress = SILENT,
) -> tuple[Briefing, tuple[str, ...]]:
    """From paths to a briefing; also returns the ingestion warnings."""
    with progress.stage("Reading articles"):
        corpus = load_corpus(paths, splitter, config, prepared_cache)
    briefing = build_briefing(
        corpus, embedder, config, title, find_contests=find_contests, progress=progress
    )
    return briefing, corpus.warnings
