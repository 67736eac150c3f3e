"""Errors of the digest feature; each one is a one-line message for the user."""

from __future__ import annotations

from ..errors import BriefError, ConfigError


class DigestError(BriefError):
    """A digest run cannot go on (store locked or unreadable, output folder unusable)."""


class DigestConfigError(ConfigError):
    """The digest config file is invalid."""


class FetchError(BriefError):
    """One source could not be fetched or parsed; recorded per source, never fatal to a run."""
