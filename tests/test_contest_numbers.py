"""Quantities: number words, bounds, units and the thing counted."""

from __future__ import annotations

import math

import pytest

from briefing.numbers import quantities


def one(text: str) -> tuple[float, float, str, frozenset[str]]:
    (q,) = quantities(text, 0)
    return q.low, q.high, q.dimension, q.thing


@pytest.mark.parametrize(
    ("text", "low", "high", "dimension"),
    [
        ("More than two dozen foreign leaders came.", 24, math.inf, "count"),
        ("Leaders from 20 nations came.", 20, 20, "count"),
        ("Putin announced a 72-hour ceasefire.", 72, 72, "hours"),
        ("Putin announced a three-day ceasefire.", 72, 72, "hours"),
        ("Ukraine wants a ceasefire lasting at least 30 days.", 720, math.inf, "hours"),
        ("Tariffs of 145 percent were imposed.", 145, 145, "percent"),
        ("Tariffs of 145% were imposed.", 145, 145, "percent"),
        ("Tariffs of 145 per cent were imposed.", 145, 145, "percent"),
        ("Officials said 1,200 people were evacuated.", 1200, 1200, "count"),
        ("Twenty-five soldiers were hurt.", 25, 25, "count"),
        ("Fewer than 30 people came.", 0, 30, "count"),
        ("The bridge cost $5 million to build.", 5e6, 5e6, "money $"),
        ("A 42-year-old fisherman was hurt.", 42 * 8766, 42 * 8766, "age"),
    ],
)
def test_values_are_normalised(text: str, low: float, high: float, dimension: str) -> None:
    got = one(text)
    assert got[:3] == (low, high, dimension)


def test_the_counted_thing_is_the_noun_or_what_the_number_hangs_off() -> None:
    assert one("More than two dozen foreign leaders came.")[3] == {"leader"}
    assert one("Leaders from 20 nations, including Brazil, came.")[3] == {"leader", "nation"}
    assert "ceasefir" in one("Putin announced a 72-hour ceasefire.")[3]


@pytest.mark.parametrize(
    "text",
    [
        "The war ended in 1945 and the treaty followed.",
        "The parade is on May 9 in Red Square.",
        "The two leaders met on Thursday.",
        "They have met dozens of times since then.",
        "It marked the 80th anniversary of the victory.",
    ],
)
def test_years_dates_references_and_vague_plurals_are_not_quantities(text: str) -> None:
    assert quantities(text, 0) == []
