"""Typed errors. The library raises these; the CLI turns them into one-line messages."""

from __future__ import annotations


class BriefError(Exception):
    """Base class for every error brief reports to a user."""


class InputError(BriefError):
    """An input path or file cannot be used (missing, empty, unreadable, wrong format)."""


class ConfigError(BriefError):
    """A configuration or metadata file is invalid."""


class TemplateError(BriefError):
    """A template is missing or fails to render."""
