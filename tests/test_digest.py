"""End-to-end digest runs against a local news server (127.0.0.1), with the fake embedder."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from briefing.digest.config import load_digest_config
from briefing.digest.run import RunOptions, run_digest
from briefing.digest.store import Store
from briefing.sentences import SyntokSplitter
from tests.conftest import HashingEmbedder
from tests.test_digest_support import (
    DAY1,
    DAY2,
    NewsServer,
    Route,
    news_server,
    publish,
    rss,
    write_config,
)

__all__ = ["news_server"]  # the fixture, imported for pytest

DAY_ONE, DAY_TWO = "2026-11-20", "2026-11-21"
BROKEN = (("/down.xml", "Down Daily"), ("/slow.xml", "Slow Times"), ("/bad.xml", "Broken Gazette"))


def broken_sources(server: NewsServer) -> str:
    server.routes["/down.xml"] = Route(b"server error", status=500)
    server.routes["/slow.xml"] = Route(rss("slow", []).encode(), delay=2.0)
    server.routes["/bad.xml"] = Route(
        b"<rss><channel><item><title>broken</ti", content_type="application/rss+xml"
    )
    return "".join(
        f'\n[[source]]\nfeed = "{server.base}{path}"\nlabel = "{label}"\n' for path, label in BROKEN
    )


def run(config_path: Path, day: str, out: Path, **kwargs: object):  # type: ignore[no-untyped-def]
    config = load_digest_config(config_path)
    return run_digest(
        config,
        day,
        HashingEmbedder(),
        SyntokSplitter(),
        RunOptions(out),
        **kwargs,  # type: ignore[arg-type]
    )


def story_groups(store_path: Path, day: str) -> list[set[str]]:
    """Each stored story of ``day`` as the set of its articles' URL paths ("/a/M008-0.html")."""
    conn = sqlite3.connect(store_path)
    urls = dict(conn.execute("SELECT id, url FROM articles"))
    groups = []
    for (articles,) in conn.execute(
        "SELECT articles FROM stories WHERE day = ? ORDER BY number", (day,)
    ):
        ids = [int(x) for x in articles.strip("[]").split(",")]
        groups.append({"/" + urls[i].split("/", 3)[3] for i in ids})
    conn.close()
    return groups


def key_of(path: str) -> str:
    return path.rsplit("/", 1)[1].removesuffix(".html")


def test_day_one_groups_stories_and_reports_broken_sources(
    news_server: NewsServer, tmp_path: Path
) -> None:
    publish(news_server, [DAY1])
    config = write_config(tmp_path / "digest.toml", news_server, broken_sources(news_server))
    summary = run(config, DAY_ONE, tmp_path / "out")

    groups = [{key_of(p) for p in g} for g in story_groups(tmp_path / "store.sqlite3", DAY_ONE)]
    samples = {key_of(p) for p in news_server.routes if p.endswith(".txt.html")}
    assert groups[0] == samples and len(samples) == 5  # five outlets: ranked first
    assert {"M008-0", "M008-2", "M008-3"} in groups[1:3]
    assert {"M006-0", "M006-1", "M006-2"} in groups[1:3]
    assert groups[3:] == [{"M003-0"}]  # one outlet only
    assert (summary.sources, summary.fetched, summary.new_articles) == (8, 5, 12)
    assert (summary.stories, summary.also_reported, summary.errors) == (3, 1, 3)

    page = (tmp_path / "out" / f"{DAY_ONE}.md").read_text()
    footer = page.split("Sources with problems", 1)[1]
    assert "Down Daily: HTTP 500" in footer
    assert "Slow Times: timed out after 0.5 s" in footer
    assert "Broken Gazette: malformed feed" in footer
    also = page.split("## Also reported", 1)[1].split("---", 1)[0]
    assert "Cancellara" in also and "Outlet E" in also
    assert "(lean: right)" in page  # user-defined fields are shown
    assert (tmp_path / "out" / f"{DAY_ONE}.html").is_file()
    assert f'href="{DAY_ONE}.html"' in (tmp_path / "out" / "index.html").read_text()


