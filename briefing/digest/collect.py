"""From the configured sources into the store: only new work, every failure recorded.

Feeds: a conditional GET; new entries are remembered (with the feed's validators) before any
page is fetched, so a run that dies later loses nothing. Pending entries are fetched and
extracted one by one, each stored in its own transaction. A page that fails stays pending and
is retried on the next runs (up to ``max_attempts``). Article URLs work like one-entry feeds.
Folders are read with the same readers as ``brief make``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from ..clean import prepare
from ..errors import BriefError
from ..ingest import find_files, read_articles
from ..sentences import Splitter
from .config import DigestConfig, Source
from .errors import FetchError
from .fetch import HttpClient, extract_article, parse_feed
from .store import Entry, Store

Progress = Callable[[str], None]


@dataclass
class CollectStats:
    sources: int = 0
    fetched: int = 0  # sources read without a fatal error
    new_articles: int = 0
    duplicates: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Collector:
    config: DigestConfig
    store: Store
    client: HttpClient
    splitter: Splitter
    day: str
    progress: Progress

    def collect(self) -> CollectStats:
        stats = CollectStats(sources=len(self.config.sources))
        for number, source in enumerate(self.config.sources, 1):
            self.progress(f"[{number}/{stats.sources}] {source.kind} {source.name}")
            try:
                ok = self._collect_one(source, stats)
            except BriefError as exc:
                self._error(stats, source, str(exc))
                ok = False
            stats.fetched += ok
        return stats

    def _error(self, stats: CollectStats, source: Source, message: str) -> None:
        stats.errors.append((source.name, message))
        self.store.add_error(self.day, source.name, message)
        self.progress(f"  error: {source.name}: {message}")

    def _collect_one(self, source: Source, stats: CollectStats) -> bool:
        if source.kind == "folder":
            return self._folder(source, stats)
        label = source.label
        fresh = True
        if source.kind == "feed":
            fresh, feed_title = self._feed(source, stats)
            label = label or feed_title
        elif not self.store.known_url(source.location):
            self.store.add_entry(source.location, source.key, self.day)
        # Entries left pending by earlier runs are retried even when the feed itself failed.
        failures = 0
        for entry in self.store.pending(source.key, self.config.settings.max_attempts):
            failures += not self._entry(source, entry, label, stats)
        return fresh and failures == 0

    def _feed(self, source: Source, stats: CollectStats) -> tuple[bool, str | None]:
        etag, modified = self.store.feed_state(source.key)
        try:
            reply = self.client.get(source.location, etag, modified)
        except FetchError as exc:
            self._error(stats, source, str(exc))
            return False, None
        if reply.status == 304:
            self.progress("  not modified since the last run")
            return True, None
        try:
            feed = parse_feed(
                reply.body,
                reply.url,
                source.key,
                self.config.settings.max_entries_per_feed,
                reply.headers.get("Content-Type"),
            )
        except FetchError as exc:
            self._error(stats, source, str(exc))
            return False, None
        if feed.problem:
            self._error(stats, source, f"{feed.problem}; {len(feed.entries)} entries recovered")
        new = self.store.record_feed(
            source.key,
            reply.headers.get("ETag"),
            reply.headers.get("Last-Modified"),
            feed.entries,
            self.day,
        )
        self.progress(f"  {len(feed.entries)} entries, {new} new")
        return True, feed.title

    def _entry(self, source: Source, entry: Entry, label: str | None, stats: CollectStats) -> bool:
        max_attempts = self.config.settings.max_attempts
        try:
            reply = self.client.get(entry.url)
            page = extract_article(reply.body, reply.url)
        except FetchError as exc:
            self.store.entry_failed(entry.url, str(exc), max_attempts)
            self._error(stats, source, f"{entry.url}: {exc}")
            return False
        name = label or page.sitename or urlparse(entry.url).hostname or source.location
        self._store(
            source,
            entry.url,
            page.text,
            name,
            entry.title or page.title,
            page.date or entry.published,
            stats,
        )
        return True

    def _folder(self, source: Source, stats: CollectStats) -> bool:
        folder = Path(source.location)
        files = find_files([folder])
        articles, warnings = read_articles(files, self.config.brief.max_file_bytes)
        for message in warnings:
            self._error(stats, source, message)
        for article in articles:
            url = f"file:{article.path}"
            if self.store.known_url(url):
                continue
            meta = article.meta
            label = source.label or str(meta.get("source") or article.fallback_label)
            title = meta.get("title")
            date = meta.get("date")
            self._store(
                source,
                url,
                article.text,
                label,
                str(title) if title else None,
                str(date) if date else None,
                stats,
            )
        return not warnings

    def _store(
        self,
        source: Source,
        url: str,
        raw: str,
        label: str,
        title: str | None,
        published: str | None,
        stats: CollectStats,
    ) -> None:
        prepared = prepare(raw, self.splitter)
        if not prepared.spans:
            self.store.entry_done(url, "no prose sentences after cleaning")
            return
        stored = self.store.add_article(
            url=url,
            source=source.key,
            label=label,
            title=title or prepared.headline,
            published=published or prepared.date,
            day=self.day,
            text=prepared.text,
            extra=source.fields,
            spans=[(s.start, s.end) for s in prepared.spans],
        )
        if stored is None:
            stats.duplicates += 1
            self.progress(f"  duplicate: {url}")
        else:
            stats.new_articles += 1
            self.progress(f"  new: {title or url.rsplit('/', 1)[-1]}")
