"""From paths on disk to cleaned ``Document``s and their ``Sentence``s.

Reads folders (recursively) and files: .txt, .md (YAML front matter), .html, .json, .jsonl.
Plain files may take metadata from a ``sources.toml`` or ``sources.yaml`` beside them. Files
that cannot be used are skipped with a warning; a run with nothing usable is an ``InputError``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .clean import prepare
from .config import Config
from .errors import InputError
from .model import Document, Sentence
from .prepcache import PreparedCache
from .readers import READERS, RawArticle, read_sources_metadata
from .sentences import Splitter

SUPPORTED = tuple(sorted(READERS))


@dataclass(frozen=True)
class Corpus:
    documents: tuple[Document, ...]
    sentences: tuple[Sentence, ...]
    warnings: tuple[str, ...]

    def sentences_of(self, doc_id: str) -> list[Sentence]:
        return [s for s in self.sentences if s.doc == doc_id]


def find_files(paths: Sequence[Path]) -> list[Path]:
    """Every supported file under ``paths``, in a stable order. Missing paths are errors."""
    if not paths:
        raise InputError("no input given: pass one or more article files or folders")
    found: list[Path] = []
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.is_file() and _supported(p))
            if not inside:
                raise InputError(
                    f"{path}: no articles found (looked for {', '.join(SUPPORTED)} files)"
                )
            found.extend(inside)
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def _supported(path: Path) -> bool:
    return path.suffix.lower() in READERS and not path.name.startswith(".")


def read_articles(files: Iterable[Path], max_bytes: int) -> tuple[list[RawArticle], list[str]]:
    articles: list[RawArticle] = []
    warnings: list[str] = []
    metadata_cache: dict[Path, Mapping[str, Mapping[str, object]]] = {}
    for path in files:
        reader = READERS.get(path.suffix.lower())
        if reader is None:
            warnings.append(f"{path}: skipped, unsupported file type (use {', '.join(SUPPORTED)})")
            continue
        folder = path.parent
        if folder not in metadata_cache:
            metadata_cache[folder] = read_sources_metadata(folder)
        try:
            found = reader(path, max_bytes, metadata_cache[folder].get(path.name, {}))
        except InputError as exc:
            warnings.append(f"{exc}; skipped")
            continue
        articles.extend(found)
    return articles, warnings


def build_corpus(
    articles: Sequence[RawArticle], splitter: Splitter, cache: PreparedCache | None = None
) -> Corpus:
    """Clean and split articles; drop empty ones and exact repeats, with warnings."""
    documents: list[Document] = []
    sentences: list[Sentence] = []
    warnings: list[str] = []
    seen: dict[str, str] = {}
    raws = [a.text for a in articles]
    prepared_all = (
        cache.prepare_all(raws, splitter) if cache else [prepare(r, splitter) for r in raws]
    )
    for article, prepared in zip(articles, prepared_all, strict=True):
        if not prepared.spans:
            warnings.append(f"{article.path}: skipped, no prose sentences after cleaning")
            continue
        digest = hashlib.sha256(_normalise(prepared.text).encode()).hexdigest()
        if digest in seen:
            warnings.append(f"{article.path}: skipped, same article as {seen[digest]}")
            continue
        seen[digest] = article.path
        doc_id = f"s{len(documents) + 1}"
        meta = article.meta
        documents.append(
            Document(
                id=doc_id,
                label=str(meta.get("source") or article.fallback_label),
                path=article.path,
                text=prepared.text,
                title=_opt(meta.get("title")) or prepared.headline,
                url=_opt(meta.get("url")),
                date=_opt(meta.get("date")) or prepared.date,
                extra={k: v for k, v in meta.items() if k not in _KNOWN},
            )
        )
        for index, span in enumerate(prepared.spans):
            text = prepared.text[span.start : span.end]
            sentences.append(Sentence(doc_id, index, span.start, span.end, text))
    return Corpus(tuple(documents), tuple(sentences), tuple(warnings))


_KNOWN = frozenset({"source", "title", "url", "date", "text"})


def _opt(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


def _normalise(text: str) -> str:
    return " ".join(text.lower().split())


def load_corpus(
    paths: Sequence[Path],
    splitter: Splitter,
    config: Config = Config(),
    cache: PreparedCache | None = None,
) -> Corpus:
    """Everything ingestion does, from paths to a corpus with at least one document."""
    files = find_files(paths)
    articles, warnings = read_articles(files, config.max_file_bytes)
    corpus = build_corpus(articles, splitter, cache)
    all_warnings = (*warnings, *corpus.warnings)
    if not corpus.documents:
        detail = f" ({all_warnings[-1]})" if all_warnings else ""
        raise InputError(f"no usable articles in {', '.join(map(str, paths))}{detail}")
    return Corpus(corpus.documents, corpus.sentences, all_warnings)
