"""Plain, frozen data that flows between the pipeline's stages.

Every stage is a function from some of these to others: ingestion makes ``Document``s,
splitting makes ``Sentence``s, clustering makes ``Cluster``s, ranking makes ``Statement``s,
contest detection makes ``Contest``s, and ``Briefing`` gathers them for rendering.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

StatementKind = Literal["consensus", "unique"]
ContestKind = Literal["number", "claim", "interpretation", "framing"]


def _frozen_map(data: Mapping[str, object] | None = None) -> Mapping[str, object]:
    return MappingProxyType(dict(data or {}))


@dataclass(frozen=True)
class Document:
    """One cleaned article. ``text`` is the cleaned text every citation offset points into."""

    id: str  # short stable id used in citations, e.g. "s1"
    label: str  # outlet / source label shown to readers
    path: str  # where it came from (file path, or file path + "#line")
    text: str
    title: str | None = None
    url: str | None = None
    date: str | None = None
    extra: Mapping[str, object] = field(default_factory=_frozen_map)


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document: ``doc.text[start:end] == text``."""

    doc: str  # Document.id
    index: int  # position among the document's sentences (0-based)
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Citation:
    source: str  # Document.id
    sentence: int  # Sentence.index
    start: int
    end: int
    text: str  # exact text of the sentence in the cleaned source

    @staticmethod
    def of(sentence: Sentence) -> Citation:
        return Citation(sentence.doc, sentence.index, sentence.start, sentence.end, sentence.text)


@dataclass(frozen=True)
class Cluster:
    """Sentences (indices into the flat sentence list) that say the same thing."""

    members: tuple[int, ...]
    sources: tuple[str, ...]  # distinct Document ids, sorted


@dataclass(frozen=True)
class Statement:
    id: str
    kind: StatementKind
    text: str
    score: float
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Position:
    text: str
    citations: tuple[Citation, ...]
    # Framing only: the loaded phrases the source uses ("Genocidal Chinese dictator") and,
    # aligned with them, the name each is attached to ("Xi Jinping", or "" if none).
    terms: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Contest:
    id: str
    kind: ContestKind
    topic: str
    positions: tuple[Position, ...]


@dataclass(frozen=True)
class Briefing:
    title: str
    generated_at: str  # ISO 8601, UTC
    sources: tuple[Document, ...]
    statements: tuple[Statement, ...]
    contested: tuple[Contest, ...] = ()
    notes: tuple[str, ...] = ()  # plain statements about the set, e.g. "only one source"
