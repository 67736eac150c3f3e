"""One day's digest from the store: vectors, stories, one briefing per story, continuity."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np

from ..contest import default_contest_finder
from ..embed import Embedder
from ..ingest import Corpus
from ..model import Briefing, Document, Sentence
from ..pipeline import ContestFinder, build_briefing
from .config import DigestConfig
from .store import PastStory, Store, StoredArticle
from .stories import Story, article_vector, continuation, make_stories

Progress = Callable[[str], None]


class KnownVectors:
    """An embedder that answers from vectors already in the store, asking ``inner`` otherwise."""

    def __init__(self, inner: Embedder, known: dict[str, np.ndarray]) -> None:
        self.inner = inner
        self.name = inner.name
        self.known = known

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self.known))
        if missing:
            for text, vector in zip(missing, self.inner.encode(missing), strict=True):
                self.known[text] = vector
        if not texts:
            return self.inner.encode([])
        return np.stack([self.known[t] for t in texts]).astype(np.float32)


@dataclass(frozen=True)
class BriefedStory:
    number: int
    story: Story
    briefing: Briefing | None  # None for single-outlet stories ("Also reported")
    continues: PastStory | None
    new_ids: frozenset[str]  # statement ids new since the earlier story (all when not continuing)


@dataclass(frozen=True)
class DayDigest:
    day: str
    stories: tuple[BriefedStory, ...]
    articles: int


def sentence_vectors(
    store: Store, articles: Sequence[StoredArticle], embedder: Embedder, progress: Progress
) -> dict[int, np.ndarray]:
    """Each article's sentence vectors, computing and storing only the missing ones."""
    out: dict[int, np.ndarray] = {}
    todo = []
    for article in articles:
        have = store.vectors(article.id, embedder.name)
        if len(have) == len(article.spans) and have:
            out[article.id] = np.stack([have[i] for i in range(len(article.spans))])
        else:
            todo.append(article)
    if todo:
        progress(f"embedding {sum(len(a.spans) for a in todo)} sentences of {len(todo)} articles")
    for article in todo:
        texts = [article.text[s:e] for s, e in article.spans]
        vectors = np.asarray(embedder.encode(texts), dtype=np.float32)
        store.save_vectors(article.id, embedder.name, vectors)
        out[article.id] = vectors
    return out


def corpus_of(story: Story) -> Corpus:
    documents: list[Document] = []
    sentences: list[Sentence] = []
    for n, article in enumerate(story.articles, 1):
        doc_id = f"s{n}"
        url = article.url if article.url.lower().startswith(("http://", "https://")) else None
        documents.append(
            Document(
                id=doc_id,
                label=article.label,
                path=article.url.removeprefix("file:"),
                text=article.text,
                title=article.title,
                url=url,
                date=article.published,
                extra=dict(article.extra),
            )
        )
        sentences.extend(article.sentences(doc_id))
    return Corpus(tuple(documents), tuple(sentences), ())


def build_day(
    config: DigestConfig,
    store: Store,
    day: str,
    embedder: Embedder,
    progress: Progress,
    now: datetime | None = None,
    find_contests: ContestFinder | None = None,
) -> DayDigest:
    settings = config.settings
    articles = store.articles_of_day(day, [s.key for s in config.sources])
    vectors = sentence_vectors(store, articles, embedder, progress)
    known = {a.text[s:e]: vectors[a.id][i] for a in articles for i, (s, e) in enumerate(a.spans)}
    matrix = (
        np.stack([article_vector(vectors[a.id]) for a in articles])
        if articles
        else np.zeros((0, 1), dtype=np.float32)
    )
    stories = make_stories(articles, matrix, settings.story_threshold)
    since = (date.fromisoformat(day) - timedelta(days=settings.continuity_days)).isoformat()
    past = store.stories_before(day, since)
    helper = KnownVectors(embedder, known)
    briefed: list[BriefedStory] = []
    shared = [s for s in stories if len(s.outlets) >= 2][: settings.max_stories]
    single = [s for s in stories if len(s.outlets) < 2]
    for number, story in enumerate([*shared, *single], 1):
        earlier = continuation(story, past, settings.continuity_threshold)
        if len(story.outlets) < 2:
            briefed.append(BriefedStory(number, story, None, earlier, frozenset()))
            continue
        progress(f"story {number}/{len(shared)}: {story.title}")
        # Without a finder given, the default one finds the contested parts.
        briefing = build_briefing(
            corpus_of(story),
            helper,
            config.brief,
            title=story.title,
            now=now,
            find_contests=find_contests or default_contest_finder,
        )
        new_ids = _new_statements(briefing, earlier, store, embedder, helper, config)
        briefed.append(BriefedStory(number, story, briefing, earlier, new_ids))
    return DayDigest(day, tuple(briefed), len(articles))


def _new_statements(
    briefing: Briefing,
    earlier: PastStory | None,
    store: Store,
    embedder: Embedder,
    helper: KnownVectors,
    config: DigestConfig,
) -> frozenset[str]:
    """Statements whose sentence says nothing the earlier story's articles already said."""
    ids = [s.id for s in briefing.statements]
    if earlier is None:
        return frozenset(ids)
    old = [v for a in earlier.articles for v in store.vectors(a, embedder.name).values()]
    if not old or not ids:
        return frozenset(ids)
    previous = np.stack(old)
    mine = helper.encode([s.text for s in briefing.statements])
    closest = (mine @ previous.T).max(axis=1)
    limit = config.brief.paraphrase_threshold
    return frozenset(i for i, score in zip(ids, closest, strict=True) if score < limit)


def past_records(digest: DayDigest) -> list[PastStory]:
    return [
        PastStory(digest.day, b.number, b.story.title, b.story.centroid, b.story.article_ids)
        for b in digest.stories
    ]
