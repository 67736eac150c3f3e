"""The command line: a thin layer that checks flags, calls the library, writes the result.

Nothing heavy is imported at start-up: ``brief --help`` never loads torch, and ``brief make``
only loads the model when a sentence is missing from the embedding cache.
"""

from __future__ import annotations

import os
import sys
import tempfile
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated

import typer

from . import bench_cli, digest_cli
from .errors import BriefError

app = typer.Typer(
    name="brief",
    help="Many articles about the same events in; one neutral, cited, extractive briefing out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """brief: neutral, cited briefings from many news articles."""


def fail(message: str) -> typer.Exit:
    typer.echo(f"brief: error: {message}", err=True)
    return typer.Exit(code=1)


def warn(message: str) -> None:
    typer.echo(f"brief: warning: {message}", err=True)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temp file and rename: no half-written file on failure."""
    path = path.expanduser()
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise BriefError(f"{path}: folder {directory} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise BriefError(f"{path}: cannot write ({exc.strerror})") from exc


def _format_for(output: Path | None, fmt: str | None) -> str:
    if fmt is not None:
        if fmt not in ("md", "html", "json"):
            raise BriefError(f"unknown format {fmt!r}; use md, html or json")
        return fmt
    suffix = output.suffix.lower().lstrip(".") if output else ""
    return {"htm": "html", "html": "html", "json": "json"}.get(suffix, "md")


@app.command()
def make(
    paths: Annotated[
        list[Path], typer.Argument(help="Article files or folders (.txt .md .html .json .jsonl).")
    ],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Write here instead of stdout (atomically)."),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", help="md, html or json (default: from -o's suffix, else md)."
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option("--templates", help="Folder whose templates override the built-in ones."),
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="Title of the briefing.")] = None,
    config_file: Annotated[
        Path | None, typer.Option("--config", help="TOML file overriding settings (see README).")
    ] = None,
    max_statements: Annotated[
        int | None,
        typer.Option("--max-statements", min=1, help="At most this many agreed statements."),
    ] = None,
    max_words: Annotated[
        int | None, typer.Option("--max-words", min=1, help="Word budget for the statements.")
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Do not read or write the embedding cache.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No warnings or progress on stderr.")
    ] = False,
) -> None:
    """Make one briefing from articles about the same events."""
    from .config import brief_home, load_config
    from .embed import default_embedder
    from .pipeline import make_briefing
    from .prepcache import PreparedCache
    from .progress import SILENT, RichProgress
    from .render import render
    from .sentences import SyntokSplitter

    try:
        chosen = _format_for(output, fmt)
        config = load_config(config_file)
        overrides: dict[str, object] = {}
        if max_statements is not None:
            overrides["max_consensus"] = max_statements
        if max_words is not None:
            overrides["max_words"] = max_words
        config = config.overlay(overrides, origin="command line")
        cache = None if no_cache else brief_home() / "cache"
        show = not quiet and sys.stderr.isatty()
        with RichProgress() if show else nullcontext(SILENT) as progress:
            embedder = default_embedder(cache, progress)
            prepared = None if cache is None else PreparedCache(cache / "prepared.sqlite3")
            briefing, warnings = make_briefing(
                paths,
                embedder,
                SyntokSplitter(),
                config,
                title,
                prepared_cache=prepared,
                progress=progress,
            )
        if not quiet:
            for message in warnings:
                warn(message)
        text = render(briefing, chosen, templates)  # type: ignore[arg-type]
        if output is None:
            sys.stdout.write(text)
        else:
            write_atomic(output, text)
    except BriefError as exc:
        raise fail(str(exc)) from None


# Commands kept in their own modules; each imports its heavy parts only when it runs.
bench_cli.register(app)
digest_cli.register(app)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("brief: interrupted", err=True)
        raise SystemExit(130) from None
