"""The benchmarks: ROUGE systems and scoring, speed harness, and the ``brief bench`` CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing.bench.baselines import NAMES, sumy_order
from briefing.bench.data import corpus_of, load_dataset
from briefing.bench.rouge import SYSTEMS, aggregate, run_cluster, table
from briefing.bench.speed import run_pipeline, source_sentences, write_articles
from briefing.bench.systems import lead_order, oracle_order, summary, truncate
from briefing.model import Sentence
from briefing.sentences import SyntokSplitter

from .conftest import ROOT, HashingEmbedder

DATA = ROOT / "benchmarks" / "data" / "tac2011_multiling_english.jsonl"


@pytest.fixture(scope="module")
def clusters():  # type: ignore[no-untyped-def]
    return load_dataset(DATA, limit=2)


def test_dataset_loads_with_budget_from_references(clusters) -> None:  # type: ignore[no-untyped-def]
    assert [c.id for c in clusters] == ["M000", "M001"]
    first = clusters[0]
    assert len(first.documents) == 10 and len(first.references) == 3
    assert 240 <= first.budget() <= 255
    corpus = corpus_of(first, SyntokSplitter())
    assert len({d.label for d in corpus.documents}) == 10  # each document is its own source
    for s in corpus.sentences[:20]:
        doc = next(d for d in corpus.documents if d.id == s.doc)
        assert doc.text[s.start : s.end] == s.text


def test_bad_dataset_line_is_an_input_error(tmp_path: Path) -> None:
    from briefing.errors import InputError

    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x", "documents": []}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.jsonl:1"):
        load_dataset(path)


def test_truncate_cuts_at_exactly_the_budget() -> None:
    assert truncate(["one two three.", "four five six."], 4) == "one two three. four"
    assert truncate(["one two."], 10) == "one two."


def test_lead_is_round_robin_over_documents() -> None:
    sents = [Sentence(d, i, 0, 1, f"{d}{i}") for d in ("s1", "s2") for i in range(3)]
    order = lead_order(sents)
    assert [sents[i].text for i in order] == ["s10", "s20", "s11", "s21", "s12", "s22"]


def test_sumy_orders_are_permutations_of_distinct_sentences(clusters) -> None:  # type: ignore[no-untyped-def]
    corpus = corpus_of(clusters[0], SyntokSplitter())
    distinct = len({s.text.strip() for s in corpus.sentences})
    for name in NAMES:
        order = sumy_order(name, corpus.sentences)
        assert len(order) == len(set(order)) == distinct, name


def test_oracle_picks_sentences_that_overlap_the_reference() -> None:
    sents = [
        Sentence("s1", 0, 0, 1, "The cat sat on the mat today."),
        Sentence("s1", 1, 0, 1, "Stock markets fell sharply in Asia."),
        Sentence("s2", 0, 0, 1, "Rain is expected over the weekend."),
    ]
    order = oracle_order(sents, ["Markets in Asia fell sharply."], 8)
    assert order[0] == 1


def test_rouge_bench_on_two_clusters(clusters) -> None:  # type: ignore[no-untyped-def]
    results = [run_cluster(c, SyntokSplitter(), HashingEmbedder()) for c in clusters]
    for result in results:
        assert set(result.scores) == set(SYSTEMS)
        for name, text in result.summaries.items():
            assert len(text.split()) <= result.budget, name
            for metric in result.scores[name].values():
                assert all(0.0 <= v <= 1.0 for v in metric.values())
    summary_scores = aggregate(results)
    oracle = summary_scores["oracle"]["rouge2_r"]["mean"]
    for name in SYSTEMS:
        assert oracle >= summary_scores[name]["rouge2_r"]["mean"], name
        stats = summary_scores[name]["rouge1_f"]
        assert stats["min"] <= stats["mean"] <= stats["max"]
    rendered = table(summary_scores)
    assert all(f"| {name} |" in rendered for name in SYSTEMS)


def test_summary_uses_the_order_given() -> None:
    sents = [Sentence("s1", i, 0, 1, f"word{i} a b.") for i in range(3)]
    assert summary(sents, [2, 0], 4) == "word2 a b. word0"


def test_speed_articles_have_unique_sentences(tmp_path: Path) -> None:
    pool = source_sentences(DATA)
    count = write_articles(tmp_path / "a", 4, pool, seed=1)
    from briefing.ingest import load_corpus

    corpus = load_corpus([tmp_path / "a"], SyntokSplitter())
    assert len(corpus.documents) == 4 and count == 120
    texts = [s.text for s in corpus.sentences]
    assert len(texts) >= 90 and len(set(texts)) == len(texts)


class FakeModel:
    """Stands in for the SentenceTransformer object inside MiniLMEmbedder."""

    def __init__(self) -> None:
        self.batches: list[int] = []

    def encode(self, texts: list[str], **_: object) -> object:
        self.batches.append(len(texts))
        return HashingEmbedder().encode(texts)


def test_speed_pipeline_times_every_stage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.embed import MiniLMEmbedder

    model = FakeModel()
    monkeypatch.setattr(MiniLMEmbedder, "_new_model", lambda self: model)
    write_articles(tmp_path / "a", 3, source_sentences(DATA), seed=2)
    cold = run_pipeline(tmp_path / "a", tmp_path / "cache")
    warm = run_pipeline(tmp_path / "a", tmp_path / "cache")
    assert cold.articles == 3 and cold.sentences >= 60
    assert (cold.cache_misses, warm.cache_hits, warm.cache_misses) == (
        cold.sentences,
        cold.sentences,
        0,
    )
    assert model.batches == [cold.sentences]  # the warm run never asked the model
    top = {"imports", "ingest", "embed", "cluster", "rank", "select", "contests", "render"}
    assert top | {"model load", "encode"} == set(cold.stages)
    assert top == set(warm.stages)
    assert cold.total >= sum(cold.stages[s] for s in top) - 1e-6
    assert cold.stages["embed"] >= cold.stages["encode"] + cold.stages["model load"] - 1e-6
    assert cold.peak_rss_mb > 0


def test_bench_rouge_cli_writes_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import briefing.embed
    from briefing.cli import app

    monkeypatch.setattr(
        briefing.embed, "default_embedder", lambda cache, progress=None: HashingEmbedder()
    )
    out = tmp_path / "r.json"
    result = CliRunner().invoke(
        app,
        [
            "bench",
            "rouge",
            str(DATA),
            "--limit",
            "1",
            "--systems",
            "brief,lead,oracle",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "| brief |" in result.stdout and "| lexrank |" not in result.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [c["id"] for c in data["clusters"]] == ["M000"]
    assert set(data["summary"]) == {"brief", "lead", "oracle"}


def test_bench_rouge_cli_rejects_unknown_system() -> None:
    from briefing.cli import app

    result = CliRunner().invoke(app, ["bench", "rouge", str(DATA), "--systems", "gpt"])
    assert result.exit_code == 1 and "unknown system" in result.output


def test_cli_start_up_imports_nothing_heavy() -> None:
    code = (
        "import sys, briefing.cli; "
        "heavy = [m for m in ('torch', 'sentence_transformers', 'sumy', 'rouge_score', 'nltk') "
        "if m in sys.modules]; print(heavy)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.slow
def test_bench_speed_cli_tiny_run(tmp_path: Path) -> None:
    """Real model, in subprocesses: a cold run encodes everything, the warm one nothing."""
    from briefing.cli import app

    out = tmp_path / "speed.json"
    result = CliRunner().invoke(
        app,
        [
            "bench",
            "speed",
            "--sizes",
            "2",
            "--work",
            str(tmp_path / "w"),
            "--dataset",
            str(DATA),
            "--lexrank-max",
            "100",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    (row,) = json.loads(out.read_text(encoding="utf-8"))
    assert row["cold"]["cache_misses"] == row["cold"]["sentences"] > 0
    assert (
        row["warm"]["cache_misses"] == 0 and row["warm"]["cache_hits"] == row["cold"]["sentences"]
    )
    assert row["lexrank_seconds"] > 0
    table = [line for line in result.stdout.splitlines() if line.startswith("| 2 |")]
    assert len(table) == 1 and table[0].count("×") == 2  # LexRank against brief, cold and warm
