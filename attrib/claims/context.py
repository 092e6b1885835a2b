"""What a statement's document adds to what it says: who stands behind it, whom a description means.

- The speaker: the names its chains cite, after the chain stage resolved pronouns and descriptions
  ("In his statement, he said ..." -> Trump). A quote's words are its speaker's proposition: two
  reports of what one person said share that person ("Ryan called the remarks 'racist'" and "'a
  plain case of a reckless remark,' Mr. Ryan said"), however few words they share.
- The subject named by a description ("The Ohio governor carried the region's primaries"): news names a
  person once and then describes them; the description stands for the person the sentence before
  made its subject ("Republican Dana Whitfield has earned her latest win ...").
- The state named by "the state's" ("won the state's caucuses"): the one state the sentences just
  before named ("... this time in Minnesota").
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

import regex

from ..lexicon import word_list
from ..gazetteer import load_gazetteer, place_rows
from .vocabulary import ClaimVocabulary, content_stem
from ..rules.cache import compile_cached

UNNAMED = "@?"            # the actor of a sentence whose subject is a personal pronoun

VOICE_SHARE = 0.35        # a person cited by this share of a document's sentences is its voice (an interview)
VOICE_MIN = 100           # ... in a document of this many distinct sentences at least (news runs to 60)
LOOK_BACK = 2             # sentences before a description where the person it stands for is named

_PRONOUNS = frozenset("he she they it we i you him her them us".split())
PRONOUNS = frozenset("@" + p for p in _PRONOUNS)     # a pronoun source the chain stage left unresolved
_WORDS = compile_cached(r"\p{L}[\p{L}'’]*")
_BRACKETS = compile_cached(r"\s*\([^)]*\)")
_CORE = compile_cached(r"[\p{L}\p{M}][\p{L}\p{M}'’.-]*$")
_THE_STATE = compile_cached(r"(?<![\p{L}])(?i:the)\s+state['’]s(?![\p{L}])")   # lowercase: not "the State Department"


@lru_cache(maxsize=1)
def _outlets() -> frozenset[str]:
    gazetteer = load_gazetteer()
    return frozenset(a.lower() for a in gazetteer.outlet_names())


def cited_cores(cited: str) -> list[str]:
    """The "@core" of each person or body cited ("Paul D. Ryan" -> "@ryan"); pronouns left unresolved
    are no one, and an outlet (the wire credit of every sentence of its copy) only passes words on."""
    out = []
    for name in cited.split("\t") if cited else ():
        name = _BRACKETS.sub("", name).strip()     # "Paul Ryan (R-Wis.)"
        m = _CORE.search(name)
        if not m or not name[:1].isupper() or name.strip().lower() in _PRONOUNS or name.strip().lower() in _outlets():
            continue
        core = m.group().rstrip(".'’")
        if core.endswith(("'s", "’s")):
            core = core[:-2]
        if len(core) > 1:
            out.append("@" + core.lower().replace("’", "'"))
    return out


def cited_speakers(cited: Sequence[str], doc: Sequence[int | None] | None
                   ) -> tuple[list[frozenset[str]], frozenset[tuple[int, str]]]:
    """(the cores each item's chains cite; (document, core) of the voice of each interview). A person who
    speaks a good share of a document's sentences (an interviewee) is the voice of the whole document:
    that two of its answers share that voice says nothing about them saying one thing."""
    cores = [frozenset(cited_cores(c)) for c in cited]
    if doc is None:
        return cores, frozenset()
    sentences = Counter(d for d in doc if d is not None)
    spoken = Counter((d, k) for d, ks in zip(doc, cores) if d is not None for k in ks)
    voice = frozenset(key for key, n in spoken.items()
                      if sentences[key[0]] >= VOICE_MIN and n >= VOICE_SHARE * sentences[key[0]])
    return cores, voice


def _described_pattern() -> regex.Pattern:
    """A subject that is a description: "the Vermont senator", "the first-term senator", "the Ohio
    governor" (at most three words before the role; no name of its own)."""
    roles = sorted(word_list("person_roles"), key=len, reverse=True)
    return compile_cached(r"^[\s\"“'‘]*the\s+(?:[\p{L}-]+\s+){0,3}?\L<roles>\b(?![\p{L}'’-])(?!\s+(?-i:\p{Lu}))",
                         regex.IGNORECASE, roles=roles)


_DESCRIBED: list[regex.Pattern] = []


def described(text: str) -> int:
    """Where the description of a person that opens the sentence (attribution and scene blanked) ends, or 0."""
    if not _DESCRIBED:
        _DESCRIBED.append(_described_pattern())
    m = _DESCRIBED[0].match(text)
    return m.end() if m else 0


def description_features(text: str, vocab: ClaimVocabulary) -> frozenset[str]:
    """Features of a description ("the Vermont senator" -> "@vermont", "senat"): who, when no one
    named before is found for it."""
    out = set()
    if vocab.places is not None:
        for m in vocab.places.finditer(text):
            out.add("@" + vocab.place_names[m.group()])
        text = vocab.places.sub(lambda m: " " * len(m.group()), text)
    for w in _WORDS.findall(text):
        low = w.lower().replace("’", "'")
        if len(low) >= 3 and low not in vocab.skip:
            out.add(content_stem(low, vocab))
    return frozenset(out)


def names_the_state(text: str) -> bool:
    """Whether a statement refers to a state as "the state's" ("won the state's caucuses")."""
    return bool(_THE_STATE.search(text))


def resolve_descriptions(found: Iterable[Any], doc: Sequence[int | None] | None) -> Iterator[Any]:   # StatementFeatures
    """Each statement's features, a described subject replaced by the person the sentences just before
    (in the same document) made their subject or their speaker, and "the state's" by the one state
    they named."""
    recent: list[tuple[int | None, str, frozenset[str]]] = []   # (document, whom, which states) per recent item
    states = _states()
    for i, f in enumerate(found):
        d = doc[i] if doc is not None else None
        if f.described:
            person = next((p for dd, p, _ in reversed(recent[-LOOK_BACK:]) if dd == d and p), "") if d is not None else ""
            f = replace(f, words=f.words | f.description | ({person} if person else frozenset()),
                        actor=person if person and not f.actor else f.actor)
        if f.the_state and d is not None and not f.places & states:
            named = frozenset(s for dd, _, ss in recent[-LOOK_BACK:] if dd == d for s in ss)
            if len(named) == 1:
                f = replace(f, words=f.words | named, places=f.places | named)
        person = f.actor if f.actor and f.actor != UNNAMED and f.actor not in f.places else (
            next(iter(f.speakers)) if len(f.speakers) == 1 else "")
        recent.append((d, person, f.places & states))
        if len(recent) > LOOK_BACK:
            del recent[0]
        yield f


@lru_cache(maxsize=1)
def _states() -> frozenset[str]:
    """The "@place" feature of each state of places.csv."""
    return frozenset("@" + row["name"].removesuffix(" state").lower() for row in place_rows())
