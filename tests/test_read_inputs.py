"""Inputs as a researcher's folder holds them (issue 13): nothing vanishes, tables by any name."""
from __future__ import annotations

import json
import subprocess
import sys

import polars as pl
import pytest

import attrib
from attrib import read


def test_unread_kinds_in_a_folder_are_skipped_rows_with_the_reason(tmp_path):
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    (tmp_path / "memo.docx").write_bytes(b"PK\x03\x04\x14\x00\x06\x00")
    (tmp_path / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n0000")
    (tmp_path / "notes.ann").write_text("T1 Source 0 5 Trump", encoding="utf-8")
    (tmp_path / "story.txt").write_text("Officials said it rained.", encoding="utf-8")
    docs = {d.doc_id: d for d in read.read_documents([tmp_path])}
    assert set(docs) == {"report.pdf", "memo.docx", "chart.png", "notes.ann", "story"}  # ids name the kind
    assert docs["story"].status == "ok"
    for name, what in (("report.pdf", "PDF"), ("memo.docx", "Word"), ("chart.png", "image"), ("notes.ann", ".ann")):
        assert docs[name].status == "skipped" and what in docs[name].error


def test_json_file_is_a_table_and_columns_can_be_named(tmp_path):
    rows = [{"uid": "a1", "story": "Officials said it rained.", "headline": "Rain"},
            {"uid": "a2", "story": "The ministry said the talks resumed.", "headline": "Talks"}]
    (tmp_path / "stories.json").write_text(json.dumps(rows), encoding="utf-8")
    default = list(read.read_documents([tmp_path]))
    assert [d.status for d in default] == ["error"] and "no objects with a text column" in default[0].error
    docs = list(read.read_documents([tmp_path], text_column="story", id_column="uid"))
    assert [(d.doc_id, d.title, d.status) for d in docs] == [("a1", "Rain", "ok"), ("a2", "Talks", "ok")]
    (tmp_path / "stories.json").write_text(json.dumps([{"id": "b", "text": "AP reported it."}]), encoding="utf-8")
    assert [d.text for d in read.read_documents([tmp_path / "stories.json"])] == ["AP reported it."]


def test_csv_columns_named_on_the_command_line(tmp_path):
    (tmp_path / "t.csv").write_text("key,body_text\nk1,Officials said it rained.\n", encoding="utf-8")
    out = tmp_path / "o"
    done = subprocess.run([sys.executable, "-m", "attrib", "analyze", str(tmp_path / "t.csv"), "--out", str(out),
                           "-j", "1", "-q", "--graphs", "0", "--text-column", "body_text", "--id-column", "key"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert pl.read_csv(out / "statements.csv")["doc_id"].to_list() == ["k1"]


def test_windows_1252_text_is_decoded_with_a_warning(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("The caf\u00e9 owner said \u201cwe are closed\u201d \u2013 for now.".encode("cp1252"))
    doc = next(read.read_documents([path]))
    assert doc.text == "The caf\u00e9 owner said \u201cwe are closed\u201d \u2013 for now."
    assert doc.status == "warning" and "cp1252" in doc.error


def test_strict_fails_on_a_folder_of_unreadable_files_and_an_empty_folder_fails(tmp_path):
    pdfs = tmp_path / "pdfs"
    pdfs.mkdir()
    (pdfs / "a.pdf").write_bytes(b"%PDF-1.4\n")
    (pdfs / "b.pdf").write_bytes(b"%PDF-1.5\n")
    run = [sys.executable, "-m", "attrib", "analyze", "-j", "1", "-q", "--graphs", "0"]
    lenient = subprocess.run([*run, str(pdfs), "--out", str(tmp_path / "o1")], capture_output=True, text=True)
    assert lenient.returncode == 0
    assert pl.read_csv(tmp_path / "o1" / "documents.csv")["status"].to_list() == ["skipped", "skipped"]
    strict = subprocess.run([*run, str(pdfs), "--out", str(tmp_path / "o2"), "--strict"], capture_output=True,
                            text=True)
    assert strict.returncode == 1 and "2 document(s) skipped" in strict.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = subprocess.run([*run, str(empty), "--out", str(tmp_path / "o3")], capture_output=True, text=True)
    assert nothing.returncode == 1 and "no files to read" in nothing.stderr


@pytest.mark.corpus
def test_api_reads_the_html_gz_folder_with_urls_and_languages():
    from conftest import shared_path

    folder = shared_path("corpus", "web", "html")
    docs = attrib.analyze(folder, jobs=2, claims=False).documents
    assert docs.height == 181 and set(docs["status"]) <= {"ok", "warning"}
    assert docs.filter(pl.col("language") == "en").height == 161
    assert docs.filter(pl.col("url") != "").height >= 150
