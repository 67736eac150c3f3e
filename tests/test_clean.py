"""Cleaning: page chrome out, prose in, spans exact. Inputs are built from the kinds of mess the
seed articles carry, written fresh here (no rule is keyed to one outlet)."""

from __future__ import annotations

import pytest

from briefing.clean import (
    clean_sentence,
    extract_leading_date,
    is_chrome_block,
    prepare,
    split_blocks,
    strip_inline_html,
)
from briefing.sentences import SyntokSplitter

SPLITTER = SyntokSplitter()


def sentences_of(raw: str) -> list[str]:
    prepared = prepare(raw, SPLITTER)
    return [prepared.text[s.start : s.end] for s in prepared.spans]


def test_inline_tags_and_entities_are_removed_keeping_words() -> None:
    raw = 'The <a href="https://x.example/tags/mayor/" title="t">mayor</a> said &quot;yes&quot;.'
    assert strip_inline_html(raw) == 'The mayor said "yes".'


def test_leading_date_becomes_the_date() -> None:
    date, rest = extract_leading_date(" date 2024-03-01 The council met on Monday.")
    assert date == "2024-03-01"
    assert rest == "The council met on Monday."
    assert extract_leading_date("The date 2024-03-01 was chosen.")[0] is None


def test_hard_wrapped_lines_join_into_one_paragraph() -> None:
    assert split_blocks("First line of a\nparagraph.\n\n Second\n") == [
        "First line of a paragraph.",
        "Second",
    ]


@pytest.mark.parametrize(
    "block",
    [
        "6 hours ago 1",
        "12 minutes ago",
        "Related article: Ten things the council did not say about the budget",
        "Also read | The mayor's dog wins a prize",
        "Read Entire Article",
        "CLICK HERE TO GET THE EXAMPLE NEWS APP",
        "BREAKING TALKS LOOM AS MINISTER FLIES TO GENEVA: 'BIG DAY'",
        "From Twitter",
        "Comments",
        "Follow Jane Doe on Facebook and Twitter.",
        "By Jane Doe and John Roe",
        "Jane Doe is a Reporter at Example News covering politics and world news.",
        "The minister arrives in Geneva on May 3, 2025. (Jane Roe/AFP via Getty Images)",
    ],
)
def test_chrome_blocks_are_recognised(block: str) -> None:
    assert is_chrome_block(block)


@pytest.mark.parametrize(
    "block",
    [
        "The minister said the talks would resume on Friday.",
        "More than 20 people were hurt, officials said (according to local media).",
        "Comments from residents were mostly positive, the survey found.",
    ],
)
def test_prose_is_not_chrome(block: str) -> None:
    assert not is_chrome_block(block)


def test_prepare_drops_chrome_captions_and_headings() -> None:
    raw = (
        "3 hours ago\n\n"
        "Council approves budget amid protests\n\n"
        "The city council approved the budget on Tuesday after a long debate.\n\n"
        "Protesters gather outside city hall\n\n"
        "Protesters gather outside city hall on May 2. (Jane Roe/Reuters via Getty Images)\n\n"
        "CLICK HERE TO GET THE APP\n\n"
        "The mayor said the plan would cut waiting times by half.\n\n"
        "Jane Doe is a reporter at Example News covering local politics.\n\n"
        "Read Entire Article\n\nFrom Twitter\n\nComments\n"
    )
    prepared = prepare(raw, SPLITTER)
    assert sentences_of(raw) == [
        "The city council approved the budget on Tuesday after a long debate.",
        "The mayor said the plan would cut waiting times by half.",
    ]
    assert prepared.headline == "Council approves budget amid protests"


def test_run_in_headings_are_split_off_and_dropped() -> None:
    raw = (
        "The talks began on Monday in the capital. Energy and commercial talks Beyond symbolism, "
        "leaders discussed trade and energy. Victory day symbolism The timing of the visit is "
        "important, officials said."
    )
    assert sentences_of(raw) == [
        "The talks began on Monday in the capital.",
        "Beyond symbolism, leaders discussed trade and energy.",
        "The timing of the visit is important, officials said.",
    ]


def test_sentences_with_a_name_after_a_verb_are_not_cut() -> None:
    assert clean_sentence("Putin warmly welcomes Xi, calling him a dear friend.") == (
        "Putin warmly welcomes Xi, calling him a dear friend."
    )
    assert clean_sentence("The president met Mr Lula in the afternoon.") == (
        "The president met Mr Lula in the afternoon."
    )


def test_inline_also_read_keeps_the_sentence_glued_after_it() -> None:
    raw = (
        "Leaders met in the capital this week. Also read | Video: A dog rides a bus across town "
        "Conflict in progress Despite the festive mood, the war goes on. Also read | Minister "
        "says that a deal will be announced soon"
    )
    assert sentences_of(raw) == [
        "Leaders met in the capital this week.",
        "Despite the festive mood, the war goes on.",
    ]


def test_spans_are_exact_offsets_into_the_cleaned_text() -> None:
    raw = (
        "date 2025-01-02 First sentence is here.  Second one\nwraps a line.\n\n"
        "The third paragraph ends here."
    )
    prepared = prepare(raw, SPLITTER)
    texts = [prepared.text[s.start : s.end] for s in prepared.spans]
    assert texts == [
        "First sentence is here.",
        "Second one wraps a line.",
        "The third paragraph ends here.",
    ]
    assert prepared.date == "2025-01-02"
