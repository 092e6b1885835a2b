"""Stage 1, read: turn files, folders and tables into `Document` records.

Every input yields documents, including the broken ones: a file that cannot be
used becomes a Document with status="error" and a one-line reason, so that no
input silently disappears from documents.csv.
"""
from __future__ import annotations

import csv
import gzip
import io
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from .records import Document

TEXT_SUFFIXES = {".txt", ".md", ".text"}
TABLE_SUFFIXES = {".jsonl", ".ndjson", ".csv", ".tsv", ".parquet"}
WEB_SUFFIXES = {".html", ".htm", ".warc"}
# Column names accepted for each field; Media Cloud's export names included.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "doc_id": ("id", "doc_id", "stories_id", "filename", "story_id"),
    "text": ("text", "body", "content", "story_text", "article"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "publisher": ("publisher", "media_name", "source", "outlet", "media"),
    "date": ("date", "publish_date", "publication_date", "published"),
    "wire": ("wire",),
}
BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\x1f\x8b", b"PK\x03\x04", b"GIF8", b"\xff\xd8\xff", b"\x7fELF")


class InputError(ValueError):
    """A path or option that makes the whole run impossible (a usage error)."""


def normalise_newlines(text: str) -> str:
    """Apply Python's universal-newline translation, as `Path.read_text` does.

    Offsets in our tables refer to the text as Python reads the file by default,
    which is what the scorers and most readers see.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def decode(data: bytes) -> str:
    """Decode bytes as UTF-8 (a BOM stays as U+FEFF so offsets match `read_text`).

    UTF-16 with a BOM is accepted too. Binary data raises ValueError with a reason.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return normalise_newlines(data.decode("utf-16"))
    if data.startswith(BINARY_MAGIC):
        raise ValueError("binary file (looks like %s), not text" % _magic_name(data))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r})") from None
    if "\x00" in text:
        raise ValueError("contains NUL bytes: binary data, not text")
    return normalise_newlines(text)


def _magic_name(data: bytes) -> str:
    names = {b"%PDF": "PDF", b"\x89PNG": "PNG", b"\x1f\x8b": "gzip", b"PK\x03\x04": "zip",
             b"GIF8": "GIF", b"\xff\xd8\xff": "JPEG", b"\x7fELF": "ELF"}
    return next((n for m, n in names.items() if data.startswith(m)), "binary")


