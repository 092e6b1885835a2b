"""Integrity of the data files under attrib/data and attrib/rules, tested like code.

As dateparser tests its language data: every row of the gazetteer uses known kinds and
country codes, state affiliation follows the kind and the owner, owners come from one
registry (owners.csv), ids are slugs, one-word aliases are on a reviewed list, and the
word lists have no duplicate and no unused entry. A failure names the row to fix.
"""
from __future__ import annotations

import ast
import csv
import re
import tomllib
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

from attrib.claims.vocabulary import content_stem, stem, vocabulary

PACKAGE = Path(__file__).resolve().parent.parent / "attrib"
KINDS = {"news_agency", "broadcaster", "newspaper", "magazine", "online_outlet", "social_platform", "pollster",
         "government_body", "organisation"}
SOURCE_COLUMNS = ["id", "name", "aliases", "kind", "country", "state_affiliated", "owner", "domains", "descriptions"]
NEVER_STATE = {"pollster", "social_platform", "organisation"}
# rows whose state affiliation differs from their owner's, each with the reason
OWNER_EXCEPTIONS = {
    "echo-of-moscow": "owned by Gazprom-Media but editorially independent until it closed in 2022",
}
# a name that two rows of a file may share, each with the reason
SHARED_COUNTRY_NAMES = {"Congolese": "both Congos (CD, CG)"}
PLACES_THAT_ARE_COUNTRIES = {"Georgia": "the US state and the country"}
ALIASES_THAT_ARE_PLACES = {"Atlantic": "The Atlantic (magazine); the ocean in places.txt"}


