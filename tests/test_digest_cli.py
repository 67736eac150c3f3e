"""``brief digest`` and ``brief schedule`` through the command line, and the scheduler."""

from __future__ import annotations

import stat
import threading
from datetime import datetime, time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing.cli import app
from briefing.digest.config import load_digest_config
from briefing.digest.run import RunOptions, catch_up, due_dates, last_completed
from briefing.digest.schedule import Foreground, cron_line, parse_at
from briefing.sentences import SyntokSplitter
from tests.conftest import HashingEmbedder
from tests.test_digest_support import DAY1, NewsServer, news_server, publish, write_config

__all__ = ["news_server"]

runner = CliRunner()


@pytest.fixture
def fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    import briefing.embed

    monkeypatch.setattr(briefing.embed, "default_embedder", lambda *a, **k: HashingEmbedder())


def test_brief_digest_writes_the_day_and_the_index(
    news_server: NewsServer, tmp_path: Path, fake_model: None
) -> None:
    publish(news_server, [DAY1])
    config = write_config(tmp_path / "digest.toml", news_server)
    out = tmp_path / "out"
    args = ["digest", "--config", str(config), "--date", "2026-11-20", "--out", str(out)]
    result = runner.invoke(app, [*args, "--format", "md"])
    assert result.exit_code == 0, result.output
    assert "2026-11-20: 5/5 sources fetched, 12 new articles" in result.stdout
    assert "brief: [1/5] feed Outlet A" in result.stderr  # progress
    assert sorted(p.name for p in out.iterdir()) == ["2026-11-20.md", "index.html"]
    assert 'href="2026-11-20.md"' in (out / "index.html").read_text()
    quiet = runner.invoke(app, [*args, "--quiet"])
    assert quiet.exit_code == 0 and quiet.stderr == ""
    assert "0 new articles (12 today), 3 stories" in quiet.stdout
    assert (out / "2026-11-20.html").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "2026-13-01"], "invalid date '2026-13-01'; use YYYY-MM-DD"),
        (["--format", "pdf"], "unknown format pdf; use md or html"),
        (["--catch-up", "--date", "2026-11-20"], "give either --date or --catch-up, not both"),
    ],
)
def test_brief_digest_errors_are_one_line(
    news_server: NewsServer, tmp_path: Path, fake_model: None, args: list[str], message: str
) -> None:
    config = write_config(tmp_path / "digest.toml", news_server)
    result = runner.invoke(app, ["digest", "--config", str(config), *args])
    assert result.exit_code == 1
    assert result.stderr == f"brief: error: {message}\n"


def test_unknown_config_key_fails(tmp_path: Path) -> None:
    config = tmp_path / "d.toml"
    config.write_text('[[source]]\nfeed = "https://a.org/x"\nbias = "x"\n')
    result = runner.invoke(app, ["digest", "--config", str(config)])
    assert result.exit_code == 1
    assert "unknown key(s) bias; valid keys: feed, url, folder, label" in result.stderr


def test_print_cron_and_systemd(tmp_path: Path) -> None:
    config = tmp_path / "d.toml"
    config.write_text('[[source]]\nfeed = "https://a.org/x"\n')
    result = runner.invoke(
        app,
        [
            "schedule",
            "--config",
            str(config),
            "--at",
            "06:45",
            "--out",
            str(tmp_path / "out"),
            "--print-cron",
        ],
    )
    assert result.exit_code == 0
    line = result.stdout.strip()
    assert line.startswith("45 6 * * * ") and line.endswith(f"# brief-digest {config}")
    assert (
        f"digest --config {config} --catch-up --at 06:45 --out {tmp_path / 'out'} --quiet" in line
    )
    units = runner.invoke(
        app, ["schedule", "--config", str(config), "--at", "06:45", "--print-systemd"]
    )
    assert "OnCalendar=*-*-* 06:45:00" in units.stdout and "Persistent=true" in units.stdout
    assert "ExecStart=" in units.stdout and "--catch-up" in units.stdout
    bad = runner.invoke(app, ["schedule", "--config", str(config), "--at", "25:00"])
    assert bad.exit_code == 1 and "invalid time '25:00'" in bad.stderr


