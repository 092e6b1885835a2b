"""Bad and hostile input: nothing crashes, nothing is lost, every offset holds."""
from __future__ import annotations

import os

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import attrib
from attrib.records import Document
from attrib.write import write_table


def test_mixed_folder_keeps_one_row_per_input(tmp_path):
    good = ["Reuters reported that talks resumed.", "The Kremlin said it was ready, TASS reported."]
    for i, text in enumerate(good):
        (tmp_path / f"good{i}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "pdf.txt").write_bytes(b"%PDF-1.4\n%\xe2\xe3")
    (tmp_path / "crlf.txt").write_bytes(b"Officials said it rained.\r\nIt stopped, they added.\r")
    (tmp_path / "rows.jsonl").write_text('{"id": "r1", "text": "AP reported it."}\n{oops\n{"id": "r2"}\n',
                                         encoding="utf-8")
    (tmp_path / "notext.csv").write_text("id,title\n1,x\n", encoding="utf-8")
    deep = tmp_path / "a" / "b" / "c" / "d"
    deep.mkdir(parents=True)
    (deep / "deep.md").write_text("The ministry said so.", encoding="utf-8")
    os.symlink(tmp_path, deep / "loop")
    docs = attrib.analyze(tmp_path, jobs=1).documents
    assert docs.height == 10
    by_id = dict(zip(docs["doc_id"], docs["status"]))
    assert by_id["good0"] == by_id["good1"] == by_id["crlf"] == by_id["deep"] == by_id["r1"] == "ok"
    assert by_id["empty"] == by_id["pdf"] == by_id["notext"] == "error"
    reasons = dict(zip(docs["doc_id"], docs["error"]))
    assert reasons["empty"] == "empty file" and "PDF" in reasons["pdf"] and "no text column" in reasons["notext"]
    assert any("line 2" in (reasons[k] or "") for k in reasons if k.startswith("rows-"))


def test_50_mb_article_on_one_line_is_cut_and_analyzed(analyzer):
    text = ("lorem ipsum dolor sit amet " * 1_900_000)[:50_000_000] + " Officials said it rained."
    doc = Document(doc_id="long", text=text)
    result = analyzer.analyze_document(doc)
    assert result.document["status"] == "ok"
    assert max(len(s["text"]) for s in result.statements) <= 2000
    assert any(s["chains"] == [["Officials"]] for s in result.statements)


def test_csv_cells_are_neutralised_but_parquet_keeps_raw(tmp_path):
    frame = pl.DataFrame({"text": ["=HYPERLINK(\"x\")", "+1", "plain"], "n": [1, 2, 3]})
    write_table(frame, tmp_path, "t", "csv")
    write_table(frame, tmp_path, "t", "parquet")
    assert pl.read_csv(tmp_path / "t.csv")["text"].to_list() == ["'=HYPERLINK(\"x\")", "'+1", "plain"]
    assert pl.read_parquet(tmp_path / "t.parquet")["text"].to_list() == frame["text"].to_list()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


unicode_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
newsy = st.lists(st.sampled_from([
    "Reuters reported", "according to KCNA,", "“We will win,”", "he said", "citing Russian media", ". ", ", ",
    "Mr. Putin", "the agency added", "\n\n", "“", "”", "—", "TASS", "officials told reporters", "(AP)",
]), max_size=30).map(" ".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(unicode_text, newsy, st.tuples(newsy, unicode_text).map("".join)))
def test_any_text_gives_valid_offsets_and_equal_runs(analyzer, text):
    doc = Document(doc_id="h", text=text)
    first = analyzer.analyze_document(doc)
    second = analyzer.analyze_document(Document(doc_id="h", text=text))
    assert first.statements == second.statements and first.citations == second.citations
    for row in first.statements:
        assert 0 <= row["start"] <= row["end"] <= len(text)
        assert text[row["start"]:row["end"]] == row["text"]
    for row in first.citations:
        if row["source_start"] is not None:
            assert 0 <= row["source_start"] < row["source_end"] <= len(text)
            assert text[row["source_start"]:row["source_end"]] == row["cited_text"]
        if row["cue_start"] is not None:
            assert text[row["cue_start"]:row["cue_end"]] == row["cue"]


def test_a_file_that_cannot_be_read_is_an_error_row(tmp_path):
    """A file listed but unreadable (here a link to a file removed since; root, as CI runs, can read any
    file, so no permission bits would do) becomes an error row, and the other files are analyzed."""
    (tmp_path / "fine.txt").write_text("Officials said so.", encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "removed.txt")
    docs = attrib.analyze(tmp_path, jobs=1).documents.sort("doc_id")
    assert docs.select("doc_id", "status").rows() == [("fine", "ok"), ("gone", "error")]
    assert docs["error"][1].startswith("cannot read")


def test_100000_tiny_files_each_get_a_row(tmp_path):
    folder = tmp_path / "many"
    for i in range(100_000):
        sub = folder / f"{i // 1000:03d}"
        if i % 1000 == 0:
            sub.mkdir(parents=True)
        (sub / f"{i:06d}.txt").write_text("Officials said it rained." if i % 2 else "It rained.", encoding="utf-8")
    result = attrib.analyze(folder, jobs=2, claims=False)
    assert result.documents.height == 100_000
    assert result.documents["doc_id"].n_unique() == 100_000
    assert result.statements.filter(pl.col("chains") == [["Officials"]]).height == 50_000
