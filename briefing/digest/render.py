"""Digest pages: Markdown and HTML per day (Jinja2), an index of all days, atomic writes.

Templates are ``digest.md.j2``, ``digest.html.j2`` and ``digest_index.html.j2`` in the
project's ``templates/`` folder, loaded through ``briefing.render.environment``: HTML
templates are autoescaped (article text containing ``<script>`` stays text) and Markdown
escapes source text with the ``md`` filter.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from ..errors import TemplateError
from ..render import environment, view
from .build import BriefedStory, DayDigest
from .errors import DigestError

FORMATS = ("md", "html")
_DAY_FILE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.(md|html)$")


@dataclass(frozen=True)
class Summary:
    day: str
    sources: int
    fetched: int
    new_articles: int
    duplicates: int
    articles: int
    stories: int
    also_reported: int
    errors: int

    def line(self) -> str:
        return (
            f"{self.day}: {self.fetched}/{self.sources} sources fetched, "
            f"{self.new_articles} new articles ({self.articles} today), "
            f"{self.stories} stories (+{self.also_reported} also reported), "
            f"{self.errors} error{'s' * (self.errors != 1)}"
        )


def story_view(item: BriefedStory, fmt: str) -> dict[str, Any]:
    story = item.story
    earlier = None
    if item.continues is not None:
        p = item.continues
        earlier = {"day": p.day, "title": p.title, "href": f"{p.day}.{fmt}#story-{p.number}"}
    base: dict[str, Any] = {
        "number": item.number,
        "anchor": f"story-{item.number}",
        "title": story.title,
        "outlets": [_outlet(story, label) for label in story.outlets],
        "articles": story.articles,
        "continues": earlier,
        "briefing": None,
    }
    if item.briefing is None:
        return base
    shown = view(item.briefing)
    new = item.new_ids
    base.update(
        briefing=item.briefing,
        labels=shown["labels"],
        sources=shown["sources"],
        agreed=[s for s in shown["agreed"] if s.id in new],
        unique=[
            (label, kept)
            for label, items in shown["unique"]
            if (kept := [s for s in items if s.id in new])
        ],
        earlier_statements=[s for s in item.briefing.statements if s.id not in new],
        contests=shown["contests"],
        framing=shown["framing"],
    )
    return base


def _outlet(story: object, label: str) -> str:
    """``Label (lean: left)``: the outlet with the user-defined fields of its source."""
    article = next(a for a in story.articles if a.label == label)  # type: ignore[attr-defined]
    fields = ", ".join(f"{k}: {v}" for k, v in sorted(article.extra.items()))
    return f"{label} ({fields})" if fields else label


def render_day(
    digest: DayDigest,
    title: str,
    fmt: str,
    summary: Summary,
    errors: Sequence[tuple[str, str]],
    generated_at: str,
    templates_dir: Path | None = None,
) -> str:
    stories = [story_view(s, fmt) for s in digest.stories]
    context = {
        "title": title,
        "day": digest.day,
        "generated_at": generated_at,
        "stories": [s for s in stories if s["briefing"] is not None],
        "also": [s for s in stories if s["briefing"] is None],
        "errors": errors,
        "summary": summary,
    }
    return _render(f"digest.{fmt}.j2", context, templates_dir)


def render_index(out: Path, title: str, templates_dir: Path | None = None) -> str:
    days: dict[str, set[str]] = {}
    for path in out.iterdir():
        match = _DAY_FILE.match(path.name)
        if match:
            days.setdefault(match.group(1), set()).add(match.group(2))
    entries = [
        {
            "day": day,
            "formats": sorted(kinds),
            "href": f"{day}.{'html' if 'html' in kinds else 'md'}",
        }
        for day, kinds in sorted(days.items(), reverse=True)
    ]
    return _render("digest_index.html.j2", {"title": title, "digests": entries}, templates_dir)


def _render(name: str, context: dict[str, Any], templates_dir: Path | None) -> str:
    env = environment(templates_dir)
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template not found: {exc.name}") from exc
    except jinja2.TemplateError as exc:
        line = getattr(exc, "lineno", None)
        raise TemplateError(f"{name}: {exc.message}{f' (line {line})' if line else ''}") from exc


def write_atomic(path: Path, text: str) -> None:
    """Temp file in the same folder, then rename: readers see the old page or the new one."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise DigestError(f"{path}: cannot write ({exc.strerror})") from exc