def test_second_day_shows_only_new_articles_and_links_the_first(
    news_server: NewsServer, tmp_path: Path
) -> None:
    publish(news_server, [DAY1])
    config = write_config(tmp_path / "digest.toml", news_server)
    run(config, DAY_ONE, tmp_path / "out")
    first_requests = len(news_server.requests)
    publish(news_server, [DAY1, DAY2])
    news_server.routes["/c/rss.xml"].etag = '"c-unchanged"'  # Outlet C has nothing new
    summary = run(config, DAY_TWO, tmp_path / "out")
    # ...and answers the second run's conditional request with 304 (its ETag is replayed).
    run(config, DAY_TWO, tmp_path / "out")

    assert summary.new_articles == 4
    groups = [{key_of(p) for p in g} for g in story_groups(tmp_path / "store.sqlite3", DAY_TWO)]
    assert sorted(map(sorted, groups)) == [["M006-4", "M006-7"], ["M008-5", "M008-8"]]
    page = (tmp_path / "out" / f"{DAY_TWO}.md").read_text()
    for old in ("M008-0", "M008-2", "M006-1", "txt.html"):
        assert old not in page
    assert page.count("**Continues**") == 2
    assert f"]({DAY_ONE}.md#story-2)" in page and f"]({DAY_ONE}.md#story-3)" in page
    html = (tmp_path / "out" / f"{DAY_TWO}.html").read_text()
    assert f'href="{DAY_ONE}.html#story-' in html
    # Day one's pages were not fetched again; feeds were asked conditionally.
    later = news_server.requests[first_requests:]
    assert not [p for p, _ in later if p.endswith(".txt.html") or "M008-0" in p]
    assert any(h.get("If-None-Match") for p, h in later if p.endswith("rss.xml"))
    index = (tmp_path / "out" / "index.html").read_text()
    assert index.index(DAY_TWO) < index.index(DAY_ONE)


def test_a_source_that_is_down_loses_nothing(news_server: NewsServer, tmp_path: Path) -> None:
    publish(news_server, [DAY1])
    config = write_config(tmp_path / "digest.toml", news_server)
    news_server.routes["/d/rss.xml"].status = 500  # the whole feed is down
    news_server.routes["/e/M006-2.html"].status = 503  # one page is down
    first = run(config, DAY_ONE, tmp_path / "out")
    assert first.errors == 2 and first.new_articles == 12 - 2 - 1
    news_server.routes["/d/rss.xml"].status = 200
    news_server.routes["/e/M006-2.html"].status = 200
    second = run(config, DAY_TWO, tmp_path / "out")
    assert (second.errors, second.new_articles) == (0, 3)
    store = Store(tmp_path / "store.sqlite3")
    assert store.count_articles() == 12
    store.close()
    assert "Sources with problems: none" in (tmp_path / "out" / f"{DAY_TWO}.md").read_text()


def test_an_interrupted_run_loses_and_duplicates_nothing(
    news_server: NewsServer, tmp_path: Path
) -> None:
    publish(news_server, [DAY1])
    config = write_config(tmp_path / "digest.toml", news_server)
    stored: list[str] = []

    def crash_after_four(message: str) -> None:
        if message.startswith("  new:"):
            stored.append(message)
            if len(stored) == 4:
                raise KeyboardInterrupt  # like Ctrl-C or a kill in the middle of the run

    with pytest.raises(KeyboardInterrupt):
        run(config, DAY_ONE, tmp_path / "out", progress=crash_after_four)
    assert not (tmp_path / "out" / f"{DAY_ONE}.md").exists()
    summary = run(config, DAY_ONE, tmp_path / "out")
    assert summary.new_articles == 12 - 4 and summary.articles == 12
    conn = sqlite3.connect(tmp_path / "store.sqlite3")
    urls = [u for (u,) in conn.execute("SELECT url FROM articles")]
    assert len(urls) == len(set(urls)) == 12
    pages = [p for p, _ in news_server.requests if not p.endswith("rss.xml")]
    assert len(pages) == len(set(pages)) == 12  # no page fetched twice
    groups = story_groups(tmp_path / "store.sqlite3", DAY_ONE)
    assert sum(len(g) for g in groups) == 12


KILLABLE = """
import sys
from pathlib import Path
from briefing.digest.config import load_digest_config
from briefing.digest.run import RunOptions, run_digest
from briefing.sentences import SyntokSplitter
from tests.conftest import HashingEmbedder
config = load_digest_config(Path(sys.argv[1]))
run_digest(config, sys.argv[2], HashingEmbedder(), SyntokSplitter(), RunOptions(Path(sys.argv[3])))
"""


