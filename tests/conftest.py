"""Shared fixtures: a hermetic brief home, a fast fake embedder, the samples folder."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from briefing.text import content_stems

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


class HashingEmbedder:
    """Deterministic bag-of-stems vectors: sentences sharing content words are similar.

    Stands in for the real model where a test is about the pipeline, not the model.
    """

    name = "hashing-test"

    def __init__(self, dims: int = 384) -> None:
        self.dims = dims
        self.calls = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        for row, text in enumerate(texts):
            for stem in content_stems(text):
                digest = hashlib.blake2b(stem.encode(), digest_size=4).digest()
                out[row, int.from_bytes(digest, "little") % self.dims] += 1.0
            norm = np.linalg.norm(out[row])
            if norm:
                out[row] /= norm
        return out


@pytest.fixture(autouse=True)
def brief_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("brief-home")
    monkeypatch.setenv("BRIEF_HOME", str(home))
    return home


@pytest.fixture
def fake_embedder() -> HashingEmbedder:
    return HashingEmbedder()


@pytest.fixture(scope="session")
def real_embedder():  # type: ignore[no-untyped-def]
    """The real model behind a cache shared by the whole test session."""
    from briefing.embed import default_embedder

    cache = ROOT / ".pytest_cache" / "brief-embeddings"
    return default_embedder(cache)


@pytest.fixture
def samples() -> Path:
    return SAMPLES
