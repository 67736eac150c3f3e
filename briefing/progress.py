"""Progress through the pipeline's stages: a small Protocol the library reports to.

The library never prints. It announces stages (``with progress.stage("Grouping paraphrases")``)
and, where it knows the amount of work, advances them. The CLI passes a ``RichProgress`` (a
transient bar on stderr, only on a terminal); the speed benchmark passes a ``Stopwatch``;
everything else gets ``SILENT``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress as RichProgressBar


class Stage(Protocol):
    def advance(self, amount: int) -> None: ...


class Progress(Protocol):
    def stage(self, name: str, total: int | None = None) -> AbstractContextManager[Stage]:
        """A stage of work; ``total`` units when known (advance the stage as they are done)."""
        ...


class _NoStage:
    def advance(self, amount: int) -> None:
        return None


class Silent:
    """Reports nothing."""

    def stage(self, name: str, total: int | None = None) -> AbstractContextManager[Stage]:
        return nullcontext(_NoStage())


SILENT = Silent()


class Stopwatch:
    """Seconds spent in each stage (summed when a stage recurs), passing reports on."""

    def __init__(self, inner: Progress = SILENT) -> None:
        self.inner = inner
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[Stage]:
        start = time.perf_counter()
        try:
            with self.inner.stage(name, total) as stage:
                yield stage
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start


class _RichStage:
    def __init__(self, bar: RichProgressBar, task: object) -> None:
        self.bar, self.task = bar, task

    def advance(self, amount: int) -> None:
        self.bar.advance(self.task, amount)  # type: ignore[arg-type]


class RichProgress:
    """A transient progress display on stderr: one line per stage, a bar when the amount of
    work is known. Use it as a context manager."""

    def __init__(self, console: Console | None = None, delay: float = 1.0) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            SpinnerColumn,
            Task,
            TextColumn,
            TimeElapsedColumn,
        )
        from rich.progress import Progress as RichProgressBar
        from rich.text import Text

        class _CountColumn(MofNCompleteColumn):
            """ "done/total" for stages that know their total; nothing for the others."""

            def render(self, task: Task) -> Text:
                return super().render(task) if task.total is not None else Text("")

        self._bar = RichProgressBar(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            _CountColumn(),
            TimeElapsedColumn(),
            console=console or Console(stderr=True),
            transient=True,
        )
        # Shown only once the run has lasted ``delay`` seconds: quick runs print nothing.
        self._timer = threading.Timer(delay, self._bar.start)
        self._timer.daemon = True

    def __enter__(self) -> RichProgress:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        self._timer.join()
        self._bar.stop()

    @contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[Stage]:
        task = self._bar.add_task(name, total=total)
        try:
            yield _RichStage(self._bar, task)
        finally:
            self._bar.update(task, completed=total if total is not None else 1, total=total or 1)
            self._bar.remove_task(task)
