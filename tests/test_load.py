"""attrib.load: an output folder's tables back as polars frames, the same from CSV, Parquet or JSONL."""
from __future__ import annotations

import polars as pl
import pytest

import attrib
from attrib.load import OutputMissing
from attrib.write import neutralise_formulas, unguard_formulas

from conftest import FIXTURES


@pytest.fixture(scope="module")
def formula_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("formulas")
    (folder / "sheet.txt").write_text(
        "=SUM(A1:A9) was the total the council reported on Tuesday.\n\n"
        "'=quoted apostrophe text stays as written, Reuters said.\n\n"
        "+44 callers complained, according to the BBC.\n\n"
        "@handle posted the figures, the ministry said.\n", encoding="utf-8")
    return folder


def test_formula_guard_is_undone_exactly():
    texts = ["=SUM(A1)", "'=already", "''=two", "'plain", "-3 degrees", "@you", "\tTab", "normal", "", None]
    frame = pl.DataFrame({"t": texts})
    guarded = neutralise_formulas(frame.lazy()).collect()
    assert guarded["t"].to_list()[:3] == ["'=SUM(A1)", "''=already", "'''=two"]
    assert guarded["t"][3] == "'plain"   # not a formula: unchanged
    assert unguard_formulas(guarded)["t"].to_list() == texts


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_load_gives_the_parquet_tables_from_any_format(tmp_path, formula_corpus, fmt):
    result = attrib.analyze([FIXTURES / "seeds", formula_corpus], jobs=1)
    attrib.write_analysis(result, tmp_path / "parquet", fmt="parquet", graphs=0)
    attrib.write_analysis(result, tmp_path / fmt, fmt=fmt, graphs=0)
    exact, loaded = attrib.load(tmp_path / "parquet"), attrib.load(tmp_path / fmt)
    for name, frame in exact.tables().items():
        assert loaded.tables()[name].equals(frame), name
    texts = loaded.statements.filter(pl.col("doc_id") == "sheet")["text"].to_list()
    assert texts[0].startswith("=SUM(A1:A9)") and texts[1].startswith("'=quoted")
    assert "@handle" in " ".join(texts) and any(t.startswith("+44") for t in texts)
    assert (tmp_path / "csv" / "statements.csv").read_text().count("'=SUM(A1:A9)") == 1 if fmt == "csv" else True


def test_load_keeps_the_run_record(tmp_path):
    result = attrib.analyze(FIXTURES / "claims", jobs=1)
    attrib.write_analysis(result, tmp_path, graphs=0)
    loaded = attrib.load(tmp_path)
    assert loaded.inputs == [str(FIXTURES / "claims")] and loaded.options["jobs"] == 1
    assert loaded.claims.equals(result.claims) and loaded.extra["sources"].equals(result.extra["sources"])


def test_load_of_an_empty_folder_says_what_is_missing(tmp_path):
    with pytest.raises(OutputMissing, match="no statements, citations, documents table"):
        attrib.load(tmp_path)


def test_write_analysis_writes_graphs_and_report_too(tmp_path):
    result = attrib.analyze(FIXTURES / "claims", jobs=1)
    written = attrib.write_analysis(result, tmp_path, graphs=2)
    names = {p.relative_to(tmp_path).as_posix() for p in written}
    assert {"report.html", "run.json", "claims.csv", "graphs/c000001.dot", "graphs/c000002.dot",
            "network/sources.gexf"} <= names
    assert not (tmp_path / "graphs" / "c000003.dot").exists()
    tables_only = attrib.write_analysis(result, tmp_path / "t", graphs=0, report=False)
    assert not (tmp_path / "t" / "report.html").exists() and (tmp_path / "t" / "claims.csv") in tables_only


def test_parquet_and_jsonl_carry_structure_and_csv_keeps_its_text(tmp_path):
    result = attrib.analyze(FIXTURES / "seeds", jobs=1)
    attrib.write_analysis(result, tmp_path / "parquet", fmt="parquet", graphs=0)
    attrib.write_analysis(result, tmp_path / "csv", fmt="csv", graphs=0)
    raw = pl.read_parquet(tmp_path / "parquet" / "statements.parquet")
    assert raw.schema["chains"] == pl.List(pl.List(pl.String)) and raw.schema["also_claims"] == pl.List(pl.String)
    assert pl.read_parquet(tmp_path / "parquet" / "claims.parquet").schema["publishers"] == pl.List(pl.String)
    deep = raw.filter(pl.col("depth") >= 2).row(0, named=True)
    text = pl.read_csv(tmp_path / "csv" / "statements.csv", infer_schema_length=0).filter(
        pl.col("statement_id") == deep["statement_id"]).row(0, named=True)
    assert text["chains"] == " | ".join(" > ".join(path) for path in deep["chains"])
    assert " > " in text["chains"]
