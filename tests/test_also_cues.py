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


def test_a_source_nested_in_its_own_report_keeps_its_cue_when_it_speaks_in_a_clause_of_its_own(analyzer):
    """'Cruz says X, in a finish that he said Y' and 'Lee, a dentist from Salem, Oregon, who told reporters ...,
    said': one path, both cue words with the words naming the source there; 'Ruiz said she recalls' reports the
    same speech again, and a voice inside the quotation is the quoted speaker's, so neither is a cue of its own."""
    from attrib.records import Document

    def cues(text: str) -> list[list[tuple[str, str]]]:
        out = []
        for s in analyzer.statements(Document(doc_id="t", text=text)):
            for p in s.paths:
                out.append([(p[-1].cited_text, p[-1].cue)] + [(text[n.start:n.end] if n else p[-1].cited_text, c.text)
                                                              for c, n in p[-1].also_cues])
        return out

    assert cues("Reyes says he is tied for second, in a finish that he said beat the polls.") == [
        [("Reyes", "says"), ("he", "said")]]
    assert cues("Ann Pike, who told reporters on Friday that the deal was dead, said on Monday it could be revived.") == [
        [("Ann Pike", "said"), ("who", "told")]]
    assert cues("Mayor Ana Ruiz said she recalls the vote in May.") == [[("Mayor Ana Ruiz", "said")]]


def test_a_repeat_inside_the_quotation_is_not_a_cue_of_the_speaker():
    """'“... what Ruiz said in May, Ruiz said again,” Ruiz told them': the voices inside the quotation are quoted."""
    from attrib.chains.paths import collapse_repeats
    from attrib.records import Hop

    text = "“It is what Ruiz said in May,” Ruiz told them on the steps of the hall, before Ruiz said no."

    def hop(i: int, cue: str) -> Hop:
        start = text.index(cue, i)
        return Hop(citing="", cited="Ruiz", cited_kind="person", cited_text="Ruiz", source_start=i, source_end=i + 4,
                   cue=cue, cue_start=start, cue_end=start + len(cue))

    told = hop(text.index("Ruiz told"), "told")
    inside, after = hop(text.index("Ruiz said"), "said"), hop(text.index("Ruiz said no"), "said")
    assert collapse_repeats([told, inside, after], text, 0) == [told]
    assert [(c.start, n.start) for c, n in told.also_cues] == [(after.cue_start, after.source_start)]
