"""HTML pages and WARC crawls, on the fixture articles."""
from __future__ import annotations

import io

import pytest

import attrib
from attrib.tables import paths_text
from attrib import read

from conftest import FIXTURES

pytest.importorskip("trafilatura")
warcio = pytest.importorskip("warcio")


def page(title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n") if p.strip())
    return (f"<html><head><title>{title}</title><meta property='og:site_name' content='Daily Herald'></head>"
            f"<body><nav>Home | World | Sign in</nav><article><h1>{title}</h1>{paragraphs}</article>"
            f"<footer>Copyright 2024</footer></body></html>")


def test_html_page_main_text_is_analyzed(tmp_path):
    body = (FIXTURES / "seeds" / "001_9f075f81e87a2554.txt").read_text(encoding="utf-8")
    (tmp_path / "putin.html").write_text(page("Putin in Pyongyang", body), encoding="utf-8")
    result = attrib.analyze(tmp_path, jobs=1)
    doc = result.documents.row(0, named=True)
    assert doc["status"] == "ok" and doc["publisher"] == "Daily Herald"
    chains = [paths_text(p) for p in result.statements["chains"].to_list()]
    assert "RIA Novosti" in chains and "Sign in" not in " ".join(result.statements["text"])


def test_warc_records_become_documents(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i, article in enumerate(sorted((FIXTURES / "seeds").glob("00[1-4]*.txt"))):
            html = page(f"Story {i}", article.read_text(encoding="utf-8")).encode("utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
            record = writer.create_warc_record(f"https://www.reuters.com/world/story-{i}", "response",
                                               payload=io.BytesIO(html), http_headers=headers)
            writer.write_record(record)
        writer.write_record(writer.create_warc_record("https://example.org/", "request",
                                                      payload=io.BytesIO(b"GET / HTTP/1.0\r\n\r\n")))
    docs = list(read.read_documents([path]))
    assert len(docs) == 4
    assert all(d.status == "ok" and d.url.startswith("https://www.reuters.com/") for d in docs)
    result = attrib.analyze(path, jobs=1)
    assert result.documents.height == 4
    assert set(result.statements["publisher"]) == {"Reuters"}  # from the gazetteer's domains
