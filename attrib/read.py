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
import logging
import unicodedata
import os
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from . import web
from .records import Document

log = logging.getLogger("attrib")

TEXT_SUFFIXES = {".txt", ".md", ".text"}
TABLE_SUFFIXES = {".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".parquet"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
WEB_SUFFIXES = HTML_SUFFIXES | {".warc"}
# Kinds attrib does not read: a `skipped` row says what the file is.
SKIPPED_KINDS = {".pdf": "a PDF document", ".docx": "a Word document", ".doc": "a Word document",
                 ".odt": "an OpenDocument text", ".rtf": "an RTF document", ".epub": "an e-book",
                 ".xlsx": "a spreadsheet", ".xls": "a spreadsheet", ".pptx": "a slide deck",
                 ".png": "an image", ".jpg": "an image", ".jpeg": "an image", ".gif": "an image",
                 ".webp": "an image", ".svg": "an image", ".tif": "an image", ".tiff": "an image",
                 ".zip": "a zip archive", ".mp3": "audio", ".mp4": "video", ".wav": "audio"}
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
Columns = dict[str, tuple[str, ...]]


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
    return decode_text(data)[0]


def decode_text(data: bytes, encoding: str = "") -> tuple[str, str]:
    """(text, note): UTF-8 (or UTF-16 with a BOM, or the encoding named) as is; any other text
    (Windows-1252 from an old editor, say) is detected with charset-normalizer and the note says
    as what. Binary data raises ValueError with a reason."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return normalise_newlines(data.decode("utf-16")), ""
    if data.startswith(BINARY_MAGIC):
        raise ValueError("binary file (looks like %s), not text" % _magic_name(data))
    if encoding:
        return normalise_newlines(data.decode(encoding, "replace")), ""
    try:
        text, note = data.decode("utf-8"), ""
    except UnicodeDecodeError as exc:
        text, note = _detect(data, exc)
    if "\x00" in text:
        raise ValueError("contains NUL bytes: binary data, not text")
    return normalise_newlines(text), note


def _detect(data: bytes, exc: UnicodeDecodeError) -> tuple[str, str]:
    """Text that is not UTF-8: Windows-1252 when it reads as Western text (by far the commonest
    case: an old editor's export), else charset-normalizer's best guess."""
    where = f"byte {exc.start}: {data[exc.start:exc.start + 1]!r}"
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and ("Ã" in western or "Â" in western):  # UTF-8 lead bytes: broken UTF-8, not 1252
        raise ValueError(f"not valid UTF-8 ({where})")
    if western is not None:
        odd = [c for c in western if not c.isascii()]
        if sum(1 for c in odd if c in _WESTERN_MARKS or unicodedata.name(c, "").startswith("LATIN")) >= 0.9 * len(odd):
            return western, "not UTF-8: decoded as cp1252 (Windows-1252, detected)"
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        raise ValueError(f"not valid UTF-8 ({where})") from None
    best = from_bytes(data).best()
    if best is None:
        raise ValueError(f"not valid UTF-8 ({where}) and no text encoding fits") from None
    return str(best), f"not UTF-8: decoded as {best.encoding} (detected)"


_WESTERN_MARKS = frozenset("‘’‚“”„–—…•€£¥©®™°±×÷¡¿«»§¶·¢\u00a0")


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
        else:  # every file: what attrib cannot read gets a `skipped` row that says why
            yield entry


def check_paths(paths: Iterable[str | os.PathLike]) -> None:
    missing = [str(p) for p in paths if not os.path.exists(p)]
    if missing:
        raise InputError("no such file or folder: " + ", ".join(missing))


def read_documents(paths: Iterable[str | os.PathLike], metadata: dict[str, dict[str, str]] | None = None,
                   text_column: str = "", id_column: str = "") -> Iterator[Document]:
    """Stream documents from every input path, joining metadata by doc_id or file name.

    `text_column` and `id_column` name a table's columns where they are not among COLUMN_ALIASES."""
    columns = dict(COLUMN_ALIASES)
    if text_column:
        columns["text"] = (text_column,)
    if id_column:
        columns["doc_id"] = (id_column,)
    named = {Path(p) for p in paths if not Path(p).is_dir()}
    for file in iter_input_files(paths):
        for doc in read_file(file, columns, by_name=file in named):
            yield _apply_metadata(doc, metadata) if metadata else doc


def file_id(file: Path) -> str:
    """A file's document id: its name without .gz and without a known suffix."""
    name = file.name[:-3] if file.name.lower().endswith(".gz") else file.name
    suffix = Path(name).suffix.lower()
    return Path(name).stem if suffix in TEXT_SUFFIXES | TABLE_SUFFIXES | WEB_SUFFIXES | {".php"} else name


def read_file(file: Path, columns: Columns = COLUMN_ALIASES, by_name: bool = True) -> Iterator[Document]:
    """The documents of one file, by its name's kind and, where the name does not say, its content.

    A file in a folder that is neither text, a table nor a web page by name or content is a
    `skipped` row; one given by name is read as text when it decodes as text."""
    name = file.name.lower()
    gz = name.endswith(".gz")
    kind = Path(name[:-3] if gz else name).suffix
    try:
        if kind in (".jsonl", ".ndjson"):
            yield from _read_jsonl(file, columns)
        elif kind == ".json":
            yield from _read_json(file, columns)
        elif kind in (".csv", ".tsv"):
            yield from _read_csv(file, delimiter="\t" if kind == ".tsv" else ",", columns=columns)
        elif kind == ".parquet":
            yield from _read_parquet(file, columns)
        elif kind == ".warc":
            yield from web.read_warc(file)
        elif kind in TEXT_SUFFIXES:
            yield _read_text(file, _read_bytes(file, gz))
        else:
            yield _by_content(file, _read_bytes(file, gz), kind, by_name)
    except OSError as exc:
        yield Document(doc_id=file_id(file), text="", path=str(file), status="error",
                       error=f"cannot read: {exc.strerror or exc}")


def _read_bytes(file: Path, gz: bool) -> bytes:
    data = file.read_bytes()
    if gz:
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise OSError(f"broken gzip: {exc}") from None
    return data


def _by_content(file: Path, data: bytes, kind: str, by_name: bool) -> Document:
    """HTML by name or content (.html.gz, .shtml, .php, page.html?id=8, no extension), a WARC by
    its magic, else a `skipped` row naming the kind (PDF, Word, images) or an unread text."""
    doc_id = file_id(file)
    if data.startswith(b"WARC/"):
        return Document(doc_id=doc_id, text="", path=str(file), status="skipped",
                        error="a WARC crawl without .warc or .warc.gz in its name: rename it to read its pages")
    if kind in HTML_SUFFIXES or web.looks_like_html(data):
        return web.html_page(data, doc_id, str(file))
    if kind in SKIPPED_KINDS or data.startswith(BINARY_MAGIC):
        what = SKIPPED_KINDS.get(kind) or f"binary data ({_magic_name(data)})"
        return Document(doc_id=doc_id, text="", path=str(file), status="skipped",
                        error=f"{what}: attrib reads text, tables, HTML and WARC; convert it to text first")
    if by_name:
        return _read_text(file, data)
    return Document(doc_id=doc_id, text="", path=str(file), status="skipped",
                    error=f"not a kind attrib reads ({kind or 'no extension'}, not HTML): give it by name "
                          "to read it as text, or rename it .txt")


def _read_text(file: Path, data: bytes) -> Document:
    doc_id = file_id(file)
    try:
        text, note = decode_text(data)
    except ValueError as exc:
        return Document(doc_id=doc_id, text="", path=str(file), status="error", error=str(exc))
    if not text.strip():
        return Document(doc_id=doc_id, text=text, path=str(file), status="error", error="empty file")
    if note:
        log.warning("%s: %s", file, note)
        return Document(doc_id=doc_id, text=text, path=str(file), status="warning", error=note)
    return Document(doc_id=doc_id, text=text, path=str(file))


def _open_text(file: Path) -> io.TextIOBase:
    raw = gzip.open(file, "rb") if file.name.lower().endswith(".gz") else open(file, "rb")
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors="strict", newline="")


def _pick(row: dict, field: str, columns: Columns = COLUMN_ALIASES) -> str:
    for col in columns[field]:
        if col in row and row[col] not in (None, ""):
            return str(row[col])
    return ""


def _row_document(row: dict, file: Path, where: str, columns: Columns = COLUMN_ALIASES) -> Document:
    doc_id = _pick(row, "doc_id", columns) or f"{file_id(file)}-{where}"
    text = _pick(row, "text", columns)
    doc = Document(doc_id=doc_id, text=normalise_newlines(text), path=f"{file}:{where}",
                   title=_pick(row, "title"), url=_pick(row, "url"), publisher=_pick(row, "publisher"),
                   date=_pick(row, "date"), wire=_pick(row, "wire"))
    return doc if text.strip() else replace(doc, status="error", error="row has no text")


def _read_json(file: Path, columns: Columns) -> Iterator[Document]:
    """A .json file: an array of objects (a table), one object (one row), or JSON lines misnamed."""
    raw = _read_bytes(file, file.name.lower().endswith(".gz"))
    try:
        data = json.loads(decode(raw).lstrip("\ufeff"))
    except ValueError as exc:
        if raw.lstrip()[:1] == b"{" and raw.count(b"\n") > 1:
            yield from _read_jsonl(file, columns)
            return
        yield Document(doc_id=file_id(file), text="", path=str(file), status="error",
                       error=f"malformed JSON: {exc}".splitlines()[0])
        return
    rows = data if isinstance(data, list) else [data]
    if not any(isinstance(r, dict) and any(c in r for c in columns["text"]) for r in rows):
        yield Document(doc_id=file_id(file), text="", path=str(file), status="error",
                       error=f"JSON has no objects with a text column (looked for {', '.join(columns['text'])})")
        return
    for n, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            yield Document(doc_id=f"{file_id(file)}-item{n}", text="", path=f"{file}:item{n}", status="error",
                           error=f"item {n} is not a JSON object")
            continue
        yield _row_document(row, file, f"item{n}", columns)


def _read_jsonl(file: Path, columns: Columns = COLUMN_ALIASES) -> Iterator[Document]:
    with _open_text(file) as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                if not isinstance(row, dict):
                    raise ValueError("not a JSON object")
            except ValueError as exc:
                yield Document(doc_id=f"{file_id(file)}-line{lineno}", text="", path=f"{file}:{lineno}",
                               status="error", error=f"malformed JSON on line {lineno}: {exc}")
                continue
            yield _row_document(row, file, f"line{lineno}", columns)


def _read_csv(file: Path, delimiter: str, columns: Columns = COLUMN_ALIASES) -> Iterator[Document]:
    csv.field_size_limit(1 << 30)
    with _open_text(file) as fh:
        reader = csv.DictReader(fh, delimiter=delimiter)
        header = reader.fieldnames or []
        if not any(c in header for c in columns["text"]):
            yield Document(doc_id=file_id(file), text="", path=str(file), status="error",
                           error=f"table has no text column (looked for {', '.join(columns['text'])})")
            return
        try:
            for rowno, row in enumerate(reader, 2):
                if None in row:  # more cells than the header names
                    yield Document(doc_id=_pick(row, "doc_id", columns) or f"{file_id(file)}-row{rowno}", text="",
                                   path=f"{file}:{rowno}", status="error",
                                   error=f"malformed row {rowno}: more cells than columns")
                    continue
                yield _row_document(row, file, f"row{rowno}", columns)
        except csv.Error as exc:
            yield Document(doc_id=f"{file_id(file)}-row{reader.line_num}", text="", path=str(file),
                           status="error", error=f"malformed CSV near line {reader.line_num}: {exc}")


def _read_parquet(file: Path, columns: Columns = COLUMN_ALIASES) -> Iterator[Document]:
    import polars as pl

    try:
        frame = pl.scan_parquet(file)
        schema = frame.collect_schema().names()
    except Exception as exc:  # polars raises several error types for broken files
        yield Document(doc_id=file_id(file), text="", path=str(file), status="error",
                       error=f"unreadable Parquet: {exc}".splitlines()[0])
        return
    if not any(c in schema for c in columns["text"]):
        yield Document(doc_id=file_id(file), text="", path=str(file), status="error",
                       error="table has no text column")
        return
    for batch in frame.collect().iter_slices(10_000):
        for rowno, row in enumerate(batch.iter_rows(named=True)):
            yield _row_document(row, file, f"row{rowno + 1}", columns)


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
