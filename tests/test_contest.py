"""Contested points on hand-built article sets: each kind, and look-alikes that must not fire."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from briefing.config import Config
from briefing.contest import default_contest_finder
from briefing.ingest import build_corpus
from briefing.lexicon import loaded_terms
from briefing.model import Contest
from briefing.pipeline import analyse, build_briefing
from briefing.readers import RawArticle
from briefing.sentences import SyntokSplitter
from tests.conftest import SAMPLES, HashingEmbedder


def contests(*articles: str, labels: Sequence[str] | None = None) -> list[Contest]:
    names = labels or [f"Outlet {chr(65 + n)}" for n in range(len(articles))]
    raw = [RawArticle(f"a{n}.txt", t, names[n], {}) for n, t in enumerate(articles)]
    corpus = build_corpus(raw, SyntokSplitter())
    return default_contest_finder(analyse(corpus, HashingEmbedder(), Config()), Config())


def facts(found: list[Contest]) -> list[Contest]:
    return [c for c in found if c.kind != "framing"]


def cited(c: Contest) -> list[set[str]]:
    return [{x.source for x in p.citations} for p in c.positions]


def test_incompatible_counts_of_one_thing_are_a_number_contest() -> None:
    found = facts(
        contests(
            "More than two dozen foreign leaders attended the parade in the capital on Friday.",
            "Leaders from 20 nations attended the parade in the capital on Friday.",
        )
    )
    assert [c.kind for c in found] == ["number"]
    assert found[0].topic == "Number of foreign leaders"
    assert sorted(map(sorted, cited(found[0]))) == [["s1"], ["s2"]]
    texts = {p.text for p in found[0].positions}
    assert "Leaders from 20 nations attended the parade in the capital on Friday." in texts


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "Putin announced a 72-hour ceasefire in the war starting on Thursday.",
            "Putin announced a three-day ceasefire in the war starting on Thursday.",
        ),
        (
            "The United States imposed tariffs of 145 percent on Chinese imports this month.",
            "The United States imposed tariffs of 145% on Chinese imports this month.",
        ),
        (
            "Officials said two dozen people were injured in the blast downtown.",
            "Officials said 24 people were injured in the blast downtown.",
        ),
        (
            "More than two dozen foreign leaders attended the parade in the capital.",
            "Thirty foreign leaders attended the parade in the capital.",
        ),
    ],
)
def test_equal_values_written_differently_agree(first: str, second: str) -> None:
    assert facts(contests(first, second)) == []


def test_different_numbers_about_different_things_are_not_a_contest() -> None:
    found = contests(
        "The army sent 300 troops to the northern border on Monday, officials said.",
        "The city hired 40 teachers for the new school on Monday, officials said.",
    )
    assert facts(found) == []


def test_a_source_that_gives_both_values_tells_two_things_apart() -> None:
    found = contests(
        "Russia announced a three-day ceasefire, while Ukraine wants a five-day ceasefire.",
        "Russia announced a 72-hour ceasefire starting on Thursday in the east.",
        "Ukraine wants a five-day ceasefire starting on Thursday in the east.",
    )
    assert [c for c in found if c.kind == "number"] == []
    without_a = contests(
        "Russia announced a 72-hour ceasefire starting on Thursday in the east.",
        "Ukraine wants a five-day ceasefire starting on Thursday in the east.",
    )
    assert [c.kind for c in without_a] == ["number"]


def test_values_an_order_of_magnitude_apart_count_different_sets() -> None:
    found = contests(
        "About 40 militants were injured in the strike near the town last Saturday.",
        "Around 500 militants were fighting near the town last Saturday, officials said.",
    )
    assert facts(found) == []


def test_opposing_accusations_are_a_claim_contest_with_both_sides() -> None:
    found = facts(
        contests(
            "Ukraine accused Russia of violating the ceasefire near the border on Friday.",
            "Russia's Defence Ministry said Ukrainian forces attacked the border twice despite "
            "the ceasefire.",
        )
    )
    assert len(found) == 1 and found[0].kind == "claim"
    assert found[0].topic == "Ceasefire: claims by Ukraine and Russia"
    assert cited(found[0]) == [{"s1"}, {"s2"}]


def test_the_same_party_repeating_itself_is_not_a_contest() -> None:
    found = contests(
        "Ukraine accused Russia of violating the ceasefire near the border on Friday.",
        "Ukraine's foreign ministry said Russia had violated the ceasefire near the border.",
    )
    assert facts(found) == []


def test_an_event_hedged_by_one_source_only_is_a_claim_contest() -> None:
    found = facts(
        contests(
            "The government announced a unilateral ceasefire with the rebels for the holiday.",
            "The government announced an alleged unilateral \u201cceasefire\u201d with the rebels "
            "for the holiday.",
        )
    )
    assert [(c.kind, c.topic) for c in found] == [("claim", "Ceasefire (hedged by some sources)")]
    assert cited(found[0]) == [{"s1"}, {"s2"}]


def test_a_quotation_both_sources_print_is_not_a_hedge() -> None:
    found = contests(
        'The minister said the two countries were "friends of steel" at the summit.',
        'The two countries are "friends of steel", the minister said at the summit.',
    )
    assert facts(found) == []


def test_assertion_against_denial_is_a_claim_contest() -> None:
    found = facts(
        contests(
            "The mayor resigned on Monday after the housing scandal, the council confirmed.",
            "Reports that the mayor resigned on Monday after the housing scandal are false.",
        )
    )
    assert [c.kind for c in found] == ["claim"]
    assert [p.text.split()[0] for p in found[0].positions] == ["The", "Reports"]


def test_a_bare_negation_is_not_a_denial() -> None:
    found = contests(
        "The mayor resigned on Monday after the housing scandal, the council confirmed.",
        "The mayor did not comment on Monday after the housing scandal, the council said.",
    )
    assert facts(found) == []


def test_readings_of_the_same_words_are_an_interpretation_contest() -> None:
    found = facts(
        contests(
            "The minister's speech on trade was a direct reference to the US, analysts said.",
            "The minister's speech on trade made an implied reference to the US, analysts said.",
            "The minister's speech on trade did not include any direct mention of the US.",
        )
    )
    kinds = [c.kind for c in found]
    assert "interpretation" in kinds
    (reading,) = [c for c in found if c.kind == "interpretation"]
    assert reading.topic == "Whether the remarks were aimed at the US"
    assert [p.text.split()[5] for p in reading.positions] == ["was", "made", "did"]


def test_one_source_or_full_agreement_yields_nothing() -> None:
    text = "The council approved the budget on Tuesday. The mayor praised the 12 members."
    assert contests(text, text.replace("Tuesday", "Tuesday evening"), labels=["A", "A"]) == []
    agreeing = contests(
        "The council approved a budget of 5 million dollars on Tuesday.",
        "On Tuesday the council approved a budget of five million dollars.",
    )
    assert agreeing == []


def test_framing_is_per_source_and_attributed() -> None:
    found = contests(
        "The dictator Ivan Petrov opened the new bridge on Monday.",
        'President Ivan Petrov opened the new bridge on Monday, calling critics "liars".',
    )
    framing = [c for c in found if c.kind == "framing"]
    assert [c.topic for c in framing] == ["Outlet A"]
    (pos,) = framing[0].positions
    assert pos.terms == ("dictator",) and pos.targets == ("Ivan Petrov",)
    assert pos.citations[0].source == "s1"


def test_body_keeps_loaded_own_voice_wording_out(fake_embedder: HashingEmbedder) -> None:
    raw = [
        RawArticle("a.txt", "The genocidal regime opened a new bridge over the river on Monday. "
                   "Traffic on the old road fell by half within a week.", "A", {}),
        RawArticle("b.txt", "Officials opened a new bridge over the river on Monday. "
                   "Engineers said the bridge cost less than expected.", "B", {}),
    ]  # fmt: skip
    briefing = build_briefing(build_corpus(raw, SyntokSplitter()), fake_embedder)
    body = " ".join(s.text for s in briefing.statements)
    assert "Officials opened a new bridge" in body
    assert loaded_terms(body) == ()
    assert "genocidal" not in body
    framing = [c for c in briefing.contested if c.kind == "framing"]
    assert framing and framing[0].positions[0].terms == ("genocidal regime",)


def test_framing_fields_reach_the_json(fake_embedder: HashingEmbedder) -> None:
    from briefing.render import briefing_to_dict

    raw = [
        RawArticle("a.txt", "The dictator Ivan Petrov opened the new bridge on Monday.", "A", {}),
        RawArticle("b.txt", "President Ivan Petrov opened the new bridge on Monday.", "B", {}),
    ]
    data = briefing_to_dict(build_briefing(build_corpus(raw, SyntokSplitter()), fake_embedder))
    (entry,) = [c for c in data["contested"] if c["kind"] == "framing"]
    assert entry["id"] == "f1" and entry["topic"] == "A"
    assert entry["positions"][0]["terms"] == ["dictator"]
    assert entry["positions"][0]["targets"] == ["Ivan Petrov"]
    assert "dictator" not in " ".join(s["text"] for s in data["statements"])


@pytest.mark.slow
def test_samples_with_the_real_model(real_embedder) -> None:
    from briefing.ingest import load_corpus

    corpus = load_corpus([SAMPLES], SyntokSplitter(), Config())
    briefing = build_briefing(corpus, real_embedder)
    labels = {d.id: d.label for d in corpus.documents}
    by_topic = {c.topic: c for c in briefing.contested}
    leaders = by_topic["Number of foreign leaders"]
    assert any("20 nations" in p.text for p in leaders.positions)
    assert any("two dozen" in p.text.lower() for p in leaders.positions)
    ceasefire = by_topic["Ceasefire: claims by Ukraine and Russia"]
    assert any("Ukraine accused Russia" in p.text for p in ceasefire.positions)
    assert any("Defence Ministry said" in p.text for p in ceasefire.positions)
    aimed = by_topic["Whether Xi's remarks were aimed at the US"]
    joined = " ".join(p.text for p in aimed.positions)
    assert "direct aim" in joined and "implied reference" in joined
    assert "did not include any direct mention" in joined
    framing = {c.topic: c for c in briefing.contested if c.kind == "framing"}
    assert {"Breitbart News", "Fox News"} <= set(framing)
    terms = {t for c in framing.values() for p in c.positions for t in p.terms}
    assert {"Genocidal Chinese dictator", "strongman", "long-debunked claims"} <= terms
    for c in framing.values():
        assert {labels[x.source] for p in c.positions for x in p.citations} == {c.topic}
    body = " ".join(s.text for s in briefing.statements)
    assert loaded_terms(body) == ()
    for term in ("dictator", "strongman", "long-debunked", "propaganda", "illegal"):
        assert term not in body.lower()
