"""Quantities in a statement: numbers with their unit, precision and whether they are approximate.

Two statements that give different quantities of one unit ("rose 22 points", "rose 15 points") state
different facts; the same quantity written differently ("nearly two decades", "18 years") agrees.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..lexicon import word_table
from .vocabulary import ClaimVocabulary, content_stem
from ..rules.cache import compile_cached

_NUMBER = compile_cached(r"(?<![\p{L}\d])\$?(\d[\d,]*(?:\.\d+)?)(%)?(?:[-\s]+(hundred|thousand|million|billion|trillion|"
                        r"percent|pct|decades?))?(?![\p{L}\d-])", regex.IGNORECASE)
_LETTERS = compile_cached(r"\p{L}+")
_UNIT_TOKEN = compile_cached(r"[\p{L}%][\p{L}'’]*|[^\s\p{L}-]")
_HYPHENATED = compile_cached(r"\d-\d")
_NAMED = compile_cached(r"\p{Lu}[\p{L}]*-$")   # "COVID-19", "F-16", "SARS-CoV-2": the number is part of the name
_MULTIPLIER = compile_cached(r"[-\s]+(hundred|thousand|million|billion|trillion|decades?)\b", regex.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float
    precision: float     # place value of the last significant digit ("20" -> 10, "23.1" -> 0.1)
    approx: bool         # "nearly", "about": agrees within 10%
    unit: str            # what it counts: the stem of the next word ("delegates" -> "deleg"), "ord" for
                         # ordinals, "percent", "date"; only quantities of one unit can disagree
    key: str = ""        # its feature ("#24", "#ord1")


EXACT_BELOW = 100   # "10 months", "40 percent": a figure under this written in digits is exact, not rounded
WORDS_EXACT_BELOW = 20   # a count in words below this is exact ("ten of the 14 sub-indices" is not "eight")
ROUNDING = 0.25     # a figure and its rounding differ by at most this share ("18" ~ "two decades", 10%)

MONTHS = word_table("month_numbers")


def _quantity(text: str, start: int, end: int, value: float, precision: float, unit: str | None,
              vocab: ClaimVocabulary) -> Quantity:
    before = text[max(0, start - 16):start].lower()
    approx = any(before.rstrip().endswith(a) for a in vocab.approximators)
    if unit is None:
        previous = _LETTERS.findall(before)
        if previous and previous[-1] in MONTHS and value <= 31:   # "February 3" is not "March 3"
            unit, value = "date", MONTHS[previous[-1]] * 100 + value
        elif 1900 <= value <= 2100 and precision == 1 and "," not in text[start:end]:   # "1,991 delegates" counts
            unit = "date"
        else:
            unit = ""
            compound = text.startswith("-", end)    # "three-way fight": the fight is what it counts
            for w in _UNIT_TOKEN.findall(text, end, end + 40)[:3]:
                low = w.lower()
                if low == "%":
                    unit = "percent"
                    break
                if not w[0].isalpha() or w[0].isupper():
                    break
                if low in vocab.stopwords or (compound and low in vocab.counters):
                    compound = False
                    continue
                unit = content_stem(low, vocab)
                break
    return Quantity(value, precision, approx, unit, ("#ord" if unit == "ord" else "#") + _canonical(value))


def _digits_precision(digits: str) -> tuple[float, float]:
    clean = digits.replace(",", "")
    value = float(clean)
    if "." in clean:
        return value, 10.0 ** -len(clean.split(".")[1])
    stripped = clean.rstrip("0")
    if 1900 <= value <= 2100 or not stripped or value < EXACT_BELOW:
        return value, 1.0
    return value, 10.0 ** (len(clean) - len(stripped))


def numbers(text: str, vocab: ClaimVocabulary) -> tuple[list[str], list[Quantity], str]:
    """Number features, quantities, and the text with the numbers taken out."""
    feats: list[str] = []
    quants: list[Quantity] = []
    if not vocab.numeric.search(text):
        return feats, quants, text

    def digits(m: regex.Match) -> str:
        raw = m.group(1)
        if (_HYPHENATED.search(text, m.start(), m.end() + 2) or len(raw.replace(",", "")) > 12
                or _NAMED.search(text, max(0, m.start() - 12), m.start())):
            feats.append("#" + raw.rstrip(","))   # an id, a phone number or part of a name ("COVID-19"), not a quantity
            return " "
        value, precision = _digits_precision(raw)
        word = (m.group(3) or "").lower()
        mult = vocab.multipliers.get(word, 1)
        value, precision = value * mult, precision * mult
        unit = "percent" if m.group(2) or word in ("percent", "pct") else "year" if word.startswith("decade") else None
        quants.append(_quantity(text, m.start(), m.end(), value, precision, unit, vocab))
        feats.append("#" + _canonical(value))
        return " "

    text = _NUMBER.sub(digits, text)

    def word(m: regex.Match) -> str:
        w = m.group().lower()
        if w in vocab.ordinals:
            quants.append(_quantity(text, m.start(), m.end(), vocab.ordinals[w], 1, "ord", vocab))
            feats.append("#ord" + str(vocab.ordinals[w]))
            return " " * len(m.group())
        value = vocab.number_words[w]
        mult_m = _MULTIPLIER.match(text, m.end())
        mult = vocab.multipliers.get(mult_m.group(1).lower(), 1) if mult_m else 1
        unit = "year" if mult_m and mult_m.group(1).lower().startswith("decade") else None
        q = _quantity(text, m.start(), mult_m.end() if mult_m else m.end(), value * mult,
                      max(1.0, mult) if value < WORDS_EXACT_BELOW else 10.0 * mult, unit, vocab)
        quants.append(q)
        feats.append("#" + _canonical(value * mult))
        counter = None if mult_m else _COUNTER.match(text, m.end())
        if counter and counter.group(1).lower() in vocab.counters and q.unit:
            feats.append(f"#{_canonical(value)}-{q.unit}")   # "three-way fight" = "three-person race"
            return " " * (counter.end() - m.start())         # "person" is part of the count
        return " " * ((mult_m.end() if mult_m else m.end()) - m.start())

    out, pos = [], 0
    for m in _number_words(vocab).finditer(text):
        if m.start() < pos or not _counts(m, text, vocab):
            continue
        repl = word(m)
        out.append(text[pos:m.start()])
        out.append(repl)
        pos = m.start() + len(repl)
    out.append(text[pos:])
    return feats, quants, "".join(out)


def _counts(m: regex.Match, text: str, vocab: ClaimVocabulary) -> bool:
    """Whether a number word counts something: not "one another", "no one", "the two", "first-term"."""
    w = m.group().lower()
    after = text[m.end():m.end() + 10].lower()
    before = text[max(0, m.start() - 8):m.start()].lower().split()
    if w in vocab.ordinals and after.startswith("-"):
        return False
    if w in vocab.ordinals and before and before[-1] in vocab.tally_owners and _tally(text, m.end(), vocab):
        return False     # "her third straight victory": a running count, not what the fact is
    if w == "one" and (after.lstrip().startswith(("another", "of ")) or (before and before[-1] in (
            "no", "that", "every", "any", "each", "which", "this"))):
        return False
    return not (before and before[-1] == "the" and w in vocab.number_words)


_COUNTER = compile_cached(r"-(\p{L}+)")
_NEXT_WORDS = compile_cached(r"\s+(\p{L}+)(?:\s+(\p{L}+))?")


def _tally(text: str, end: int, vocab: ClaimVocabulary) -> bool:
    """Whether the word after an ordinal (past "straight", "consecutive") is a noun of a running tally."""
    m = _NEXT_WORDS.match(text, end)
    if not m:
        return False
    first = m.group(1).lower()
    if first in vocab.tally_modifiers:
        return bool(m.group(2) and m.group(2).lower() in vocab.tallies)
    return first in vocab.tallies


@lru_cache(maxsize=4)
def _number_words(vocab: ClaimVocabulary) -> regex.Pattern:
    words = sorted(set(vocab.number_words) | set(vocab.ordinals), key=len, reverse=True)
    return compile_cached(r"(?<![\p{L}])\L<w>(?![\p{L}])", regex.IGNORECASE, w=words)


def _canonical(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def quantities_agree(a: Quantity, b: Quantity) -> bool:
    """The same quantity up to rounding: 23.1 ~ 23, 18 ~ "two decades" (20, to the nearest 10)."""
    if a.unit != b.unit:
        return False
    if a.value == b.value:
        return True
    coarse = max(a.precision, b.precision)
    if coarse > 0 and math.floor(a.value / coarse + 0.5) == math.floor(b.value / coarse + 0.5) \
            and abs(a.value - b.value) <= ROUNDING * max(abs(a.value), abs(b.value)):
        return True     # not 5,000 ~ 10,000: two round figures far apart are two figures
    return (a.approx or b.approx) and abs(a.value - b.value) <= 0.1 * max(abs(a.value), abs(b.value))
