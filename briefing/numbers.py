"""Numbers and quantities: find them, normalise them, and say what they count.

"more than two dozen foreign leaders" -> [24, inf) count of {leader};
"Leaders from 20 nations" -> [20, 20] count of {leader, nation};
"a 72-hour ceasefire" and "a three-day ceasefire" -> [72, 72] hours of {ceasefire};
"145 percent" and "145%" -> [145, 145] percent.

Years, calendar days ("May 9"), ordinals and vague plurals ("dozens") are not quantities.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

import numpy as np

from .contest import components, neighbour_pairs, position, spans_sources
from .model import Position, Sentence
from .text import STOP_WORDS, content_stems

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9,
           "trillion": 1e12}  # fmt: skip
_DURATION_HOURS = {"minute": 1 / 60, "hour": 1, "day": 24, "week": 168, "month": 730,
                   "year": 8766}  # fmt: skip
_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_BOUNDS = [
    (("more", "than"), "lower"), (("over",), "lower"), (("at", "least"), "lower"),
    (("upwards", "of"), "lower"), (("fewer", "than"), "upper"), (("less", "than"), "upper"),
    (("under",), "upper"), (("up", "to"), "upper"), (("at", "most"), "upper"),
    (("nearly",), "near"), (("almost",), "near"), (("about",), "approx"),
    (("around",), "approx"), (("roughly",), "approx"), (("approximately",), "approx"),
    (("some",), "approx"), (("an", "estimated"), "approx"),
]  # fmt: skip
_TOKEN = re.compile(r"[$\u20ac\u00a3%]|[A-Za-z0-9]+(?:[-.,'\u2019][A-Za-z0-9]+)*")
_CURRENCIES = frozenset({"$", "\u20ac", "\u00a3"})
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_PREPOSITIONS = frozenset({"of", "from", "in"})
# "the two leaders", "both three-day events": a reference to a known set, not a count report.
_DEFINITE = frozenset({"the", "these", "those", "its", "their", "his", "her", "our", "both"})


@dataclass(frozen=True)
class Quantity:
    sentence: int  # index into the corpus' sentence list
    low: float
    high: float  # inclusive bounds: exact when low == high; math.inf for "more than"
    dimension: str  # "count", "hours", "age", "percent", "money <currency sign>"
    thing: frozenset[str]  # stems of the noun(s) the number counts or measures
    phrase: str  # that noun phrase as printed, for topic lines
    text: str  # the quantity as printed
    listed: bool = False  # beside another value of the same thing in its sentence

    def compatible(self, other: Quantity, tolerance: float = 0.02) -> bool:
        slack = tolerance * max(abs(self.low), abs(other.low), 1.0)
        return self.low <= other.high + slack and other.low <= self.high + slack


class _Tok(NamedTuple):  # a tuple: sentences with numbers have thousands of tokens to make
    text: str
    low: str
    start: int
    end: int


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.group(), m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _word_value(word: str) -> float | None:
    if word in _UNITS:
        return float(_UNITS[word])
    parts = word.split("-")
    if len(parts) == 2 and parts[0] in _UNITS and parts[1] in _UNITS:  # "twenty-five"
        tens, units = _UNITS[parts[0]], _UNITS[parts[1]]
        if tens >= 20 and tens % 10 == 0 and units < 10:
            return float(tens + units)
    return None


def _parse_number(toks: list[_Tok], i: int) -> tuple[float, int, str] | None:
    """(value, next index, unit glued by a hyphen e.g. "hour" in "72-hour") from token i."""
    head, _, glued = toks[i].low.partition("-")
    if _DIGITS.match(head) or _DIGITS.match(toks[i].low):
        raw = toks[i].low if _DIGITS.match(toks[i].low) else head
        glued = "" if raw == toks[i].low else glued
        value = float(raw.replace(",", ""))
    elif _word_value(toks[i].low) is not None:
        value, glued = _word_value(toks[i].low) or 0.0, ""
    elif _word_value(head) is not None and glued:
        value = _word_value(head) or 0.0
    elif toks[i].low in ("a", "an") and i + 1 < len(toks) and toks[i + 1].low in _SCALES:
        value, glued = 1.0, ""
    else:
        return None
    j = i + 1
    while not glued and j < len(toks) and toks[j].low in _SCALES:
        value *= _SCALES[toks[j].low]
        j += 1
    return value, j, glued


def _unit(word: str) -> tuple[str, float] | None:
    w = word.split("-")[0]
    if w in ("%", "percent", "pct"):
        return ("percent", 1.0)
    singular = w[:-1] if w.endswith("s") else w
    if singular in _DURATION_HOURS:
        return ("hours", _DURATION_HOURS[singular])
    return None


def _is_calendar(toks: list[_Tok], i: int, j: int, value: float, has_unit: bool) -> bool:
    if has_unit:
        return False
    if toks[i].low.isdigit() and len(toks[i].low) == 4 and 1000 <= value <= 2100:
        return True
    before = toks[i - 1].low if i > 0 else ""
    after = toks[j].low if j < len(toks) else ""
    return before in _MONTHS or after in _MONTHS


def _bound(toks: list[_Tok], i: int) -> tuple[str, int]:
    for words, kind in _BOUNDS:
        n = len(words)
        if i >= n and tuple(t.low for t in toks[i - n : i]) == words:
            return kind, i - n
    return "exact", i


def _interval(value: float, kind: str) -> tuple[float, float]:
    return {
        "lower": (value, math.inf),
        "upper": (0.0, value),
        "near": (0.85 * value, value),
        "approx": (0.85 * value, 1.15 * value),
    }.get(kind, (value, value))


def _noun_phrase(text: str, toks: list[_Tok], j: int) -> list[_Tok]:
    """Up to three content words right after the number, up to punctuation or a verb form."""
    out: list[_Tok] = []
    while j < len(toks) and len(out) < 3:
        t = toks[j]
        if not t.low[0].isalpha() or t.low in STOP_WORDS or _unit(t.low):
            break
        if j > 0 and text[toks[j - 1].end : t.start].strip():
            break
        if out and t.low.endswith(("ing", "ed")):
            break
        out.append(t)
        j += 1
    return out


def _thing_before(toks: list[_Tok], start: int) -> list[_Tok]:
    """The noun a number hangs off ("Leaders from 20 nations"), or the words just before it."""
    if start >= 2 and toks[start - 1].low in _PREPOSITIONS and toks[start - 2].low[0].isalpha():
        return [toks[start - 2]]
    window = [t for t in toks[max(0, start - 4) : start] if t.low[0].isalpha()]
    return [t for t in window if t.low not in STOP_WORDS][-2:]


def _dimension(
    toks: list[_Tok], j: int, glued: str, currency: str, unit: tuple[str, float] | None
) -> str:
    if currency:
        return f"money {currency}"
    if unit and unit[0] == "hours" and (glued.endswith("-old") or _at(toks, j) == "old"):
        return "age"
    return unit[0] if unit else "count"


def _at(toks: list[_Tok], j: int) -> str:
    return toks[j].low if j < len(toks) else ""


# A sentence without a digit or a number word has no quantity: most sentences skip parsing.
_MAY_COUNT = re.compile(
    r"\d|\b(?:" + "|".join(sorted({*_UNITS, *_SCALES}, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)


def _may_start_number(low: str) -> bool:
    return low[0].isdigit() or low.partition("-")[0] in _UNITS or low in ("a", "an")


def quantities(text: str, sentence: int) -> list[Quantity]:
    if not _MAY_COUNT.search(text):
        return []
    toks = _tokens(text)
    out: list[Quantity] = []
    i = 0
    while i < len(toks):
        parsed = _parse_number(toks, i) if _may_start_number(toks[i].low) else None
        if parsed is None or (i > 0 and toks[i - 1].low in _DEFINITE and toks[i].low.isalpha()):
            i += 1
            continue
        value, j, glued = parsed
        currency = toks[i - 1].low if i > 0 and toks[i - 1].low in _CURRENCIES else ""
        per_cent = j + 1 < len(toks) and toks[j].low == "per" and toks[j + 1].low == "cent"
        unit = _unit(glued) if glued else (_unit(toks[j].low) if j < len(toks) else None)
        unit = ("percent", 1.0) if per_cent and not glued else unit
        if unit and not glued:
            j += 2 if per_cent else 1
        if _is_calendar(toks, i, j, value, bool(unit or currency)) or toks[i].low == "one":
            i = j
            continue
        dimension = _dimension(toks, j, glued, currency, unit)
        scale = unit[1] if unit else 1.0
        kind, start = _bound(toks, i)
        low, high = _interval(value * scale, kind)
        after = _noun_phrase(text, toks, j)
        head = after[-1:] if after else []
        before = _thing_before(toks, start)
        hangs_off = start >= 1 and toks[start - 1].low in _PREPOSITIONS
        keys = head + (before if hangs_off else []) if head else before
        thing = frozenset().union(*(content_stems(t.text) for t in keys)) if keys else frozenset()
        phrase = " ".join(t.text for t in after) or " ".join(t.text for t in before)
        printed = text[toks[start].start : toks[j - 1].end]
        out.append(Quantity(sentence, low, high, dimension, thing, phrase, printed))
        i = j
    return out


# Sentence cosine for two mentions of one counted thing (0.35-0.55 tried on FNC-1's even half:
# 0.55 was best there; 0.5 keeps looser paraphrases such as "leaders from 20 nations").
SAME_THING = 0.5
# Values further apart than this count different sets (2, 3, 5, 10 tried on the even half).
MAX_RATIO = 3.0


def _mark_listed(found: list[Quantity]) -> list[Quantity]:
    """Quantities with a thing; those listed beside another value of the same kind of thing
    in one sentence ("61 million units and 10 million units": which is which?) are marked:
    they tell their source's values apart but are never a position themselves."""
    out = []
    for q in found:
        twins = [
            o for o in found if o is not q and o.dimension == q.dimension and o.thing & q.thing
        ]
        if q.thing:
            out.append(replace(q, listed=any(not o.compatible(q) for o in twins)))
    return out


