"""Sentence splitting on syntok (rule-based, no downloads), plus two repairs news text needs.

* Quotes stay whole: syntok ends a sentence at ``"No.`` inside a quotation; pieces are merged
  back while a quotation is open.
* Run-in headings: flattened pages glue a section heading onto the next sentence
  ("Victory day symbolism The time of ..."); the heading is split off so it can be dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

import syntok.segmenter as segmenter


@dataclass(frozen=True)
class Span:
    start: int
    end: int


class Splitter(Protocol):
    def spans(self, text: str) -> list[Span]:
        """Sentence spans of ``text`` (``text[start:end]`` is the sentence)."""
        ...


_MAX_QUOTE_MERGES = 4


class SyntokSplitter:
    """The default splitter: syntok's segmenter with quote repair."""

    def spans(self, text: str) -> list[Span]:
        raw = list(_syntok_spans(text))
        return _merge_open_quotes(text, raw)


def _syntok_spans(text: str) -> Iterator[Span]:
    for paragraph in segmenter.analyze(text):
        for sentence in paragraph:
            tokens = [t for t in sentence if t.value]
            if not tokens:
                continue
            start = tokens[0].offset
            end = tokens[-1].offset + len(tokens[-1].value)
            if text[start:end].strip():
                yield Span(start, end)


def _quote_open(fragment: str) -> bool:
    straight = fragment.count('"') % 2 == 1
    curly = fragment.count("\u201c") > fragment.count("\u201d")
    return straight or curly


def _merge_open_quotes(text: str, spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    i = 0
    while i < len(spans):
        current = spans[i]
        merges = 0
        while (
            _quote_open(text[current.start : current.end])
            and i + 1 < len(spans)
            and merges < _MAX_QUOTE_MERGES
            and "\n\n" not in text[current.end : spans[i + 1].start]
        ):
            candidate = Span(current.start, spans[i + 1].end)
            merges += 1
            i += 1
            current = candidate
        merged.append(current)
        i += 1
    return merged


# Words that open a sentence after a run-in heading. A closed list keeps this conservative:
# a split needs one of these (or a capitalised subject followed by a reporting verb).
_OPENERS = frozenset(
    "The A An During Despite Beyond However In On At After Before While With Without This These "
    "Those It He She They We Our His Her Their Its As Although Since Meanwhile Amid Following "
    "According Earlier Later Last Under".split()
)
_SUBJECT_VERBS = frozenset("is was are were has had said says will would can could told".split())
_FUNCTION_WORDS = frozenset(
    "a an the of and or in on at to for by with from as is are was were be his her its their "
    "our that this than who which".split()
)
_WORD = re.compile(r"\S+")
_MAX_HEADING_WORDS = 8


def split_run_in_heading(sentence: str) -> tuple[str, str] | None:
    """Split ``"Victory day symbolism The time of ..."`` into (heading, rest), else None.

    A heading is 2-8 words with no punctuation, starting with a capital and ending in a content
    word; the rest must start with a sentence opener and be a sentence of its own.
    """
    words = [(m.start(), m.group()) for m in _WORD.finditer(sentence)]
    for k in range(2, min(_MAX_HEADING_WORDS, len(words) - 3) + 1):
        if _is_heading(words[:k]) and _opens_sentence(words, k):
            cut = words[k][0]
            return sentence[:cut].rstrip(), sentence[cut:]
    return None


def find_run_in_start(sentence: str) -> int | None:
    """The offset of the last place a sentence opener follows a heading-like lowercase word.

    Used to rescue the real sentence glued after page chrome ("Also read | <headline>
    <heading> Despite the festive atmosphere, ...").
    """
    words = [(m.start(), m.group()) for m in _WORD.finditer(sentence)]
    for k in range(len(words) - 3, 1, -1):
        prev = words[k - 1][1]
        heading_end = prev.isalpha() and prev.islower() and prev not in _FUNCTION_WORDS
        if heading_end and _opens_sentence(words, k):
            return words[k][0]
    return None


def _is_heading(words: list[tuple[int, str]]) -> bool:
    first, last = words[0][1], words[-1][1]
    if not first[:1].isupper():
        return False
    if any(
        not w.replace("-", "").replace("'", "").replace("\u2019", "").isalnum() for _, w in words
    ):
        return False
    return last.isalpha() and last.islower() and last not in _FUNCTION_WORDS


def _opens_sentence(words: list[tuple[int, str]], k: int) -> bool:
    word = words[k][1]
    if not word[:1].isupper():
        return False
    if word in _OPENERS:
        return True
    following = words[k + 1][1] if k + 1 < len(words) else ""
    return word.isalpha() and following in _SUBJECT_VERBS
