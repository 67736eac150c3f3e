"""Invariants over generated input: every citation is the exact text of a real source sentence."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.ingest import build_corpus
from briefing.pipeline import build_briefing
from briefing.readers import RawArticle
from briefing.sentences import SyntokSplitter

from .conftest import HashingEmbedder

WORDS = [
    "council",
    "budget",
    "mayor",
    "harbour",
    "storm",
    "vote",
    "Tuesday",
    "said",
    "the",
    "approved",
    "city",
    "U.S.",
    "Mr.",
    "plan",
    "“quote”",
    '"hi"',
    "<b>",
    "&amp;",
    "—",
    "45%",
]
sentence = st.builds(
    lambda ws, end: " ".join(ws).capitalize() + end,
    st.lists(st.sampled_from(WORDS), min_size=3, max_size=14),
    st.sampled_from([".", "!", "?"]),
)
article = st.lists(sentence, min_size=1, max_size=8).map(lambda ss: " ".join(ss))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(article, min_size=1, max_size=4))
def test_every_citation_resolves_to_its_source_text(texts: list[str]) -> None:
    raws = [RawArticle(f"a{i}.txt", t, f"src{i}") for i, t in enumerate(texts)]
    corpus = build_corpus(raws, SyntokSplitter())
    if not corpus.documents:
        return
    for s in corpus.sentences:
        doc = next(d for d in corpus.documents if d.id == s.doc)
        assert doc.text[s.start : s.end] == s.text
    briefing = build_briefing(corpus, HashingEmbedder())
    docs = {d.id: d.text for d in briefing.sources}
    for statement in briefing.statements:
        for c in statement.citations:
            assert docs[c.source][c.start : c.end] == c.text
