from __future__ import annotations

import io
import time

from rich.console import Console

from briefing.progress import SILENT, RichProgress, Stopwatch


def test_stopwatch_sums_recurring_stages_and_passes_reports_on() -> None:
    seen: list[tuple[str, int | None]] = []

    class Recorder:
        def stage(self, name: str, total: int | None = None):  # type: ignore[no-untyped-def]
            seen.append((name, total))
            return SILENT.stage(name, total)

    clock = Stopwatch(Recorder())
    for _ in range(2):
        with clock.stage("a", total=3) as stage:
            stage.advance(3)
            time.sleep(0.01)
    with clock.stage("b"):
        pass
    assert seen == [("a", 3), ("a", 3), ("b", None)]
    assert clock.seconds["a"] >= 0.02 and set(clock.seconds) == {"a", "b"}


def test_stopwatch_records_a_stage_that_fails() -> None:
    clock = Stopwatch()
    try:
        with clock.stage("broken"):
            raise ValueError("boom")
    except ValueError:
        pass
    assert "broken" in clock.seconds


def test_rich_progress_draws_stages_on_a_terminal_and_clears_them() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=100)
    progress = RichProgress(console, delay=0.0)
    with progress, progress.stage("Encoding sentences", total=10) as stage:
        stage.advance(4)
        time.sleep(0.3)  # rich redraws ten times a second
    text = out.getvalue()
    assert "Encoding sentences" in text and "4/10" in text


def test_rich_progress_stays_quiet_on_quick_runs() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=100)
    with RichProgress(console, delay=60.0) as progress, progress.stage("Reading articles"):
        pass
    assert out.getvalue() == ""
