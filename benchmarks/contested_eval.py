"""Precision and recall of contested points on FNC-1 claim clusters.

Each claim's article bodies are one article set (sources unnamed: each body is labelled by
its body id). The set is predicted *contested* when the default finder yields at least one
``number``, ``claim`` or ``interpretation`` contest (framing does not count: it is not a
disagreement about a fact). Gold: the data set's ``contested`` flag (both agreeing and
disagreeing bodies). Thresholds were tuned on the claims with an even position in the file;
the figures to quote are those on the odd positions ("held-out").

Also counts loaded terms (briefing.lexicon, own voice) in the briefing body vs in the sources.

    python benchmarks/contested_eval.py PATH/fnc1_competition_test_claim_clusters.jsonl \
        [--split odd|even|all] [--limit N] [--cache DIR] [--out results.json]

The data set is not shipped with brief (research data, no licence stated): pass its path.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from briefing.claims import (
    attribution_contests,
    denial_contests,
    hedge_contests,
    interpretation_contests,
)
from briefing.config import Config, brief_home
from briefing.contest import default_contest_finder
from briefing.embed import default_embedder
from briefing.ingest import build_corpus
from briefing.lexicon import loaded_terms
from briefing.numbers import number_contests
from briefing.pipeline import Analysis, analyse, statements
from briefing.readers import RawArticle
from briefing.sentences import SyntokSplitter

FACT_KINDS = frozenset({"number", "claim", "interpretation"})


def _labels(a: Analysis) -> dict[str, str]:
    return {d.id: d.label for d in a.corpus.documents}


# Each detector alone (the "claim" kind gathers the middle three), for the breakdown.
DETECTORS: dict[str, Callable[[Analysis], list[object]]] = {
    "number": lambda a: list(number_contests(a.corpus.sentences, a.vectors, _labels(a))),
    "claim: opposing attributions": lambda a: list(
        attribution_contests(a.corpus.sentences, a.vectors, _labels(a))
    ),
    "claim: assertion vs denial": lambda a: list(
        denial_contests(a.corpus.sentences, a.vectors, _labels(a))
    ),
    "claim: hedged vs plain": lambda a: list(
        hedge_contests(a.corpus.sentences, a.clusters, _labels(a))
    ),
    "interpretation": lambda a: list(
        interpretation_contests(a.corpus.sentences, a.vectors, _labels(a))
    ),
}


def load(path: Path, split: str, limit: int | None) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    picked = [r for n, r in enumerate(rows) if split == "all" or (n % 2 == 1) == (split == "odd")]
    return picked[:limit] if limit else picked


def scores(tp: int, fp: int, fn: int, tn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
            "tp": tp, "fp": fp, "fn": fn, "tn": tn}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dataset", type=Path)
    ap.add_argument("--split", choices=["odd", "even", "all"], default="odd")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--cache", type=Path, default=brief_home() / "bench-cache")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    rows = load(args.dataset, args.split, args.limit)
    embedder = default_embedder(args.cache)
    splitter, config = SyntokSplitter(), Config()
    tp = fp = fn = tn = 0
    kinds: Counter[str] = Counter()
    per_detector = {k: [0, 0, 0, 0] for k in DETECTORS}  # tp, fp, fn, tn of each alone
    loaded_body = loaded_src = words_body = words_src = 0
    details = []
    started = time.time()
    for row in rows:
        raw = [
            RawArticle(d["doc_id"], d["text"], d["doc_id"], {"source": d["doc_id"]})
            for d in row["documents"]
        ]
        corpus = build_corpus(raw, splitter)
        analysis = analyse(corpus, embedder, config)
        found = [c for c in default_contest_finder(analysis, config) if c.kind in FACT_KINDS]
        kinds.update(c.kind for c in found)
        for name, detect in DETECTORS.items():
            counts = per_detector[name]
            alone = bool(detect(analysis))
            counts[
                0 if alone and row["contested"] else 1 if alone else 2 if row["contested"] else 3
            ] += 1
        predicted, gold = bool(found), bool(row["contested"])
        tp += predicted and gold
        fp += predicted and not gold
        fn += gold and not predicted
        tn += not predicted and not gold
        body = statements(analysis, config)
        loaded_body += sum(len(loaded_terms(s.text)) for s in body)
        words_body += sum(len(s.text.split()) for s in body)
        loaded_src += sum(len(loaded_terms(s.text)) for s in corpus.sentences)
        words_src += sum(len(s.text.split()) for s in corpus.sentences)
        details.append({"id": row["id"], "gold": gold, "predicted": predicted,
                        "kinds": sorted({c.kind for c in found})})  # fmt: skip
    result = {
        "split": args.split,
        "claims": len(rows),
        "contested_gold": sum(1 for r in rows if r["contested"]),
        **scores(tp, fp, fn, tn),
        "contest_kinds": dict(kinds),
        "per_detector": {k: scores(*v) for k, v in per_detector.items()},
        "loaded_terms": {
            "body": loaded_body,
            "body_words": words_body,
            "sources": loaded_src,
            "source_words": words_src,
        },
        "seconds": round(time.time() - started, 1),
    }
    print(json.dumps(result, indent=2))
    if args.out:
        args.out.write_text(json.dumps({**result, "details": details}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
