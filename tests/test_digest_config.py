"""The digest config: sources, user-defined fields, and errors that name the valid keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.digest.config import load_digest_config
from briefing.digest.errors import DigestConfigError
from briefing.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "digest.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_sources_labels_and_user_fields(tmp_path: Path, brief_home: Path) -> None:
    (tmp_path / "local").mkdir()
    config = load_digest_config(
        write(
            tmp_path,
            """
[digest]
title = "Morning"
fields = ["lean", "country"]
story_threshold = 0.6

[brief]
max_consensus = 3

[[source]]
feed = "https://example.org/rss.xml"
label = "Example"
lean = "left"

[[source]]
url = "https://example.org/a.html"
country = "FR"

[[source]]
folder = "local"
""",
        )
    )
    feed, url, folder = config.sources
    assert (feed.kind, feed.label, dict(feed.fields)) == ("feed", "Example", {"lean": "left"})
    assert (url.kind, url.label, dict(url.fields)) == ("url", None, {"country": "FR"})
    assert folder.location == str((tmp_path / "local").resolve())
    assert config.settings.title == "Morning" and config.settings.story_threshold == 0.6
    assert config.brief.max_consensus == 3 and config.brief.max_unique_per_source == 2
    assert config.store_path.parent == brief_home / "digests"
    assert config.out_dir(None) == Path("digests")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[digest]\ncolour = 1\n", "unknown key(s) colour; valid keys: title, fields,"),
        ("[sources]\n", "unknown key(s) sources; valid keys: digest, brief, source"),
        (
            '[[source]]\nfeed = "https://a.org/x"\nlean = "left"\n',
            "source #1: unknown key(s) lean; valid keys: feed, url, folder, label",
        ),
        (
            '[digest]\nfields = ["lean"]\n[[source]]\nfeed = "https://a.org/x"\nbias = "l"\n',
            "valid keys: feed, url, folder, label, lean",
        ),
        ("[brief]\nwobble = 2\n", "unknown key(s) wobble; valid keys: paraphrase_threshold"),
        (
            '[[source]]\nfeed = "https://a.org/x"\nurl = "https://a.org/y"\n',
            "give exactly one of feed, url or folder",
        ),
        ('[[source]]\nfeed = "ftp://a.org/x"\n', "must be an http(s) URL"),
        ("[digest]\ntitle = 'x'\n", "no sources"),
        ('[digest]\nfields = ["label"]\n', "label is a reserved key"),
        ('[digest]\ntimeout = "slow"\n', "timeout must be a non-negative number"),
        (
            '[[source]]\nfeed = "https://a.org/x"\n[[source]]\nfeed = "https://a.org/x"\n',
            "source listed twice",
        ),
        ("[digest\n", "not valid TOML"),
    ],
)
def test_invalid_configs_are_one_line_errors(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_digest_config(write(tmp_path, text))
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_missing_config(tmp_path: Path) -> None:
    with pytest.raises(DigestConfigError, match="no such digest config"):
        load_digest_config(tmp_path / "nope.toml")
