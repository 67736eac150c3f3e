"""Who says what: named parties in a sentence, who speaks and whom they speak about.

A party is a capitalised name ("Ukraine", "Russia's Defence Ministry", "Mr Xi"), keyed so that
country and demonym meet ("Ukraine"/"Ukrainian" -> "ukra", "the U.S."/"the United States" ->
"us"). Titles and office words ("President", "Ministry") are not parties of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .quotes import outside_quotes
from .text import STOP_WORDS

_ALIASES = {
    "u.s.": "us", "us": "us", "usa": "us", "united states": "us", "america": "us",
    "american": "us", "americans": "us", "washington": "us",
    "u.k.": "uk", "uk": "uk", "united kingdom": "uk", "britain": "uk", "british": "uk",
    "eu": "eu", "european union": "eu", "u.n.": "un", "un": "un", "united nations": "un",
}  # fmt: skip
_DISPLAY = {"us": "the US", "uk": "the UK", "eu": "the EU", "un": "the UN"}
_NOT_PARTIES = frozenset(
    """
    mr mrs ms dr sir president prime minister ministry defence defense foreign interior
    department government office spokesman spokeswoman spokesperson chief general secretary
    state officials official military army forces troops police agency news reports report
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december reuters ap afp according
    """.split()
)
_NAME = re.compile(
    r"United States|United Kingdom|United Nations|European Union|U\.S\.|U\.K\.|U\.N\."
    r"|\b[A-Z][A-Za-z\-]*(?:['\u2019]s)?"
)
SPEECH = re.compile(
    r"\b(accus(?:ed|es|ing)|said|says|claimed|claims|alleges|told|tells|charged|"
    r"blamed|blames|insisted|insists|denied|denies|stated|reported|warned|refuted|refutes|"
    r"refuting|rejected|rejects|disputed|disputes)\b"
)
# Verbs that set one party against another (not just reporting what it said).
ADVERSE = frozenset(
    "accused accuses accusing charged blamed blames denied denies refuted refutes refuting "
    "rejected rejects disputed disputes".split()
)
_CLAUSE_BREAK = re.compile(
    r"[,;:\u2013\u2014]|\b(?:as|while|but|and|after|because|when|since|though|although)\b"
)


@dataclass(frozen=True)
class Mention:
    key: str
    name: str  # as printed, possessive dropped
    start: int


def party_key(name: str) -> str | None:
    bare = name.removesuffix("'s").removesuffix("\u2019s")
    low = bare.lower()
    if low in _ALIASES:
        return _ALIASES[low]
    if low in _NOT_PARTIES or low in STOP_WORDS or len(low) < 2:
        return None
    for article in ("al-", "el-", " al ", "el "):  # "al-Mosuli" and "Mosuli" are one party
        low = low.removeprefix(article)
    return low[:4]


def display(key: str, name: str) -> str:
    return _DISPLAY.get(key, name)


def mentions(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    out = []
    for m in _NAME.finditer(text, start, len(text) if end is None else end):
        key = party_key(m.group())
        if key:
            name = m.group().removesuffix("'s").removesuffix("\u2019s")
            out.append(Mention(key, name, m.start()))
    return out


@dataclass(frozen=True)
class Attribution:
    speaker: Mention
    target: Mention
    verb_end: int
    verb: str = ""


def attribution(text: str) -> Attribution | None:
    """The first "<party> <speech verb> ... <other party>" in the sentence, if any."""
    for verb in SPEECH.finditer(text):
        before = text[: verb.start()]
        breaks = list(_CLAUSE_BREAK.finditer(before))
        clause_start = breaks[-1].end() if breaks else 0
        speakers = mentions(text, clause_start, verb.start())
        if not speakers:
            continue
        after = verb.end()
        if verb.group() in ("told", "tells"):
            that = re.search(r"\bthat\b", text[after : after + 60])
            after = after + that.end() if that else after
        spoken = {s.key for s in speakers}
        own = outside_quotes(text)  # a party named inside a quotation is not the one spoken of
        targets = [m for m in mentions(own, after) if m.key not in spoken]
        if targets:
            return Attribution(speakers[0], targets[0], verb.end(), verb.group())
    return None
