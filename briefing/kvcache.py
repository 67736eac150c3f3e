"""A small SQLite key-value cache shared by the embedding and cleaning caches.

Keys are SHA-256 hashes of text under a namespace (a model name, a cleaner version), so one
file can hold several versions side by side and a stale entry is never served.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from .errors import BriefError

_CHUNK = 500
_COLUMNS = ("namespace", "hash", "value")  # SQLite's limit on bound parameters is far above this


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class KeyValueCache:
    def __init__(self, path: Path, table: str) -> None:
        if not table.isidentifier():
            raise ValueError(f"not a table name: {table!r}")
        self.path = path
        self.table = table

    def connect(self) -> sqlite3.Connection:
        """Open the cache; a table left by another layout is only a cache: it is rebuilt."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=30)
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({self.table})")]
            if columns and columns != list(_COLUMNS):
                conn.execute(f"DROP TABLE {self.table}")
            conn.execute(
                f"CREATE TABLE IF NOT EXISTS {self.table} (namespace TEXT NOT NULL, "
                "hash TEXT NOT NULL, value BLOB NOT NULL, PRIMARY KEY (namespace, hash))"
            )
        except (OSError, sqlite3.Error) as exc:
            raise BriefError(
                f"{self.path}: cache cannot be used ({exc}); delete it or run with --no-cache"
            ) from exc
        return conn

    def get_many(
        self, conn: sqlite3.Connection, namespace: str, keys: Iterable[str]
    ) -> dict[str, bytes]:
        ordered = sorted(set(keys))
        found: dict[str, bytes] = {}
        for start in range(0, len(ordered), _CHUNK):
            chunk = ordered[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = conn.execute(
                f"SELECT hash, value FROM {self.table} WHERE namespace = ? AND hash IN ({marks})",
                [namespace, *chunk],
            )
            found.update((key, bytes(value)) for key, value in rows)
        return found

    def put_many(
        self, conn: sqlite3.Connection, namespace: str, items: Sequence[tuple[str, bytes]]
    ) -> None:
        conn.executemany(
            f"INSERT OR REPLACE INTO {self.table} VALUES (?, ?, ?)",
            [(namespace, key, value) for key, value in items],
        )
