"""Stage 1, read (web): HTML pages and WARC crawls.

Pages are recognised by their content, not only their name (`.html.gz`, `.shtml`, `.php`,
`page.html?id=8`, no extension). The reader only collects a page's bytes (`Document.html`);
`extract` decodes and extracts it where the document is analysed, so that `--jobs N`
extracts in N processes. Decoding follows browsers: the HTTP header's charset, then a BOM or
`<meta charset>`, then detection (charset-normalizer), with a warning that names the page.
"""
from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from dataclasses import replace
from urllib.parse import urlsplit

from .records import Document

log = logging.getLogger("attrib")

HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml+xhtml")
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title|article|div|p)\b", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w:.-]+)""", re.I)
_CHARSET_PARAM = re.compile(r"charset\s*=\s*[\"']?([\w:.-]+)", re.I)
# Labels browsers read as a wider encoding (the WHATWG Encoding Standard's mapping).
_BROWSER_ENCODING = {"iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
                     "us-ascii": "cp1252", "ascii": "cp1252", "shift_jis": "cp932", "shift-jis": "cp932",
                     "sjis": "cp932", "x-sjis": "cp932", "windows-31j": "cp932", "gb2312": "gb18030",
                     "gbk": "gb18030", "euc-kr": "cp949", "iso-8859-9": "cp1254", "tis-620": "cp874",
                     "x-user-defined": "cp1252"}


def looks_like_html(data: bytes) -> bool:
    """Whether bytes are an HTML page: markup near the start, whatever the file is called."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") and bool(_HTML_START.search(head[:4096]))


def _codec(label: str) -> str | None:
    import codecs

    label = label.strip().lower()
    label = _BROWSER_ENCODING.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html(data: bytes, http_charset: str = "") -> tuple[str, str, str]:
    """(text, encoding, how it was chosen): the HTTP charset, a BOM, <meta charset>, else detection."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace"), "utf-8", "BOM"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace"), "utf-16", "BOM"
    declared = []
    if http_charset:
        declared.append((http_charset, "HTTP header"))
    m = _META_CHARSET.search(data[:16384])
    if m:
        declared.append((m.group(1).decode("ascii", "replace"), "meta charset"))
    for label, how in declared:
        codec = _codec(label)
        if codec is None:
            continue
        try:
            return data.decode(codec), codec, how
        except UnicodeDecodeError:
            if codec != "utf-8":  # a page in a legacy encoding with a few stray bytes: as browsers do
                return data.decode(codec, "replace"), codec, how
            # declared UTF-8 but is not: detection decides
    try:
        return data.decode("utf-8"), "utf-8", "valid UTF-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    codec = _codec(best.encoding) if best is not None else None
    codec = codec or "cp1252"
    return data.decode(codec, "replace"), codec, "detected"


def url_id(url: str) -> str:
    """A readable, stable id from a URL: 'www.reuters.com/world/x-1?a=2' -> 'reuters.com-world-x-1-a-2'."""
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    slug = re.sub(r"[^\w.]+", "-", f"{host}/{parts.path}?{parts.query}").strip("-_.")
    if len(slug) > 90:
        slug = slug[:80].rstrip("-") + "-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:8]
    return slug or hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


def url_domain(url: str) -> str:
    return urlsplit(url).netloc.lower().split("@")[-1].split(":")[0].removeprefix("www.")


def html_page(data: bytes, doc_id: str, path: str, url: str = "", date: str = "", charset: str = "") -> Document:
    """A page to extract later (in the worker that analyses it)."""
    return Document(doc_id=doc_id, text="", path=path, url=url, date=date, html=data, charset=charset)


