"""Ingestion of every supported format, metadata, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.config import Config
from briefing.errors import InputError
from briefing.ingest import load_corpus
from briefing.sentences import SyntokSplitter

SPLITTER = SyntokSplitter()
BODY = (
    "The council approved the budget on Tuesday. The mayor said the plan would cut waiting times."
)


def load(*paths: Path, config: Config = Config()):  # type: ignore[no-untyped-def]
    return load_corpus(list(paths), SPLITTER, config)


def test_txt_with_sources_toml_metadata(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "sources.toml").write_text(
        '["a.txt"]\nsource = "Example Daily"\nurl = "https://example.org/a"\nlean = "center"\n'
    )
    corpus = load(tmp_path)
    (doc,) = corpus.documents
    assert (doc.label, doc.url, doc.extra["lean"]) == (
        "Example Daily",
        "https://example.org/a",
        "center",
    )
    assert [s.text for s in corpus.sentences] == [
        "The council approved the budget on Tuesday.",
        "The mayor said the plan would cut waiting times.",
    ]


def test_label_falls_back_to_file_stem_and_yaml_metadata(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(BODY)
    (tmp_path / "c.txt").write_text("A different article about the harbour reopening this week.")
    (tmp_path / "sources.yaml").write_text("c.txt:\n  source: Harbour News\n")
    labels = {d.path.rsplit("/", 1)[-1]: d.label for d in load(tmp_path).documents}
    assert labels == {"b.txt": "b", "c.txt": "Harbour News"}


def test_markdown_front_matter_and_markup(tmp_path: Path) -> None:
    (tmp_path / "m.md").write_text(
        "---\ntitle: Budget passes\nsource: Example Post\ndate: 2025-05-08\nauthor: J. Doe\n---\n"
        "# Budget passes\n\nThe council **approved** the budget on Tuesday.\n\n"
        "- The mayor said the plan would cut waiting times.\n"
    )
    corpus = load(tmp_path / "m.md")
    (doc,) = corpus.documents
    assert (doc.title, doc.label, doc.date, doc.extra["author"]) == (
        "Budget passes",
        "Example Post",
        "2025-05-08",
        "J. Doe",
    )
    assert [s.text for s in corpus.sentences] == [
        "The council approved the budget on Tuesday.",
        "The mayor said the plan would cut waiting times.",
    ]


def test_html_main_text_is_extracted_without_navigation(tmp_path: Path) -> None:
    paragraphs = "".join(
        f"<p>The council debated item {i} of the budget for several hours on Tuesday evening.</p>"
        for i in range(1, 6)
    )
    (tmp_path / "p.html").write_text(
        "<html><head><title>Budget day</title></head><body><nav><a href='/'>Home</a> | "
        "<a href='/world'>World</a></nav><article><h1>Budget day</h1>"
        f"{paragraphs}</article><footer>Copyright Example Media. All rights reserved.</footer>"
        "</body></html>"
    )
    corpus = load(tmp_path / "p.html")
    texts = [s.text for s in corpus.sentences]
    assert (
        texts[0] == "The council debated item 1 of the budget for several hours on Tuesday evening."
    )
    assert not any("Home" in t or "Copyright" in t for t in texts)
    assert corpus.documents[0].title == "Budget day"


def test_json_and_jsonl_records(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(json.dumps({"text": BODY, "source": "Wire", "lean": "left"}))
    (tmp_path / "many.jsonl").write_text(
        json.dumps({"text": "Rain closed the harbour for two days this week, officials said."})
        + "\n\n"
        + json.dumps(
            {
                "text": "The harbour reopened on Friday after the storm passed.",
                "source": "Port Radio",
            }
        )
        + "\n"
    )
    corpus = load(tmp_path)
    assert [d.label for d in corpus.documents] == ["many#1", "Port Radio", "Wire"]
    assert corpus.documents[2].extra["lean"] == "left"
    assert corpus.documents[0].path.endswith("many.jsonl:1")


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.txt: no such file or folder"):
        load(tmp_path / "nope.txt")


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no articles found"):
        load(tmp_path)


def test_unusable_files_are_skipped_with_warnings(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(BODY)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "huge.txt").write_text("word " * 3000)
    (tmp_path / "copy.txt").write_text(BODY + "\n")
    (tmp_path / "broken.json").write_text("{not json")
    corpus = load(tmp_path, config=Config(max_file_bytes=10_000))
    assert [d.path.rsplit("/", 1)[-1] for d in corpus.documents] == ["copy.txt"]
    joined = "\n".join(corpus.warnings)
    assert "empty.txt: empty file" in joined
    assert "binary.txt: binary file" in joined
    assert "huge.txt: too large" in joined
    assert "good.txt: skipped, same article as" in joined
    assert "broken.json:1: invalid JSON" in joined


def test_latin1_text_is_read(tmp_path: Path) -> None:
    text = "Le conseil a approuvé le budget mardi, a déclaré le maire de la ville."
    (tmp_path / "fr.txt").write_bytes(text.encode("latin-1"))
    assert load(tmp_path).sentences[0].text == text


def test_nothing_usable_is_an_error_naming_the_cause(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(InputError, match=r"no usable articles.*empty\.txt: empty file"):
        load(tmp_path)


def test_invalid_sources_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "sources.toml").write_text("source = 'not a table per file'\n")
    with pytest.raises(InputError, match=r"sources\.toml: expected a table per file name"):
        load(tmp_path)
