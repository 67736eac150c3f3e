"""End to end on samples/ with the real model (slow: loads sentence-transformers)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.ingest import load_corpus
from briefing.pipeline import analyse, build_briefing
from briefing.render import render
from briefing.sentences import SyntokSplitter

EXPECT = json.loads((Path(__file__).parent / "data" / "samples_expectations.json").read_text())
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    return load_corpus([Path(__file__).resolve().parent.parent / "samples"], SyntokSplitter())


def _cluster_with(analysis, fragment: str):  # type: ignore[no-untyped-def]
    sentences = analysis.corpus.sentences
    for cluster in analysis.clusters:
        if any(fragment in sentences[m].text for m in cluster.members):
            return {sentences[m].doc for m in cluster.members}
    raise AssertionError(fragment)


def test_paraphrases_cluster_across_outlets(corpus, real_embedder) -> None:  # type: ignore[no-untyped-def]
    analysis = analyse(corpus, real_embedder, __import__("briefing.config").config.Config())
    labels = {d.id: d.path.rsplit("/", 1)[-1][:3] for d in corpus.documents}
    putin = _cluster_with(analysis, "manifestations of neo")
    assert {labels[d] for d in putin} == {"000", "001", "003", "004"}
    leaders = _cluster_with(analysis, "two dozen foreign leaders")
    assert {labels[d] for d in leaders} == {"000", "001", "003"}
    # a cluster never merges sentences that merely share a topic
    xinhua = _cluster_with(analysis, "main contributor to and stabilizer")
    assert {labels[d] for d in xinhua} == {"002"}


def test_briefing_reads_clean_and_every_citation_resolves(corpus, real_embedder) -> None:  # type: ignore[no-untyped-def]
    briefing = build_briefing(corpus, real_embedder)
    md = render(briefing, "md")
    for fragment in EXPECT["must_contain"]:
        assert fragment.lower() in md.lower(), fragment
    for fragment in EXPECT["must_not_contain"]:
        assert fragment not in md, fragment
    texts = {d.id: d.text for d in briefing.sources}
    seen = set()
    for statement in briefing.statements:
        assert statement.text == statement.citations[0].text
        assert statement.text not in seen  # no repeats
        seen.add(statement.text)
        for c in statement.citations:
            assert texts[c.source][c.start : c.end] == c.text
    for contest in briefing.contested:
        for position in contest.positions:
            for c in position.citations:
                assert texts[c.source][c.start : c.end] == c.text
    kinds = {s.kind for s in briefing.statements}
    assert kinds == {"consensus", "unique"}
