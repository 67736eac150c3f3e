"""Support for the digest tests: a local news server (127.0.0.1 only) and fixture articles.

Not a test module of its own; the other ``test_digest*`` modules import from it.
"""

from __future__ import annotations

import contextlib
import html
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data" / "digest"
SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@dataclass
class Route:
    body: bytes
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    delay: float = 0.0
    etag: str | None = None


@dataclass
class NewsServer:
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    base: str = ""

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)

    def page(self, path: str, title: str, text: str) -> str:
        self.routes[path] = Route(article_page(title, text).encode())
        return self.base + path

    def feed(
        self, path: str, title: str, items: list[tuple[str, str]], etag: str | None = None
    ) -> str:
        self.routes[path] = Route(
            rss(title, items).encode(), content_type="application/rss+xml", etag=etag
        )
        return self.base + path


def _handler(server: NewsServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            server.requests.append((self.path, dict(self.headers)))
            route = server.routes.get(self.path)
            if route is None:
                self.send_error(404)
                return
            if route.delay:
                time.sleep(route.delay)
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self.send_response(304)
                self.send_header("ETag", route.etag)
                self.end_headers()
                return
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(route.body)))
            if route.etag:
                self.send_header("ETag", route.etag)
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(route.body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def news_server() -> Iterator[NewsServer]:
    state = NewsServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()


def article_page(title: str, text: str) -> str:
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    body = "\n".join(f"<p>{html.escape(' '.join(p.split()))}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><title>{html.escape(title)}</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{html.escape(title)}</h1>\n{body}\n</article>"
        "<footer>Copyright the test outlet</footer></body></html>"
    )


def rss(title: str, items: list[tuple[str, str]]) -> str:
    stamp = format_datetime(datetime(2026, 11, 20, 6, 0, tzinfo=UTC))
    entries = "".join(
        f"<item><title>{html.escape(t)}</title><link>{html.escape(u)}</link>"
        f"<guid>{html.escape(u)}</guid><pubDate>{stamp}</pubDate></item>"
        for t, u in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{html.escape(title)}</title><link>http://127.0.0.1/</link>"
        f"<description>test feed</description>{entries}</channel></rss>"
    )


def tac_articles() -> dict[str, dict[str, str]]:
    """``"M008-3"`` -> the record (title, text, ...)."""
    out = {}
    for line in (DATA / "tac2011_subset.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        out[f"{record['cluster']}-{record['index']}"] = record
    return out


def sample_articles() -> list[tuple[str, str]]:
    """(file name, text) of the five samples."""
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SAMPLES.glob("*.txt"))]


OUTLETS = ("Outlet A", "Outlet B", "Outlet C", "Outlet D", "Outlet E")
# Which TAC articles each outlet's feed carries on day 1 and day 2 (samples: one per outlet).
DAY1 = {
    "Outlet A": ["M008-0"],
    "Outlet B": ["M008-2"],
    "Outlet C": ["M008-3", "M006-0"],
    "Outlet D": ["M006-1"],
    "Outlet E": ["M006-2", "M003-0"],
}
DAY2 = {
    "Outlet A": ["M008-5"],
    "Outlet B": ["M008-8"],
    "Outlet C": [],
    "Outlet D": ["M006-4"],
    "Outlet E": ["M006-7"],
}


def publish(server: NewsServer, days: list[dict[str, list[str]]], samples: bool = True) -> None:
    """(Re)publish the five outlet feeds carrying every article of ``days``."""
    tac = tac_articles()
    texts = sample_articles()
    for n, outlet in enumerate(OUTLETS):
        slug = outlet.split()[-1].lower()
        items = []
        if samples:
            name, text = texts[n]
            items.append(
                (
                    f"Kremlin talks ({outlet})",
                    server.page(f"/{slug}/{name}.html", f"Kremlin talks ({outlet})", text),
                )
            )
        for day in days:
            for key in day[outlet]:
                record = tac[key]
                items.append(
                    (
                        record["title"],
                        server.page(f"/{slug}/{key}.html", record["title"], record["text"]),
                    )
                )
        server.feed(f"/{slug}/rss.xml", f"{outlet} news", items, etag=f'"{slug}-{len(items)}"')


def write_config(
    path: Path, server: NewsServer, extra_sources: str = "", **settings: object
) -> Path:
    values = {
        "title": "Test digest",
        "fields": ["lean"],
        "story_threshold": 0.45,
        "continuity_threshold": 0.6,
        "timeout": 0.5,
        "retries": 1,
        "backoff": 0.0,
        "store": str(path.parent / "store.sqlite3"),
        **settings,
    }
    lines = ["[digest]"]
    lines += [f"{k} = {json.dumps(v)}" for k, v in values.items()]
    leans = ("left", "center", "right", "center", "left")
    for outlet, lean in zip(OUTLETS, leans, strict=True):
        slug = outlet.split()[-1].lower()
        lines += [
            "",
            "[[source]]",
            f'feed = "{server.base}/{slug}/rss.xml"',
            f'label = "{outlet}"',
            f'lean = "{lean}"',
        ]
    path.write_text("\n".join(lines) + "\n" + extra_sources, encoding="utf-8")
    return path