def test_a_killed_process_loses_and_duplicates_nothing(
    news_server: NewsServer, tmp_path: Path
) -> None:
    publish(news_server, [DAY1])
    for path, route in news_server.routes.items():
        if path.endswith(".html"):
            route.delay = 0.25  # slow pages, so the kill lands in the middle of the run
    config = write_config(tmp_path / "digest.toml", news_server)
    root = Path(__file__).resolve().parent.parent
    child = subprocess.Popen(
        [sys.executable, "-c", KILLABLE, str(config), DAY_ONE, str(tmp_path / "out")],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    store = tmp_path / "store.sqlite3"
    deadline = time.monotonic() + 60
    stored = 0
    try:
        while stored < 4 and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.05)
            conn = sqlite3.connect(store, timeout=5)
            try:
                stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:  # the schema is not there yet
                pass
            finally:
                conn.close()
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(10)
    assert 4 <= stored < 12, "the run must be killed midway"
    with sqlite3.connect(store) as conn:
        before = {u for (u,) in conn.execute("SELECT url FROM articles")}
    requests_before = len(news_server.requests)

    for route in news_server.routes.values():
        route.delay = 0.0
    summary = run(config, DAY_ONE, tmp_path / "out")
    with sqlite3.connect(store) as conn:
        urls = [u for (u,) in conn.execute("SELECT url FROM articles")]
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert len(urls) == len(set(urls)) == 12 and before <= set(urls)
    assert summary.articles == 12 and summary.new_articles == 12 - len(before)
    again = [p for p, _ in news_server.requests[requests_before:] if not p.endswith("rss.xml")]
    assert not {news_server.base + p for p in again} & before  # stored pages not refetched
    assert sum(len(g) for g in story_groups(store, DAY_ONE)) == 12


def test_rerunning_a_date_replaces_its_digest(news_server: NewsServer, tmp_path: Path) -> None:
    publish(news_server, [DAY1])
    config = write_config(tmp_path / "digest.toml", news_server)
    out = tmp_path / "out"
    first = run(config, DAY_ONE, out)
    before = (out / f"{DAY_ONE}.md").read_text()
    second = run(config, DAY_ONE, out)
    assert second.new_articles == 0 and second.articles == first.articles == 12
    assert (out / f"{DAY_ONE}.md").read_text().split("\n", 3)[3] == before.split("\n", 3)[3]
    assert sorted(p.name for p in out.iterdir()) == [
        f"{DAY_ONE}.html",
        f"{DAY_ONE}.md",
        "index.html",
    ]


def test_two_runs_at_once_do_not_corrupt_the_store(news_server: NewsServer, tmp_path: Path) -> None:
    publish(news_server, [DAY1])
    config = write_config(tmp_path / "digest.toml", news_server)
    results: list[object] = []

    def worker() -> None:
        try:
            results.append(run(config, DAY_ONE, tmp_path / "out"))
        except Exception as exc:  # pragma: no cover - reported by the assertion below
            results.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    news = sorted(getattr(r, "new_articles", r) for r in results)  # type: ignore[type-var]
    assert news == [0, 12]
    conn = sqlite3.connect(tmp_path / "store.sqlite3")
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT hash) FROM articles").fetchone() == (
        12,
        12,
    )


def test_same_article_under_two_urls_is_stored_once(
    news_server: NewsServer, tmp_path: Path
) -> None:
    publish(news_server, [DAY1])
    text = (Path(__file__).parent.parent / "samples" / "004_37ec5fd1b4b8fab5.txt").read_text()
    mirror = news_server.page("/mirror/fox.html", "Mirror", text)
    news_server.feed("/mirror/rss.xml", "Mirror", [("Mirror", mirror)])
    extra = f'\n[[source]]\nfeed = "{news_server.base}/mirror/rss.xml"\nlabel = "Mirror"\n'
    config = write_config(tmp_path / "digest.toml", news_server, extra)
    summary = run(config, DAY_ONE, tmp_path / "out")
    assert (summary.new_articles, summary.duplicates) == (12, 1)


