"""Polite, robust HTTP plus feed parsing (feedparser) and article extraction (trafilatura).

Every request has a timeout, a clear User-Agent and a few retries with exponential backoff
(urllib3's ``Retry``, honouring ``Retry-After``); feeds are fetched conditionally (ETag /
Last-Modified). Failures become ``FetchError`` with a one-line message; the caller records it
against the source and carries on with the others.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from .errors import FetchError
from .store import Entry


def user_agent() -> str:
    try:
        mine = version("brief")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        mine = "dev"
    return f"brief-digest/{mine} (personal news digest; polite: conditional requests, retries)"


@dataclass(frozen=True)
class Response:
    status: int  # 200, or 304 when the resource has not changed
    body: bytes
    headers: Mapping[str, str]
    url: str


class HttpClient:
    """A requests session with timeouts, retries with backoff and a size cap."""

    def __init__(
        self,
        timeout: float = 15.0,
        retries: int = 2,
        backoff: float = 1.0,
        max_bytes: int = 5_000_000,
    ) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        retry = Retry(
            total=retries,
            connect=retries,
            read=retries,
            status=retries,
            backoff_factor=backoff,
            status_forcelist=(429, 500, 502, 503, 504),
            allowed_methods=frozenset({"GET"}),
            respect_retry_after_header=True,
            raise_on_status=False,
        )
        self.session = requests.Session()
        self.session.headers["User-Agent"] = user_agent()
        adapter = HTTPAdapter(max_retries=retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    def get(self, url: str, etag: str | None = None, modified: str | None = None) -> Response:
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        try:
            with self.session.get(url, headers=headers, timeout=self.timeout, stream=True) as reply:
                if reply.status_code == 304:
                    return Response(304, b"", dict(reply.headers), reply.url)
                if reply.status_code >= 400:
                    raise FetchError(f"HTTP {reply.status_code} {reply.reason or ''}".strip())
                body = self._read(reply)
                return Response(reply.status_code, body, dict(reply.headers), reply.url)
        except requests.exceptions.Timeout as exc:
            raise FetchError(f"timed out after {self.timeout:g} s") from exc
        except requests.exceptions.RetryError as exc:
            raise FetchError(f"gave up after retries ({_reason(exc)})") from exc
        except requests.exceptions.ConnectionError as exc:
            if _reason(exc) == "timed out":
                raise FetchError(f"timed out after {self.timeout:g} s") from exc
            raise FetchError(f"cannot connect ({_reason(exc)})") from exc
        except requests.exceptions.RequestException as exc:
            raise FetchError(f"request failed ({_reason(exc)})") from exc

    def _read(self, reply: requests.Response) -> bytes:
        chunks: list[bytes] = []
        size = 0
        for chunk in reply.iter_content(65536):
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(f"response larger than {self.max_bytes:,} bytes")
            chunks.append(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        self.session.close()


def _reason(exc: Exception) -> str:
    text = str(exc.args[0] if exc.args else exc)
    if "timed out" in text.lower() or "timeout" in text.lower():
        return "timed out"
    return text.split(": ")[-1][:120].strip("()'\" ") or type(exc).__name__


@dataclass(frozen=True)
class Feed:
    title: str | None
    entries: tuple[Entry, ...]
    problem: str | None  # set when the XML was malformed (entries may still be recovered)


def parse_feed(
    body: bytes, url: str, source: str, limit: int, content_type: str | None = None
) -> Feed:
    import feedparser
    from feedparser.exceptions import ThingsNobodyCaresAboutButMe

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers)
    problem = None
    exc = parsed.get("bozo_exception")
    if parsed.get("bozo") and not isinstance(exc, ThingsNobodyCaresAboutButMe):
        problem = f"malformed feed ({str(exc).splitlines()[0] if exc else 'unreadable'})"
    entries: list[Entry] = []
    for item in parsed.entries[:limit]:
        link = item.get("link") or item.get("id")
        if not link or not str(link).lower().startswith(("http://", "https://")):
            continue
        summary = _entry_text(item)
        published = _iso(item.get("published_parsed") or item.get("updated_parsed"))
        entries.append(Entry(str(link), source, item.get("title"), published, summary, 0))
    if problem and not entries:
        raise FetchError(f"{problem}; no entries could be read")
    if not parsed.get("version") and not entries:
        raise FetchError("not an RSS or Atom feed")
    title = parsed.feed.get("title") if parsed.get("feed") else None
    return Feed(str(title) if title else None, tuple(entries), problem)


def _iso(parsed: object) -> str | None:
    """feedparser's UTC ``time.struct_time`` as an ISO date-time."""
    if not isinstance(parsed, tuple) or len(parsed) < 6:
        return None
    year, month, day, hour, minute, second = (int(x) for x in parsed[:6])
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC).isoformat()


def _entry_text(item: Mapping[str, object]) -> str | None:
    content = item.get("content")
    if isinstance(content, list) and content:
        value = content[0].get("value") if isinstance(content[0], dict) else None
        if value:
            return str(value)
    summary = item.get("summary")
    return str(summary) if summary else None


@dataclass(frozen=True)
class Extracted:
    text: str
    title: str | None
    date: str | None
    sitename: str | None


def extract_article(page: bytes, url: str) -> Extracted:
    import trafilatura

    html = page.decode("utf-8", errors="replace")
    found = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    text = getattr(found, "text", None)
    if not text:
        raise FetchError("no article text found in the page")
    # trafilatura puts one paragraph per line; cleaning splits paragraphs on blank lines.
    # The page's own headline, repeated at the top of the text, is metadata, not prose.
    title = getattr(found, "title", None)
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    while lines and title and lines[0] == str(title).strip():
        lines.pop(0)
    if not lines:
        raise FetchError("no article text found in the page")
    paragraphs = "\n\n".join(lines)
    return Extracted(
        paragraphs,
        getattr(found, "title", None),
        getattr(found, "date", None),
        getattr(found, "sitename", None),
    )
