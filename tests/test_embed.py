"""The embedding cache: a re-run never re-encodes, models never share vectors."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from briefing.embed import CachedEmbedder, MiniLMEmbedder
from briefing.progress import Stopwatch

from .conftest import HashingEmbedder


class Counting(HashingEmbedder):
    def __init__(self, name: str = "counting") -> None:
        super().__init__()
        self.name = name
        self.encoded: list[str] = []

    def encode(self, texts):  # type: ignore[no-untyped-def]
        self.encoded.extend(texts)
        return super().encode(texts)


def test_cache_hits_skip_the_model_and_return_the_same_vectors(tmp_path: Path) -> None:
    inner = Counting()
    cache = CachedEmbedder(inner, tmp_path / "e.sqlite3")
    first = cache.encode(["Alpha beta gamma.", "Delta epsilon.", "Alpha beta gamma."])
    assert inner.encoded == ["Alpha beta gamma.", "Delta epsilon."]  # duplicates encoded once
    again = CachedEmbedder(Counting(), tmp_path / "e.sqlite3")
    second = again.encode(["Delta epsilon.", "Alpha beta gamma."])
    assert again.inner.encoded == []  # type: ignore[attr-defined]
    np.testing.assert_array_equal(second, first[[1, 0]])
    assert (again.hits, again.misses) == (2, 0)


def test_cache_is_keyed_by_model(tmp_path: Path) -> None:
    CachedEmbedder(Counting("model-a"), tmp_path / "e.sqlite3").encode(["Same text here."])
    other = Counting("model-b")
    CachedEmbedder(other, tmp_path / "e.sqlite3").encode(["Same text here."])
    assert other.encoded == ["Same text here."]


def test_importing_the_cli_does_not_import_torch() -> None:
    code = (
        "import sys, briefing.cli; "
        "print('torch' in sys.modules, 'sentence_transformers' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.split() == ["False", "False"]


def test_a_cache_table_of_another_layout_is_rebuilt(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "e.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE sentence_vectors (model TEXT, hash TEXT, vector BLOB)")
    inner = Counting()
    vectors = CachedEmbedder(inner, path).encode(["Alpha beta gamma."])
    assert inner.encoded == ["Alpha beta gamma."] and vectors.shape == (1, 384)


def test_an_unreadable_cache_is_a_brief_error(tmp_path: Path) -> None:
    import pytest

    from briefing.errors import BriefError

    path = tmp_path / "e.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(BriefError, match="cache cannot be used"):
        CachedEmbedder(Counting(), path).encode(["Alpha beta gamma."])


class OneThreadAtATime:
    """A stand-in model that fails if two threads use it at once (as a fast tokenizer does)."""

    def __init__(self, log: list[tuple[int, int]]) -> None:
        self.busy = threading.Lock()
        self.log = log

    def encode(self, texts: list[str], **_: object) -> np.ndarray:
        if not self.busy.acquire(blocking=False):
            raise RuntimeError("Already borrowed")
        try:
            time.sleep(0.01)  # long enough for the other worker to collide, if it could
            self.log.append((id(self), len(texts)))
            return HashingEmbedder().encode(texts)
        finally:
            self.busy.release()


def test_workers_give_the_same_vectors_in_input_order(monkeypatch: pytest.MonkeyPatch) -> None:
    log: list[tuple[int, int]] = []
    monkeypatch.setattr(MiniLMEmbedder, "_new_model", lambda self: OneThreadAtATime(log))
    texts = [f"Sentence {i} about {'ports ' * (i % 7)}and trade number {i}." for i in range(700)]
    clock = Stopwatch()
    vectors = MiniLMEmbedder(clock, workers=2).encode(texts)
    np.testing.assert_array_equal(vectors, HashingEmbedder().encode(texts))
    assert sorted(n for _, n in log) == [188, 256, 256]  # chunks of 256, longest first
    assert len({model for model, _ in log}) == 2  # both copies did work
    assert {"Loading the embedding model", "Encoding sentences"} <= set(clock.seconds)


def test_small_inputs_load_one_model(monkeypatch: pytest.MonkeyPatch) -> None:
    log: list[tuple[int, int]] = []
    monkeypatch.setattr(MiniLMEmbedder, "_new_model", lambda self: OneThreadAtATime(log))
    embedder = MiniLMEmbedder(workers=4)
    embedder.encode(["One short sentence.", "Another one."])
    assert log and len(embedder._models) == 1


@pytest.mark.slow
def test_real_model_workers_match_one_model() -> None:
    texts = [f"Officials said {i} ships had crossed the strait by day {i % 9}." for i in range(300)]
    one = MiniLMEmbedder(workers=1).encode(texts)
    two = MiniLMEmbedder(workers=2).encode(texts)
    assert np.allclose(one, two, atol=1e-5)
    assert np.allclose(np.linalg.norm(two, axis=1), 1.0, atol=1e-5)
