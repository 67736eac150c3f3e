"""A digest run: lock the store, collect new articles, build the day, write the pages.

Two runs at once cannot corrupt anything: a file lock beside the store serialises whole runs,
and every store write is a SQLite transaction. Pages are written atomically (temp + rename),
so re-running a date replaces that day's digest in one step.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from ..embed import Embedder
from ..pipeline import ContestFinder
from ..sentences import Splitter
from .build import build_day, past_records
from .collect import Collector
from .config import DigestConfig
from .errors import DigestError
from .fetch import HttpClient
from .render import FORMATS, Summary, render_day, render_index, write_atomic
from .store import Store

Progress = Callable[[str], None]


def _quiet(message: str) -> None:
    """The default progress callback: the library never prints."""


@dataclass(frozen=True)
class RunOptions:
    out: Path
    formats: tuple[str, ...] = FORMATS
    templates_dir: Path | None = None
    lock_timeout: float = 3600.0
    find_contests: ContestFinder | None = None  # None: the pipeline's default finder
    now: datetime | None = None


def run_digest(
    config: DigestConfig,
    day: str,
    embedder: Embedder,
    splitter: Splitter,
    options: RunOptions,
    progress: Progress = _quiet,
    client: HttpClient | None = None,
) -> Summary:
    """Fetch, store, group, brief and write the digest for ``day`` (YYYY-MM-DD)."""
    from filelock import FileLock, Timeout

    _check_day(day)
    bad = sorted(set(options.formats) - set(FORMATS))
    if bad or not options.formats:
        raise DigestError(f"unknown format {', '.join(bad) or '(none)'}; use md or html")
    try:
        options.out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DigestError(
            f"{options.out}: cannot create the output folder ({exc.strerror})"
        ) from exc
    path = config.store_path
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path) + ".lock")
    try:
        lock.acquire(timeout=options.lock_timeout)
    except Timeout as exc:
        raise DigestError(f"{path}: another digest run holds the lock") from exc
    try:
        return _locked_run(config, day, embedder, splitter, options, progress, client)
    finally:
        lock.release()


def _locked_run(
    config: DigestConfig,
    day: str,
    embedder: Embedder,
    splitter: Splitter,
    options: RunOptions,
    progress: Progress,
    client: HttpClient | None,
) -> Summary:
    s = config.settings
    store = Store(config.store_path)
    http = client or HttpClient(s.timeout, s.retries, s.backoff, s.max_bytes)
    try:
        store.clear_errors(day)
        progress(f"{day}: reading {len(config.sources)} sources")
        stats = Collector(config, store, http, splitter, day, progress).collect()
        digest = build_day(
            config, store, day, embedder, progress, options.now, options.find_contests
        )
        shared = sum(1 for b in digest.stories if b.briefing is not None)
        errors = store.errors(day)
        summary = Summary(
            day,
            stats.sources,
            stats.fetched,
            stats.new_articles,
            stats.duplicates,
            digest.articles,
            shared,
            len(digest.stories) - shared,
            len(errors),
        )
        stamp = (options.now or datetime.now(UTC)).replace(microsecond=0).isoformat()
        files = []
        for fmt in options.formats:
            text = render_day(digest, s.title, fmt, summary, errors, stamp, options.templates_dir)
            target = options.out / f"{day}.{fmt}"
            write_atomic(target, text)
            files.append(str(target))
        write_atomic(
            options.out / "index.html", render_index(options.out, s.title, options.templates_dir)
        )
        store.finish_digest(day, files, past_records(digest))
        progress(f"wrote {', '.join(files)}")
        return summary
    finally:
        if client is None:
            http.close()
        store.close()


def _check_day(day: str) -> None:
    try:
        date.fromisoformat(day)
    except ValueError as exc:
        raise DigestError(f"invalid date {day!r}; use YYYY-MM-DD") from exc
    if len(day) != 10:
        raise DigestError(f"invalid date {day!r}; use YYYY-MM-DD")


def due_dates(last: str | None, now: datetime, at: time, max_days: int) -> list[str]:
    """Every date whose digest time has passed and that has no finished digest yet.

    With no digest ever finished only the latest due date runs; otherwise every date after the
    last finished one, at most ``max_days`` of them (the most recent).
    """
    latest = now.date() if now.time() >= at else now.date() - timedelta(days=1)
    if last is None:
        return [latest.isoformat()]
    start = date.fromisoformat(last) + timedelta(days=1)
    days = []
    while start <= latest:
        days.append(start.isoformat())
        start += timedelta(days=1)
    return days[-max_days:] if max_days > 0 else days


def last_completed(config: DigestConfig) -> str | None:
    if not config.store_path.exists():
        return None
    store = Store(config.store_path)
    try:
        return store.last_completed()
    finally:
        store.close()


def catch_up(
    config: DigestConfig,
    now: datetime,
    at: time,
    embedder: Embedder,
    splitter: Splitter,
    options: RunOptions,
    progress: Progress = _quiet,
) -> Sequence[Summary]:
    """Run every missed date in order (see ``due_dates``); returns their summaries."""
    days = due_dates(last_completed(config), now, at, config.settings.catch_up_days)
    return [run_digest(config, day, embedder, splitter, options, progress) for day in days]
