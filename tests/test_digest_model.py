"""The digest with the real sentence model (slow): stories and continuity at default settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.digest.config import load_digest_config
from briefing.digest.run import RunOptions, run_digest
from briefing.embed import Embedder
from briefing.sentences import SyntokSplitter
from tests.test_digest import key_of, story_groups
from tests.test_digest_support import DAY1, DAY2, NewsServer, news_server, publish, write_config

__all__ = ["news_server"]


@pytest.mark.slow
def test_real_model_groups_stories_at_default_thresholds(
    news_server: NewsServer, tmp_path: Path, real_embedder: Embedder
) -> None:
    publish(news_server, [DAY1])
    path = write_config(tmp_path / "digest.toml", news_server)
    text = path.read_text().replace("story_threshold = 0.45\n", "")
    path.write_text(text.replace("continuity_threshold = 0.6\n", ""))
    config = load_digest_config(path)
    assert config.settings.story_threshold == 0.55  # the documented default
    options = RunOptions(tmp_path / "out")
    run_digest(config, "2026-11-20", real_embedder, SyntokSplitter(), options)
    groups = [
        {key_of(p) for p in g} for g in story_groups(tmp_path / "store.sqlite3", "2026-11-20")
    ]
    assert len(groups[0]) == 5 and all(k.endswith(".txt") for k in groups[0])
    assert sorted(map(sorted, groups[1:])) == [
        ["M003-0"],
        ["M006-0", "M006-1", "M006-2"],
        ["M008-0", "M008-2", "M008-3"],
    ]
    publish(news_server, [DAY1, DAY2])
    summary = run_digest(config, "2026-11-21", real_embedder, SyntokSplitter(), options)
    assert (summary.new_articles, summary.stories) == (4, 2)
    page = (tmp_path / "out" / "2026-11-21.md").read_text()
    assert page.count("**Continues** [2026-11-20:") == 2