def fake_tool(path: Path, log: Path) -> Path:
    """A stand-in for crontab/systemctl: records its arguments and stdin; ``-l`` prints state."""
    path.write_text(
        "#!/bin/sh\n"
        f'echo "$@" >> "{log}"\n'
        f'if [ "$1" = "-l" ]; then cat "{log}.state" 2>/dev/null; exit 0; fi\n'
        f'if [ "$1" = "-" ]; then cat > "{log}.state"; fi\n'
    )
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


def test_install_cron_replaces_only_its_own_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "crontab.log"
    monkeypatch.setenv("BRIEF_CRONTAB", str(fake_tool(tmp_path / "crontab", log)))
    Path(f"{log}.state").write_text("0 1 * * * backup.sh\n")
    config = tmp_path / "d.toml"
    config.write_text('[[source]]\nfeed = "https://a.org/x"\n')
    for at in ("07:00", "08:30"):
        result = runner.invoke(
            app, ["schedule", "--config", str(config), "--at", at, "--install", "cron"]
        )
        assert result.exit_code == 0, result.output
    lines = Path(f"{log}.state").read_text().splitlines()
    assert lines[0] == "0 1 * * * backup.sh" and len(lines) == 2
    assert lines[1].startswith("30 8 * * * ")


def test_install_systemd_writes_units(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "systemctl.log"
    monkeypatch.setenv("BRIEF_SYSTEMCTL", str(fake_tool(tmp_path / "systemctl", log)))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    config = tmp_path / "d.toml"
    config.write_text('[[source]]\nfeed = "https://a.org/x"\n')
    result = runner.invoke(app, ["schedule", "--config", str(config), "--install", "systemd"])
    assert result.exit_code == 0, result.output
    timer = tmp_path / "xdg" / "systemd" / "user" / "brief-digest.timer"
    assert "OnCalendar=*-*-* 07:00:00" in timer.read_text()
    assert log.read_text().splitlines() == [
        "--user daemon-reload",
        "--user enable --now brief-digest.timer",
    ]


@pytest.mark.parametrize(
    ("last", "now", "expected"),
    [
        (None, datetime(2026, 11, 21, 6, 0), ["2026-11-20"]),
        (None, datetime(2026, 11, 21, 7, 0), ["2026-11-21"]),
        ("2026-11-21", datetime(2026, 11, 21, 23, 0), []),
        ("2026-11-18", datetime(2026, 11, 21, 8, 0), ["2026-11-19", "2026-11-20", "2026-11-21"]),
        ("2026-11-18", datetime(2026, 11, 21, 6, 59), ["2026-11-19", "2026-11-20"]),
        ("2026-10-01", datetime(2026, 11, 21, 8, 0), ["2026-11-19", "2026-11-20", "2026-11-21"]),
    ],
)
def test_due_dates(last: str | None, now: datetime, expected: list[str]) -> None:
    assert due_dates(last, now, time(7, 0), max_days=3) == expected


def test_catch_up_runs_every_missed_day_once(news_server: NewsServer, tmp_path: Path) -> None:
    publish(news_server, [DAY1])
    config = load_digest_config(write_config(tmp_path / "digest.toml", news_server))
    options = RunOptions(tmp_path / "out")
    args = (HashingEmbedder(), SyntokSplitter(), options)
    first = catch_up(config, datetime(2026, 11, 19, 9, 0), time(7, 0), *args)
    assert [s.day for s in first] == ["2026-11-19"]
    # The machine sleeps through two mornings; on waking every missed day runs, in order.
    woke = catch_up(config, datetime(2026, 11, 21, 7, 30), time(7, 0), *args)
    assert [s.day for s in woke] == ["2026-11-20", "2026-11-21"]
    assert catch_up(config, datetime(2026, 11, 21, 22, 0), time(7, 0), *args) == []
    assert last_completed(config) == "2026-11-21"
    assert {p.name for p in options.out.iterdir()} >= {"2026-11-20.md", "2026-11-21.html"}


def test_foreground_scheduler_catches_up_at_start() -> None:
    ran = threading.Event()
    scheduler = Foreground(parse_at("07:00"), ran.set)
    scheduler.start()
    try:
        assert ran.wait(10), "the catch-up job runs as soon as the scheduler starts"
        assert "07:00:00" in scheduler.next_run()
    finally:
        scheduler.stop()


def test_cron_line_quotes_paths(tmp_path: Path) -> None:
    config = tmp_path / "my digest.toml"
    line = cron_line(config, time(5, 5), None)
    assert f"'{config}'" in line and line.startswith("5 5 * * * ")
