"""Loaded and evaluative wording in a writer's own voice.

Two sources of terms:

* a curated list of political labels and judgement words news style guides flag
  ("dictator", "strongman", "regime", "propaganda outlet", "long-debunked", "illegal", ...);
* strongly negative words from the VADER lexicon (MIT licence, shipped in the
  ``vaderSentiment`` package, read from disk: no download), valence <= -2.5, less the words
  that plainly name events or acts ("killed", "war", "assault", "violence"): a report that
  a strike killed people is not loaded, calling someone "vile" is. VADER's positive words are
  left out: in news copy they are mostly descriptive ("celebrate", "peace", "victory").

Words that belong to someone else never count: quoted words, and words after a verb that
reports how a named party characterises something ("Ukraine rejects that as a grotesque
falsehood", "calling it a ruse"). A capitalised term inside a proper name ("the Communist
Party") is a name, not a label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .quotes import outside_quotes

CURATED = frozenset(
    """
    dictator dictators dictatorship dictatorships strongman strongmen despot despots despotic
    tyrant tyrants tyrannical regime regimes thug thugs thuggish genocidal murderous puppet
    puppets propaganda propagandist propagandists mouthpiece cronies crony autocrat autocrats
    illegal illegitimate unprovoked barbaric brutal brutality heinous atrocious evil
    long-debunked debunked lies liar liars falsehood falsehoods grotesque sham bogus so-called
    radical radicals extremist extremists far-left far-right leftist leftists marxist marxists
    communist communists warmonger warmongers slapped slammed blasted exacerbated erasing
    downplaying deadly bloody notorious disgraced infamous shameful shameless ruthless
    hardline hardliner hardliners firebrand zealot zealots fanatic fanatics rogue pariah
    pariahs lunatic reckless corrupt crooked insane scandal-plagued embattled hapless
    """.split()
)
# Negative VADER words that name events, acts or states rather than judge them.
_DESCRIPTIVE = re.compile(
    r"^(kill|murder(s|ed|ing|er|ers|ee|ees|esses)?$|death|dead|died|war|assault|violen|violat|"
    r"crime|criminal|felon|fatal|crisis|disaster|catastroph|traged|rape|raping|rapist|suicid|"
    r"prisoner|stab|strangl|drown|starv|fired|fail|harm|slavery|riot|abduct|assassinat|corpse|"
    r"cancer|depression|tortur|terror|attacker|poison|injustice|destr|devastat|havoc|chaos|"
    r"suffer|weep|sobs|anger|angr|rage|fury|furious|fuming|livid|irate|grief|anguish|misery|"
    r"miseries|heartbr|horrified|terrified|petrif|infuriat|outraged|enrage|distraught|"
    r"crestfallen|despair|doom|dread|gloom|grim|troubling|negative|enemy|betray|condemnation|"
    r"rejection|fraud|scam|stealing|robber|bankrupt|poorest|harass|molest|bullied|bullying|"
    r"humiliat|shamed|victimi|trauma|hostility|hatred|hate|loathing|disgust|contempt|curse|"
    r"damn|hell|devil|sinful|punish|enslave|obliterat|ruin|choke|drowned|fearing|dangering)"
)
_VADER_THRESHOLD = -2.5
_TERM = re.compile(r"[A-Za-z][A-Za-z\-]*")
# A verb that reports how a named party characterises something: what follows is theirs.
_CHARACTERISING = re.compile(
    r"\b(reject(s|ed|ing)?\b[^.;]*?\bas|call(s|ed|ing)\b|describ(e|es|ed|ing)\b[^.;]*?\bas|"
    r"brand(s|ed|ing)\b|denounc(e|es|ed|ing)\b|dismiss(es|ed|ing)?\b[^.;]*?\bas|"
    r"dub(s|bed|bing)\b|label(s|ed|led|ling|ing)\b|accus(e|es|ed|ing)\b|"
    r"condemn(s|ed|ing)?\b[^.;]*?\bas)",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _vader_terms() -> frozenset[str]:
    try:
        text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover - installed dependency
        return frozenset()
    terms = set()
    for line in text.splitlines():
        parts = line.split("\t")
        word_like = len(parts) >= 2 and parts[0].isalpha() and len(parts[0]) > 3
        if word_like and float(parts[1]) <= _VADER_THRESHOLD and not _DESCRIPTIVE.match(parts[0]):
            terms.add(parts[0].lower())
    return frozenset(terms)


@lru_cache(maxsize=1)
def _loaded_words() -> frozenset[str]:
    return CURATED | _vader_terms()


def is_loaded_word(word: str) -> bool:
    return word.lower() in _loaded_words()


@dataclass(frozen=True)
class Term:
    start: int
    end: int
    text: str


@lru_cache(maxsize=65536)
def loaded_spans(text: str) -> tuple[Term, ...]:
    """Loaded words in the writer's own voice, with their offsets in ``text``."""
    own = outside_quotes(text)
    reported = _CHARACTERISING.search(own)
    cut = reported.end() if reported else len(own)
    loaded = _loaded_words()
    found = []
    for match in _TERM.finditer(own):
        word = match.group()
        if match.start() >= cut or word.lower() not in loaded:
            continue
        if _in_proper_name(own, match.start(), match.end()):
            continue
        found.append(Term(match.start(), match.end(), text[match.start() : match.end()]))
    return tuple(found)


def _in_proper_name(text: str, start: int, end: int) -> bool:
    """A capitalised word mid-sentence followed by another capitalised word ("Communist Party")."""
    if not text[start].isupper() or start == 0:
        return False
    following = re.match(r"\s+([A-Z][a-z]+)", text[end:])
    return following is not None


def loaded_terms(text: str) -> tuple[str, ...]:
    """Loaded words the writer uses in their own voice (quotations excluded), in order."""
    return tuple(t.text for t in loaded_spans(text))


def is_loaded(text: str) -> bool:
    return bool(loaded_spans(text))