def data_rows(name: str) -> list[dict[str, str]]:
    text = resources.files("attrib.data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def text_lines(package: str, name: str) -> list[str]:
    """Lines without comments and blanks."""
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    return [line.split("#", 1)[0].rstrip() if not line.startswith("#") else ""
            for line in text.splitlines() if line.strip() and not line.startswith("#")]


def split(cell: str) -> list[str]:
    return [x for x in cell.split("|") if x]


def rules_toml(name: str) -> dict:
    return tomllib.loads(resources.files("attrib.rules").joinpath(name).read_text(encoding="utf-8"))


def python_strings() -> set[str]:
    """Every string constant in attrib's Python code (a list used by name is one of them)."""
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


SOURCES = data_rows("sources.csv")
COUNTRIES = data_rows("countries.csv")
OWNERS = data_rows("owners.csv")
CODES = {r["code"] for r in COUNTRIES}


# -- sources.csv -----------------------------------------------------------------------------------

def test_sources_columns_and_clean_cells():
    text = resources.files("attrib.data").joinpath("sources.csv").read_text(encoding="utf-8")
    assert next(csv.reader(text.splitlines())) == SOURCE_COLUMNS
    for r in SOURCES:
        for column, cell in r.items():
            assert cell == cell.strip() and "||" not in cell, (r["id"], column)
            assert all(x == x.strip() for x in cell.split("|")), (r["id"], column)


def test_source_ids_are_unique_slugs():
    assert [i for i, n in Counter(r["id"] for r in SOURCES).items() if n > 1] == []
    assert [r["id"] for r in SOURCES if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", r["id"])] == []


def test_source_kinds_and_countries_are_known():
    assert [(r["id"], r["kind"]) for r in SOURCES if r["kind"] not in KINDS] == []
    assert [(r["id"], r["country"]) for r in SOURCES if r["country"] and r["country"] not in CODES] == []


def test_state_affiliation_follows_the_kind():
    assert {r["state_affiliated"] for r in SOURCES} <= {"true", "false"}
    assert [r["id"] for r in SOURCES if r["kind"] == "government_body" and r["state_affiliated"] != "true"] == []
    assert [r["id"] for r in SOURCES if r["kind"] in NEVER_STATE and r["state_affiliated"] != "false"] == []
    # the state of a state-affiliated source is known: its country and its owner
    assert [r["id"] for r in SOURCES if r["state_affiliated"] == "true" and not (r["country"] and r["owner"])] == []


def test_owners_come_from_the_registry_and_agree_on_state_affiliation():
    owners = {o["name"]: o for o in OWNERS}
    assert [r["id"] for r in SOURCES if r["owner"] and r["owner"] not in owners] == []
    wrong = [(r["id"], r["owner"]) for r in SOURCES if r["owner"] and r["id"] not in OWNER_EXCEPTIONS
             and r["state_affiliated"] != owners[r["owner"]]["state"]]
    assert wrong == []
    assert [i for i in OWNER_EXCEPTIONS if i not in {r["id"] for r in SOURCES}] == []


def test_owner_registry_is_unique_used_and_linked():
    names = [o["name"] for o in OWNERS]
    folded = Counter(re.sub(r"[\W_]+", "", n.lower()) for n in names)
    assert [n for n, c in folded.items() if c > 1] == []   # one spelling per owner
    owners = {o["name"]: o for o in OWNERS}
    used = {r["owner"] for r in SOURCES} | {o["parent"] for o in OWNERS}
    assert [n for n in names if n not in used] == []
    for o in OWNERS:
        assert o["state"] in ("true", "false"), o["name"]
        assert not o["country"] or o["country"] in CODES, o["name"]
        if o["parent"]:
            assert o["parent"] in owners and o["parent"] != o["name"], o["name"]
            # a state-controlled owner's parent is the state (or a body of it)
            assert o["state"] == "false" or owners[o["parent"]]["state"] == "true", o["name"]
        if o["name"].startswith("Government of"):
            assert o["state"] == "true", o["name"]


def test_names_and_aliases_are_unique_across_sources():
    names = Counter(a for r in SOURCES for a in {x.lower() for x in [r["name"], *split(r["aliases"])]})
    assert [a for a, n in names.items() if n > 1] == []
    assert [r["id"] for r in SOURCES if r["name"] in split(r["aliases"])] == []


def test_one_word_names_are_on_the_reviewed_list():
    listed = {}
    for line in resources.files("attrib.data").joinpath("single_word_names.txt").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, _, note = line.partition("#")
            assert word.strip() not in listed, word
            listed[word.strip()] = note.strip().split(",")[0]
    actual = {a: r["id"] for r in SOURCES for a in [r["name"], *split(r["aliases"])] if not re.search(r"\s", a)}
    assert {a: i for a, i in actual.items() if listed.get(a) != i} == {}   # a new one-word alias: review it
    assert sorted(set(listed) - set(actual)) == []                           # a listed word no source has


def test_domains_and_descriptions_are_well_formed_and_unique():
    domains = [d for r in SOURCES for d in split(r["domains"])]
    assert [d for d in domains if not re.fullmatch(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+", d)] == []
    assert [d for d, n in Counter(domains).items() if n > 1] == []
    descriptions = [d for r in SOURCES for d in split(r["descriptions"])]
    assert [d for d in descriptions if d != d.lower()] == []
    assert [d for d, n in Counter(descriptions).items() if n > 1] == []


def test_source_names_are_no_places():
    places = {x for r in data_rows("places.csv") for x in [r["name"], *split(r["aliases"])]}
    places |= set(text_lines("attrib.data", "places.txt"))
    places |= {x for r in COUNTRIES for x in [r["name"], *split(r["adjectives"]), *split(r["aliases"])]}
    clashes = {a for r in SOURCES for a in [r["name"], *split(r["aliases"])] if a in places}
    assert clashes == set(ALIASES_THAT_ARE_PLACES)


# -- countries, places, synonyms ---------------------------------------------------------------------

def test_countries_are_unique():
    assert [r["code"] for r in COUNTRIES if not re.fullmatch(r"[A-Z]{2}", r["code"])] == []
    assert [c for c, n in Counter(r["code"] for r in COUNTRIES).items() if n > 1] == []
    names = Counter(x for r in COUNTRIES for x in {r["name"], *split(r["adjectives"]), *split(r["aliases"])})
    assert {x for x, n in names.items() if n > 1} == set(SHARED_COUNTRY_NAMES)


def test_places_are_unique_and_no_countries():
    rows = data_rows("places.csv")
    names = [x for r in rows for x in [r["name"], *split(r["aliases"])]]
    assert [x for x, n in Counter(names).items() if n > 1] == []
    countries = {x for r in COUNTRIES for x in [r["name"], *split(r["aliases"])]}
    assert {x for x in names if x in countries} == set(PLACES_THAT_ARE_COUNTRIES)
    listed = text_lines("attrib.data", "places.txt")
    assert [x for x, n in Counter(listed).items() if n > 1] == []


def synonym_lines() -> list[list[str]]:
    return [[w.strip().lower() for w in line.split(",")] for line in text_lines("attrib.data", "synonyms.csv")]


def test_synonym_lines_have_sets_and_no_word_twice():
    lines = synonym_lines()
    assert [line for line in lines if len(line) < 2 or "" in line] == []
    assert [w for w, n in Counter(w for line in lines for w in line).items() if n > 1] == []


@pytest.mark.parametrize("line", synonym_lines(), ids=lambda line: line[0])
def test_every_word_of_a_synonyms_line_folds_into_its_first(line):
    vocab = vocabulary()
    head = content_stem(line[0], vocab)
    for word in line:
        if " " in word:
            assert vocab.phrase_token[word] == stem(line[0]), word
        else:
            assert content_stem(word, vocab) == head, word   # the last word of the line too


# -- rules: lists, claims words, macros, clutter ---------------------------------------------------------

def test_word_lists_have_no_duplicates_and_none_unused():
    lists = rules_toml("lists.toml")["lists"]
    duplicated = {name: [w for w, n in Counter(words).items() if n > 1] for name, words in lists.items()}
    assert {name: words for name, words in duplicated.items() if words} == {}
    patterns = "".join(resources.files("attrib.rules").joinpath(f).read_text(encoding="utf-8")
                       for f in ("rules.toml", "macros.toml", "clutter.toml"))
    referenced = set(re.findall(r"\\L<(\w+)>", patterns)) | set(re.findall(r"%(\w+)%", patterns)) | python_strings()
    assert sorted(name for name in lists if name not in referenced) == []


def test_word_tables_are_each_used_and_a_list_in_a_pattern_is_its_words_in_order():
    """Tables of lists.toml are read by name (`word_table`), each one somewhere; %name% in a rule
    file stands for a list's words in the order written, as the pattern had them inline."""
    tables = rules_toml("lists.toml")["tables"]
    named = {node.args[0].value for path in PACKAGE.rglob("*.py")
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "word_table"
             and node.args and isinstance(node.args[0], ast.Constant)}
    assert sorted(named ^ set(tables)) == []
    assert all(tables[name] for name in tables)
    from attrib.rules.source import expand_macros
    assert expand_macros("(?i:%share_counts%)", {}) == "(?i:one|two|three|four|five|six|seven|eight|nine|ten)"
    words = expand_macros("%cue_finite%", {}).split("|")
    assert words[:2] == ["vows", "pledges"] and r"shot\s+back" in words and "e-mailed" in words
    assert expand_macros("%outlets%", {}) == "%outlets%"   # the gazetteer's names are a set only (\\L<outlets>)
    assert expand_macros("%share_counts%", {"share_counts": "x"}) == "x"   # a macro of that name comes first


def test_every_list_python_names_is_in_lists_toml_and_not_empty():
    """Python patterns keep no words of their own (issue 14): they name lists of lists.toml, through
    `word_list` or `list_pattern`, and a list they name is there with words in it."""
    lists = rules_toml("lists.toml")["lists"]
    named: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("word_list", "list_pattern", "list_words") and node.args
                    and isinstance(node.args[0], ast.Constant)):
                named.add(node.args[0].value)
    assert {"one_name_titles", "thing_nouns", "modifier_nouns", "poll_approximators"} <= named
    assert sorted(name for name in named if not lists.get(name)) == []


def test_claim_words_have_no_duplicates_and_none_unused():
    words = rules_toml("claims.toml")
    strings = python_strings()
    assert sorted(key for key in words if key not in strings) == []
    for key, value in words.items():
        items = value.split() if isinstance(value, str) else list(value)
        assert [w for w, n in Counter(items).items() if n > 1] == [], key


def test_every_macro_is_used_and_documented():
    rules = rules_toml("rules.toml")
    macros = rules["macros"]
    docs = rules_toml("macros.toml")
    assert sorted(macros) == sorted(docs)
    text = "".join(resources.files("attrib.rules").joinpath(f).read_text(encoding="utf-8")
                   for f in ("rules.toml", "clutter.toml"))
    used = set(re.findall(r"%(\w+)%", text))
    assert sorted(m for m in macros if m not in used) == []


def test_clutter_ids_are_unique():
    ids = [entry["id"] for entry in rules_toml("clutter.toml")["clutter"]]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