def test_html_digest_escapes_source_text(news_server: NewsServer, tmp_path: Path) -> None:
    publish(news_server, [DAY1])
    config = write_config(tmp_path / "digest.toml", news_server)
    text = config.read_text().replace('label = "Outlet A"', 'label = "<script>alert(1)</script>"')
    config.write_text(text.replace('lean = "left"', 'lean = "<img src=x onerror=alert(2)>"', 1))
    run(config, DAY_ONE, tmp_path / "out")
    page = (tmp_path / "out" / f"{DAY_ONE}.html").read_text()
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    md = (tmp_path / "out" / f"{DAY_ONE}.md").read_text()
    assert "<script>" not in md and r"\<script\>" in md


def test_folder_sources_use_their_metadata(tmp_path: Path, samples: Path) -> None:
    config = tmp_path / "digest.toml"
    config.write_text(
        f'[digest]\nstory_threshold = 0.45\nstore = "{tmp_path / "s.sqlite3"}"\n\n'
        f'[[source]]\nfolder = "{samples}"\n'
    )
    summary = run(
        config,
        DAY_ONE,
        tmp_path / "out",
    )
    assert (summary.new_articles, summary.stories, summary.also_reported) == (5, 1, 0)
    page = (tmp_path / "out" / f"{DAY_ONE}.md").read_text()
    for label in ("The National", "Breitbart News", "Fox News", "Unnamed outlet (003)"):
        assert f"**{label}**" in page
    again = run(config, DAY_TWO, tmp_path / "out")
    assert (again.new_articles, again.stories) == (0, 0)


def test_a_continuing_story_shows_what_is_new_first(
    news_server: NewsServer, tmp_path: Path
) -> None:
    from tests.test_digest_support import tac_articles

    publish(news_server, [DAY1])
    config = write_config(tmp_path / "digest.toml", news_server)
    run(config, DAY_ONE, tmp_path / "out")
    tac = tac_articles()
    # Day two: a round-up repeating day one's report, with a new report appended, and a new one.
    roundup = tac["M008-2"]["text"] + "\n\n" + tac["M008-5"]["text"]
    items_a = [("Round-up", news_server.page("/a/roundup.html", "Round-up", roundup))]
    items_b = [("Later", news_server.page("/b/later.html", "Later", tac["M008-8"]["text"]))]
    news_server.feed("/a/rss.xml", "A", items_a)
    news_server.feed("/b/rss.xml", "B", items_b)
    run(config, DAY_TWO, tmp_path / "out")

    page = (tmp_path / "out" / f"{DAY_TWO}.md").read_text()
    story = page.split("## 1. ", 1)[1].split("\n## ", 1)[0]
    assert f"]({DAY_ONE}.md#story-2)" in story
    new_part, _, old_part = story.partition("**Already reported before")
    statements = re.compile(r"^(?:\d+\.|-) (.+?)(?:  )?$", re.MULTILINE)
    new = [s for s in statements.findall(new_part) if not s.startswith("[^")]
    old = [s.split(" — ")[0] for s in statements.findall(old_part)]
    day_one = " ".join(" ".join(tac[k]["text"].split()) for k in ("M008-0", "M008-2", "M008-3"))
    assert new and old, story
    assert all(s.replace("\\", "") in day_one for s in old)  # repeats of day one, shown last
    assert not any(s.replace("\\", "") in day_one for s in new)  # what is new comes first


def test_contested_parts_reach_the_digest(news_server: NewsServer, tmp_path: Path) -> None:
    from briefing.model import Citation, Contest, Position

    def first_sentences_differ(analysis, config):  # type: ignore[no-untyped-def]
        """A stand-in finder: the opening sentences of the first two sources, opposed."""
        first = {}
        for sentence in analysis.corpus.sentences:
            first.setdefault(sentence.doc, sentence)
        a, b = list(first.values())[:2]
        positions = tuple(Position(s.text, (Citation.of(s),)) for s in (a, b))
        return [Contest("k1", "claim", "Opening <b>claims</b>", positions)]

    publish(news_server, [DAY1])
    config = load_digest_config(write_config(tmp_path / "digest.toml", news_server))
    options = RunOptions(tmp_path / "out", find_contests=first_sentences_differ)
    run_digest(config, DAY_ONE, HashingEmbedder(), SyntokSplitter(), options)
    page = (tmp_path / "out" / f"{DAY_ONE}.md").read_text()
    assert page.count("**Where sources differ**") == 3  # one per briefed story
    assert r"_Opening \<b\>claims\</b\>_" in page
    html = (tmp_path / "out" / f"{DAY_ONE}.html").read_text()
    assert html.count('<div class="position">') == 6 and "&lt;b&gt;claims" in html
