"""``brief bench``: the ROUGE and speed benchmarks (README, Benchmarks).

Imports stay inside the commands: ``brief --help`` must not load sumy, rouge-score or torch.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

DEFAULT_DATA = Path("benchmarks/data/tac2011_multiling_english.jsonl")

bench = typer.Typer(help="Benchmarks: ROUGE against classic summarizers, and speed.")


def register(app: typer.Typer) -> None:
    app.add_typer(bench, name="bench")


def _fail(message: str) -> typer.Exit:
    typer.echo(f"brief: error: {message}", err=True)
    return typer.Exit(code=1)


@bench.command("rouge")
def rouge(
    dataset: Annotated[Path, typer.Argument(help="JSONL: one cluster per line (see docs).")],
    out: Annotated[Path | None, typer.Option("--out", help="Write results as JSON.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="First N clusters.")] = None,
    systems: Annotated[
        str | None, typer.Option("--systems", help="Comma-separated subset of the systems.")
    ] = None,
    config_file: Annotated[Path | None, typer.Option("--config", help="TOML settings.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="No embedding cache.")] = False,
) -> None:
    """ROUGE-1/2/L of brief, sumy (LexRank, TextRank, LSA, KL, SumBasic), Lead and oracle."""
    from .bench.data import load_dataset
    from .bench.rouge import SYSTEMS, aggregate, run_cluster, table, to_json
    from .cli import write_atomic
    from .config import brief_home, load_config
    from .embed import default_embedder
    from .errors import BriefError
    from .sentences import SyntokSplitter

    try:
        chosen = tuple(SYSTEMS if systems is None else systems.split(","))
        unknown = sorted(set(chosen) - set(SYSTEMS))
        if unknown:
            raise BriefError(f"unknown system(s) {', '.join(unknown)}; use {', '.join(SYSTEMS)}")
        config = load_config(config_file)
        clusters = load_dataset(dataset, limit)
        embedder = default_embedder(None if no_cache else brief_home() / "cache")
        results = []
        for cluster in clusters:
            result = run_cluster(cluster, SyntokSplitter(), embedder, config, chosen)
            typer.echo(
                f"{cluster.id}: {result.sentences} sentences, budget {result.budget}", err=True
            )
            results.append(result)
        typer.echo(table(aggregate(results)))
        if out is not None:
            payload = to_json(results, str(dataset), config)
            write_atomic(out, json.dumps(payload, indent=2, sort_keys=True) + "\n")
    except BriefError as exc:
        raise _fail(str(exc)) from None


@bench.command("speed")
def speed(
    sizes: Annotated[str, typer.Option("--sizes", help="Article counts.")] = "10,100,1000",
    work: Annotated[
        Path, typer.Option("--work", help="Folder for the generated articles and caches.")
    ] = Path("bench-speed"),
    dataset: Annotated[
        Path, typer.Option("--dataset", help="Where the real sentences come from.")
    ] = DEFAULT_DATA,
    lexrank_max: Annotated[
        int, typer.Option("--lexrank-max", help="Time sumy LexRank up to this many sentences.")
    ] = 3000,
    out: Annotated[Path | None, typer.Option("--out", help="Write results as JSON.")] = None,
) -> None:
    """`brief make` on growing inputs (unique sentences): cold and warm cache, per stage."""
    from .bench.speed import run_sizes, speed_table
    from .cli import write_atomic
    from .errors import BriefError

    try:
        counts = [int(s) for s in sizes.split(",") if s.strip()]
        rows = run_sizes(counts, work, dataset, lexrank_max, log=lambda m: typer.echo(m, err=True))
        typer.echo(speed_table(rows))
        if out is not None:
            write_atomic(out, json.dumps(rows, indent=2, sort_keys=True) + "\n")
    except ValueError as exc:
        raise _fail(f"--sizes: {exc}") from None
    except BriefError as exc:
        raise _fail(str(exc)) from None
