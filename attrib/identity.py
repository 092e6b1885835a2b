"""Stage 5b, identity across documents: one person named differently is one source.

The chains resolve a name within its document ("Mr. Putin" -> "Vladimir Putin" when the article
names him in full). A corpus still holds one person under several source ids: "Trump" in an article
that never gives his first name, "Donald J. Trump" in a release, "Donald Trump" elsewhere. This
stage maps each person's source id to one canonical key, so that the sources table has one row for
him and a claim quoting him in two outlets counts one independent origin, not two.

- A full name (two words or more, every one a name word, titles and places before it dropped:
  "Vermont Bernie Sanders") is known by its first name, surname and suffix ("Jr."). Forms that share
  them are one person when their middle names agree: "Donald J. Trump" is "Donald Trump"; "George H.
  W. Bush" and "George W. Bush" are two people, and a bare "George Bush" beside both stays itself.
- A surname alone ("Trump", "President Trump" resolved to "Trump") is the one person of that surname
  the same document cites in full, else the one the corpus cites in full. Two people of the surname
  (Bill and Hillary Clinton) leave it as it is, and so does a surname that is also a place, a country,
  an outlet or an organisation word ("Washington", "Jordan", "Post").
- The canonical name of a person is the form the corpus cites most, roles and places before it left out
  ("Mike Pompeo" of "US Secretary of State Mike Pompeo"; the longest on a tie); the key is
  "person:" and that name in lower case. Citations keep the name as the document gave it in `cited`
  and take the key as `source_id`.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import polars as pl

from .gazetteer import Gazetteer, load_gazetteer, place_rows
from .lexicon import word_list
from .resolve import UNRESOLVED

PERSON = "person:"
MIN_DOCUMENTS = 2   # a surname alone is a person named in full elsewhere only if the corpus cites that person this often
_SUFFIXES = frozenset(word_list("name_suffixes"))
_PARTICLES = frozenset(word_list("surname_particles"))
_GIVEN_NAME_TITLES = frozenset(word_list("given_name_titles"))


@dataclass(frozen=True)
class NameParts:
    first: str
    middles: tuple[str, ...]
    last: str
    suffix: str = ""
    name: str = ""     # the words of the name alone: "Mike Pompeo" of "US Secretary of State Mike Pompeo"
    prefixed: bool = False   # found after words that are no title: a place, a body, a description

    @property
    def person(self) -> tuple[str, str, str]:
        """Who the name is, up to its middle names."""
        return self.first.lower(), self.last.lower(), self.suffix.lower().rstrip(".")

    @property
    def initials(self) -> str:
        """The middle names by their initials: "J." and "John" agree, "H. W." and "W." do not."""
        return "".join(m[0].upper() for m in self.middles if m.lower() not in _PARTICLES)


@dataclass(frozen=True)
class Namer:
    """The word lists that tell a name from a role, a place or an organisation."""

    gazetteer: Gazetteer
    titles: frozenset[str]
    not_names: frozenset[str]      # places, countries, organisation words, sentence openers

    @classmethod
    def create(cls, gazetteer: Gazetteer | None = None) -> "Namer":
        gazetteer = gazetteer or load_gazetteer()
        places = set()
        for row in place_rows():
            places.update(w for cell in (row["name"], row.get("aliases", "")) for w in cell.split("|") if w)
        not_names = (set(gazetteer.country_by_word) | places | set(word_list("org_words"))
                     | set(word_list("stop_caps")) - set(word_list("name_stop_caps")))   # "Theresa May"
        return cls(gazetteer=gazetteer, titles=frozenset(word_list("titles")), not_names=frozenset(not_names))

    def is_title(self, word: str) -> bool:
        return word in self.titles or word.capitalize() in self.titles or word + "." in self.titles

    def is_place_or_body(self, word: str) -> bool:
        return (word in self.not_names or word.capitalize() in self.not_names
                or self.gazetteer.lookup(word) is not None)

    def parts(self, name: str) -> NameParts | None:
        """A person's name in parts, or None when the words are no one's name ("spokesman for West",
        "Vice President", "the Kremlin")."""
        tokens = name.split()
        # roles, places and bodies before the name: "President Trump", "Vermont Bernie Sanders", "CNN Jake
        # Tapper", "Secretary of State Mike Pompeo" (a place only where a full name is left: "Jordan Peterson")
        prefixed = given = False
        while len(tokens) > 1 and (self.is_title(tokens[0]) or len(tokens) > 2 and (
                self.is_place_or_body(tokens[0]) or tokens[0].islower())):
            prefixed = prefixed or not self.is_title(tokens[0])
            given = tokens[0] in _GIVEN_NAME_TITLES
            tokens = tokens[1:]
        suffix = ""
        if len(tokens) > 2 and tokens[-1].rstrip(",") in _SUFFIXES:
            suffix, tokens = tokens[-1], tokens[:-1]
        if not tokens or not all(_name_word(t) or i < len(tokens) - 1 and _is_initial(t)
                                 or 0 < i < len(tokens) - 1 and t in _PARTICLES for i, t in enumerate(tokens)):
            return None
        if len(tokens) == 1:
            word = tokens[0]
            if self.is_title(word) or self.is_place_or_body(word) or word.isupper() or given:
                return None   # "Prince Harry", "Pope Francis": a given name, no surname
            return NameParts(first="", middles=(), last=word, suffix=suffix, name=word)
        if self.is_title(tokens[-1]) or self.is_place_or_body(tokens[-1]):
            return None   # "Chess Federation President", "Red Hat Summit": a role or a body
        return NameParts(first=tokens[0], middles=tuple(tokens[1:-1]), last=tokens[-1], suffix=suffix,
                         name=" ".join((*tokens, suffix)).strip(), prefixed=prefixed)


def _name_word(word: str) -> bool:
    return word[:1].isupper() and any(c.islower() for c in word) and not word.endswith(".")


def _is_initial(word: str) -> bool:
    return len(word) <= 4 and word.endswith(".") and word[:1].isupper() and "." in word


def person_names(citations: pl.DataFrame | pl.LazyFrame) -> pl.DataFrame:
    """(doc_id, source_id, cited, n): the people the citations name, each document's forms counted."""
    return (citations.lazy()
            .filter(pl.col("source_id").fill_null("").str.starts_with(PERSON)
                    & (pl.col("cited_kind").fill_null("") == "person"))
            .group_by("doc_id", "source_id", "cited").agg(pl.len().alias("n"))
            .sort("doc_id", "source_id", "cited")
            .collect(engine="streaming"))


