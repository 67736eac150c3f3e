"""Generic cleaning of raw article text: page chrome out, prose sentences in.

No rule here is keyed to one outlet. Cleaning works on two levels:

* blocks (paragraphs): captions, photo credits, promo headlines in capitals, bylines, author
  bios, relative timestamps and link lists are dropped whole;
* sentences: chrome glued into running text ("Also read | ...", run-in section headings) is cut.

``prepare`` returns the cleaned text together with its sentence spans; the cleaned text is built
from the kept sentences, so every span is exact by construction.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .sentences import Span, Splitter, find_run_in_start, split_run_in_heading

_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_LEADING_DATE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b\s*", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n\s*\n")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")

_CHROME_BLOCK = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^\d+\s+(second|minute|hour|day|week|month)s?\s+ago\b.{0,20}$",  # "6 hours ago 1"
        r"^(updated|published)\b.{0,40}\bago\b.{0,10}$",
        r"^related( articles?| stories| coverage)?\s*[:|]",
        r"^(also read|read more|see also|more from|recommended|watch)\s*[:|]",
        r"^read (the )?(entire|full) (article|story)\b.{0,20}$",
        r"^click here\b",
        r"^(from|on) (twitter|x|facebook|instagram|youtube)\s*$",
        r"^\d*\s*comments?\s*\d*$",
        r"^(share|advertisement|subscribe)( this( article| story)?)?\s*$",
        r"^follow [A-Z][\w.'\- ]{1,60} on (facebook|twitter|x|instagram|threads|bluesky)\b",
        r"^by [A-Z][\w.'\-]+( [A-Z][\w.'\-]+){0,3}( and [A-Z][\w.'\-]+( [A-Z][\w.'\-]+){0,3})?\s*$",
        r"^[A-Z][\w.'\-]+( [A-Z][\w.'\-]+){1,3} is an? [\w ,\-]{0,40}"
        r"(reporter|writer|editor|correspondent|journalist|contributor|columnist)\b",
    )
]
# A photo credit at the end of a caption: "(Name/AFP via Getty Images)", "(AP Photo/Name)".
_CREDIT = re.compile(
    r"\((?:[^()]*/)?[^()]*\b(?:via|Getty|AP Photo|Reuters|AFP|Photo|Images|Pool|File)\b[^()]*\)\s*$"
)
_TERMINAL = (".", "!", "?", '"', "\u201d", "'", "\u2019", ")", ":", ";")
_CHROME_SENTENCE = re.compile(
    r"^(also read|read more|related article|related|see also|click here|read (the )?entire)\b"
    r"\s*[:|]?",
    re.IGNORECASE,
)
_MIN_SENTENCE_WORDS = 3


@dataclass(frozen=True)
class Prepared:
    text: str
    spans: tuple[Span, ...]
    date: str | None
    headline: str | None  # first short unpunctuated line, a title candidate


def strip_inline_html(text: str) -> str:
    """Remove inline tags (``<a href=...>``) and decode entities, keeping the words."""
    return html.unescape(_TAG.sub("", text))


def extract_leading_date(text: str) -> tuple[str | None, str]:
    match = _LEADING_DATE.match(text)
    if not match:
        return None, text
    return match.group(1), text[match.end() :]


def split_blocks(text: str) -> list[str]:
    """Paragraphs separated by blank lines; hard-wrapped lines inside one are joined."""
    blocks = []
    for chunk in _BLANK_LINES.split(text.replace("\r\n", "\n")):
        block = _SPACES.sub(" ", " ".join(line.strip() for line in chunk.split("\n"))).strip()
        if block:
            blocks.append(block)
    return blocks


def is_chrome_block(block: str) -> bool:
    if any(p.search(block) for p in _CHROME_BLOCK):
        return True
    if _CREDIT.search(block):
        return True
    letters = [c for c in block if c.isalpha()]
    # a promo headline in capitals
    return len(block.split()) >= 3 and bool(letters) and _upper_share(letters) > 0.8


def _upper_share(letters: list[str]) -> float:
    return sum(c.isupper() for c in letters) / len(letters)


def is_heading_block(block: str) -> bool:
    """A short line with no closing punctuation: a headline, caption or section heading."""
    return len(block.split()) <= 16 and not block.endswith(_TERMINAL)


def clean_sentence(sentence: str) -> str | None:
    """The prose part of a sentence, or None when nothing of it is prose."""
    if _CHROME_SENTENCE.match(sentence):
        start = find_run_in_start(sentence)
        return clean_sentence(sentence[start:]) if start is not None else None
    run_in = split_run_in_heading(sentence)
    if run_in is not None:
        sentence = run_in[1]
    if len(sentence.split()) < _MIN_SENTENCE_WORDS or is_chrome_block(sentence):
        return None
    return sentence


def prepare(raw: str, splitter: Splitter) -> Prepared:
    """Clean raw article text and split it, returning exact sentence spans."""
    date, body = extract_leading_date(strip_inline_html(raw).strip())
    headline: str | None = None
    parts: list[str] = []
    spans: list[Span] = []
    offset = 0
    for block in split_blocks(body):
        if is_chrome_block(block):
            continue
        if is_heading_block(block):
            if headline is None and not parts:
                headline = block
            continue
        kept = [s for s in _clean_sentences(block, splitter) if s]
        if not kept:
            continue
        if parts:
            parts.append("\n\n")
            offset += 2
        for i, sentence in enumerate(kept):
            if i:
                parts.append(" ")
                offset += 1
            spans.append(Span(offset, offset + len(sentence)))
            parts.append(sentence)
            offset += len(sentence)
    return Prepared("".join(parts), tuple(spans), date, headline)


def _clean_sentences(block: str, splitter: Splitter) -> list[str | None]:
    return [clean_sentence(block[s.start : s.end].strip()) for s in splitter.spans(block)]
