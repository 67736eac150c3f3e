"""The digest store: one embedded SQLite file per digest config (no server).

It holds feed state (ETag / Last-Modified), feed entries still to fetch, articles with their
cleaned text and sentence spans, sentence vectors per model, per-source errors per day, and
the stories of every finished digest (for continuity). Every article is written in one
transaction together with its entry's state, so a run killed at any point leaves either the
whole article or nothing, and the next run picks up exactly where it stopped.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from ..model import Sentence
from .errors import DigestError

SCHEMA = """
CREATE TABLE IF NOT EXISTS feed_state (
    source TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, checked_at TEXT);
CREATE TABLE IF NOT EXISTS entries (
    url TEXT PRIMARY KEY, source TEXT NOT NULL, title TEXT, published TEXT, summary TEXT,
    found_day TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT,
    state TEXT NOT NULL DEFAULT 'pending');
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, hash TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL, label TEXT NOT NULL, title TEXT, published TEXT, day TEXT NOT NULL,
    text TEXT NOT NULL, extra TEXT NOT NULL, stored_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS articles_day ON articles(day);
CREATE TABLE IF NOT EXISTS sentences (
    article INTEGER NOT NULL REFERENCES articles(id), idx INTEGER NOT NULL,
    start INTEGER NOT NULL, end INTEGER NOT NULL, PRIMARY KEY (article, idx));
CREATE TABLE IF NOT EXISTS vectors (
    article INTEGER NOT NULL, idx INTEGER NOT NULL, model TEXT NOT NULL, vector BLOB NOT NULL,
    PRIMARY KEY (article, idx, model));
