"""The language of a document, detected with py3langid (a small, maintained n-gram model; attrib[web]).

The attribution rules are written for English: a document confidently in another language
gets no attributions from them (status `warning` with the reason) rather than junk sources.

The model ships LZMA-compressed, and unpacking it took a second at every start. It is unpacked
once into the cache folder (attrib.rules.cache.cache_dir) as plain .npy arrays, which later runs
map into memory: a run reads only the pages its texts touch, and forked workers share them.
The arrays are those py3langid would load itself, so every guess is the same. The first few
documents of a process are told from them in plain Python without numpy (attrib.language_plain:
only where numpy's own arithmetic could not pick another language), so that a short run never
imports numpy; the rest, and what plain Python leaves open, by py3langid itself.
"""
from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
import zipfile
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from . import language_plain
from .rules.cache import cache_dir

log = logging.getLogger("attrib")
RULE_LANGUAGES = frozenset({"en"})
SAMPLE = 4000       # characters read: enough for a confident guess, cheap on long texts
MIN_LETTERS = 80    # shorter texts (a headline) are too short to judge
CONFIDENT = 0.95    # the probability above which a language other than English stops the rules
# documents of a process told in plain Python (~0.02 s CPU each); from the next one on, py3langid with
# numpy (~0.0015 s each, after numpy's import, ~0.08 s): a short run never imports numpy, a corpus soon does
PLAIN_FIRST = 4
_plain_left = PLAIN_FIRST
MEMBERS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")  # the model's arrays
_TYPECODE = {2: "H", 4: "I", 8: "L"}  # as py3langid.modelio turns an unsigned array into array.array


@lru_cache(maxsize=1)
def _identifier():
    try:
        from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
    except ImportError:
        return None
    folder = _unpacked(Path(MODEL_DIR) / MODEL_FILE)
    if folder is not None:
        try:
            return _from_folder(LanguageIdentifier, folder)
        except (OSError, ValueError) as exc:  # damaged or foreign files: the packed model instead
            log.debug("cannot map the language model in %s (%s)", folder, exc)
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=1)
def _plain() -> language_plain.PlainModel | None:
    """The model's arrays for guesses without numpy, or None (no py3langid, or no folder to unpack it in)."""
    spec = find_spec("py3langid")  # found, not imported: py3langid imports numpy
    if spec is None or spec.origin is None:
        return None
    folder = _unpacked(Path(spec.origin).parent / "data" / "model.npz.xz")
    return None if folder is None else language_plain.load(folder)


def load() -> None:
    if _plain() is None:
        _identifier()


def unload() -> None:
    """Drop the detector's model (tens of MB) when no more documents are to be read."""
    global _plain_left
    _identifier.cache_clear()
    _plain.cache_clear()
    _plain_left = PLAIN_FIRST


def detect(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability), or ("", 0.0) when the text is too short or no detector is installed."""
    global _plain_left
    sample = text[:SAMPLE]
    if not _has_letters(sample, MIN_LETTERS):
        return "", 0.0
    plain = _plain() if _plain_left > 0 else None
    if plain is not None:
        _plain_left -= 1
        sure = language_plain.guess(plain, sample)
        # py3langid's probability decides only for other languages, near CONFIDENT
        if sure is not None and (sure[0] in RULE_LANGUAGES or abs(sure[1] - CONFIDENT) > 0.01):
            return sure
    identifier = _identifier()
    if identifier is None:
        return "", 0.0
    code, prob = identifier.classify(sample)
    return code, float(prob)


def _has_letters(text: str, n: int) -> bool:
    """Has the text `n` letters? Counted only until there are (most texts have them in their first line)."""
    for c in text:
        if c.isalpha():
            n -= 1
            if n <= 0:
                return True
    return n <= 0


def without_rules(code: str, prob: float) -> bool:
    """Whether a document in this language gets no attributions: the rules do not read it."""
    return bool(code) and code not in RULE_LANGUAGES and prob >= CONFIDENT


def _from_folder(cls, folder: Path):
    """The identifier py3langid's `from_model_file(..., norm_probs=True)` builds, from the unpacked arrays:
    the two big ones (feature weights, the tokenizer's transitions) mapped, not read."""
    import numpy as np
    from py3langid.modelio import _to_array

    data = {name: np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False) for name in MEMBERS}
    nextmove = data["nextmove"]
    transitions = memoryview(nextmove).cast("B").cast(_TYPECODE[nextmove.dtype.itemsize])
    return cls(np.asarray(data["ptc"]), np.array(data["pc"]), data["classes"].tolist(), transitions,
               data["out_feat"].tolist(), norm_probs=True, tk_row=_to_array(np.array(data["nextmove_row"])))


def _unpacked(model: Path) -> Path | None:
    """The folder of the model's arrays in the cache, unpacked there first if need be; None if it cannot be."""
    try:
        stat = model.stat()
        key = f"{stat.st_size}-{stat.st_mtime_ns}-npy1"  # the .npy files are copied, not written by numpy
        folder = cache_dir() / f"langid-{hashlib.sha256(f'{model}|{key}'.encode()).hexdigest()[:16]}"
        if (folder / "complete").is_file():
            return folder
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".tmp-langid-"))
        try:
            _unpack(model, tmp)
            (tmp / "complete").write_text(key + "\n", encoding="utf-8")
            try:
                os.replace(tmp, folder)
            except OSError:  # another run put it there first
                if not (folder / "complete").is_file():
                    raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return folder
    except (OSError, ValueError, zipfile.BadZipFile, ImportError) as exc:  # read-only home, full disk
        log.debug("cannot unpack the language model into the cache (%s); unpacking it every run", exc)
        return None


def _unpack(model: Path, folder: Path) -> None:
    """The .npy members of the model's compressed .npz, written into `folder` unchanged."""
    import lzma

    with tempfile.TemporaryFile(dir=folder) as npz:
        with lzma.open(model) as src:
            shutil.copyfileobj(src, npz, length=1 << 20)
        npz.seek(0)
        with zipfile.ZipFile(npz) as archive:
            for name in MEMBERS:
                with archive.open(f"{name}.npy") as src, open(folder / f"{name}.npy", "wb") as dst:
                    shutil.copyfileobj(src, dst, length=1 << 20)

