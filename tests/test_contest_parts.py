"""Building blocks of contest detection: neighbour pairs, components, parties, framing phrases."""

from __future__ import annotations

import numpy as np

from briefing.contest import components, neighbour_pairs
from briefing.framing import phrases
from briefing.lexicon import loaded_spans
from briefing.parties import attribution, party_key


def test_neighbour_pairs_match_brute_force_and_respect_k() -> None:
    rng = np.random.default_rng(7)
    vectors = rng.standard_normal((60, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    rows = list(range(0, 60, 3))
    cols = list(range(60))
    sims = vectors @ vectors.T
    got = neighbour_pairs(rows, cols, vectors, floor=0.5, k=60)
    expected = {(min(i, j), max(i, j)) for i in rows for j in cols if i != j and sims[i, j] >= 0.5}
    assert {(i, j) for _, i, j in got} == expected
    assert all(s >= 0.5 for s, _, _ in got)
    few = neighbour_pairs(rows, cols, vectors, floor=-1.0, k=2)
    assert 0 < len(few) <= 2 * len(rows)  # each row keeps only its own top 2


def test_components_are_sorted_and_deterministic() -> None:
    assert components([5, 1, 2, 9], [(9, 2), (5, 1)]) == [[1, 5], [2, 9]]


def test_party_keys_join_country_and_demonym() -> None:
    assert party_key("Ukraine") == party_key("Ukrainian") == party_key("Ukraine's")
    assert party_key("U.S.") == party_key("United States") == "us"
    assert party_key("al-Mosuli") == party_key("Mosuli")
    assert party_key("President") is None


def test_attribution_finds_speaker_and_the_party_spoken_of() -> None:
    said = attribution("Xi's visit came as Ukraine accused Russia of violating a ceasefire.")
    assert said is not None
    assert (said.speaker.name, said.target.name) == ("Ukraine", "Russia")
    told = attribution("A Ukrainian spokesman told Reuters that Russian troops attacked.")
    assert told is not None and told.target.key == party_key("Russia")
    assert attribution("The weather was calm in Moscow on Thursday.") is None


def test_framing_phrases_carry_their_target() -> None:
    text = "Genocidal Chinese dictator Xi Jinping met the Russian propaganda outlet RT on Monday."
    assert phrases(text, loaded_spans(text)) == [
        ("Genocidal Chinese dictator", "Xi Jinping"),
        ("propaganda outlet", "RT"),
    ]
    verb = "The group pursues its goal of erasing America's role."
    assert phrases(verb, loaded_spans(verb)) == [("erasing", "")]
