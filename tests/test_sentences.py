from __future__ import annotations

from briefing.sentences import SyntokSplitter, split_run_in_heading


def split(text: str) -> list[str]:
    return [text[s.start : s.end] for s in SyntokSplitter().spans(text)]


def test_abbreviations_stay_inside_sentences() -> None:
    text = "Mr. Smith met the U.N. envoy in the U.S. capital on Friday. He left at noon."
    assert split(text) == [
        "Mr. Smith met the U.N. envoy in the U.S. capital on Friday.",
        "He left at noon.",
    ]


def test_quotations_with_inner_full_stops_stay_whole() -> None:
    text = 'The minister said "No. We will not sign." Talks ended. “Never. Not today,” he added.'
    assert split(text) == [
        'The minister said "No. We will not sign."',
        "Talks ended.",
        "“Never. Not today,” he added.",
    ]


def test_run_in_heading_detection_is_conservative() -> None:
    assert split_run_in_heading("Notable guests and EU challenge XI is part of the group.") == (
        "Notable guests and EU challenge",
        "XI is part of the group.",
    )
    assert split_run_in_heading("The council met on Monday. It was late.") is None
    assert (
        split_run_in_heading(
            "Chinese President Xi Jinping and Russian President Vladimir Putin on May 8 met."
        )
        is None
    )
