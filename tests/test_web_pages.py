"""Real news pages in (issue 16): names, encodings, crawls, CJK, wrapped, tables, languages, agencies.

The pages are the real ones of ../shared/corpus/web (as their publishers served them)."""
from __future__ import annotations

import gzip
import io
import json
import re
from pathlib import Path

import pytest

import attrib
from attrib import read, web
from attrib.clean import Splitter

from conftest import shared_path

pytest.importorskip("trafilatura")
pytest.importorskip("warcio")

JAPANESE = "85439e26c41c75901820d01a13e8cea7836abb58f4d9a3ec6e0f7d2bcf3dd93c"
RUSSIAN = "c4a3637c6696f238cf9fe1c7fbb17b2d8c8171e1b3a8c1c7d18b8db9b66f5d1c"
AP_HOSTED = "82b6d780c792"
WRAPPED = "34a7328535ad"     # linknaija: paragraphs hard-wrapped in the HTML
TABLE = "11ea381ad92b"       # a NASCAR standings table


def page_bytes(prefix: str) -> bytes:
    folder = shared_path("corpus", "web", "html")
    return gzip.decompress(next(folder.glob(prefix[:12] + "*.html.gz")).read_bytes())


def truth(prefix: str) -> dict:
    data = json.loads(shared_path("corpus", "web", "ground-truth.json").read_text(encoding="utf-8"))
    return next(v for k, v in data.items() if k.startswith(prefix[:12]))


def extracted(data: bytes, charset: str = "", url: str = "") -> attrib.records.Document:
    doc = web.html_page(data, "p", "p", url=url, charset=charset)
    return web.extract(doc)


def without_meta_charset(data: bytes) -> bytes:
    return re.sub(rb"<meta[^>]{0,80}charset[^>]{0,40}>", b"", data, flags=re.I)


def test_html_is_recognised_by_content_whatever_its_name(tmp_path):
    html = page_bytes(AP_HOSTED)
    names = ["a.html.gz", "b.shtml", "c.php", "d.xhtml", "page.html?id=8", "saved_page"]
    for name in names:
        (tmp_path / name).write_bytes(gzip.compress(html) if name.endswith(".gz") else html)
    docs = list(read.read_documents([tmp_path]))
    assert len(docs) == len(names) and all(d.html is not None for d in docs)
    for doc in map(web.extract, docs):
        assert doc.status == "ok" and len(doc.text) > 500
    assert {d.doc_id for d in docs} == {"a", "b", "c", "d", "page.html?id=8", "saved_page"}
    # given by name, a .php page is HTML too, not 300 'statements' of markup
    by_name = next(read.read_documents([tmp_path / "c.php"]))
    assert by_name.html is not None


@pytest.mark.corpus
def test_html_gz_folder_gives_every_page_a_row():
    folder = shared_path("corpus", "web", "html")
    docs = list(read.read_documents([folder]))
    assert len(docs) == 181 and all(d.html is not None and d.status == "ok" for d in docs)


def test_encoding_from_the_http_header_when_the_page_declares_none():
    data = page_bytes(RUSSIAN).decode("utf-8")
    cp1251 = without_meta_charset(data.encode("utf-8")).decode("utf-8").encode("cp1251", "replace")
    doc = extracted(cp1251, charset="windows-1251")
    body_words = truth(RUSSIAN)["articleBody"].split()[:30]
    assert sum(w in doc.text for w in body_words) >= 25
    assert doc.status == "ok"


def test_encoding_from_meta_charset_and_detection_named_in_a_warning(caplog):
    text = page_bytes(JAPANESE).decode("utf-8")
    sjis = without_meta_charset(text.encode("utf-8")).decode("utf-8").encode("cp932", "replace")
    declared = sjis.replace(b"<head>", b'<head><meta charset="Shift_JIS">', 1)
    assert "報道によると" in extracted(declared).text
    detected = extracted(sjis)
    assert "報道によると" in detected.text
    assert detected.status == "warning" and "decoded as" in detected.error
    assert "decoded as" in caplog.text


def build_warc(path: Path, records: list[tuple[str, str, bytes, list[tuple[str, str]]]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, status, payload, headers in records:
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                                          http_headers=http))
        writer.write_record(writer.create_warc_record("https://example.org/", "request",
                                                      payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))


