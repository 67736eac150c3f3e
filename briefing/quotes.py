"""Where a sentence quotes someone: the quoted spans, and the words in the writer's own voice."""

from __future__ import annotations

import re
from functools import lru_cache

# Straight or curly double quotes, and curly single quotes used as quotation marks
# (an apostrophe inside a word, as in "Russia's", is not an opening quote).
_QUOTED = re.compile(
    r"\"[^\"]+\"|\u201c[^\u201d]+\u201d|(?<![A-Za-z])\u2018[^\u2019]+\u2019(?![A-Za-z])"
    r"|(?<![A-Za-z])'[^']{2,}'(?![A-Za-z])"
)
_SPEECH = re.compile(
    r"\b(said|says|told|tells|added|adds|stated|asserted|continued|declared|according to|"
    r"quoted|wrote|writes|claimed|claims|insisted|warned|noted|announced|argued)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=65536)
def quoted_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((m.start(), m.end()) for m in _QUOTED.finditer(text))


@lru_cache(maxsize=65536)
def outside_quotes(text: str) -> str:
    """The sentence with quoted material blanked out (same length, offsets preserved)."""
    out, last = [], 0
    for start, end in quoted_spans(text):
        out.append(text[last:start])
        out.append(" " * (end - start))
        last = end
    out.append(text[last:])
    return "".join(out)


def is_quote_only(text: str) -> bool:
    """The whole sentence is a quotation with no words of the writer's own."""
    return len(outside_quotes(text).strip(" .,;:!?-\u2013\u2014")) == 0


def has_attribution(text: str) -> bool:
    return bool(_SPEECH.search(outside_quotes(text)))