def canonical_keys(names: pl.DataFrame, namer: Namer | None = None) -> pl.DataFrame:
    """(doc_id, source_id, key, canonical): for each person id a document cites, the person's key when it
    differs from the id. `names` as from `person_names`."""
    namer = namer or Namer.create()
    parsed: dict[str, NameParts | None] = {}
    forms: dict[str, Counter[str]] = defaultdict(Counter)   # source id -> its names, roles left out
    documents: dict[str, set[str]] = defaultdict(set)       # source id -> the documents citing it
    for doc_id, source_id, cited, n in names.iter_rows():
        if source_id not in parsed:
            parsed[source_id] = namer.parts(cited)
        if parsed[source_id] is not None:
            forms[source_id][parsed[source_id].name] += n
            documents[source_id].add(doc_id)
    people = _people(parsed)
    person_of = {source_id: number for number, ids in enumerate(people) for source_id in ids}
    canonical, by_surname = [], defaultdict(set)
    for number, ids in enumerate(people):
        counts = sum((forms[source_id] for source_id in ids), Counter())
        canonical.append(max(counts, key=lambda name: (counts[name], len(name), name)))
        by_surname[parsed[ids[0]].last.lower()].add(number)
    known = {number for number, ids in enumerate(people)   # a person the corpus cites in several documents
             if len(set().union(*(documents[source_id] for source_id in ids))) >= MIN_DOCUMENTS}
    doc_people: dict[tuple[str, str], set[int]] = defaultdict(set)
    for source_id, number in person_of.items():
        for doc_id in documents[source_id]:
            doc_people[doc_id, parsed[source_id].last.lower()].add(number)
    rows = []
    for doc_id, source_id in names.select("doc_id", "source_id").unique(maintain_order=True).iter_rows():
        parts = parsed[source_id]
        if parts is None:
            continue
        number = person_of.get(source_id)
        if number is None and not parts.first:
            surname = parts.last.lower()
            here = doc_people.get((doc_id, surname), set())   # the one person of that surname named here
            found = here or by_surname.get(surname, set()) & known
            if len(found) != 1 or len(here) > 1 or len(by_surname.get(surname, ())) > 1 and not here:
                continue            # no one of that surname named in full, or two people
            number = next(iter(found))
        if number is None:
            continue
        key = PERSON + canonical[number].lower()
        if key != source_id:
            rows.append({"doc_id": doc_id, "source_id": source_id, "key": key, "canonical": canonical[number]})
    schema = {"doc_id": pl.String, "source_id": pl.String, "key": pl.String, "canonical": pl.String}
    return pl.DataFrame(rows, schema=schema, orient="row") if rows else pl.DataFrame(schema=schema)