def test_warc_rows_have_url_and_date_and_skip_what_is_not_a_page(tmp_path):
    ap = page_bytes(AP_HOSTED)
    path = tmp_path / "crawl.warc.gz"
    build_warc(path, [
        ("https://hosted.ap.org/news/story-1", "200 OK", ap, [("Content-Type", "text/html; charset=utf-8")]),
        ("https://hosted.ap.org/missing", "404 Not Found", b"<html><body><p>Not found, the server said.</p>",
         [("Content-Type", "text/html")]),
        ("https://hosted.ap.org/logo.png", "200 OK", b"\x89PNG\r\n\x1a\n0000", [("Content-Type", "image/png")]),
        ("https://hosted.ap.org/untyped", "200 OK", ap, []),
        ("https://hosted.ap.org/blob", "200 OK", b"\x00\x01binary", []),
    ])
    result = attrib.analyze(path, jobs=1, claims=False)
    docs = {r["url"]: r for r in result.documents.iter_rows(named=True)}
    assert len(docs) == 5
    story = docs["https://hosted.ap.org/news/story-1"]
    assert story["status"] == "ok" and story["date"] and story["doc_id"] == "hosted.ap.org-news-story-1"
    assert docs["https://hosted.ap.org/untyped"]["status"] == "ok"  # no Content-Type: HTML by content
    assert docs["https://hosted.ap.org/missing"]["status"] == "skipped" and "404" in docs["https://hosted.ap.org/missing"]["error"]
    assert "image/png" in docs["https://hosted.ap.org/logo.png"]["error"]
    assert "no Content-Type" in docs["https://hosted.ap.org/blob"]["error"]
    # the agency on its own site: its stories are its own voice, never 'AP' citing itself
    assert story["publisher"] == "Associated Press"
    cited = result.citations.filter(result.citations["doc_id"] == story["doc_id"])["cited"].to_list()
    assert "Associated Press" not in cited
    assert set(result.statements.filter(result.statements["doc_id"] == story["doc_id"])["publisher"]) == {story["publisher"]}


def test_cjk_page_is_split_at_its_sentence_ends_and_not_dropped():
    doc = extracted(page_bytes(JAPANESE))
    sentences = [s for s in Splitter.create().split(doc.text) if not s.clutter]
    assert len(sentences) >= 15
    assert any(s.text.endswith("。") and "報道によると" in s.text for s in sentences)


def test_hard_wrapped_paragraphs_are_joined_and_kept():
    doc = extracted(page_bytes(WRAPPED))
    kept = [s.text for s in Splitter.create().split(doc.text) if not s.clutter]
    joined = " ".join(" ".join(kept).split())
    assert "won the Africa Movie Academy Award for Best Actress in a Leading Role, has taken to her Instagram page" in joined


def test_table_rows_are_read_as_text():
    doc = extracted(page_bytes(TABLE))
    kept = [s.text for s in Splitter.create().split(doc.text) if not s.clutter]
    assert any("Kyle Busch" in t and "5040" in t for t in kept)


def test_debris_lines_are_clutter():
    splitter = Splitter.create()
    assert all(splitter.is_clutter(line, "Latin") for line in ("___", "* * *", "https://t.co/x1", "12 | 4"))
    assert not splitter.is_clutter("Officials said the site https://x.org was down.", "Latin")


def test_non_english_page_gets_its_language_and_no_english_rule_sources(tmp_path):
    (tmp_path / "ru.html").write_bytes(page_bytes(RUSSIAN))
    (tmp_path / "ja.html").write_bytes(page_bytes(JAPANESE))
    result = attrib.analyze(tmp_path, jobs=1, claims=False)
    rows = {r["doc_id"]: r for r in result.documents.iter_rows(named=True)}
    assert rows["ru"]["language"] == "ru" and rows["ja"]["language"] == "ja"
    assert all(r["status"] == "warning" and "English only" in r["error"] and r["n_statements"] > 5
               for r in rows.values())
    assert result.citations.height == 0


def test_page_labels_are_not_sources(analyzer):
    from attrib.records import Document

    text = ("Rates rise again\n\nSummary: The bank raised rates for the fifth time.\n\n"
            "Column: Why the vote matters more than ever.\n\nDisclaimer: This is not financial advice.\n")
    cited = [c["cited"] for c in analyzer.analyze_document(Document(doc_id="x", text=text)).citations]
    assert not {"Summary", "Column", "Disclaimer"} & set(cited)


def test_title_lines_letters_and_list_fields_are_not_speakers(tmp_path):
    """A game's 'Star Wars Jedi: Fallen Order' in its review, 'DEAR ABBY:' opening a letter, and a recipe's
    'Portion Fix Containers:' fields are no turns of a conversation."""
    for name, prefix in (("review.html", "63db31a161b3"), ("abby.html", "87438a0dacbe"), ("meal.html", "5f03fc173ebc")):
        (tmp_path / name).write_bytes(page_bytes(prefix))
    result = attrib.analyze(tmp_path, jobs=1, claims=False)
    turns = result.citations.filter(result.citations["rule_id"].is_in(["turn", "speaker-label"]))["cited"].to_list()
    assert not {"Star Wars Jedi", "Dear Abby", "Contact Dear Abby", "Portion Fix Containers"} & set(turns)
