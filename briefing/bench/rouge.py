"""ROUGE benchmark: brief's ranker against sumy's summarizers, Lead and an extractive oracle.

All systems see the same cleaned sentences and the same word budget (the cluster's average
reference length); every summary is cut at the budget the same way (``systems.truncate``).
Scores: Google's ``rouge-score`` (Porter stemming on), ROUGE-1/2/L, precision/recall/F1 against
each reference, averaged over the references, then mean, std, min and max over clusters.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..config import Config
from ..embed import Embedder
from ..ingest import Corpus
from ..pipeline import analyse
from ..sentences import Splitter
from .baselines import NAMES as SUMY_NAMES
from .baselines import sumy_order
from .data import BenchCluster, corpus_of
from .systems import brief_order, lead_order, oracle_order, summary

METRICS = ("rouge1", "rouge2", "rougeL")
SYSTEMS = ("brief", *SUMY_NAMES, "lead", "oracle")


@dataclass
class ClusterResult:
    id: str
    sentences: int
    budget: int
    scores: dict[str, dict[str, dict[str, float]]]  # system -> metric -> p/r/f
    seconds: dict[str, float] = field(default_factory=dict)
    summaries: dict[str, str] = field(default_factory=dict)


def score(summary_text: str, references: Sequence[str]) -> dict[str, dict[str, float]]:
    """Mean over references of ROUGE-1/2/L precision, recall and F1 (stemmed)."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    per_ref = [scorer.score(ref, summary_text) for ref in references]
    return {
        m: {
            "p": statistics.fmean(s[m].precision for s in per_ref),
            "r": statistics.fmean(s[m].recall for s in per_ref),
            "f": statistics.fmean(s[m].fmeasure for s in per_ref),
        }
        for m in METRICS
    }


def system_orders(
    cluster: BenchCluster,
    corpus: Corpus,
    embedder: Embedder,
    config: Config,
    systems: Sequence[str] = SYSTEMS,
) -> tuple[dict[str, list[int]], dict[str, float]]:
    """Sentence order (best first) per system, and the seconds each took."""
    sentences = corpus.sentences
    makers: dict[str, Callable[[], list[int]]] = {
        "brief": lambda: brief_order(analyse(corpus, embedder, config), config),
        "lead": lambda: lead_order(sentences),
        "oracle": lambda: oracle_order(sentences, cluster.references, cluster.budget()),
    }
    for name in SUMY_NAMES:
        makers[name] = lambda name=name: sumy_order(name, sentences)  # type: ignore[misc]
    orders: dict[str, list[int]] = {}
    seconds: dict[str, float] = {}
    for name in systems:
        start = time.perf_counter()
        orders[name] = makers[name]()
        seconds[name] = time.perf_counter() - start
    return orders, seconds


def run_cluster(
    cluster: BenchCluster,
    splitter: Splitter,
    embedder: Embedder,
    config: Config = Config(),
    systems: Sequence[str] = SYSTEMS,
) -> ClusterResult:
    corpus = corpus_of(cluster, splitter)
    budget = cluster.budget()
    orders, seconds = system_orders(cluster, corpus, embedder, config, systems)
    summaries = {name: summary(corpus.sentences, order, budget) for name, order in orders.items()}
    scores = {name: score(text, cluster.references) for name, text in summaries.items()}
    return ClusterResult(cluster.id, len(corpus.sentences), budget, scores, seconds, summaries)


def aggregate(results: Sequence[ClusterResult]) -> dict[str, dict[str, dict[str, float]]]:
    """system -> "rouge1_f" etc. -> mean/std/min/max over clusters."""
    out: dict[str, dict[str, dict[str, float]]] = {}
    for name in results[0].scores:
        out[name] = {}
        for metric in METRICS:
            for part in ("f", "r", "p"):
                values = [r.scores[name][metric][part] for r in results]
                out[name][f"{metric}_{part}"] = {
                    "mean": statistics.fmean(values),
                    "std": statistics.pstdev(values),
                    "min": min(values),
                    "max": max(values),
                }
    return out


def table(summary_scores: dict[str, dict[str, dict[str, float]]]) -> str:
    """A Markdown table: F1 mean ± std (min–max) and recall mean, per system and metric."""
    head = "| system | R-1 F1 | R-2 F1 | R-L F1 | R-1 R | R-2 R | R-L R |"
    rows = [head, "|---|---|---|---|---|---|---|"]
    for name, stats in summary_scores.items():
        cells = [
            f"{100 * stats[f'{m}_f']['mean']:.2f} ± {100 * stats[f'{m}_f']['std']:.2f}"
            for m in METRICS
        ]
        cells += [f"{100 * stats[f'{m}_r']['mean']:.2f}" for m in METRICS]
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def to_json(results: Sequence[ClusterResult], dataset: str, config: Config) -> dict[str, object]:
    return {
        "dataset": dataset,
        "scorer": "rouge-score (Google), Porter stemming, mean over references",
        "budget": "average reference length in words; every summary cut at the budget",
        "lead": "round-robin: first sentence of every document, then the second, ...",
        "config": {
            k: getattr(config, k)
            for k in (
                "weight_support",
                "weight_centrality",
                "weight_position",
                "weight_coverage",
                "mmr_lambda",
            )
        },
        "summary": aggregate(results),
        "clusters": [
            {
                "id": r.id,
                "sentences": r.sentences,
                "budget": r.budget,
                "seconds": r.seconds,
                "scores": r.scores,
                "summaries": r.summaries,
            }
            for r in results
        ],
    }
