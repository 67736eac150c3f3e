"""A disk cache for cleaning and sentence splitting, keyed by the raw text and the cleaner.

Splitting is the slowest pure-Python step of a warm run (syntok reads ~1 MB/s), and a daily
user feeds the same articles again and again. The key includes a hash of the cleaning and
splitting code, so a new version of brief never serves a stale split.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from . import clean, sentences
from .clean import Prepared, prepare
from .kvcache import KeyValueCache, text_key
from .sentences import Span, Splitter


@lru_cache(maxsize=1)
def cleaner_version() -> str:
    digest = hashlib.sha256()
    for module in (clean, sentences):
        digest.update(Path(str(module.__file__)).read_bytes())
    return digest.hexdigest()[:16]


class PreparedCache:
    """``prepare`` results in SQLite: (cleaner version, SHA-256 of raw text) -> JSON."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.store = KeyValueCache(path, "prepared")
        self.hits = 0
        self.misses = 0

    def prepare_all(self, raws: Sequence[str], splitter: Splitter) -> list[Prepared]:
        version = cleaner_version()
        keys = [text_key(raw) for raw in raws]
        with self.store.connect() as conn:
            found = {
                k: _decode(v.decode("utf-8"))
                for k, v in self.store.get_many(conn, version, keys).items()
            }
            fresh = []
            for raw, key in zip(raws, keys, strict=True):
                if key not in found:
                    found[key] = prepare(raw, splitter)
                    fresh.append((key, _encode(found[key]).encode("utf-8")))
            self.hits += len(raws) - len(fresh)
            self.misses += len(fresh)
            self.store.put_many(conn, version, fresh)
        return [found[key] for key in keys]


def _encode(p: Prepared) -> str:
    spans = [[s.start, s.end] for s in p.spans]
    return json.dumps({"text": p.text, "spans": spans, "date": p.date, "headline": p.headline})


def _decode(value: str) -> Prepared:
    data = json.loads(value)
    spans = tuple(Span(a, b) for a, b in data["spans"])
    return Prepared(data["text"], spans, data["date"], data["headline"])
