"""Rendering: JSON shape, Markdown, HTML escaping, template overrides."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from briefing.errors import TemplateError
from briefing.model import Briefing, Citation, Contest, Document, Position, Statement
from briefing.render import briefing_to_dict, default_templates_dir, environment, md_escape, render

EVIL = 'The mayor said <script>alert("x")</script> was <b>bold</b> & [fine](javascript:alert(1)).'


def make_briefing(text: str = EVIL, url: str | None = "https://example.org/a") -> Briefing:
    doc = Document(
        "s1", "Example <Daily>", "a.txt", text, title="T <i>", url=url, date="2025-05-08"
    )
    other = Document("s2", "Other Post", "b.txt", text)
    cite = Citation("s1", 0, 0, len(text), text)
    cite2 = Citation("s2", 0, 0, len(text), text)
    return Briefing(
        title="Briefing <title>",
        generated_at="2025-05-09T08:00:00+00:00",
        sources=(doc, other),
        statements=(
            Statement("c1", "consensus", text, 1.5, (cite, cite2)),
            Statement("u1", "unique", text, 0.5, (cite,)),
        ),
        contested=(
            Contest(
                "k1",
                "number",
                "Number of <things>",
                (Position(text, (cite,)), Position(text, (cite2,))),
            ),
        ),
    )


class ElementCounter(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.hrefs += [v or "" for k, v in attrs if k == "href"]


def test_html_escapes_all_article_text() -> None:
    page = render(make_briefing(), "html")
    parser = ElementCounter()
    parser.feed(page)
    assert "script" not in parser.tags
    assert "b" not in parser.tags and "i" not in parser.tags
    assert "&lt;script&gt;" in page
    assert not any(h.startswith("javascript:") for h in parser.hrefs)
    assert "<style>" in page  # self-contained: CSS inline
    assert "<link" not in page and "<script" not in page


def test_html_never_links_non_http_urls() -> None:
    page = render(make_briefing(url="javascript:alert(1)"), "html")
    parser = ElementCounter()
    parser.feed(page)
    assert "javascript:alert(1)" in page  # shown as text
    assert not any(h.startswith("javascript") for h in parser.hrefs)


def test_autoescape_is_on_for_html_templates_and_off_for_markdown() -> None:
    env = environment()
    assert env.from_string("{{ x }}").render(x="<b>") == "<b>"
    html_template = env.get_template("briefing.html.j2")
    assert html_template.environment.autoescape("briefing.html.j2") is True  # type: ignore[operator]
    assert env.autoescape("briefing.md.j2") is False  # type: ignore[operator]


def test_markdown_escapes_markup_but_keeps_the_words() -> None:
    md = render(make_briefing(), "md")
    assert "<script>" not in md
    assert md_escape("a <b> [c]") == "a \\<b\\> \\[c\\]"
    assert "## Agreed by several sources" in md
    assert "## Only in Example \\<Daily\\>" in md
    assert "[^s1]: **Example \\<Daily\\>**" in md
    assert "### Number of \\<things\\>" in md


def test_json_shape_is_stable() -> None:
    data = json.loads(render(make_briefing(), "json"))
    assert list(data) == [
        "version",
        "title",
        "generated_at",
        "sources",
        "statements",
        "contested",
        "notes",
    ]
    assert list(data["sources"][0]) == ["id", "label", "path", "title", "url", "date", "extra"]
    statement = data["statements"][0]
    assert list(statement) == ["id", "kind", "text", "score", "citations"]
    assert list(statement["citations"][0]) == ["source", "sentence", "start", "end", "text"]
    assert data["contested"][0]["positions"][0]["citations"][0]["source"] == "s1"
    assert data == briefing_to_dict(make_briefing())


def test_user_templates_override_one_file_and_keep_the_rest(tmp_path: Path) -> None:
    (tmp_path / "briefing.md.j2").write_text(
        "{% for s in agreed %}* {{ s.text | md }}\n{% endfor %}"
    )
    assert render(make_briefing("Plain words here."), "md", tmp_path) == "* Plain words here.\n"
    assert "<!DOCTYPE html>" in render(make_briefing(), "html", tmp_path)


def test_template_errors_are_brief_errors(tmp_path: Path) -> None:
    (tmp_path / "briefing.md.j2").write_text("{{ nothing_here }}")
    with pytest.raises(TemplateError, match=r"briefing\.md\.j2: 'nothing_here' is undefined"):
        render(make_briefing(), "md", tmp_path)
    with pytest.raises(TemplateError, match="templates folder not found"):
        render(make_briefing(), "md", tmp_path / "missing")


def test_templates_ship_with_the_package_source_tree() -> None:
    assert (default_templates_dir() / "briefing.html.j2").is_file()
