"""The digest config: a TOML file listing sources plus a few settings.

    [digest]
    title = "Morning digest"
    fields = ["lean"]            # user-defined fields sources may carry

    [brief]                      # optional: settings of the briefing pipeline (see README)
    max_consensus = 5

    [[source]]
    feed = "https://example.org/rss.xml"   # or url = "https://..." or folder = "articles/"
    label = "Example News"
    lean = "center"

Unknown keys anywhere are errors that name the valid keys.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from ..config import Config, brief_home
from .errors import DigestConfigError

SourceKind = Literal["feed", "url", "folder"]
KINDS: tuple[SourceKind, ...] = ("feed", "url", "folder")
_TOP_KEYS = ("digest", "brief", "source")
# A digest briefs many stories, so each one is shorter than a `brief make` briefing.
DIGEST_BRIEF_DEFAULTS: dict[str, object] = {"max_consensus": 5, "max_unique_per_source": 2}


@dataclass(frozen=True)
class Source:
    kind: SourceKind
    location: str  # a URL, or an absolute folder path
    label: str | None = None
    fields: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def key(self) -> str:
        """Stable identity of the source in the store."""
        return f"{self.kind}:{self.location}"

    @property
    def name(self) -> str:
        return self.label or self.location


@dataclass(frozen=True)
class Settings:
    """The ``[digest]`` table. Thresholds are cosine similarities of article vectors."""

    title: str = "Daily digest"
    fields: tuple[str, ...] = ()
    # Articles join one story when the average cosine similarity between the two groups'
    # article vectors (mean of sentence vectors) reaches this (measured in README, Daily digests).
    story_threshold: float = 0.55
    # A story continues an earlier day's story when their centroids are at least this similar.
    continuity_threshold: float = 0.6
    continuity_days: int = 7
    max_stories: int = 15
    max_entries_per_feed: int = 50
    timeout: float = 15.0
    retries: int = 2
    backoff: float = 1.0
    max_bytes: int = 5_000_000
    max_attempts: int = 5  # a feed entry whose page keeps failing is given up after this
    catch_up_days: int = 7
    store: str | None = None
    out: str | None = None


@dataclass(frozen=True)
class DigestConfig:
    path: Path
    settings: Settings
    sources: tuple[Source, ...]
    brief: Config

    @property
    def store_path(self) -> Path:
        """The config's own SQLite store, under the brief home unless ``store`` is set."""
        if self.settings.store:
            return self._resolve(self.settings.store)
        tag = hashlib.sha256(str(self.path.resolve()).encode()).hexdigest()[:10]
        return brief_home() / "digests" / f"{self.path.stem}-{tag}.sqlite3"

    def out_dir(self, override: Path | None) -> Path:
        if override is not None:
            return override
        if self.settings.out:
            return self._resolve(self.settings.out)
        return Path("digests")

    def _resolve(self, value: str) -> Path:
        path = Path(value).expanduser()
        return path if path.is_absolute() else self.path.parent.resolve() / path


def load_digest_config(path: Path) -> DigestConfig:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DigestConfigError(f"{path}: no such digest config") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise DigestConfigError(f"{path}: cannot read ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise DigestConfigError(f"{path}: not valid TOML ({exc})") from exc
    _check_keys(data, _TOP_KEYS, str(path))
    settings = _settings(_table(data.get("digest", {}), f"{path}: [digest]"), str(path))
    brief_table = _table(data.get("brief", {}), f"{path}: [brief]")
    brief = Config().overlay(DIGEST_BRIEF_DEFAULTS).overlay(brief_table, f"{path}: [brief]")
    raw_sources = data.get("source", [])
    if not isinstance(raw_sources, list) or not raw_sources:
        raise DigestConfigError(
            f"{path}: no sources; add [[source]] tables with feed, url or folder"
        )
    base = path.parent.resolve()
    sources = tuple(
        _source(item, n, settings.fields, base, str(path)) for n, item in enumerate(raw_sources, 1)
    )
    keys = [s.key for s in sources]
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    if dupes:
        raise DigestConfigError(f"{path}: source listed twice: {dupes[0]}")
    return DigestConfig(path, settings, sources, brief)


def _table(value: object, where: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise DigestConfigError(f"{where} must be a table")
    return value


def _check_keys(data: Mapping[str, object], valid: tuple[str, ...], where: str) -> None:
    unknown = sorted(set(data) - set(valid))
    if unknown:
        raise DigestConfigError(
            f"{where}: unknown key(s) {', '.join(unknown)}; valid keys: {', '.join(valid)}"
        )


def _settings(table: dict[str, object], origin: str) -> Settings:
    names = tuple(f.name for f in fields(Settings))
    _check_keys(table, names, f"{origin}: [digest]")
    defaults = Settings()
    checked: dict[str, object] = {}
    for name, value in table.items():
        current = getattr(defaults, name)
        where = f"{origin}: [digest] {name}"
        if name == "fields":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise DigestConfigError(f'{where} must be a list of names, e.g. ["lean"]')
            reserved = sorted(set(value) & {*KINDS, "label"})
            if reserved:
                raise DigestConfigError(f"{where}: {reserved[0]} is a reserved key")
            checked[name] = tuple(value)
        elif isinstance(current, str) or current is None:
            if not isinstance(value, str):
                raise DigestConfigError(f"{where} must be a string")
            checked[name] = value
        elif isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise DigestConfigError(f"{where} must be a non-negative number, got {value!r}")
        else:
            checked[name] = float(value) if isinstance(current, float) else int(value)
    return replace(defaults, **checked)  # type: ignore[arg-type]


def _source(
    item: object, number: int, user_fields: tuple[str, ...], base: Path, origin: str
) -> Source:
    where = f"{origin}: source #{number}"
    if not isinstance(item, dict):
        raise DigestConfigError(f"{where} must be a table")
    _check_keys(item, (*KINDS, "label", *user_fields), where)
    kinds = [k for k in KINDS if k in item]
    if len(kinds) != 1:
        raise DigestConfigError(f"{where}: give exactly one of feed, url or folder")
    kind = kinds[0]
    values = {k: v for k, v in item.items() if k != kind}
    for key, value in values.items():
        if not isinstance(value, str):
            raise DigestConfigError(f"{where}: {key} must be a string")
    location = item[kind]
    if not isinstance(location, str) or not location.strip():
        raise DigestConfigError(f"{where}: {kind} must be a non-empty string")
    if kind == "folder":
        folder = Path(location).expanduser()
        location = str(folder if folder.is_absolute() else (base / folder).resolve())
    elif not location.lower().startswith(("http://", "https://")):
        raise DigestConfigError(f"{where}: {kind} must be an http(s) URL, got {location!r}")
    extra = {k: str(v) for k, v in values.items() if k != "label"}
    label = values.get("label")
    return Source(kind, location, str(label) if label else None, MappingProxyType(extra))
