"""A source that speaks through several cue words of one sentence: each cue word has a citation row,
the further ones (`also-cue`) outside the edge counts."""
from __future__ import annotations

import polars as pl

import attrib
from attrib.records import ALSO_CUE
from attrib.sources import sources_table

TEXT = ("“We will carry the county,” Mayor Ana Ruiz said on Monday, adding that turnout would decide it.\n\n"
        "Senator Tom Hale called the plan reckless and said it would raise taxes.\n\n"
        "The council approved the budget.")


def test_each_cue_word_of_the_same_source_has_a_row(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    result = attrib.analyze(tmp_path, jobs=1)
    rows = result.citations.sort("cue_start")
    assert rows.select("cited", "cue").rows() == [
        ("Ana Ruiz", "said"), ("Ana Ruiz", "adding"), ("Tom Hale", "called"), ("Tom Hale", "said")]
    assert [r == ALSO_CUE for r in rows["rule_id"]] == [False, True, False, True]
    for row in rows.iter_rows(named=True):
        assert TEXT[row["cue_start"]:row["cue_end"]] == row["cue"]
    # the statements keep one path per source; the sources table counts edges, not cue words
    assert result.statements["chains"].to_list()[:2] == [[["Ana Ruiz"]], [["Tom Hale"]]]
    sources = sources_table(result.statements, result.citations)
    assert sources.filter(pl.col("name") == "Ana Ruiz")["n_cited"].to_list() == [1]


def test_a_pronoun_of_the_same_source_keeps_its_own_cue_and_words(tmp_path):
    text = "Mayor Ana Ruiz said the vote would be close, and she noted that turnout was low in May."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    result = attrib.analyze(tmp_path, jobs=1)
    assert result.statements["chains"].to_list() == [[["Ana Ruiz"]]]
    rows = result.citations.sort("cue_start").select("cited", "cited_text", "cue", "rule_id").rows()
    assert rows[1:] == [("Ana Ruiz", "she", "noted", ALSO_CUE)] and rows[0][2] == "said"