def extract(doc: Document) -> Document:
    """The page in `doc.html` decoded and extracted: a new record with its text and metadata."""
    data = doc.html
    doc = replace(doc, html=None)
    try:
        import trafilatura
    except ImportError:
        return replace(doc, status="error", error="reading HTML needs the web extra: pip install 'attrib[web]'")
    html, encoding, how = decode_html(data, doc.charset)
    if how == "detected" and encoding not in ("utf-8", "ascii"):
        note = f"no charset declared: decoded as {encoding} by detection"
        log.warning("%s: %s", doc.path or doc.doc_id, note)
        doc = with_warning(doc, note)
    try:
        extracted = trafilatura.bare_extraction(html, url=doc.url or None, with_metadata=True,
                                                include_comments=False, include_tables=True)
    except Exception as exc:  # a page that breaks the extractor is one error row
        return replace(doc, status="error", error=f"HTML extraction failed: {type(exc).__name__}: {exc}".splitlines()[0])
    if extracted is None:
        return replace(doc, status="error", error="no article text found in the HTML")
    data = extracted if isinstance(extracted, dict) else extracted.as_dict()
    text = collapse_repeats(normalise_text(data.get("text") or ""))
    title = " ".join((data.get("title") or "").split())
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    url = doc.url or data.get("url") or ""
    doc = replace(doc, text=text, title=doc.title or title, url=url,
                  publisher=doc.publisher or data.get("sitename") or (url_domain(url) if url else ""),
                  date=data.get("date") or doc.date)  # the page's own date before a crawl's (WARC-Date)
    if not text.strip():
        return replace(doc, status="error", error="no article text found in the HTML")
    return doc


def with_warning(doc: Document, note: str) -> Document:
    """The document with `note` added to its reason and status `warning` (an error stays an error)."""
    return replace(doc, status="warning" if doc.status == "ok" else doc.status,
                   error=f"{doc.error}; {note}" if doc.error else note)


def normalise_text(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def collapse_repeats(text: str) -> str:
    """A body the extractor gave twice or more (the same run of paragraphs again) once."""
    paragraphs = text.split("\n")
    seen: set[str] = set()
    out = []
    for p in paragraphs:
        key = " ".join(p.split())
        if len(key) >= 40 and key in seen:
            continue
        if len(key) >= 40:
            seen.add(key)
        out.append(p)
    return "\n".join(out)


def read_warc(file: Path) -> Iterator[Document]:
    """Each HTML response (or resource) record of a WARC crawl is a document; other responses
    (non-2xx, not HTML) are skipped rows with the reason. Requests, metadata and revisits are not pages."""
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        yield Document(doc_id=file.stem, text="", path=str(file), status="error",
                       error="reading WARC needs the web extra: pip install 'attrib[web]'")
        return
    with open(file, "rb") as fh:
        n = 0
        try:
            for record in ArchiveIterator(fh):
                n += 1
                if record.rec_type not in ("response", "resource"):
                    continue
                yield _warc_record(record, file, n)
        except Exception as exc:  # a broken crawl: what was read stays, the rest is one error row
            yield Document(doc_id=f"{file.name}-broken", text="", path=str(file), status="error",
                           error=f"unreadable WARC after record {n}: {exc}".splitlines()[0])


def _warc_record(record, file: Path, n: int) -> Document:
    headers = record.rec_headers
    record_id = (headers.get_header("WARC-Record-ID") or f"record{n}").strip("<>")
    url = headers.get_header("WARC-Target-URI") or ""
    date = headers.get_header("WARC-Date") or ""
    doc_id = url_id(url) if url else record_id.rsplit(":", 1)[-1]
    path = f"{file}#{record_id}"
    skipped = Document(doc_id=doc_id, text="", path=path, url=url, date=date, status="skipped")
    if record.rec_type == "response":
        if record.http_headers is None:
            return replace(skipped, error="response record without HTTP headers")
        code = record.http_headers.get_statuscode() or ""
        if not code.startswith("2"):
            return replace(skipped, error=f"HTTP {record.http_headers.statusline or code} response, not a page")
        ctype = record.http_headers.get_header("Content-Type") or ""
    else:
        ctype = headers.get_header("Content-Type") or ""
    try:
        payload = record.content_stream().read()
    except Exception as exc:
        return Document(doc_id=doc_id, text="", path=path, url=url, date=date, status="error",
                        error=f"unreadable WARC record: {exc}".splitlines()[0])
    mime = ctype.split(";")[0].strip().lower()
    if mime and mime not in HTML_TYPES:
        return replace(skipped, error=f"not an HTML page (Content-Type {mime})")
    if not mime and not looks_like_html(payload):
        return replace(skipped, error="no Content-Type and not HTML by its content")
    m = _CHARSET_PARAM.search(ctype)
    return html_page(payload, doc_id, path, url=url, date=date, charset=m.group(1) if m else "")
