"""The formatted layer: a ``Briefing`` to Markdown, HTML (Jinja2 templates) or JSON.

Templates live in the project's top-level ``templates/`` folder (in a built wheel they are
installed as ``briefing/templates``). A user's ``--templates DIR`` is searched first, so one
template can be overridden without copying the others.

Escaping is set on purpose: every ``*.html.j2`` / ``*.html`` template is autoescaped (an
article containing ``<script>`` stays text), Markdown templates escape with the ``md`` filter.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any, Literal

import jinja2

from .errors import TemplateError
from .model import Briefing, Citation, Contest, Document, Statement

Format = Literal["md", "html", "json"]
FORMATS: tuple[Format, ...] = ("md", "html", "json")
TEMPLATE_NAMES = {"md": "briefing.md.j2", "html": "briefing.html.j2"}
JSON_VERSION = 1


def default_templates_dir() -> Path:
    """``briefing/templates`` in a wheel; the repository's ``templates/`` in a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parent / "templates"):
        if (candidate / TEMPLATE_NAMES["md"]).is_file():
            return candidate
    raise TemplateError(f"brief's templates are missing (looked in {here / 'templates'})")


def _autoescape(name: str | None) -> bool:
    return name is not None and (name.endswith(".html.j2") or name.endswith(".html"))


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md_escape(text: object) -> str:
    """Backslash-escape Markdown and HTML syntax so source text renders verbatim."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def http_url(url: object) -> str:
    """The URL if it is http(s), else "" (no ``javascript:`` links from article metadata)."""
    text = str(url or "").strip()
    return text if re.match(r"^https?://", text, re.IGNORECASE) else ""


def environment(templates_dir: Path | None = None) -> jinja2.Environment:
    search = [str(templates_dir)] if templates_dir else []
    if templates_dir is not None and not templates_dir.is_dir():
        raise TemplateError(f"{templates_dir}: templates folder not found")
    search.append(str(default_templates_dir()))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.filters["http_url"] = http_url
    return env


def view(briefing: Briefing) -> dict[str, Any]:
    """What the templates see: the briefing plus its parts grouped for display."""
    labels = {d.id: d.label for d in briefing.sources}
    agreed = [s for s in briefing.statements if s.kind == "consensus"]
    unique: dict[str, list[Statement]] = {}
    for s in briefing.statements:
        if s.kind == "unique":
            unique.setdefault(labels[s.citations[0].source], []).append(s)
    facts = [c for c in briefing.contested if c.kind != "framing"]
    framing = [c for c in briefing.contested if c.kind == "framing"]
    return {
        "briefing": briefing,
        "sources": briefing.sources,
        "labels": labels,
        "agreed": agreed,
        "unique": list(unique.items()),
        "contests": facts,
        "framing": framing,
        "cited_sources": _cited(briefing),
        "json": briefing_to_dict(briefing),
    }


def _cited(briefing: Briefing) -> list[Document]:
    cited = {c.source for s in briefing.statements for c in s.citations}
    cited |= {c.source for k in briefing.contested for p in k.positions for c in p.citations}
    return [d for d in briefing.sources if d.id in cited]


def render(briefing: Briefing, fmt: Format, templates_dir: Path | None = None) -> str:
    if fmt == "json":
        return json.dumps(briefing_to_dict(briefing), ensure_ascii=False, indent=2) + "\n"
    if fmt not in TEMPLATE_NAMES:
        raise TemplateError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    env = environment(templates_dir)
    try:
        template = env.get_template(TEMPLATE_NAMES[fmt])
        return template.render(**view(briefing))
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template not found: {exc.name}") from exc
    except jinja2.TemplateError as exc:
        line = getattr(exc, "lineno", None)
        where = f" (line {line})" if line else ""
        raise TemplateError(f"{TEMPLATE_NAMES[fmt]}: {exc.message}{where}") from exc


def _citations(citations: Sequence[Citation]) -> list[dict[str, Any]]:
    return [asdict(c) for c in citations]


def _contest(c: Contest) -> dict[str, Any]:
    positions = []
    for p in c.positions:
        item = asdict(p)
        item["citations"] = _citations(p.citations)
        item["terms"], item["targets"] = list(p.terms), list(p.targets)
        positions.append(item)
    return {"id": c.id, "kind": c.kind, "topic": c.topic, "positions": positions}


def _source(d: Document) -> dict[str, Any]:
    return {
        "id": d.id,
        "label": d.label,
        "path": d.path,
        "title": d.title,
        "url": d.url,
        "date": d.date,
        "extra": dict(d.extra),
    }


def briefing_to_dict(briefing: Briefing) -> dict[str, Any]:
    """The documented JSON shape (see README, "JSON output")."""
    return {
        "version": JSON_VERSION,
        "title": briefing.title,
        "generated_at": briefing.generated_at,
        "sources": [_source(d) for d in briefing.sources],
        "statements": [
            {
                "id": s.id,
                "kind": s.kind,
                "text": s.text,
                "score": s.score,
                "citations": _citations(s.citations),
            }
            for s in briefing.statements
        ],
        "contested": [_contest(c) for c in briefing.contested],
        "notes": list(briefing.notes),
    }
