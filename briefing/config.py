"""One ``Config`` with defaults in code; a TOML file overlays it; unknown keys are errors."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from .errors import ConfigError

HOME_ENV = "BRIEF_HOME"


def brief_home() -> Path:
    """Where brief keeps state (embedding cache, digest store): ``$BRIEF_HOME`` or XDG data."""
    explicit = os.environ.get(HOME_ENV)
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "brief"


@dataclass(frozen=True)
class Config:
    # Two sentences are paraphrases when their cosine similarity reaches this (see cluster.py).
    paraphrase_threshold: float = 0.78
    # Below the threshold but above this, a pair still joins when its content words overlap a lot.
    paraphrase_floor: float = 0.55
    lexical_overlap: float = 0.5
    # Inside one source, sentences this similar are repeats and collapse.
    repeat_threshold: float = 0.90
    # Length control.
    max_consensus: int = 10
    max_unique_per_source: int = 3
    max_words: int | None = None
    # Ranking weights: sources carrying a cluster, centrality, position in the article,
    # coverage by the other documents. Chosen by cross-validated ROUGE on TAC 2011 (README,
    # Benchmarks); centrality is off by default.
    weight_support: float = 1.0
    weight_centrality: float = 0.0
    weight_position: float = 2.0
    weight_coverage: float = 1.0
    # MMR trade-off between importance (1.0) and novelty (0.0).
    mmr_lambda: float = 0.85
    # Sentences shorter/longer than this (in words) are not picked as representatives.
    min_words: int = 6
    max_sentence_words: int = 70
    max_file_bytes: int = 5_000_000

    @classmethod
    def field_names(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    def overlay(self, values: dict[str, object], origin: str = "config") -> Config:
        unknown = sorted(set(values) - set(self.field_names()))
        if unknown:
            valid = ", ".join(self.field_names())
            raise ConfigError(f"{origin}: unknown key(s) {', '.join(unknown)}; valid keys: {valid}")
        checked: dict[str, object] = {}
        for f in fields(self):
            if f.name not in values:
                continue
            value = values[f.name]
            current = getattr(self, f.name)
            expected = type(current) if current is not None else int
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ConfigError(f"{origin}: {f.name} must be a number, got {value!r}")
            checked[f.name] = float(value) if expected is float else int(value)
        return replace(self, **checked)  # type: ignore[arg-type]


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: no such config file") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    section = data.get("brief", data)
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [brief] must be a table")
    return Config().overlay(section, origin=str(path))
