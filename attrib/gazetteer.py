"""The gazetteer: the sources the project knows by name (data/sources.csv), the countries
(data/countries.csv) and the multi-word place names (data/places.txt), with the finders that look
their names up in a text. Read once per process (`load_gazetteer`); resolve.py turns a mention into
a source with it."""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import regex

from .name_finder import NameFinder, Unfoldable
from .rules.cache import compile_cached

OUTLET_KINDS = frozenset({"news_agency", "broadcaster", "newspaper", "magazine", "online_outlet", "social_platform"})
_SCHEME = compile_cached(r"^[a-z]+://")


@dataclass(frozen=True)
class SourceEntry:
    id: str
    name: str
    kind: str
    country: str = ""
    state_affiliated: bool = False
    owner: str = ""
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    descriptions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    adjectives: tuple[str, ...]
    aliases: tuple[str, ...]


@dataclass
class Gazetteer:
    """Outlets, agencies, governments and countries, with every alias, from attrib/data."""

    entries: dict[str, SourceEntry]
    countries: dict[str, Country]
    by_alias: dict[str, SourceEntry] = field(default_factory=dict)
    by_alias_ci: dict[str, SourceEntry] = field(default_factory=dict)
    country_by_word: dict[str, Country] = field(default_factory=dict)
    alias_finder: NameFinder | None = None
    description_finder: NameFinder | None = None
    description_pattern: regex.Pattern | None = None  # for the rare text whose case lower() cannot fold
    by_description: dict[str, SourceEntry] = field(default_factory=dict)
    by_domain: dict[str, SourceEntry] = field(default_factory=dict)
    places: frozenset[str] = frozenset()   # multi-word place names: "New York City" is never a person
    outlet_last_words: frozenset[str] = frozenset()  # "journal", "times", "post": an outlet's short name

    def __post_init__(self) -> None:
        for entry in self.entries.values():
            for alias in (entry.name, *entry.aliases):
                self.by_alias.setdefault(alias, entry)
                self.by_alias_ci.setdefault(alias.lower(), entry)
                if alias.lower().startswith("the "):
                    self.by_alias_ci.setdefault(alias[4:].lower(), entry)
            for desc in entry.descriptions:
                self.by_description.setdefault(desc.lower(), entry)
            for domain in entry.domains:
                self.by_domain.setdefault(domain.lower(), entry)
        for country in self.countries.values():
            for word in (country.name, *country.aliases, *country.adjectives):
                self.country_by_word.setdefault(word, country)
        self.outlet_last_words = frozenset(e.name.lower().split()[-1] for e in self.entries.values()
                                           if e.kind in OUTLET_KINDS and len(e.name.split()) > 1)
        if self.by_alias:
            self.alias_finder = NameFinder(self.by_alias)
        if self.by_description:
            self.description_finder = NameFinder(self.by_description, fold=True)

    def outlet_names(self) -> tuple[str, ...]:
        return tuple(a for a, e in self.by_alias.items() if e.kind in OUTLET_KINDS)

    def lookup(self, name: str) -> SourceEntry | None:
        return self.by_alias.get(name) or self.by_alias_ci.get(name.lower())

    def find_in(self, text: str) -> list[tuple[int, int, SourceEntry]]:
        """Every gazetteer name inside a text, longest first at each position."""
        found = []
        if self.alias_finder is not None:
            found = [(start, end, self.by_alias[name]) for start, end, name in self.alias_finder.finditer(text)]
        if self.description_finder is not None:
            try:
                descriptions = self.description_finder.finditer(text)
            except Unfoldable:
                descriptions = [(m.start(), m.end(), m.group().lower()) for m in self._description_pattern().finditer(text)]
            found.extend((start, end, self.by_description[name]) for start, end, name in descriptions)
        return found

    def _description_pattern(self) -> regex.Pattern:
        if self.description_pattern is None:
            self.description_pattern = compile_cached(
                r"(?i)(?<![\w'’-])\L<descs>(?![\w-])", descs=sorted(self.by_description, key=len, reverse=True))
        return self.description_pattern

    def domain_publisher(self, url: str) -> SourceEntry | None:
        host = _SCHEME.sub("", url.lower()).split("/")[0].split(":")[0]
        parts = host.split(".")
        for i in range(len(parts) - 1):
            entry = self.by_domain.get(".".join(parts[i:]))
            if entry:
                return entry
        return None


def _split_list(cell: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in (cell or "").split("|") if x.strip())


@lru_cache(maxsize=1)
@lru_cache(maxsize=1)
def place_rows() -> tuple[dict[str, str], ...]:
    """The rows of data/places.csv (states and regions: name, aliases joined by '|', country code), read once
    for every reader: identity's not-a-name words, the claims' place features."""
    text = resources.files("attrib.data").joinpath("places.csv").read_text(encoding="utf-8")
    return tuple(csv.DictReader(text.splitlines()))


def load_gazetteer() -> Gazetteer:
    data = resources.files("attrib.data")
    entries: dict[str, SourceEntry] = {}
    sources = data.joinpath("sources.csv")
    if sources.is_file():
        for row in csv.DictReader(sources.read_text(encoding="utf-8").splitlines()):
            entries[row["id"]] = SourceEntry(
                id=row["id"], name=row["name"].strip(), kind=row["kind"].strip(),
                country=row.get("country", "").strip(), state_affiliated=row.get("state_affiliated", "") == "true",
                owner=row.get("owner", "").strip(), aliases=_split_list(row.get("aliases", "")),
                domains=_split_list(row.get("domains", "")), descriptions=_split_list(row.get("descriptions", "")))
    countries: dict[str, Country] = {}
    cfile = data.joinpath("countries.csv")
    if cfile.is_file():
        for row in csv.DictReader(cfile.read_text(encoding="utf-8").splitlines()):
            countries[row["code"]] = Country(code=row["code"], name=row["name"],
                                             adjectives=_split_list(row.get("adjectives", "")),
                                             aliases=_split_list(row.get("aliases", "")))
    places = frozenset(line.strip() for line in data.joinpath("places.txt").read_text(encoding="utf-8").splitlines()
                       if line.strip() and not line.startswith("#"))
    return Gazetteer(entries=entries, countries=countries, places=places)