def _same_scale(a: Quantity, b: Quantity) -> bool:
    """Values within MAX_RATIO of each other: "40 militants were injured" and "500 militants
    are fighting" are far apart because they count different sets, not because of a dispute."""
    va, vb = _typical(a), _typical(b)
    low, high = min(va, vb), max(va, vb)
    return high <= MAX_RATIO * low if low > 0 else high == 0


def _typical(q: Quantity) -> float:
    return q.low if q.low > 0 or math.isinf(q.high) else q.high


def _value_groups(mentions: list[Quantity]) -> list[list[Quantity]]:
    """Mentions grouped so every member of a group is compatible with every other."""
    groups: list[list[Quantity]] = []
    for q in sorted(mentions, key=lambda q: (q.low, q.high, q.sentence)):
        for group in groups:
            if all(q.compatible(other) for other in group):
                group.append(q)
                break
        else:
            groups.append([q])
    return groups


def number_contests(
    sentences: Sequence[Sentence], vectors: np.ndarray, labels: dict[str, str]
) -> list[tuple[str, tuple[Position, ...]]]:
    """(topic, positions) for things counted with incompatible values by different sources.

    Values are grouped (compatible with each other); two groups contest each other unless
    one source gives both (a 72-hour truce and a 30-day one: it is telling two things apart).
    """
    mentions = [q for i, s in enumerate(sentences) for q in _mark_listed(quantities(s.text, i))]
    rows = sorted({q.sentence for q in mentions})
    by_sentence: dict[int, list[int]] = {}
    for n, q in enumerate(mentions):
        by_sentence.setdefault(q.sentence, []).append(n)
    edges = []
    for _, i, j in neighbour_pairs(rows, rows, vectors, SAME_THING):
        for a in by_sentence[i]:
            for b in by_sentence[j]:
                qa, qb = mentions[a], mentions[b]
                if qa.dimension == qb.dimension and qa.thing & qb.thing and _same_scale(qa, qb):
                    edges.append((a, b))
    out = []
    for component in components(range(len(mentions)), edges):
        if len(component) < 2:
            continue
        found = _contest([mentions[n] for n in component], sentences, labels)
        if found:
            out.append(found)
    return out


