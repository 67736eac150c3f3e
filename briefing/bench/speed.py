"""Speed benchmark: the ``brief make`` pipeline on growing inputs, stage by stage.

Inputs are made honestly: every sentence is unique (the first half of one real sentence from
the ROUGE data set joined to the second half of another), so the embedding cache cannot hide
repeated text. Each size runs in its own subprocess so peak memory (max RSS) is per size.
"""

from __future__ import annotations

import json
import random
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..embed import Embedder

SENTENCES_PER_ARTICLE = 30


def source_sentences(dataset: Path) -> list[str]:
    """Cleaned sentences of every document of a ROUGE data set (the pool to splice from)."""
    from ..sentences import SyntokSplitter
    from .data import corpus_of, load_dataset

    splitter = SyntokSplitter()
    pool: list[str] = []
    for cluster in load_dataset(dataset):
        pool.extend(s.text for s in corpus_of(cluster, splitter).sentences)
    return [s for s in dict.fromkeys(pool) if 8 <= len(s.split()) <= 60]


def spliced(pool: Sequence[str], seed: int = 0) -> Iterator[str]:
    """Endless unique sentences: the first half of one pool sentence + the second of another."""
    rng = random.Random(seed)
    seen: set[str] = set()
    while True:
        a, b = rng.choice(pool).split(), rng.choice(pool).split()
        text = " ".join(a[: len(a) // 2] + b[len(b) // 2 :])
        text = text[0].upper() + text[1:]
        if text[-1] not in ".!?\"'":
            text += "."
        if text not in seen:
            seen.add(text)
            yield text


def write_articles(folder: Path, count: int, pool: Sequence[str], seed: int = 0) -> int:
    """``count`` .txt articles of ``SENTENCES_PER_ARTICLE`` unique sentences; returns sentences."""
    folder.mkdir(parents=True, exist_ok=True)
    sentences = spliced(pool, seed)
    for n in range(count):
        paragraphs = [
            " ".join(next(sentences) for _ in range(3)) for _ in range(SENTENCES_PER_ARTICLE // 3)
        ]
        (folder / f"a{n:05d}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return count * SENTENCES_PER_ARTICLE


# The pipeline's stage names (pipeline.py, embed.py) as the table calls them.
STAGES = {
    "Reading articles": "ingest",
    "Embedding sentences": "embed",
    "Loading the embedding model": "model load",
    "Encoding sentences": "encode",
    "Grouping paraphrases": "cluster",
    "Ranking": "rank",
    "Choosing statements": "select",
    "Finding where sources differ": "contests",
    "Rendering": "render",
}


@dataclass(frozen=True)
class Timing:
    articles: int
    sentences: int
    stages: dict[str, float]
    total: float
    peak_rss_mb: float
    cache_hits: int
    cache_misses: int

    @property
    def encode_share(self) -> float:
        return self.stages.get("encode", 0.0) / self.total if self.total else 0.0


def run_pipeline(folder: Path, cache_dir: Path | None) -> Timing:
    """Exactly what ``brief make FOLDER`` runs (Markdown output discarded), timed by stage.

    "embed" includes the cache lookups, "model load" and "encode" (the model alone) are part
    of it; "imports" is the time to import the pipeline (not torch: that is in "model load").
    """
    start = time.perf_counter()
    from ..config import Config
    from ..embed import CachedEmbedder, default_embedder
    from ..pipeline import make_briefing
    from ..prepcache import PreparedCache
    from ..progress import Stopwatch
    from ..render import render
    from ..sentences import SyntokSplitter

    imports = time.perf_counter() - start
    clock = Stopwatch()
    embedder = default_embedder(cache_dir, clock)
    prepared = PreparedCache(cache_dir / "prepared.sqlite3") if cache_dir else None
    counted = _Counting(embedder)
    briefing, _ = make_briefing(
        [folder], counted, SyntokSplitter(), Config(), prepared_cache=prepared, progress=clock
    )
    with clock.stage("Rendering"):
        render(briefing, "md")
    total = time.perf_counter() - start
    stages = {"imports": imports} | {STAGES.get(k, k): v for k, v in clock.seconds.items()}
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sentences = counted.texts
    hits = embedder.hits if isinstance(embedder, CachedEmbedder) else 0
    misses = embedder.misses if isinstance(embedder, CachedEmbedder) else sentences
    return Timing(len(briefing.sources), sentences, stages, total, peak, hits, misses)


class _Counting:
    """Passes texts on to an embedder, counting them (the corpus' sentences)."""

    def __init__(self, inner: Embedder) -> None:
        self.inner, self.name, self.texts = inner, inner.name, 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.texts += len(texts)
        return self.inner.encode(texts)


def run_in_subprocess(folder: Path, cache_dir: Path | None) -> Timing:
    """One fresh interpreter per run, so imports and peak memory are its own."""
    args = [sys.executable, "-m", "briefing.bench.speed", str(folder)]
    args += [str(cache_dir)] if cache_dir else []
    done = subprocess.run(args, capture_output=True, text=True, check=True)
    data = json.loads(done.stdout.strip().splitlines()[-1])
    return Timing(**data)


def lexrank_seconds(folder: Path) -> tuple[int, float]:
    """sumy's LexRank over the same cleaned sentences: (sentences, seconds)."""
    from ..config import Config
    from ..ingest import load_corpus
    from ..sentences import SyntokSplitter
    from .baselines import sumy_order

    corpus = load_corpus([folder], SyntokSplitter(), Config())
    start = time.perf_counter()
    sumy_order("lexrank", corpus.sentences)
    return len(corpus.sentences), time.perf_counter() - start


def run_sizes(
    counts: Sequence[int],
    work: Path,
    dataset: Path,
    lexrank_max: int = 3000,
    log: Callable[[str], None] = lambda message: None,
) -> list[dict[str, object]]:
    """Per size: fresh articles, a cold run (empty cache), a warm run, and LexRank if small."""
    pool = source_sentences(dataset)
    rows: list[dict[str, object]] = []
    for count in counts:
        folder = work / f"articles-{count}"
        cache = work / f"cache-{count}"
        if cache.exists():
            shutil.rmtree(cache)
        if not folder.exists():
            write_articles(folder, count, pool, seed=count)
        log(f"{count} articles: cold run")
        cold = run_in_subprocess(folder, cache)
        log(f"{count} articles: warm run")
        warm = run_in_subprocess(folder, cache)
        log(
            f"{count} articles ({cold.sentences} sentences): cold {cold.total:.1f} s "
            f"(encode {cold.stages.get('encode', 0.0):.1f} s), warm {warm.total:.1f} s, "
            f"peak {max(cold.peak_rss_mb, warm.peak_rss_mb):.0f} MB"
        )
        row: dict[str, object] = {"articles": count, "cold": cold.__dict__, "warm": warm.__dict__}
        if cold.sentences <= lexrank_max:
            log(f"{count} articles: sumy LexRank")
            _, seconds = lexrank_seconds(folder)
            row["lexrank_seconds"] = seconds
            row["lexrank_ratio"] = seconds / warm.total
        rows.append(row)
    return rows


def speed_table(rows: Sequence[dict[str, object]]) -> str:
    """Markdown table: per size, cold and warm wall time, encoding, the rest, peak memory, and
    sumy LexRank's time as a multiple of brief's (cold and warm) where it was run."""
    head = (
        "| articles | sentences | cold s | cold encode s | cold rest s (share) | warm s | "
        "peak RSS MB (cold / warm) | sumy LexRank s | LexRank / brief (cold, warm) |"
    )
    lines = [head, "|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        cold, warm = row["cold"], row["warm"]
        assert isinstance(cold, dict) and isinstance(warm, dict)
        encode = cold["stages"].get("encode", 0.0)
        rest = cold["total"] - encode
        lex = row.get("lexrank_seconds")
        lines.append(
            f"| {row['articles']:,} | {cold['sentences']:,} | {cold['total']:.1f} | {encode:.1f} | "
            f"{rest:.1f} ({rest / cold['total']:.0%}) | {warm['total']:.1f} | "
            f"{cold['peak_rss_mb']:,.0f} / {warm['peak_rss_mb']:,.0f} | "
            + (
                f"{lex:.1f} | {lex / cold['total']:.1f}×, {lex / warm['total']:.0f}× |"
                if isinstance(lex, float)
                else "not run | - |"
            )
        )
    return "\n".join(lines)


def _main(argv: Sequence[str]) -> None:
    folder = Path(argv[0])
    cache = Path(argv[1]) if len(argv) > 1 else None
    timing = run_pipeline(folder, cache)
    print(json.dumps(timing.__dict__))


if __name__ == "__main__":
    _main(sys.argv[1:])
