"""One person named differently across documents is one source (identity.py): the sources table has one
row for him, and a claim quoting him in two outlets counts one independent origin."""
from __future__ import annotations

import json

import polars as pl
import pytest

import attrib
from attrib.identity import Namer, canonical_keys


def _analyze(tmp_path, articles: list[str]):
    table = tmp_path / "articles.jsonl"
    table.write_text("".join(json.dumps({"id": f"a{i}", "text": text, "publisher": f"Paper {i}"}) + "\n"
                             for i, text in enumerate(articles)), encoding="utf-8")
    return attrib.analyze(table)


def test_a_surname_alone_is_the_one_person_the_corpus_names_in_full(tmp_path):
    result = _analyze(tmp_path, [
        "Donald Trump said on Friday that the border wall would be finished by the end of the year.",
        "Donald Trump told reporters at the White House that he would veto the spending bill.",
        "President Trump said that the border wall would be finished by the end of the year.",
        "Donald J. Trump wrote on Twitter that the trade talks with China were going well."])
    sources = result.extra["sources"]
    row = sources.filter(pl.col("source_id") == "person:donald trump").row(0, named=True)
    assert row["name"] == "Donald Trump" and row["n_cited"] == 4
    assert set(row["names"]) == {"Donald Trump", "Trump", "Donald J. Trump"}
    assert sources.filter(pl.col("source_id").is_in(["person:trump", "person:donald j. trump"])).height == 0
    # citations keep the name as the article wrote it, with the person's key
    cited = result.citations.select("cited", "source_id").unique().sort("cited").rows()
    assert ("Trump", "person:donald trump") in cited and ("Donald J. Trump", "person:donald trump") in cited
    # the claim "the wall would be finished" quotes one person in two outlets: one independent origin
    claim = result.claims.filter(pl.col("n_statements") == 2).row(0, named=True)
    assert claim["n_originals"] == 2 and claim["n_independent_origins"] == 1


def test_two_people_of_one_surname_leave_the_surname_alone(tmp_path):
    result = _analyze(tmp_path, [
        "Bill Clinton said the foundation had never taken money from foreign governments.",
        "Bill Clinton told a crowd in Ohio that the economy had recovered.",
        "Hillary Clinton said the plan would cost too much.",
        "Hillary Clinton told voters in Iowa that she would raise the minimum wage.",
        "Clinton said the meeting with the donors had been a private one."])
    ids = set(result.citations["source_id"])
    assert {"person:bill clinton", "person:hillary clinton", "person:clinton"} <= ids


@pytest.fixture(scope="module")
def namer():
    return Namer.create()


def _keys(namer, rows: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    names = pl.DataFrame([(doc, "person:" + name.lower(), name, 1) for doc, name in rows],
                         schema=["doc_id", "source_id", "cited", "n"], orient="row")
    return {(d, s): k for d, s, k, _ in canonical_keys(names, namer).iter_rows()}


def test_middle_initials_that_differ_are_two_people_and_a_bare_name_beside_both_stays(namer):
    keys = _keys(namer, [("a", "George H. W. Bush"), ("b", "George W. Bush"), ("c", "George Bush"),
                         ("d", "Harry M. Reid"), ("e", "Harry Reid"), ("f", "Bush")])
    assert keys == {("e", "person:harry reid"): "person:harry m. reid"}


def test_a_place_word_is_no_surname_and_roles_before_a_name_are_left_out(namer):
    keys = _keys(namer, [("a", "George Washington"), ("b", "George Washington"), ("c", "Washington"),
                         ("d", "Mike Pompeo"), ("e", "US Secretary of State Mike Pompeo"),
                         ("f", "Florida Highway Patrol"), ("g", "Jordan Peterson"), ("h", "Peterson"),
                         ("i", "Ray Charles"), ("j", "Ray Charles"), ("k", "Prince Charles")])
    assert keys == {("e", "person:us secretary of state mike pompeo"): "person:mike pompeo"}


def test_a_surname_goes_to_the_person_of_its_own_document_first(namer):
    # two Wongs in the corpus: the one the same article names in full; a third article's Wong stays alone,
    # and so does a Wong whose full-named namesake only one document cites
    keys = _keys(namer, [("a", "Joshua Wong"), ("a", "Wong"), ("b", "Tak-Sing Wong"), ("c", "Wong"),
                         ("d", "Dominic Hare"), ("e", "Hare")])
    assert keys == {("a", "person:wong"): "person:joshua wong"}