def _contest(
    mentions: list[Quantity], sentences: Sequence[Sentence], labels: dict[str, str]
) -> tuple[str, tuple[Position, ...]] | None:
    def label(q: Quantity) -> str:
        return labels[sentences[q.sentence].doc]

    groups = _value_groups(mentions)
    spans = [{label(q) for q in g} for g in groups]
    # Two values one source gives side by side are two things, not a disagreement.
    open_pairs = [
        (a, b)
        for a in range(len(groups))
        for b in range(a + 1, len(groups))
        if not spans[a] & spans[b]
    ]
    involved = sorted({n for pair in open_pairs for n in pair})
    shown = [[q.sentence for q in groups[n] if not q.listed] for n in involved]
    positions = tuple(position(sentences, members) for members in shown if members)
    if not spans_sources(positions, labels):
        return None
    return _topic(mentions), positions


def _topic(mentions: list[Quantity]) -> str:
    phrases = Counter(q.phrase.lower() for q in mentions if q.phrase)
    phrase = min(phrases, key=lambda p: (-phrases[p], p)) if phrases else "it"
    return {
        "count": f"Number of {phrase}",
        "hours": f"How long: {phrase}",
        "percent": f"Percentage: {phrase}",
        "age": f"Age: {phrase}",
    }.get(mentions[0].dimension, f"Amount: {phrase}")