CREATE TABLE IF NOT EXISTS errors (
    day TEXT NOT NULL, source TEXT NOT NULL, message TEXT NOT NULL, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS digests (
    day TEXT PRIMARY KEY, completed_at TEXT NOT NULL, files TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS stories (
    day TEXT NOT NULL, number INTEGER NOT NULL, title TEXT NOT NULL, centroid BLOB NOT NULL,
    articles TEXT NOT NULL, PRIMARY KEY (day, number));
"""


@dataclass(frozen=True)
class StoredArticle:
    id: int
    url: str
    source: str
    label: str
    title: str | None
    published: str | None
    day: str
    text: str
    extra: Mapping[str, str]
    spans: tuple[tuple[int, int], ...]

    def sentences(self, doc_id: str) -> list[Sentence]:
        return [
            Sentence(doc_id, i, start, end, self.text[start:end])
            for i, (start, end) in enumerate(self.spans)
        ]


@dataclass(frozen=True)
class Entry:
    url: str
    source: str
    title: str | None
    published: str | None
    summary: str | None
    attempts: int


@dataclass(frozen=True)
class PastStory:
    day: str
    number: int
    title: str
    centroid: np.ndarray
    articles: tuple[int, ...]


def content_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.lower().split()).encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class Store:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(path, timeout=60, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.executescript(SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise DigestError(f"{path}: cannot open the digest store ({exc})") from exc

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # Feed state and entries -------------------------------------------------------------
    def feed_state(self, source: str) -> tuple[str | None, str | None]:
        row = self.conn.execute(
            "SELECT etag, last_modified FROM feed_state WHERE source = ?", (source,)
        ).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def record_feed(
        self,
        source: str,
        etag: str | None,
        modified: str | None,
        entries: Sequence[Entry],
        day: str,
    ) -> int:
        """Remember new entries and the feed's validators in one transaction; returns #new."""
        with self.transaction() as conn:
            before = conn.total_changes
            conn.executemany(
                "INSERT OR IGNORE INTO entries (url, source, title, published, summary, found_day)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [(e.url, source, e.title, e.published, e.summary, day) for e in entries],
            )
            new = conn.total_changes - before
            conn.execute(
                "INSERT OR REPLACE INTO feed_state VALUES (?, ?, ?, ?)",
                (source, etag, modified, _now()),
            )
        return new

    def add_entry(self, url: str, source: str, day: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO entries (url, source, found_day) VALUES (?, ?, ?)",
                (url, source, day),
            )

    def pending(self, source: str, max_attempts: int) -> list[Entry]:
        rows = self.conn.execute(
            "SELECT url, source, title, published, summary, attempts FROM entries "
            "WHERE source = ? AND state = 'pending' AND attempts < ? ORDER BY rowid",
            (source, max_attempts),
        )
        return [Entry(*row) for row in rows]

    def entry_failed(self, url: str, message: str, max_attempts: int) -> None:
        with self.transaction() as conn:
            conn.execute(
                "UPDATE entries SET attempts = attempts + 1, last_error = ?, state = CASE "
                "WHEN attempts + 1 >= ? THEN 'failed' ELSE 'pending' END WHERE url = ?",
                (message, max_attempts, url),
            )

    def entry_done(self, url: str, note: str | None = None) -> None:
        with self.transaction() as conn:
            conn.execute(
                "UPDATE entries SET state = 'done', last_error = ? WHERE url = ?", (note, url)
            )

    # Articles ---------------------------------------------------------------------------
    def known_url(self, url: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM articles WHERE url = ?", (url,)).fetchone()
        return row is not None

    def same_content(self, text: str) -> str | None:
        row = self.conn.execute(
            "SELECT url FROM articles WHERE hash = ?", (content_hash(text),)
        ).fetchone()
        return str(row[0]) if row else None

    def add_article(
        self,
        *,
        url: str,
        source: str,
        label: str,
        title: str | None,
        published: str | None,
        day: str,
        text: str,
        extra: Mapping[str, str],
        spans: Sequence[tuple[int, int]],
    ) -> int | None:
        """Store an article, its sentences and its entry's state at once; None if a duplicate."""
        digest = content_hash(text)
        with self.transaction() as conn:
            seen = conn.execute(
                "SELECT url FROM articles WHERE url = ? OR hash = ?", (url, digest)
            ).fetchone()
            if seen is None:
                cursor = conn.execute(
                    "INSERT INTO articles (url, hash, source, label, title, published, day, text,"
                    " extra, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        url,
                        digest,
                        source,
                        label,
                        title,
                        published,
                        day,
                        text,
                        json.dumps(dict(extra), sort_keys=True),
                        _now(),
                    ),
                )
                article_id = int(cursor.lastrowid or 0)
                conn.executemany(
                    "INSERT INTO sentences VALUES (?, ?, ?, ?)",
                    [(article_id, i, s, e) for i, (s, e) in enumerate(spans)],
                )
            note = None if seen is None else f"same article as {seen[0]}"
            conn.execute(
                "UPDATE entries SET state = 'done', last_error = ? WHERE url = ?", (note, url)
            )
        return None if seen is not None else article_id

    def articles_of_day(self, day: str, sources: Sequence[str]) -> list[StoredArticle]:
        marks = ",".join("?" * len(sources))
        rows = self.conn.execute(
            "SELECT id, url, source, label, title, published, day, text, extra FROM articles "
            f"WHERE day = ? AND source IN ({marks}) ORDER BY id",
            (day, *sources),
        ).fetchall()
        spans: dict[int, list[tuple[int, int]]] = {}
        ids = [r[0] for r in rows]
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            for article, start, end in self.conn.execute(
                "SELECT article, start, end FROM sentences WHERE article IN "
                f"({','.join('?' * len(part))}) ORDER BY article, idx",
                part,
            ):
                spans.setdefault(article, []).append((start, end))
        return [
            StoredArticle(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                r[5],
                r[6],
                r[7],
                json.loads(r[8]),
                tuple(spans.get(r[0], [])),
            )
            for r in rows
        ]

    def count_articles(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    # Vectors ----------------------------------------------------------------------------
    def vectors(self, article: int, model: str) -> dict[int, np.ndarray]:
        rows = self.conn.execute(
            "SELECT idx, vector FROM vectors WHERE article = ? AND model = ?", (article, model)
        )
        return {int(i): np.frombuffer(blob, dtype=np.float32) for i, blob in rows}

    def save_vectors(self, article: int, model: str, vectors: np.ndarray) -> None:
        with self.transaction() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)",
                [
                    (article, i, model, np.asarray(v, np.float32).tobytes())
                    for i, v in enumerate(vectors)
                ],
            )

    # Errors, digests and stories --------------------------------------------------------
    def clear_errors(self, day: str) -> None:
        with self.transaction() as conn:
            conn.execute("DELETE FROM errors WHERE day = ?", (day,))

    def add_error(self, day: str, source: str, message: str) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT INTO errors VALUES (?, ?, ?, ?)", (day, source, message, _now()))

    def errors(self, day: str) -> list[tuple[str, str]]:
        rows = self.conn.execute(
            "SELECT source, message FROM errors WHERE day = ? ORDER BY rowid", (day,)
        )
        return [(str(s), str(m)) for s, m in rows]

    def finish_digest(self, day: str, files: Sequence[str], stories: Sequence[PastStory]) -> None:
        with self.transaction() as conn:
            conn.execute("DELETE FROM stories WHERE day = ?", (day,))
            conn.executemany(
                "INSERT INTO stories VALUES (?, ?, ?, ?, ?)",
                [
                    (
                        day,
                        s.number,
                        s.title,
                        np.asarray(s.centroid, np.float32).tobytes(),
                        json.dumps(list(s.articles)),
                    )
                    for s in stories
                ],
            )
            conn.execute(
                "INSERT OR REPLACE INTO digests VALUES (?, ?, ?)", (day, _now(), json.dumps(files))
            )

    def last_completed(self) -> str | None:
        row = self.conn.execute("SELECT MAX(day) FROM digests").fetchone()
        return str(row[0]) if row and row[0] else None

    def stories_before(self, day: str, since: str) -> list[PastStory]:
        rows = self.conn.execute(
            "SELECT day, number, title, centroid, articles FROM stories "
            "WHERE day < ? AND day >= ? ORDER BY day DESC, number",
            (day, since),
        )
        return [
            PastStory(d, n, t, np.frombuffer(c, dtype=np.float32), tuple(json.loads(a)))
            for d, n, t, c, a in rows
        ]
