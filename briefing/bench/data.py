"""Benchmark data sets: one multi-document cluster per JSONL line.

    {"id": "M000", "task": "...",
     "documents": [{"doc_id", "source", "title", "date", "text"}, ...],
     "references": ["reference summary", ...]}

Each cluster becomes a ``Corpus`` through ``build_corpus``, the same cleaning and sentence
splitting ``brief make`` uses. Every document is its own source label (benchmark documents
often share one outlet, e.g. Wikinews, yet are independent reports).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..ingest import Corpus, build_corpus
from ..readers import RawArticle
from ..sentences import Splitter


@dataclass(frozen=True)
class BenchDocument:
    doc_id: str
    text: str
    title: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class BenchCluster:
    id: str
    documents: tuple[BenchDocument, ...]
    references: tuple[str, ...]

    def budget(self) -> int:
        """Word budget: the average reference length (rounded)."""
        lengths = [len(r.split()) for r in self.references]
        return round(sum(lengths) / len(lengths))


def load_dataset(path: Path, limit: int | None = None) -> list[BenchCluster]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    clusters = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            clusters.append(_parse(json.loads(line)))
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}:{number}: not a benchmark cluster ({exc})") from exc
        if limit is not None and len(clusters) >= limit:
            break
    if not clusters:
        raise InputError(f"{path}: no clusters")
    return clusters


def _parse(data: dict[str, object]) -> BenchCluster:
    docs = data["documents"]
    refs = data["references"]
    if not isinstance(docs, list) or not isinstance(refs, list) or not docs or not refs:
        raise ValueError("needs non-empty 'documents' and 'references' lists")
    documents = tuple(
        BenchDocument(
            str(d.get("doc_id") or f"d{i}"), str(d["text"]), d.get("title"), d.get("date")
        )
        for i, d in enumerate(docs)
    )
    return BenchCluster(str(data["id"]), documents, tuple(str(r) for r in refs))


def corpus_of(cluster: BenchCluster, splitter: Splitter) -> Corpus:
    raw: Sequence[RawArticle] = [
        RawArticle(
            path=f"{cluster.id}/{d.doc_id}",
            text=d.text,
            fallback_label=d.doc_id,
            meta={k: v for k, v in (("title", d.title), ("date", d.date)) if v},
        )
        for d in cluster.documents
    ]
    return build_corpus(raw, splitter)
