"""The words claims compare: stems, synonyms, places, numbers and the lists of rules/claims.toml.

Loaded once per process (`vocabulary()`); nothing here depends on the corpus.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex
import Stemmer  # PyStemmer: the Snowball English stemmer in C (folds families/family, leaves heat/heated alone)

from ..lexicon import load_lexicon, read_toml
from ..gazetteer import load_gazetteer, place_rows
from ..rules.cache import compile_cached


@dataclass(frozen=True, eq=False)   # hashed by identity: one per process
class ClaimVocabulary:
    stopwords: frozenset[str]
    attribution: frozenset[str]
    skip: frozenset[str]              # lowercase words that are never content: stopwords, attribution, numbers
    synonyms: dict[str, str]          # stem -> the stem that stands for its synonym set
    phrases: regex.Pattern | None     # multi-word synonyms ("step down"), replaced by one token first
    phrase_token: dict[str, str]      # lowercased phrase -> its stem
    places: regex.Pattern | None      # countries (names, adjectives, aliases) and places.csv
    place_names: dict[str, str]       # matched text -> the place's canonical name (lowercase)
    within: dict[str, str]            # "@florida" -> "@united states": the country a place of places.csv is in
    stop_caps: frozenset[str]
    titles: frozenset[str]
    subordinators: frozenset[str]
    converse_stems: frozenset[str]    # words by which the actor undergoes what the other party did ("lost to")
    time_prepositions: frozenset[str]  # subordinators that place the fact in time before a noun too ("after his win")
    demand: regex.Pattern             # words that make a statement a demand ("should", "called for", "urged")
    prefixes: frozenset[str]          # first parts of hyphenated words that are no word of their own ("non-free")
    regions: frozenset[str]           # compass regions ("the South", "the Northeast"): settings, not parties
    subordinator: regex.Pattern       # any of them, to skip sentences without one
    numeric: regex.Pattern            # a digit or a number word, to skip sentences without one
    scene_openers: tuple[str, ...]
    time_phrases: regex.Pattern       # phrases that set the time, up to the next comma
    reasons: regex.Pattern            # phrases that give the reason, up to the next comma ("citing ...")
    finite_verbs: frozenset[str]
    hypothetical: frozenset[str]
    denial: regex.Pattern             # a copula denied and the word it denies ("were also not satisfied",
                                      # "has not been prorogued")
    approximators: tuple[str, ...]
    number_words: dict[str, float]
    ordinals: dict[str, int]
    counters: frozenset[str]          # what a number hyphenated before a contest counts ("three-way fight")
    tallies: frozenset[str]           # nouns of a running tally ("his fourth win"): its ordinal is no quantity
    tally_owners: frozenset[str]      # "his", "her" before that ordinal
    tally_modifiers: frozenset[str]   # "straight", "consecutive" between the ordinal and the noun
    multipliers: dict[str, float]


_STEMMER = Stemmer.Stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball (Porter 2) stem of a lowercase word, possessive and quotes stripped."""
    w = word.lower().strip("'’")
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    return _STEMMER.stemWord(w)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _synonyms() -> tuple[dict[str, str], dict[str, str]]:
    """Every word of each synonyms.csv line -> the stem of the line's first word (phrases apart)."""
    synonyms: dict[str, str] = {}
    phrases: dict[str, str] = {}
    text = resources.files("attrib.data").joinpath("synonyms.csv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        words = [w.strip().lower() for w in line.split(",") if w.strip()]
        head = stem(words[0])
        for w in words:
            if " " in w:
                phrases[w] = head
            else:
                synonyms.setdefault(stem(w), head)
    return synonyms, phrases


def _places() -> tuple[dict[str, str], dict[str, str]]:
    """(place word -> canonical place name, "@place" -> "@country" it lies in): countries from the
    gazetteer, the rest from places.csv (read once for both)."""
    countries = load_gazetteer().countries
    names: dict[str, str] = {}
    for country in countries.values():
        for word in (country.name, *country.adjectives, *country.aliases):
            if len(word) > 2:
                names[word] = country.name.lower()
    within: dict[str, str] = {}
    for row in place_rows():
        canonical = row["name"].removesuffix(" state").lower()
        for word in (row["name"], *(a for a in (row.get("aliases") or "").split("|") if a)):
            names.setdefault(word, canonical)
        names.setdefault(row["name"].removesuffix(" state"), canonical)
        within["@" + canonical] = "@" + countries[row["country"]].name.lower()
    return names, within


@lru_cache(maxsize=1)
def vocabulary() -> ClaimVocabulary:
    lists = load_lexicon().lists
    rules = read_toml("claims.toml")
    attribution = {w.lower() for entry in lists["hedges"] for w in entry.split()} | set(rules["attribution"].split())
    synonyms, phrase_token = _synonyms()
    phrases = (compile_cached(r"(?<![\p{L}])\L<p>(?![\p{L}])", regex.IGNORECASE, p=sorted(phrase_token, key=len,
                                                                                      reverse=True))
               if phrase_token else None)
    place_names, within = _places()
    places = compile_cached(r"(?<![\p{L}])\L<places>(?![\p{L}])", places=sorted(place_names, key=len, reverse=True))
    stopwords = _words(rules["stopwords"])
    skip = stopwords | attribution | set(rules["number_words"]) | set(rules["ordinals"])
    return ClaimVocabulary(
        stopwords=stopwords, attribution=frozenset(attribution), skip=frozenset(skip), synonyms=synonyms,
        phrases=phrases, phrase_token=phrase_token, places=places, place_names=place_names, within=within,
        stop_caps=frozenset(lists["stop_caps"]), titles=frozenset(lists["titles"]),
        subordinators=frozenset(rules["subordinators"]),
        converse_stems=frozenset(synonyms.get(stem(w), stem(w)) for w in rules["converse"].split()),
        time_prepositions=frozenset(rules["time_prepositions"]),
        demand=compile_cached(r"(?<![\p{L}])(?:\L<d>|\L<c>\s+(?:(?:again|also|\p{Ll}+ly)\s+)?(?:for|on))(?![\p{L}])",
                             regex.IGNORECASE, d=rules["demand"], c=rules["demand_calls"]),
        regions=_words(rules["regions"]), prefixes=_words(rules["prefixes"]), scene_openers=tuple(rules["scene_openers"]),
        subordinator=compile_cached(r"(?<![\p{L}])\L<s>(?![\p{L}])", regex.IGNORECASE, s=rules["subordinators"]),
        numeric=compile_cached(r"\d|(?<![\p{L}])\L<n>(?![\p{L}])", regex.IGNORECASE,
                              n=[*rules["number_words"], *rules["ordinals"]]),
        time_phrases=compile_cached(r"(?<![\p{L}])\L<t>(?![\p{L}])[^,;:—()\"“”]*", regex.IGNORECASE,
                                   t=rules["time_phrases"]),
        reasons=compile_cached(r"(?<![\p{L}])\L<t>(?![\p{L}])[^,;:—()\"“”]*", regex.IGNORECASE, t=rules["reason_phrases"]),
        finite_verbs=_words(rules["finite_verbs"]), hypothetical=frozenset(rules["hypothetical"]),
        denial=compile_cached(r"(?<![\p{L}'’])(?:\L<c>)(?:\s+\p{Ll}+)?\s+\L<n>\s+(?:(?!only\s)\p{Ll}+ly\s+)?(\p{Ll}[\p{Ll}'’-]*)"
                              r"|(?<![\p{L}'’])\L<n>\s+(?:\L<c>)\s+(?:(?!only\s)\p{Ll}+ly\s+)?(\p{Ll}[\p{Ll}'’-]*)"
                              r"|(?<![\p{L}'’])(?:\L<c>)n['’]t\s+(?:(?!only\s)\p{Ll}+ly\s+)?(\p{Ll}[\p{Ll}'’-]*)",
                              c=rules["copulas"], n=rules["negators"]),
        approximators=tuple(rules["approximators"]), number_words=dict(rules["number_words"]),
        ordinals=dict(rules["ordinals"]), tallies=_words(rules["tallies"]),
        tally_owners=_words(rules["tally_owners"]), tally_modifiers=_words(rules["tally_modifiers"]),
        counters=_words(rules["counters"]), multipliers=dict(rules["multipliers"]))


def content_stem(word: str, vocab: ClaimVocabulary) -> str:
    """A content word's feature: its stem, folded into its synonym set's first stem."""
    s = stem(word)
    return vocab.synonyms.get(s, s)
