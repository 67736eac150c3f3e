"""One reader per file format; each returns raw article text plus its metadata."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import InputError


@dataclass(frozen=True)
class RawArticle:
    path: str
    text: str
    fallback_label: str
    meta: Mapping[str, object] = field(default_factory=dict)


Reader = Callable[[Path, int, Mapping[str, object]], list[RawArticle]]


def read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size == 0:
            raise InputError(f"{path}: empty file")
        if size > max_bytes:
            raise InputError(f"{path}: too large ({size:,} bytes; the limit is {max_bytes:,})")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: binary file, not an article")
    return data


def read_text(path: Path, max_bytes: int) -> str:
    """UTF-8 text; other encodings only when charset detection is confident."""
    data = read_bytes(path, max_bytes)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None or best.percent_chaos > 10:
        raise InputError(f"{path}: not UTF-8 text and its encoding cannot be detected")
    return str(best)


def read_txt(path: Path, max_bytes: int, meta: Mapping[str, object]) -> list[RawArticle]:
    return [RawArticle(str(path), read_text(path, max_bytes), path.stem, dict(meta))]


def read_md(path: Path, max_bytes: int, meta: Mapping[str, object]) -> list[RawArticle]:
    import frontmatter
    import markdown

    source = read_text(path, max_bytes)
    try:
        post = frontmatter.loads(source)
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: invalid YAML front matter ({_first_line(exc)})") from exc
    html = markdown.markdown(post.content)
    merged = {**meta, **{str(k): _plain(v) for k, v in post.metadata.items()}}
    return [RawArticle(str(path), _html_blocks_to_text(html), path.stem, merged)]


def read_html(path: Path, max_bytes: int, meta: Mapping[str, object]) -> list[RawArticle]:
    import trafilatura

    page = read_text(path, max_bytes)
    extracted = trafilatura.bare_extraction(
        page, with_metadata=True, include_comments=False, include_tables=False
    )
    text = getattr(extracted, "text", None)
    if not text:
        raise InputError(f"{path}: no article text found in the HTML")
    found = {
        "title": getattr(extracted, "title", None),
        "url": getattr(extracted, "url", None),
        "date": getattr(extracted, "date", None),
        "source": getattr(extracted, "sitename", None),
    }
    merged = {**{k: v for k, v in found.items() if v}, **meta}
    return [RawArticle(str(path), str(text), path.stem, merged)]


def read_json(path: Path, max_bytes: int, meta: Mapping[str, object]) -> list[RawArticle]:
    try:
        data = json.loads(read_text(path, max_bytes))
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}: invalid JSON ({exc.msg})") from exc
    items = data if isinstance(data, list) else [data]
    return [_record(path, i + 1, item, meta, len(items) > 1) for i, item in enumerate(items)]


def read_jsonl(path: Path, max_bytes: int, meta: Mapping[str, object]) -> list[RawArticle]:
    records = []
    for number, line in enumerate(read_text(path, max_bytes).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: invalid JSON ({exc.msg})") from exc
        records.append(_record(path, number, item, meta, True))
    if not records:
        raise InputError(f"{path}: no JSON lines")
    return records


def _record(
    path: Path, number: int, item: object, meta: Mapping[str, object], many: bool
) -> RawArticle:
    where = f"{path}:{number}" if many else str(path)
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        raise InputError(f"{where}: each JSON article must be an object with a string 'text'")
    fields = {str(k): _plain(v) for k, v in item.items() if k != "text" and v is not None}
    label = f"{path.stem}#{number}" if many else path.stem
    return RawArticle(where, item["text"], label, {**meta, **fields})


def read_sources_metadata(folder: Path) -> Mapping[str, Mapping[str, object]]:
    """Per-file metadata from ``sources.toml`` / ``sources.yaml`` in ``folder``: {file: {...}}."""
    for name in ("sources.toml", "sources.yaml", "sources.yml"):
        path = folder / name
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
            data = tomllib.loads(text) if name.endswith(".toml") else yaml.safe_load(text)
        except (tomllib.TOMLDecodeError, yaml.YAMLError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: invalid metadata file ({_first_line(exc)})") from exc
        if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
            raise InputError(f'{path}: expected a table per file name, e.g. ["a.txt"] source=...')
        return {str(k): {str(f): _plain(v) for f, v in d.items()} for k, d in data.items()}
    return {}


def _plain(value: object) -> object:
    """Dates and other YAML/TOML values become strings; lists and numbers stay."""
    if isinstance(value, (str, int, float, bool, list)) or value is None:
        return value
    return str(value)


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _html_blocks_to_text(html: str) -> str:
    """Markdown's HTML back to text: block elements become paragraphs, inline tags vanish."""
    import re

    text = re.sub(r"</(p|h[1-6]|li|blockquote|pre|div)>|<br\s*/?>|<hr\s*/?>", "\n\n", html)
    return text  # remaining inline tags are stripped by cleaning


READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".md": read_md,
    ".markdown": read_md,
    ".html": read_html,
    ".htm": read_html,
    ".json": read_json,
    ".jsonl": read_jsonl,
}
