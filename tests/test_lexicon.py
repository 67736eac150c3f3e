"""Loaded wording in the writer's own voice."""

from __future__ import annotations

from briefing.lexicon import is_loaded, loaded_spans, loaded_terms


def test_curated_labels_in_own_voice_count() -> None:
    text = "Genocidal Chinese dictator Xi Jinping met Russian strongman Vladimir Putin."
    assert loaded_terms(text) == ("Genocidal", "dictator", "strongman")
    spans = loaded_spans(text)
    assert [text[t.start : t.end] for t in spans] == ["Genocidal", "dictator", "strongman"]


def test_quoted_words_belong_to_the_speaker() -> None:
    assert loaded_terms('"The regime is illegal," the opposition leader said.') == ()
    assert loaded_terms("The opposition called the vote \u201ca sham\u201d on Sunday.") == ()


def test_reported_characterisations_belong_to_the_party() -> None:
    text = "Ukraine rejects that characterisation as a grotesque falsehood, its ministry said."
    assert loaded_terms(text) == ()
    assert loaded_terms("Critics accused him of running a brutal regime.") == ()
    assert loaded_terms("The brutal regime was accused of fraud.") == ("brutal", "regime")


def test_proper_names_and_descriptive_words_are_not_loaded() -> None:
    assert loaded_terms("The Communist Party of China met in Beijing.") == ()
    assert loaded_terms("The strike killed 12 people and injured dozens in the war.") == ()
    assert loaded_terms("Leaders celebrated the peace deal with pleasure.") == ()


def test_strong_negative_vader_words_count() -> None:
    assert is_loaded("The senator gave a vile and idiotic speech.")
    assert not is_loaded("The senator gave a long speech about the budget.")
