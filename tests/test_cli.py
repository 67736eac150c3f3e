"""The command line through CliRunner: formats, output files, bad input as one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import briefing.embed
from briefing.cli import app

from .conftest import HashingEmbedder

runner = CliRunner()
ARTICLE_A = (
    "The city council approved the new budget on Tuesday after a long debate. "
    "The mayor said the plan would cut hospital waiting times by half. "
    "Opposition members walked out before the final vote."
)
ARTICLE_B = (
    "After a long debate, the city council approved the new budget on Tuesday. "
    "The mayor said the plan would cut hospital waiting times by half. "
    "Local shops reported record sales during the festival weekend."
)


@pytest.fixture(autouse=True)
def fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        briefing.embed, "default_embedder", lambda cache, progress=None: HashingEmbedder()
    )


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE_A)
    (folder / "b.txt").write_text(ARTICLE_B)
    (folder / "sources.toml").write_text(
        '["a.txt"]\nsource = "Daily A"\n["b.txt"]\nsource = "Post B"\n'
    )
    return folder


def test_make_prints_markdown_with_agreed_and_unique_sections(articles: Path) -> None:
    result = runner.invoke(app, ["make", str(articles)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "## Agreed by several sources" in out
    assert "The mayor said the plan would cut hospital waiting times by half." in out
    assert (
        "## Only in Daily A" in out
        and "Opposition members walked out before the final vote." in out
    )
    assert "## Only in Post B" in out
    assert "[^s1]: **Daily A**" in out


def test_make_writes_json_and_html_files_by_suffix(articles: Path, tmp_path: Path) -> None:
    out_json = tmp_path / "b.json"
    assert runner.invoke(app, ["make", str(articles), "-o", str(out_json)]).exit_code == 0
    data = json.loads(out_json.read_text())
    consensus = [s for s in data["statements"] if s["kind"] == "consensus"]
    assert {c["source"] for c in consensus[0]["citations"]} == {"s1", "s2"}
    out_html = tmp_path / "b.html"
    assert (
        runner.invoke(
            app, ["make", str(articles), "-o", str(out_html), "--title", "Budget"]
        ).exit_code
        == 0
    )
    assert out_html.read_text().startswith("<!DOCTYPE html>")
    assert "<title>Budget</title>" in out_html.read_text()


def test_missing_input_is_one_line_and_nonzero(tmp_path: Path) -> None:
    result = runner.invoke(app, ["make", str(tmp_path / "missing")])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"brief: error: {tmp_path / 'missing'}: no such file or folder"
    ]
    assert "Traceback" not in result.output


def test_failed_run_leaves_no_output_file(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    target = tmp_path / "out.md"
    result = runner.invoke(app, ["make", str(tmp_path / "empty.txt"), "-o", str(target)])
    assert result.exit_code == 1
    assert "empty.txt: empty file" in result.stderr
    assert not target.exists()
    assert not list(tmp_path.glob(".out.md.*"))


def test_existing_output_is_kept_when_rendering_fails(articles: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("yesterday's briefing")
    bad = tmp_path / "tpl"
    bad.mkdir()
    (bad / "briefing.md.j2").write_text("{% for %}")
    result = runner.invoke(app, ["make", str(articles), "-o", str(target), "--templates", str(bad)])
    assert result.exit_code == 1
    assert result.stderr.startswith("brief: error: briefing.md.j2:")
    assert target.read_text() == "yesterday's briefing"


def test_skipped_files_warn_but_the_run_succeeds(articles: Path) -> None:
    (articles / "blob.txt").write_bytes(b"\x00\x01\x02")
    result = runner.invoke(app, ["make", str(articles)])
    assert result.exit_code == 0
    assert "brief: warning:" in result.stderr and "blob.txt: binary file" in result.stderr


def test_bad_flags_and_config_are_reported(articles: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["make", str(articles), "--format", "pdf"])
    assert result.exit_code == 1 and "unknown format 'pdf'" in result.stderr
    config = tmp_path / "brief.toml"
    config.write_text("[brief]\nmax_consenssus = 3\n")
    result = runner.invoke(app, ["make", str(articles), "--config", str(config)])
    assert result.exit_code == 1
    assert "unknown key(s) max_consenssus; valid keys:" in result.stderr
    assert "max_consensus" in result.stderr


def test_word_budget_limits_the_statements(articles: Path) -> None:
    result = runner.invoke(app, ["make", str(articles), "--format", "json", "--max-words", "14"])
    data = json.loads(result.stdout)
    assert sum(len(s["text"].split()) for s in data["statements"]) <= 14
    assert data["statements"]


def test_help_lists_the_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0 and "make" in result.stdout


def test_a_single_outlet_gets_the_full_length_and_a_plain_note(tmp_path: Path) -> None:
    text = (
        "The harbour board approved a new ferry timetable on Monday. "
        "Fishermen complained about rising diesel prices at the quay. "
        "A storm damaged two cranes near the container terminal overnight. "
        "Tourist numbers doubled compared with last summer, hotels reported. "
        "The mayor promised a cycling bridge across the canal by 2027. "
        "Local schools will close early because of a heatwave warning."
    )
    (tmp_path / "only.txt").write_text(text)
    result = runner.invoke(app, ["make", str(tmp_path / "only.txt"), "--format", "json"])
    data = json.loads(result.stdout)
    assert data["notes"] and data["notes"][0].startswith("Only one source (only)")
    assert {s["kind"] for s in data["statements"]} == {"unique"}
    assert len(data["statements"]) > 3  # more than the per-outlet share of a multi-source set
    assert data["contested"] == []
