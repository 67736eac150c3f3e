"""Daily runs: a cron line, a systemd user timer, or an in-process APScheduler.

Every scheduled command is ``brief digest --catch-up``: it runs each date whose digest time has
passed without a finished digest (remembered in the store), so a laptop asleep at 07:00 gets
yesterday's digest when it wakes. The systemd timer also has ``Persistent=true``; the
in-process scheduler catches up at start and on every tick (APScheduler's cron trigger,
``misfire_grace_time=None`` so a tick missed during sleep still fires, coalesced into one).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import time
from pathlib import Path

from .errors import DigestError

MARKER = "# brief-digest"
UNIT = "brief-digest"


def parse_at(text: str) -> time:
    try:
        hours, minutes = text.split(":")
        return time(int(hours), int(minutes))
    except ValueError as exc:
        raise DigestError(f"invalid time {text!r}; use HH:MM (24-hour), e.g. 07:30") from exc


def brief_command() -> list[str]:
    """The ``brief`` executable of this installation (next to its Python when in a venv)."""
    beside = Path(sys.executable).parent / "brief"
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("brief")
    if found:
        return [found]
    return [sys.executable, "-c", "from briefing.cli import main; main()"]


def digest_command(config: Path, at: time, out: Path | None) -> list[str]:
    command = [*brief_command(), "digest", "--config", str(config.resolve()), "--catch-up"]
    command += ["--at", f"{at:%H:%M}"]
    if out is not None:
        command += ["--out", str(out.resolve())]
    return [*command, "--quiet"]


def cron_line(config: Path, at: time, out: Path | None) -> str:
    command = shlex.join(digest_command(config, at, out))
    return f"{at.minute} {at.hour} * * * {command} {MARKER} {config.resolve()}"


@dataclass(frozen=True)
class SystemdUnits:
    service: str
    timer: str


def systemd_units(config: Path, at: time, out: Path | None) -> SystemdUnits:
    command = shlex.join(digest_command(config, at, out))
    service = (
        "[Unit]\nDescription=brief daily digest\nWants=network-online.target\n"
        "After=network-online.target\n\n"
        f"[Service]\nType=oneshot\nExecStart={command}\n"
    )
    timer = (
        "[Unit]\nDescription=brief daily digest timer\n\n"
        f"[Timer]\nOnCalendar=*-*-* {at.hour:02d}:{at.minute:02d}:00\nPersistent=true\n\n"
        "[Install]\nWantedBy=timers.target\n"
    )
    return SystemdUnits(service, timer)


Runner = Callable[[Sequence[str], str | None], str]


def run_command(args: Sequence[str], stdin: str | None = None) -> str:
    try:
        done = subprocess.run(
            list(args), input=stdin, capture_output=True, text=True, check=False, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DigestError(f"cannot run {args[0]} ({exc})") from exc
    if done.returncode != 0 and not (args[-1] == "-l" and "no crontab" in done.stderr.lower()):
        message = (done.stderr or done.stdout).strip().splitlines()
        raise DigestError(
            f"{shlex.join(args)} failed: {message[0] if message else done.returncode}"
        )
    return done.stdout


def install_cron(
    line: str, config: Path, crontab: str = "crontab", run: Runner = run_command
) -> str:
    """Replace this config's line in the user's crontab (other lines are kept)."""
    current = run([crontab, "-l"], None)
    tag = f"{MARKER} {config.resolve()}"
    kept = [entry for entry in current.splitlines() if not entry.rstrip().endswith(tag)]
    new = "\n".join([*kept, line]) + "\n"
    run([crontab, "-"], new)
    return new


def install_systemd(
    units: SystemdUnits, systemctl: str = "systemctl", run: Runner = run_command
) -> list[Path]:
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "systemd" / "user"
    base.mkdir(parents=True, exist_ok=True)
    written = []
    for suffix, text in ((".service", units.service), (".timer", units.timer)):
        path = base / f"{UNIT}{suffix}"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    run([systemctl, "--user", "daemon-reload"], None)
    run([systemctl, "--user", "enable", "--now", f"{UNIT}.timer"], None)
    return written


class Foreground:
    """An APScheduler background scheduler that calls ``job`` once at start, at ``at`` every
    day and every hour. ``job`` catches up every missed date (see ``run.catch_up``), so the
    extra calls cost nothing when nothing is due; calls never overlap."""

    def __init__(self, at: time, job: Callable[[], None], timezone: str | None = None) -> None:
        from apscheduler.schedulers.background import BackgroundScheduler
        from apscheduler.triggers.cron import CronTrigger

        self.scheduler = (
            BackgroundScheduler(timezone=timezone) if timezone else BackgroundScheduler()
        )
        busy = threading.Lock()

        def once(job: Callable[[], None] = job) -> None:
            """The three jobs below share one body; never two catch-ups at a time."""
            if busy.acquire(blocking=False):
                try:
                    job()
                finally:
                    busy.release()

        trigger = CronTrigger(hour=at.hour, minute=at.minute, timezone=self.scheduler.timezone)
        self.scheduler.add_job(
            once, trigger, id="digest", coalesce=True, max_instances=1, misfire_grace_time=None
        )
        # Also check every hour: cheap when nothing is due, and covers clock jumps.
        self.scheduler.add_job(
            once, "interval", hours=1, id="hourly-check", coalesce=True, max_instances=1
        )
        self.scheduler.add_job(once, id="catch-up-at-start", max_instances=1)

    def start(self) -> None:
        self.scheduler.start()

    def next_run(self) -> str:
        job = self.scheduler.get_job("digest")
        return str(job.next_run_time) if job is not None else "never"

    def stop(self) -> None:
        self.scheduler.shutdown(wait=True)
