"""Reading inputs: text files, folders, tables, metadata, and bad input."""
from __future__ import annotations

import gzip
import json

import pytest

from attrib import read

from conftest import FIXTURES, shared_path


def test_folder_is_read_recursively_in_sorted_order_skipping_gold(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zed said hello.", encoding="utf-8")
    (tmp_path / "a.md").write_text("Alpha said hi.", encoding="utf-8")
    (tmp_path / "notes.gold.jsonl").write_text('{"doc": "a"}\n', encoding="utf-8")
    docs = list(read.read_documents([tmp_path]))
    assert [d.doc_id for d in docs] == ["a", "z"]


def test_bom_and_crlf_match_python_text_reading(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes("\ufeffLine one said.\r\nLine two.\rLine three.".encode("utf-8"))
    doc = next(read.read_documents([path]))
    assert doc.text == path.read_text(encoding="utf-8")


def test_jsonl_and_csv_tables_with_media_cloud_names(tmp_path):
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text(json.dumps({"stories_id": 7, "text": "Reuters reported it.", "media_name": "Reuters",
                                 "publish_date": "2024-06-19"}) + "\n", encoding="utf-8")
    csv_path = tmp_path / "b.csv.gz"
    with gzip.open(csv_path, "wt", encoding="utf-8") as fh:
        fh.write('id,text,publisher\n9,"He said, ""yes"".",AP\n')
    docs = list(read.read_documents([jsonl, csv_path]))
    assert [(d.doc_id, d.publisher, d.date) for d in docs] == [("7", "Reuters", "2024-06-19"), ("9", "AP", "")]
    assert docs[1].text == 'He said, "yes".'


@pytest.mark.corpus
def test_polnear_metadata_joins_publisher_and_wire():
    meta = read.load_metadata(shared_path("corpus", "polnear", "metadata.tsv"))
    text_dir = shared_path("corpus", "polnear", "dev", "text")
    docs = list(read.read_documents([text_dir], meta))
    assert len(docs) == 84
    assert all(d.publisher for d in docs)
    ap = [d for d in docs if d.doc_id == "breitbart_2016-09-30_the-latest-trump-urges-supporter"]
    assert ap and ap[0].wire == "AP"


@pytest.mark.parametrize("name,data,reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n ", "empty file"),
    ("pic.txt", b"\x89PNG\r\n\x1a\n0000", "binary file (looks like PNG)"),
    ("zipped.txt", gzip.compress(b"hello"), "binary file (looks like gzip)"),
    ("nul.txt", b"abc\x00def", "NUL bytes"),
])
def test_bad_files_become_error_rows(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    doc = next(read.read_documents([path]))
    assert doc.status == "error"
    assert reason in doc.error


def test_utf16_with_bom_is_read(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes("Officials said it rained.".encode("utf-16"))
    assert next(read.read_documents([path])).text == "Officials said it rained."


def test_malformed_jsonl_line_and_csv_without_text(tmp_path):
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text('{"id": "1", "text": "Fine, he said."}\n{broken\n', encoding="utf-8")
    bad_csv = tmp_path / "b.csv"
    bad_csv.write_text("id,title\n1,Hello\n", encoding="utf-8")
    docs = list(read.read_documents([jsonl, bad_csv]))
    assert [d.status for d in docs] == ["ok", "error", "error"]
    assert "line 2" in docs[1].error
    assert "no text column" in docs[2].error


def test_missing_path_is_a_usage_error(tmp_path):
    with pytest.raises(read.InputError, match="no such file"):
        read.check_paths([tmp_path / "nope"])


def test_seed_fixture_ids_are_file_stems():
    docs = list(read.read_documents([FIXTURES / "seeds"]))
    assert [d.doc_id for d in docs][:2] == ["000_f67a801f5426b32f", "001_9f075f81e87a2554"]
