"""py3langid's guess in plain Python, without importing numpy (a tenth of a second of a short run).

The model's arrays in the cache folder (see attrib.language) are read with `mmap` and `struct`,
and the naive-Bayes scores are summed in double precision. py3langid sums the same products in
single precision, so its scores may differ from these by a rounding error that is bounded here
(a sum of n single precision terms is off by at most n units in the last place of the sum of their
absolute values, which for log-probabilities is the absolute value of their sum). A guess is
returned only when the best language leads every other by more than the two languages' bounds and holds
more than half the probability (so that no two languages of one label, py3langid's aliases,
can outweigh it): then py3langid's own arithmetic picks the same language. Otherwise `guess`
returns None and the caller asks py3langid.
"""
from __future__ import annotations

import math
import mmap
import struct
import sys
import unicodedata
from array import array
from collections import Counter
from dataclasses import dataclass
from operator import mul
from pathlib import Path

_ULP = 2.0 ** -22   # twice float32's unit roundoff: the bound's margin for float32 log1p and sums


@dataclass(frozen=True)
class PlainModel:
    nextmove: memoryview   # the tokenizer's transitions (uint32)
    rows: array            # each state's row of `nextmove` (its offset there divided by 256)
    out_feat: array        # the feature each state emits, or -1
    ptc: memoryview        # feature weights, one row of float16 per feature
    row: struct.Struct     # one row of `ptc`
    pc: tuple[float, ...]  # class priors
    classes: tuple[str, ...]
    _maps: tuple = ()      # the open maps, kept alive with the views


def load(folder: Path) -> PlainModel | None:
    """The arrays of an unpacked model folder, or None when they are not of the expected kinds."""
    if sys.byteorder != "little":
        return None
    try:
        (nm_map, nextmove, nm_kind), (_, row, row_kind), (_, out, out_kind), (ptc_map, ptc, ptc_kind), \
            (_, pc, pc_kind), (_, classes, classes_kind) = (
                _npy(folder / f"{name}.npy") for name in ("nextmove", "nextmove_row", "out_feat", "ptc", "pc", "classes"))
    except (OSError, ValueError):
        return None
    if (nm_kind[0], row_kind[0], out_kind[0], ptc_kind[0], pc_kind[0], classes_kind[0]) != (
            "<u4", "<u2", "<i4", "<f2", "<f4", "<U3") or len(ptc_kind[1]) != 2:
        return None
    n_classes = ptc_kind[1][1]
    if pc_kind[1] != (n_classes,) or classes_kind[1] != (n_classes,):
        return None
    rows = array("H")
    rows.frombytes(row)
    out_feat = array("i")
    out_feat.frombytes(out)
    names = tuple(bytes(classes[i * 12:(i + 1) * 12]).decode("utf-32-le").rstrip("\x00") for i in range(n_classes))
    return PlainModel(nextmove=nextmove.cast("I"), rows=rows, out_feat=out_feat, ptc=ptc,
                      row=struct.Struct(f"<{n_classes}e"), pc=struct.unpack(f"<{n_classes}f", pc),
                      classes=names, _maps=(nm_map, ptc_map))


def _npy(path: Path) -> tuple[mmap.mmap, memoryview, tuple[str, tuple[int, ...]]]:
    """A version 1 .npy file mapped: (map, its data, (dtype, shape)); ValueError for anything else."""
    with open(path, "rb") as fh:
        mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    if mapped[:8] != b"\x93NUMPY\x01\x00":
        raise ValueError(f"{path}: not a version 1 .npy file")
    size = struct.unpack_from("<H", mapped, 8)[0]
    header = mapped[10:10 + size].decode("latin-1")
    kind, order, shape = _header(header)
    if order:
        raise ValueError(f"{path}: Fortran order")
    return mapped, memoryview(mapped)[10 + size:], (kind, shape)


def _header(header: str) -> tuple[str, bool, tuple[int, ...]]:
    """(descr, fortran_order, shape) of a .npy header such as numpy writes it."""
    import ast
    fields = ast.literal_eval(header.strip())
    return fields["descr"], bool(fields["fortran_order"]), tuple(fields["shape"])


def guess(model: PlainModel, text: str) -> tuple[str, float] | None:
    """(language, probability) as py3langid's `classify` (norm_probs) would give it, or None when
    the rounding of its single-precision sums could change the language."""
    if text.isupper():
        text = text.lower()
    data = unicodedata.normalize("NFC", text).encode("utf8", errors="surrogatepass")
    nextmove, rows, out_feat = model.nextmove, model.rows, model.out_feat
    state, found = 0, []
    append = found.append
    for letter in data:
        state = nextmove[(rows[state] << 8) + letter]
        feature = out_feat[state]
        if feature >= 0:
            append(feature)
    if not found:
        return None
    counts = Counter(found)
    unpack, ptc, width = model.row.unpack_from, model.ptc, model.row.size
    rows = [unpack(ptc, feature * width) for feature in counts]
    weights = [math.log1p(count) for count in counts.values()]
    sums = [sum(map(mul, weights, column)) for column in zip(*rows)]
    scores = [total + prior for total, prior in zip(sums, model.pc)]
    if max(map(max, rows)) <= 0:  # log-probabilities: a class's sum of |products| is its |sum|
        sizes = [abs(prior) - total for total, prior in zip(sums, model.pc)]
    else:
        sizes = [sum(w * max(max(r), -min(r)) for w, r in zip(weights, rows)) + max(map(abs, model.pc))] * len(sums)
    ulps = (len(weights) + 10) * _ULP
    best = max(range(len(scores)), key=scores.__getitem__)
    top, top_bound = scores[best], sizes[best] * ulps
    if any(i != best and top - s <= top_bound + size * ulps for i, (s, size) in enumerate(zip(scores, sizes))):
        return None
    scale = 1.0 / math.sqrt(len(data) or 1)
    prob = 1.0 / math.fsum(math.exp((s - top) * scale) for s in scores)
    label = model.classes[best]
    if prob <= 0.6 or model.classes.count(label) != 1:
        return None
    return label, prob