def iter_input_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path]:
    """Expand folders recursively in sorted order; symlink loops are visited once."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            seen: set[tuple[int, int]] = set()
            yield from _walk(path, seen)
        else:
            yield path


def _walk(folder: Path, seen: set[tuple[int, int]]) -> Iterator[Path]:
    try:
        st = folder.stat()
    except OSError:
        return
    key = (st.st_dev, st.st_ino)
    if key in seen:
        return
    seen.add(key)
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name.upper().startswith("README") or ".gold." in entry.name:
            continue  # hidden files, folder docs and gold annotations kept beside articles
        if entry.is_dir():
            yield from _walk(entry, seen)
        elif entry.suffix.lower() in TEXT_SUFFIXES | TABLE_SUFFIXES | WEB_SUFFIXES or entry.name.endswith(
                (".jsonl.gz", ".csv.gz", ".tsv.gz", ".warc.gz")):
            yield entry


def check_paths(paths: Iterable[str | os.PathLike]) -> None:
    missing = [str(p) for p in paths if not os.path.exists(p)]
    if missing:
        raise InputError("no such file or folder: " + ", ".join(missing))


def read_documents(paths: Iterable[str | os.PathLike], metadata: dict[str, dict[str, str]] | None = None
                   ) -> Iterator[Document]:
    """Stream documents from every input path, joining metadata by doc_id or file name."""
    for file in iter_input_files(paths):
        for doc in read_file(file):
            yield _apply_metadata(doc, metadata) if metadata else doc


def read_file(file: Path) -> Iterator[Document]:
    name = file.name.lower()
    for suffix in (".gz",):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    kind = Path(name).suffix
    try:
        if kind in (".jsonl", ".ndjson"):
            yield from _read_jsonl(file)
        elif kind in (".csv", ".tsv"):
            yield from _read_csv(file, delimiter="\t" if kind == ".tsv" else ",")
        elif kind == ".parquet":
            yield from _read_parquet(file)
        elif kind == ".warc":
            yield from _read_warc(file)
        elif kind in (".html", ".htm"):
            yield _read_html(file)
        else:
            yield _read_text(file)
    except OSError as exc:
        yield Document(doc_id=file.stem, text="", path=str(file), status="error",
                       error=f"cannot read: {exc.strerror or exc}")


def _read_text(file: Path) -> Document:
    doc_id = file.stem
    try:
        data = file.read_bytes()
    except OSError as exc:
        return Document(doc_id=doc_id, text="", path=str(file), status="error",
                        error=f"cannot read: {exc.strerror or exc}")
    try:
        text = decode(data)
    except ValueError as exc:
        return Document(doc_id=doc_id, text="", path=str(file), status="error", error=str(exc))
    if not text.strip():
        return Document(doc_id=doc_id, text=text, path=str(file), status="error", error="empty file")
    return Document(doc_id=doc_id, text=text, path=str(file))


def _open_text(file: Path) -> io.TextIOBase:
    raw = gzip.open(file, "rb") if file.name.lower().endswith(".gz") else open(file, "rb")
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors="strict", newline="")


def _pick(row: dict, field: str) -> str:
    for col in COLUMN_ALIASES[field]:
        if col in row and row[col] not in (None, ""):
            return str(row[col])
    return ""


def _row_document(row: dict, file: Path, where: str) -> Document:
    doc_id = _pick(row, "doc_id") or f"{file.stem}-{where}"
    text = _pick(row, "text")
    doc = Document(doc_id=doc_id, text=normalise_newlines(text), path=f"{file}:{where}",
                   title=_pick(row, "title"), url=_pick(row, "url"), publisher=_pick(row, "publisher"),
                   date=_pick(row, "date"), wire=_pick(row, "wire"))
    return doc if text.strip() else replace(doc, status="error", error="row has no text")


def _read_jsonl(file: Path) -> Iterator[Document]:
    with _open_text(file) as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                if not isinstance(row, dict):
                    raise ValueError("not a JSON object")
            except ValueError as exc:
                yield Document(doc_id=f"{file.stem}-line{lineno}", text="", path=f"{file}:{lineno}",
                               status="error", error=f"malformed JSON on line {lineno}: {exc}")
                continue
            yield _row_document(row, file, f"line{lineno}")


def _read_csv(file: Path, delimiter: str) -> Iterator[Document]:
    csv.field_size_limit(1 << 30)
    with _open_text(file) as fh:
        reader = csv.DictReader(fh, delimiter=delimiter)
        header = reader.fieldnames or []
        if not any(c in header for c in COLUMN_ALIASES["text"]):
            yield Document(doc_id=file.stem, text="", path=str(file), status="error",
                           error=f"table has no text column (looked for {', '.join(COLUMN_ALIASES['text'])})")
            return
        try:
            for rowno, row in enumerate(reader, 2):
                if None in row:  # more cells than the header names
                    yield Document(doc_id=_pick(row, "doc_id") or f"{file.stem}-row{rowno}", text="",
                                   path=f"{file}:{rowno}", status="error",
                                   error=f"malformed row {rowno}: more cells than columns")
                    continue
                yield _row_document(row, file, f"row{rowno}")
        except csv.Error as exc:
            yield Document(doc_id=f"{file.stem}-row{reader.line_num}", text="", path=str(file),
                           status="error", error=f"malformed CSV near line {reader.line_num}: {exc}")


def _read_parquet(file: Path) -> Iterator[Document]:
    import polars as pl

    try:
        frame = pl.scan_parquet(file)
        schema = frame.collect_schema().names()
    except Exception as exc:  # polars raises several error types for broken files
        yield Document(doc_id=file.stem, text="", path=str(file), status="error",
                       error=f"unreadable Parquet: {exc}".splitlines()[0])
        return
    if not any(c in schema for c in COLUMN_ALIASES["text"]):
        yield Document(doc_id=file.stem, text="", path=str(file), status="error",
                       error="table has no text column")
        return
    for batch in frame.collect().iter_slices(10_000):
        for rowno, row in enumerate(batch.iter_rows(named=True)):
            yield _row_document(row, file, f"row{rowno + 1}")


def load_metadata(path: str | os.PathLike) -> dict[str, dict[str, str]]:
    """Read a CSV/TSV of per-document metadata keyed by doc_id (or file name)."""
    file = Path(path)
    if not file.is_file():
        raise InputError(f"metadata file not found: {file}")
    text = decode(file.read_bytes()).lstrip("\ufeff")
    delimiter = "\t" if file.suffix.lower() == ".tsv" or text.split("\n", 1)[0].count("\t") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = reader.fieldnames or []
    if not any(c in header for c in COLUMN_ALIASES["doc_id"]):
        raise InputError(f"{file}: metadata needs an id column (one of {', '.join(COLUMN_ALIASES['doc_id'])})")
    out: dict[str, dict[str, str]] = {}
    for row in reader:
        key = _pick(row, "doc_id")
        if not key:
            continue
        record = {f: _pick(row, f) for f in ("title", "url", "publisher", "date", "wire")}
        out[key] = record
        out.setdefault(Path(key).stem, record)
    return out


def _apply_metadata(doc: Document, metadata: dict[str, dict[str, str]]) -> Document:
    """The document with the fields it lacks taken from its metadata row."""
    record = metadata.get(doc.doc_id) or metadata.get(Path(doc.path.split(":")[0]).name)
    if not record:
        return doc
    fields = {f: record[f] for f in ("title", "url", "publisher", "date") if record.get(f) and not getattr(doc, f)}
    wire = record.get("wire", "")
    if wire and wire.lower() not in ("none", "na", "wire", "") and not doc.wire:
        fields["wire"] = wire
    return replace(doc, **fields) if fields else doc


def _web_extras_missing(file: Path, what: str) -> Document:
    return Document(doc_id=file.stem, text="", path=str(file), status="error",
                    error=f"reading {what} needs the web extra: pip install 'attrib[web]'")


def html_document(html: bytes | str, doc_id: str, path: str, url: str = "") -> Document:
    """Main text and metadata of an HTML page, extracted with trafilatura.

    Offsets then refer to the extracted text (the statements table carries it), not the HTML.
    """
    import trafilatura

    extracted = trafilatura.bare_extraction(html, url=url or None, with_metadata=True, include_comments=False,
                                            include_tables=False)
    if extracted is None:
        return Document(doc_id=doc_id, text="", path=path, url=url, status="error",
                        error="no article text found in the HTML")
    data = extracted if isinstance(extracted, dict) else extracted.as_dict()
    text = normalise_newlines(data.get("text") or "")
    title = data.get("title") or ""
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    doc = Document(doc_id=doc_id, text=text, path=path, url=url or data.get("url") or "", title=title,
                   publisher=data.get("sitename") or "", date=data.get("date") or "")
    return doc if text.strip() else replace(doc, status="error", error="no article text found in the HTML")


def _read_html(file: Path) -> Document:
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        return _web_extras_missing(file, "HTML")
    return html_document(file.read_bytes(), file.stem, str(file))


def _read_warc(file: Path) -> Iterator[Document]:
    """Each HTML response record of a WARC (or WARC.gz) crawl is a document."""
    try:
        from warcio.archiveiterator import ArchiveIterator
        import trafilatura  # noqa: F401
    except ImportError:
        yield _web_extras_missing(file, "WARC")
        return
    with open(file, "rb") as fh:
        try:
            for n, record in enumerate(ArchiveIterator(fh), 1):
                if record.rec_type != "response":
                    continue
                ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
                if "html" not in ctype.lower():
                    continue
                record_id = (record.rec_headers.get_header("WARC-Record-ID") or f"record{n}").strip("<>")
                doc_id = record_id.rsplit(":", 1)[-1]
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                try:
                    payload = record.content_stream().read()
                    yield html_document(payload, doc_id, f"{file}#{record_id}", url=url)
                except Exception as exc:  # one broken record never stops the crawl
                    yield Document(doc_id=doc_id, text="", path=f"{file}#{record_id}", url=url, status="error",
                                   error=f"unreadable WARC record: {exc}".splitlines()[0])
        except Exception as exc:
            yield Document(doc_id=f"{file.stem}-broken", text="", path=str(file), status="error",
                           error=f"unreadable WARC: {exc}".splitlines()[0])