def _people(parsed: dict[str, NameParts | None]) -> list[list[str]]:
    """The full-name source ids grouped by person: one first name, surname and suffix, and middle names that
    agree ("Donald J. Trump" and "Donald Trump"; a bare "George Bush" beside "George H. W. Bush" and "George
    W. Bush" is neither). A name found only after a role or a place ("Florida Highway Patrol", "Mayor of
    London Sadiq Khan") joins a person named plainly elsewhere and founds none."""
    by_person: dict[tuple[str, str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for source_id, parts in sorted(parsed.items()):
        if parts is not None and parts.first and not parts.prefixed:
            by_person[parts.person][parts.initials].append(source_id)
    people: list[list[str]] = []
    group_of: dict[tuple[tuple[str, str, str], str], int] = {}
    for person, by_initials in sorted(by_person.items()):
        spelled = sorted(i for i in by_initials if i)
        if len(spelled) <= 1:       # the bare form and the one spelled-out form are one person
            groups = {i: 0 for i in ("", *spelled)}
        else:                       # several middle names: each is a person, the bare form one more
            groups = {i: n for n, i in enumerate(sorted(by_initials))}
        first = len(people)
        people.extend([] for _ in set(groups.values()))
        for initials, ids in by_initials.items():
            people[first + groups[initials]].extend(ids)
        group_of.update(((person, i), first + n) for i, n in groups.items())
    for source_id, parts in sorted(parsed.items()):
        if parts is not None and parts.first and parts.prefixed:
            number = group_of.get((parts.person, parts.initials))
            if number is not None and people[number]:
                people[number].append(source_id)
    return [ids for ids in people if ids]


def with_keys(citations: pl.DataFrame | pl.LazyFrame, keys: pl.DataFrame) -> pl.LazyFrame:
    """The citations with each person's canonical key as `source_id` (the cited name kept as written)."""
    lazy = citations.lazy()
    if keys.height == 0:
        return lazy
    columns = lazy.collect_schema().names()
    return (lazy.join(keys.lazy().select("doc_id", "source_id", "key"), on=["doc_id", "source_id"], how="left",
                      maintain_order="left")
            .with_columns(pl.coalesce("key", "source_id").alias("source_id"))
            .select(columns))


def resolve_identities(analysis, gazetteer: Gazetteer | None = None) -> pl.DataFrame:
    """Give every citation of `analysis` (an `attrib.result.Analysis`) its person's canonical key, in memory
    or part by part on disk; returns the keys that changed (doc_id, source_id, key, canonical)."""
    keys = canonical_keys(person_names(analysis.scan("citations")
                                       .filter(pl.col("cited_kind").fill_null("") != UNRESOLVED)),
                          Namer.create(gazetteer))
    if keys.height:
        analysis.set_citations(lambda part: with_keys(part, keys).collect())
    return keys
