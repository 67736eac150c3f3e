"""Opposing claims, hedges and interpretations, from cues the text shows plus embeddings.

* Opposing attributions: A says or accuses B about a topic, and B says or accuses A about
  the same topic ("Ukraine accused Russia of violating the ceasefire" / "Russia's Defence
  Ministry said Ukrainian forces ... since the start of the ceasefire").
* Assertion against denial: near-paraphrases from different sources where one carries a
  denial ("hoax", "denied", "not true", "did not") and the other none.
* Hedges: one cluster of paraphrases where some sources hedge the event ("alleged",
  "so-called", scare-quoted words that others print plainly) and others do not.
* Interpretations: sources reading someone's words differently ("a direct aim at the US",
  "an implied reference to the US", "did not include any direct mention of the US").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from .contest import components, neighbour_pairs, position, spans_sources
from .model import Cluster, Position, Sentence
from .parties import ADVERSE, Attribution, attribution, display, mentions, party_key
from .quotes import has_attribution, outside_quotes, quoted_spans
from .text import content_stems, overlap, words

ATTRIBUTION_FLOOR = 0.30
DENIAL_FLOOR = 0.45
DENIAL_OVERLAP = 0.5
INTERPRETATION_FLOOR = 0.35

Found = tuple[str, tuple[Position, ...]]

# Strong denial words only: a bare "not" is everywhere in news copy (tuned on FNC-1, even half).
_DENIAL = re.compile(
    r"\b(deny|denies|denied|denial|false|falsely|fake|hoax|hoaxes|untrue|debunk\w*|"
    r"fabricat\w*|baseless|unfounded|satir\w*|not true|no evidence|no truth|misleading|myth)\b",
    re.IGNORECASE,
)
_HEDGE = re.compile(
    r"\b(alleged|allegedly|so-called|purported|purportedly|supposed(?!\s+to\b)|supposedly|"
    r"self-proclaimed|self-styled)\b",
    re.IGNORECASE,
)
# Softer hedges: a sentence carrying one is not the plain side of a hedge contest either.
_SOFT_HEDGE = re.compile(
    r"\b(reportedly|according to (?:un\w+ )?reports|(?:is|are|was|were) said to|rumou?red|"
    r"unconfirmed|unverified|claimed)\b",
    re.IGNORECASE,
)
_QUOTING = re.compile(r"\bquot(e|es|ed|ing)\b", re.IGNORECASE)
# Quoted words right after these are named or mentioned, not doubted ("the word 'gay'").
_NAMING = re.compile(
    r"\b(word|term|phrase|called|calling|call|dub|dubs|dubbed|named|nicknamed|known as|"
    r"labell?ed|branded|as a|as an|so-called)\W*$",
    re.IGNORECASE,
)
_READING = re.compile(
    r"\b(?:(?P<implied>implied|implicit|implicitly|indirect|indirectly|veiled|oblique|"
    r"presumably|apparent|apparently|seemingly)\b[^.]{0,40}?|(?P<direct>direct|directly|"
    r"explicit|explicitly|open|openly|squarely)\s+)?(?P<cue>reference|references|referring|"
    r"refer|mention|mentioned|aim|aimed|swipe|jab|dig|criticism|rebuke|target|targeted|"
    r"targeting)\b(?:\s+(?:to|at|of))?",
    re.IGNORECASE,
)
_NEGATION_BEFORE = re.compile(
    r"\b(not|no|never|without|nor)\b|n['\u2019]t\b|\bdid not\b", re.IGNORECASE
)
_CLAUSE = re.compile(r"[,;:\"\u201c\u201d()\u2013\u2014]")
_GENERIC = frozenset(content_stems("said told says accused claimed reported statement report"))


def claim_contests(
    sentences: Sequence[Sentence],
    vectors: np.ndarray,
    clusters: Sequence[Cluster],
    labels: dict[str, str],
) -> list[Found]:
    return (
        attribution_contests(sentences, vectors, labels)
        + denial_contests(sentences, vectors, labels)
        + hedge_contests(sentences, clusters, labels)
    )


def attribution_contests(
    sentences: Sequence[Sentence], vectors: np.ndarray, labels: dict[str, str]
) -> list[Found]:
    said = {i: a for i, s in enumerate(sentences) if (a := attribution(s.text))}
    rows = sorted(said)
    adverse_at = {i: _adverse(said[i], sentences[i].text) for i in rows}
    edges = []
    for _, i, j in neighbour_pairs(rows, rows, vectors, ATTRIBUTION_FLOOR):
        a, b = said[i], said[j]
        adverse = adverse_at[i] or adverse_at[j]
        if adverse and _opposed(a, b) and _topic_stems([sentences[i], sentences[j]], a, b):
            edges.append((i, j))
    out = []
    for group in components({n for e in edges for n in e}, edges):
        by_speaker: dict[str, list[int]] = {}
        for m in group:
            by_speaker.setdefault(said[m].speaker.key, []).append(m)
        sides = sorted(by_speaker.values(), key=lambda ms: ms[0])
        positions = tuple(position(sentences, ms) for ms in sides)
        if not spans_sources(positions, labels):
            continue
        names = [said[ms[0]].speaker for ms in sides]
        who = " and ".join(dict.fromkeys(display(n.key, n.name) for n in names))
        shared = _topic_stems([sentences[m] for m in group], *[said[m] for m in group])
        word = _surface(sentences[group[0]].text, shared)
        topic = f"{word.capitalize()}: claims by {who}" if word else f"Claims by {who}"
        out.append((topic, positions))
    return out


def _adverse(a: Attribution, text: str) -> bool:
    """The party accuses, blames, denies or disputes (not just says something)."""
    return a.verb in ADVERSE or bool(_DENIAL.search(text))


def _opposed(a: Attribution, b: Attribution) -> bool:
    return (
        a.speaker.key != b.speaker.key
        and a.target.key == b.speaker.key
        and b.target.key == a.speaker.key
    )


def _topic_stems(group: Sequence[Sentence], *said: Attribution) -> frozenset[str]:
    """Content stems every sentence shares, less the parties and the speech verbs."""
    parties = {a.speaker.key for a in said} | {a.target.key for a in said}
    common = frozenset.intersection(*(content_stems(s.text) for s in group))
    return frozenset(w for w in common if w[:4] not in parties and w not in _GENERIC)


def _surface(text: str, stems: frozenset[str]) -> str:
    for w in words(text):
        if content_stems(w) & stems and not w[:1].isupper():
            return w.lower()
    return ""


def denial_contests(
    sentences: Sequence[Sentence], vectors: np.ndarray, labels: dict[str, str]
) -> list[Found]:
    denies = [i for i, s in enumerate(sentences) if _DENIAL.search(s.text)]
    denying = set(denies)
    everything = list(range(len(sentences)))
    edges = []
    for _, i, j in neighbour_pairs(denies, everything, vectors, DENIAL_FLOOR):
        a, b = sentences[i], sentences[j]
        if (i in denying) == (j in denying) or labels[a.doc] == labels[b.doc]:
            continue
        denier, other = (a, b) if i in denying else (b, a)
        if _denial_overlap(denier.text, other.text) >= DENIAL_OVERLAP:
            edges.append((i, j))
    out = []
    for group in components({n for e in edges for n in e}, edges):
        sides = [[m for m in group if m not in denying], [m for m in group if m in denying]]
        positions = tuple(position(sentences, side) for side in sides)
        if spans_sources(positions, labels):
            out.append(
                (_keywords(sentences[sides[0][0]].text, sentences[sides[1][0]].text), positions)
            )
    return out


def _denial_overlap(denier: str, other: str) -> float:
    """Overlap between the other sentence and the clause(s) of ``denier`` holding the denial:
    a denial of something else in the same sentence ("his long-debunked claims" after a
    quote both outlets print) does not count against the shared part."""
    clauses = [c for c in _CLAUSE.split(denier) if _DENIAL.search(c)]
    return max((overlap(c, other) for c in clauses), default=0.0)


def _keywords(a: str, b: str, limit: int = 6) -> str:
    shared = content_stems(a) & content_stems(b)
    picked: list[str] = []
    for w in words(a):
        stems = content_stems(w)
        if stems & shared and w.lower() not in (p.lower() for p in picked):
            picked.append(w)
            shared -= stems
        if len(picked) == limit:
            break
    text = " ".join(picked) or "The same report"
    return text[:1].upper() + text[1:]


def hedge_contests(
    sentences: Sequence[Sentence], clusters: Sequence[Cluster], labels: dict[str, str]
) -> list[Found]:
    out: list[Found] = []
    for cluster in clusters:
        if len({labels[d] for d in cluster.sources}) < 2:
            continue
        texts = {m: sentences[m].text for m in cluster.members}
        terms = {m: _hedged_term(t, [texts[o] for o in texts if o != m]) for m, t in texts.items()}
        hedged = [m for m in cluster.members if terms[m]]
        if not hedged:
            continue
        # The plain side prints the hedged words themselves, with no hedge of its own.
        term_stems = content_stems(terms[hedged[0]])
        plain = [
            m
            for m in cluster.members
            if not terms[m] and not _any_hedge(texts[m]) and term_stems <= content_stems(texts[m])
        ]
        if not plain or not term_stems:
            continue
        positions = (position(sentences, plain), position(sentences, hedged))
        if spans_sources(positions, labels):
            term = terms[hedged[0]]
            out.append((f"{term[:1].upper()}{term[1:]} (hedged by some sources)", positions))
    return out


def _any_hedge(text: str) -> bool:
    own = outside_quotes(text)
    return bool(_HEDGE.search(own) or _SOFT_HEDGE.search(own))


def _hedged_term(text: str, others: Sequence[str]) -> str:
    """The hedged words: scare-quoted lowercase words others print unquoted (in a sentence
    that quotes no speaker), or what a hedge ("alleged", "so-called") qualifies; "" if none."""
    own = outside_quotes(text)
    hedge = _HEDGE.search(own)
    plain = [outside_quotes(o).lower() for o in others]
    for start, end in quoted_spans(text):
        inner = text[start + 1 : end - 1].strip(" ,.")
        scare = inner and inner == inner.lower() and len(inner.split()) <= 2
        named = _NAMING.search(text[max(0, start - 30) : start])
        hedged_here = hedge is not None and 0 <= start - hedge.end() <= 30
        quoting = has_attribution(text) or _QUOTING.search(own)
        if not scare or named or (quoting and not hedged_here):
            continue
        if any(re.search(rf"\b{re.escape(inner)}\b", o) for o in plain):
            return inner
    if hedge:
        following = [w for w in words(text[hedge.end() :]) if w.isalpha()][:1]
        return following[0].lower() if following else hedge.group().lower()
    return ""


def _reading(text: str) -> tuple[str, str, str] | None:
    """(stance, object key, object name) for a sentence that says what someone's words aimed
    at: stance is "not" (negated), "direct" or "implied"."""
    for m in _READING.finditer(text):
        objects = mentions(text, m.end(), min(len(text), m.end() + 40))
        if not objects:
            continue
        window = text[max(0, m.start() - 40) : m.start()]
        if _NEGATION_BEFORE.search(window):
            stance = "not"
        elif m.group("direct"):
            stance = "direct"
        elif m.group("implied") or re.search(r"\b(appear\w*|seem\w*)\b", window):
            stance = "implied"
        else:
            continue
        return stance, objects[0].key, display(objects[0].key, objects[0].name)
    return None


def interpretation_contests(
    sentences: Sequence[Sentence], vectors: np.ndarray, labels: dict[str, str]
) -> list[Found]:
    readings = {i: r for i, s in enumerate(sentences) if (r := _reading(s.text))}
    rows = sorted(readings)
    edges = [
        (i, j)
        for _, i, j in neighbour_pairs(rows, rows, vectors, INTERPRETATION_FLOOR)
        if readings[i][1] == readings[j][1] and labels[sentences[i].doc] != labels[sentences[j].doc]
    ]
    out = []
    for group in components({n for e in edges for n in e}, edges):
        by_stance: dict[str, list[int]] = {}
        for m in group:
            by_stance.setdefault(readings[m][0], []).append(m)
        if len(by_stance) < 2:
            continue
        positions = tuple(position(sentences, by_stance[k]) for k in sorted(by_stance))
        if not spans_sources(positions, labels):
            continue
        obj = readings[group[0]][2]
        subject = _common_subject([sentences[m].text for m in group], readings[group[0]][1])
        whose = f"{subject}'s remarks" if subject else "the remarks"
        out.append((f"Whether {whose} were aimed at {obj}", positions))
    return out


def _common_subject(texts: Sequence[str], object_key: str) -> str:
    """The party every sentence names (other than the object), as first printed."""
    per_text = [{m.key: m.name for m in mentions(t)} for t in texts]
    counts = Counter(k for names in per_text for k in names if k != object_key)
    common = [k for k, n in counts.items() if n == len(texts) and party_key(per_text[0][k])]
    if not common:
        return ""
    first = min(common, key=lambda k: texts[0].find(per_text[0][k]))
    return per_text[0][first]
