"""Compiled patterns kept across runs, so that a run starts in a fraction of a second.

Compiling the rules takes seconds (the `regex` module parses and optimises in Python); a
compiled pattern is a small tuple of code that `regex` rebuilds in microseconds. Each pattern
is stored under the hash of everything that shapes it (source, flags, named lists, the
`regex` and Python versions), so an edited rule or list simply misses the cache.

The cache folder is $ATTRIB_CACHE_DIR, else $XDG_CACHE_HOME/attrib, else ~/.cache/attrib.
A file is written under a temporary name and renamed into place, so concurrent runs never
read a half-written file; a checksum guards against anything else; a folder that cannot be
written (a read-only home) only means compiling every time. The files hold `marshal` data,
not pickles: loading one runs no code.
"""
from __future__ import annotations

import hashlib
import logging
import marshal
import os
import sys
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import regex
from regex import _regex  # the C engine: builds a pattern from its compiled code

log = logging.getLogger("attrib")
FORMAT = b"attrib-regex-cache-1"
_DISABLED: set[str] = set()  # cache folders found unwritable in this process


def cache_dir() -> Path:
    explicit = os.environ.get("ATTRIB_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "attrib"


def pattern_key(source: str, flags: int, named_lists: dict[str, Iterable[str]]) -> str:
    digest = hashlib.sha256()
    for part in (FORMAT, regex.__version__.encode(), sys.version.encode(), str(marshal.version).encode(),
                 str(flags).encode(), source.encode("utf-8", "surrogatepass")):
        digest.update(part + b"\x00")
    for name in sorted(named_lists):
        digest.update(name.encode() + b"\x01")
        items = named_lists[name]
        digest.update(_list_bytes(items) if isinstance(items, tuple) else _items_bytes(items))
    return digest.hexdigest()


@lru_cache(maxsize=256)
def _list_bytes(items: tuple[str, ...]) -> bytes:
    """A list's part of a key, worked out once per list: every rule that names it hashes the same bytes."""
    return _items_bytes(items)


def _items_bytes(items: Iterable[str]) -> bytes:
    return b"".join(item.encode("utf-8", "surrogatepass") + b"\x02" for item in sorted(set(items)))


def compile_cached(source: str, flags: int = 0, **named_lists: Iterable[str]) -> regex.Pattern:
    """regex.compile(source, flags, **named_lists), from the cache folder when it was compiled before."""
    folder = cache_dir()
    key = pattern_key(source, flags, named_lists)
    path = folder / f"{key}.re"
    pattern = _read(path)
    if pattern is not None:
        return pattern
    pattern = regex.compile(source, flags, **named_lists)
    _write(folder, path, pattern)
    return pattern


def _read(path: Path) -> regex.Pattern | None:
    payload = read_payload(path)
    if payload is None:
        return None
    try:
        return _regex.compile(*marshal.loads(payload))
    except Exception:  # another regex build's layout: compile again
        log.debug("cache file %s does not load; compiling again", path, exc_info=True)
        return None


def read_payload(path: Path) -> bytes | None:
    """What `write_payload` stored at `path`, or None when it is missing or damaged."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    checksum, payload = blob[:32], blob[32:]
    if hashlib.sha256(payload).digest() != checksum:
        log.debug("cache file %s is damaged; compiling again", path)
        return None
    return payload


def _write(folder: Path, path: Path, pattern: regex.Pattern) -> None:
    try:
        payload = marshal.dumps(pattern._pickled_data)
    except (ValueError, AttributeError) as exc:  # another regex build
        log.debug("cannot keep compiled patterns (%s); compiling every run", exc)
        return
    write_payload(folder, path, payload)


def write_payload(folder: Path, path: Path, payload: bytes) -> None:
    """`payload` with its checksum at `path`, written under a temporary name and renamed into place;
    a folder that cannot be written is noted and not tried again in this process."""
    if str(folder) in _DISABLED:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=path.suffix)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(hashlib.sha256(payload).digest() + payload)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError as exc:  # read-only home, full disk
        _DISABLED.add(str(folder))
        log.debug("cannot keep files in %s (%s); compiling every run", folder, exc)
