"""The cleaning/splitting cache returns exactly what ``prepare`` returns, without re-splitting."""

from __future__ import annotations

from pathlib import Path

from briefing.clean import prepare
from briefing.prepcache import PreparedCache
from briefing.sentences import Span, SyntokSplitter

RAWS = [
    "date 2025-05-08 The council met on Tuesday. It approved the budget after a long debate.",
    "6 hours ago\n\nHarbour reopens\n\nThe harbour reopened on Friday, officials said.",
]


class CountingSplitter(SyntokSplitter):
    def __init__(self) -> None:
        self.calls = 0

    def spans(self, text: str) -> list[Span]:
        self.calls += 1
        return super().spans(text)


def test_cache_round_trips_and_skips_splitting(tmp_path: Path) -> None:
    path = tmp_path / "prepared.sqlite3"
    first = PreparedCache(path).prepare_all(RAWS, SyntokSplitter())
    assert first == [prepare(raw, SyntokSplitter()) for raw in RAWS]
    counting = CountingSplitter()
    cache = PreparedCache(path)
    again = cache.prepare_all([RAWS[1], RAWS[0], RAWS[1]], counting)
    assert again == [first[1], first[0], first[1]]
    assert counting.calls == 0
    assert (cache.hits, cache.misses) == (3, 0)
