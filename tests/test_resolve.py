"""Source resolution against the gazetteer: names, aliases, descriptions, groups, people."""
from __future__ import annotations

import csv
from collections import Counter
from importlib import resources

import pytest

from attrib.resolve import Resolver

from attrib.gazetteer import OUTLET_KINDS, load_gazetteer

RESOLVER = Resolver.create()
GAZ = load_gazetteer()


@pytest.mark.parametrize("words,name", [
    ("North Korean state media KCNA", "KCNA"),
    ("the North Korean state-run news agency KCNA", "KCNA"),
    ("the official Korean Central News Agency", "KCNA"),
    ("North Korea's official party newspaper", "Rodong Sinmun"),
    ("RIA Novosti", "RIA Novosti"),
    ("the Interfax news agency", "Interfax"),
])
def test_outlets_resolve_to_gazetteer_names(words, name):
    assert RESOLVER.resolve(words).name == name


@pytest.mark.parametrize("words,kind,name", [
    ("Russian state media", "group", "Russian state media"),
    ("Media reports", "group", "Media reports"),
    ("sources familiar with the matter", "group", "sources familiar with the matter"),
    ("Russian President Vladimir Putin", "person", "Vladimir Putin"),
    ("NATO Secretary General Jens Stoltenberg", "person", "Jens Stoltenberg"),
    ("Rep. Gwen Moore (D-Wis.)", "person", "Gwen Moore"),
    ("the Clinton campaign", "organisation", "Clinton campaign"),
    ("he", "pronoun", "he"),
])
def test_groups_people_and_pronouns(words, kind, name):
    resolved = RESOLVER.resolve(words)
    assert (resolved.kind, resolved.name) == (kind, name)


def test_owners_collapse_state_outlets():
    ria, sputnik = GAZ.lookup("RIA Novosti"), GAZ.lookup("Sputnik")
    assert ria.owner == sputnik.owner == "Rossiya Segodnya"
    assert ria.state_affiliated and ria.country == "RU"


def test_gazetteer_is_large_unique_and_well_formed():
    rows = list(csv.DictReader(resources.files("attrib.data").joinpath("sources.csv").read_text("utf-8").splitlines()))
    assert sum(1 for r in rows if r["kind"] in OUTLET_KINDS) >= 300
    assert len({r["id"] for r in rows}) == len(rows)
    aliases = Counter(a for r in rows for a in {x.strip().lower() for x in [r["name"], *r["aliases"].split("|")]} if a)
    assert [a for a, n in aliases.items() if n > 1] == []
    for r in rows:
        assert r["state_affiliated"] in ("true", "false"), r["id"]


@pytest.mark.parametrize("outlet", ["RIA Novosti", "TASS", "Sputnik", "KCNA", "Rodong Sinmun", "Yonhap", "Xinhua",
                                    "IRNA", "Reuters", "AP", "AFP", "CNN", "BBC", "Al Jazeera", "Meduza",
                                    "Breitbart", "New York Times", "Washington Post", "Politico", "USA Today",
                                    "Huffington Post"])
def test_named_outlets_are_known(outlet):
    assert GAZ.lookup(outlet) is not None


def test_a_region_named_by_a_compass_word_is_a_place_not_a_person():
    """Regions below the country level are mostly not on the place list; a compass word opening a short
    capitalised name marks one, so a later 'he' never stands for it."""
    for region in ("North Karnataka", "Western Cape", "Southeast Asia", "Central Anatolia"):
        assert RESOLVER.resolve(region).kind == "place", region
    for person in ("Jane West", "John North", "Sam Western"):
        assert RESOLVER.resolve(person).kind == "person", person


def test_a_role_without_its_holder_is_kept_whole_and_armed_forces_are_organisations():
    assert (RESOLVER.resolve("Prime Minister").name, RESOLVER.resolve("Prime Minister").kind) == ("Prime Minister", "person")
    assert RESOLVER.resolve("Foreign Minister Ann Linde").name == "Ann Linde"
    for body in ("United States Navy", "Royal Air Force", "Marine Corps"):
        assert RESOLVER.resolve(body).kind == "organisation", body


def test_an_outlet_or_party_keeps_its_whole_name():
    """A leading organisation word is part of the name ('the Herald Sun', never 'Sun'), and a party named with
    the country it sits in is the party ('the ruling Democratic Rally in Cyprus', never 'Cyprus')."""
    herald = RESOLVER.resolve("the Herald Sun")
    assert (herald.name, herald.kind) == ("Herald Sun", "newspaper")
    assert RESOLVER.resolve("the Courier Mail").name == "Courier Mail"
    party = RESOLVER.resolve("The ruling Democratic Rally in Cyprus")
    assert (party.name, party.kind) == ("Democratic Rally", "organisation")
    assert RESOLVER.resolve("the opposition National Front in France").name == "National Front"
    # a person's title is still stripped, and a group in a place keeps its place
    assert RESOLVER.resolve("President Trump").name == "Trump"
    assert RESOLVER.resolve("Hospital officials in Omsk").name == "Hospital officials in Omsk"
