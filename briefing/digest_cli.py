"""``brief digest`` and ``brief schedule``: thin commands over ``briefing.digest``.

Heavy modules (the model, feedparser, trafilatura, APScheduler) load inside the commands, so
``brief --help`` stays fast.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from datetime import date, datetime
from datetime import time as dt_time
from pathlib import Path
from typing import Annotated

import typer

from .errors import BriefError


def _fail(message: str) -> typer.Exit:
    typer.echo(f"brief: error: {message}", err=True)
    return typer.Exit(code=1)


def _progress(quiet: bool) -> Callable[[str], None]:
    def report(message: str) -> None:
        if not quiet:
            typer.echo(f"brief: {message}", err=True)

    return report


ConfigOpt = Annotated[Path, typer.Option("--config", help="Digest config (TOML), see README.")]
OutOpt = Annotated[
    Path | None, typer.Option("--out", help="Folder for YYYY-MM-DD.md/.html and index.html.")
]


def digest(
    config_file: ConfigOpt,
    day: Annotated[
        str | None, typer.Option("--date", help="Digest date, YYYY-MM-DD (default: today).")
    ] = None,
    out: OutOpt = None,
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", help="md or html (default: both).")
    ] = None,
    catch_up: Annotated[
        bool, typer.Option("--catch-up", help="Run every date missed since the last digest.")
    ] = False,
    at: Annotated[
        str, typer.Option("--at", help="With --catch-up: the daily digest time, HH:MM.")
    ] = "00:00",
    templates: Annotated[
        Path | None, typer.Option("--templates", help="Folder overriding built-in templates.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")] = False,
) -> None:
    """Fetch the day's articles and write one briefing per story."""
    from .config import brief_home
    from .digest.config import load_digest_config
    from .digest.run import RunOptions, run_digest
    from .digest.run import catch_up as run_catch_up
    from .digest.schedule import parse_at
    from .embed import default_embedder
    from .sentences import SyntokSplitter

    try:
        if catch_up and day is not None:
            raise BriefError("give either --date or --catch-up, not both")
        config = load_digest_config(config_file)
        formats = (fmt,) if fmt else ("md", "html")
        options = RunOptions(config.out_dir(out), formats, templates)
        embedder = default_embedder(brief_home() / "cache")
        splitter = SyntokSplitter()
        report = _progress(quiet)
        if catch_up:
            summaries = run_catch_up(
                config, datetime.now(), parse_at(at), embedder, splitter, options, report
            )
            if not summaries:
                typer.echo("brief: digest is up to date")
        else:
            chosen = day or date.today().isoformat()
            summaries = [run_digest(config, chosen, embedder, splitter, options, report)]
        for summary in summaries:
            typer.echo(summary.line())
    except BriefError as exc:
        raise _fail(str(exc)) from None


def schedule(
    config_file: ConfigOpt,
    at: Annotated[str, typer.Option("--at", help="Daily time, HH:MM (local time).")] = "07:00",
    out: OutOpt = None,
    print_cron: Annotated[bool, typer.Option("--print-cron", help="Print a crontab line.")] = False,
    print_systemd: Annotated[
        bool, typer.Option("--print-systemd", help="Print a systemd user service and timer.")
    ] = False,
    install: Annotated[
        str | None, typer.Option("--install", help="Install for the user: cron or systemd.")
    ] = None,
    foreground: Annotated[
        bool, typer.Option("--foreground", help="Run in this process, catching up missed days.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")] = False,
) -> None:
    """Run the digest every day at --at (cron, systemd timer, or in this process)."""
    from .digest import schedule as sched
    from .digest.config import load_digest_config

    try:
        when = sched.parse_at(at)
        config = load_digest_config(config_file)
        out_dir = config.out_dir(out)
        if install not in (None, "cron", "systemd"):
            raise BriefError(f"unknown --install {install!r}; use cron or systemd")
        if print_systemd:
            units = sched.systemd_units(config_file, when, out_dir)
            typer.echo(f"# ~/.config/systemd/user/{sched.UNIT}.service\n{units.service}")
            typer.echo(f"# ~/.config/systemd/user/{sched.UNIT}.timer\n{units.timer}", nl=False)
        if install == "cron":
            line = sched.cron_line(config_file, when, out_dir)
            sched.install_cron(line, config_file, os.environ.get("BRIEF_CRONTAB", "crontab"))
            typer.echo(f"installed in your crontab: {line}")
        elif install == "systemd":
            units = sched.systemd_units(config_file, when, out_dir)
            paths = sched.install_systemd(units, os.environ.get("BRIEF_SYSTEMCTL", "systemctl"))
            typer.echo(f"installed and enabled {sched.UNIT}.timer: {', '.join(map(str, paths))}")
        if print_cron or not (print_systemd or install or foreground):
            typer.echo(sched.cron_line(config_file, when, out_dir))
        if foreground:
            _foreground(config_file, when, out_dir, quiet)
    except BriefError as exc:
        raise _fail(str(exc)) from None


def _foreground(config_file: Path, when: dt_time, out_dir: Path, quiet: bool) -> None:
    from .config import brief_home
    from .digest.config import load_digest_config
    from .digest.run import RunOptions, catch_up
    from .digest.schedule import Foreground
    from .embed import default_embedder
    from .sentences import SyntokSplitter

    embedder = default_embedder(brief_home() / "cache")
    report = _progress(quiet)

    def job() -> None:
        try:
            config = load_digest_config(config_file)
            options = RunOptions(out_dir)
            for summary in catch_up(
                config, datetime.now(), when, embedder, SyntokSplitter(), options, report
            ):
                typer.echo(summary.line())
        except BriefError as exc:  # a bad day must not stop tomorrow's run
            typer.echo(f"brief: error: {exc}", err=True)

    runner = Foreground(when, job)
    runner.start()
    typer.echo(f"brief: digest scheduled daily at {when:%H:%M}; next {runner.next_run()}", err=True)
    stop = threading.Event()
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        runner.stop()
        sys.stderr.flush()


def register(app: typer.Typer) -> None:
    app.command(name="digest")(digest)
    app.command(name="schedule")(schedule)
