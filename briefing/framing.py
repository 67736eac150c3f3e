"""How outlets frame it: loaded wording each source uses in its own voice, attributed.

One framing entry per source that uses loaded words outside quotations. Each position is a
verbatim sentence of that source, with ``terms`` (the loaded phrase as printed, e.g.
"Genocidal Chinese dictator") and ``targets`` (the name the phrase is attached to, e.g.
"Xi Jinping", or "" when the text names none; ``targets[i]`` goes with ``terms[i]``), so a
template can say "Breitbart News calls Xi Jinping “Genocidal Chinese dictator”".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .lexicon import Term, loaded_spans
from .model import Citation, Document, Position, Sentence
from .text import STOP_WORDS

_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019\-]*")
_NAME = re.compile(r"\s*((?:[A-Z][\w'\u2019\-]*)(?:\s+[A-Z][\w'\u2019\-]*){0,3})")


def phrases(text: str, terms: Sequence[Term]) -> list[tuple[str, str]]:
    """(loaded phrase, target name) pairs: neighbouring terms merge (one word between them
    may stay, "Genocidal Chinese dictator"); a phrase takes the next plain noun ("propaganda
    outlet") and the capitalised name right after it as its target."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    index = {start: i for i, (start, _) in enumerate(words)}
    groups: list[list[int]] = []
    for term in terms:
        i = index.get(term.start)
        if i is None:
            continue
        if groups and i - groups[-1][-1] <= 2:
            groups[-1].append(i)
        else:
            groups.append([i])
    out = []
    for group in groups:
        first, last = group[0], group[-1]
        end = words[last][1]
        nxt = last + 1
        if nxt < len(words):
            word = text[words[nxt][0] : words[nxt][1]]
            between = text[end : words[nxt][0]]
            plain_noun = not word.endswith(("ed", "ing", "ly"))
            if word.islower() and plain_noun and word not in STOP_WORDS and not between.strip():
                end = words[nxt][1]
        name = _NAME.match(text, end)
        target = name.group(1) if name and text[end : name.start(1)].strip() == "" else ""
        label_like = not text[words[last][0] : words[last][1]].endswith(("ing", "ed"))
        if not label_like or target.endswith(("'s", "\u2019s")):
            target = ""  # a verb's object or a possessor is not what the phrase names
        out.append((text[words[first][0] : end], target))
    return out


def framing_positions(sentences: Sequence[Sentence]) -> list[Position]:
    """A position for each sentence with own-voice loaded wording, in order."""
    out = []
    for s in sentences:
        terms = loaded_spans(s.text)
        if not terms:
            continue
        found = phrases(s.text, terms)
        out.append(
            Position(
                s.text,
                (Citation.of(s),),
                terms=tuple(p for p, _ in found),
                targets=tuple(t for _, t in found),
            )
        )
    return out


def framing_by_source(
    documents: Sequence[Document], sentences: Sequence[Sentence]
) -> list[tuple[str, list[Position]]]:
    """(source label, positions) for every source label using loaded wording, in source order."""
    by_doc: dict[str, list[Sentence]] = {}
    for s in sentences:
        by_doc.setdefault(s.doc, []).append(s)
    by_label: dict[str, list[Position]] = {}
    for d in documents:
        positions = framing_positions(by_doc.get(d.id, []))
        if positions:
            by_label.setdefault(d.label, []).extend(positions)
    return list(by_label.items())
