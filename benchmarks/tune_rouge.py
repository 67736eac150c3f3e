"""Grid search of brief's ranking weights on a ROUGE data set, with leave-one-cluster-out
cross-validation: for each cluster, the setting best on the *other* clusters (mean R-2 F1) is
scored on it. The cross-validated mean is the figure to quote, not the best in-sample one.

    python benchmarks/tune_rouge.py benchmarks/data/tac2011_multiling_english.jsonl
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
from dataclasses import replace
from pathlib import Path

from briefing.bench.data import corpus_of, load_dataset
from briefing.bench.rouge import score
from briefing.bench.systems import brief_order, summary
from briefing.cluster import cluster_sentences, search
from briefing.config import Config, brief_home
from briefing.embed import default_embedder
from briefing.pipeline import rank, thresholds
from briefing.sentences import SyntokSplitter

GRID = {
    "weight_support": (0.0, 1.0, 2.0),
    "weight_centrality": (0.0, 1.0),
    "weight_position": (1.0, 2.0, 4.0),
    "weight_coverage": (0.0, 1.0, 2.0),
    "mmr_lambda": (0.7, 0.85),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    clusters = load_dataset(args.dataset)
    embedder = default_embedder(brief_home() / "cache")
    base = Config()
    prepared = []
    for c in clusters:
        corpus = corpus_of(c, SyntokSplitter())
        vectors = embedder.encode([s.text for s in corpus.sentences])
        found = search(corpus.sentences, vectors, thresholds(base))
        groups = tuple(cluster_sentences(corpus.sentences, vectors, thresholds(base), found))
        prepared.append((c, corpus, vectors, found.coverage, groups))
    settings = [
        dict(zip(GRID, values, strict=True)) for values in itertools.product(*GRID.values())
    ]
    # setting -> per-cluster F1 of ROUGE-1, -2, -L; settings are chosen by ROUGE-2.
    table: list[list[dict[str, float]]] = []
    for setting in settings:
        config = replace(base, **setting)
        row = []
        for c, corpus, vectors, coverage, groups in prepared:
            analysis = rank(corpus, vectors, coverage, groups, config)
            text = summary(corpus.sentences, brief_order(analysis, config), c.budget())
            row.append({m: v["f"] for m, v in score(text, c.references).items()})
        table.append(row)

    def mean(s: int, metric: str = "rouge2", skip: int | None = None) -> float:
        return statistics.fmean(r[metric] for i, r in enumerate(table[s]) if i != skip)

    n = len(prepared)
    held_out = []  # per cluster: the setting best on the other clusters, scored on this one
    for k in range(n):
        best = max(range(len(settings)), key=lambda s: mean(s, skip=k))
        held_out.append((table[best][k], settings[best]))
    default = next(
        i for i, s in enumerate(settings) if all(getattr(base, key) == v for key, v in s.items())
    )
    best_all = max(range(len(settings)), key=mean)
    metrics = ("rouge1", "rouge2", "rougeL")
    report = {
        "default": {"setting": settings[default], **{m: mean(default, m) for m in metrics}},
        "best_in_sample": {
            "setting": settings[best_all],
            **{m: mean(best_all, m) for m in metrics},
        },
        "loo_cv": {m: statistics.fmean(r[m] for r, _ in held_out) for m in metrics},
        "settings": [
            {**setting, **{m: mean(i, m) for m in metrics}} for i, setting in enumerate(settings)
        ],
        "loo_choices": [s for _, s in held_out],
    }
    print(json.dumps({k: v for k, v in report.items() if k != "settings"}, indent=2))
    if args.out:
        args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
