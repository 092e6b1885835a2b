"""What one statement asserts, as features: the proposition, not its attribution or its scene.

A statement is reduced in steps, each a rule of news writing:
1. its attribution goes: the source and cue spans found by extraction (by offsets), the speaker's
   description beside the source ("said Dr. Jim Young, Ontario's commissioner"), and, when a quote
   carries the sentence, everything outside the quote ("..., Kasich told a crowd in Berea");
2. what it mentions without asserting goes: a clause that sets the time or the condition
   ("two days after the WHO declared a pandemic", "In the wake of the attack, ...");
3. the rest becomes features: names by their core ("President Putin" = "Vladimir Putin"), places,
   quantities, content stems with news synonyms folded, and word shingles of quoted speech.
Numbers, place lists, the actor and the mood are kept apart as well: they say when two statements
cannot be the same claim however many words they share (see grouping.conflict).
"""
from __future__ import annotations

import math
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import regex

from .vocabulary import ClaimVocabulary, content_stem, stem

QUOTE_SHINGLES = 16        # bottom-k word 3-shingles of quoted speech kept per statement (consistent sampling)
ACTOR_WINDOW = 3          # words (titles, descriptions) that may stand before the actor's name
APPOSITIVE_WORDS = 12      # a speaker's description beside the source is at most this long

_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’]*(?:-\p{L}[\p{L}\p{M}'’]*)*|\$?\d[\d,]*(?:\.\d+)?%?")
_CAP_SEQ = regex.compile(r"(?<![\p{L}\d'’])\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+(?:(?:de|van|von|al|bin|da|del|la)\s+)?"
                         r"\p{Lu}[\p{L}\p{M}'’.-]*)*")
_POSSESSIVE = regex.compile(r"(?:['’]s?|\.)$")
_MARK = regex.compile(r"''|[“”\"‘’]")
_SPLIT = regex.compile(r"[,;:()]|\s[—–]\s|\s--\s|—|--")
_NUMBER = regex.compile(r"(?<![\p{L}\d])\$?(\d[\d,]*(?:\.\d+)?)(%)?(?:[-\s]+(hundred|thousand|million|billion|trillion|"
                        r"percent|pct|decades?))?(?![\p{L}\d-])", regex.IGNORECASE)
_QUOTE_TOKEN = regex.compile(r"\p{L}[\p{L}'’]*|\d+")


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float
    precision: float     # place value of the last significant digit ("20" -> 10, "23.1" -> 0.1)
    approx: bool         # "nearly", "about": agrees within 10%
    unit: str            # what it counts: the stem of the next word ("delegates" -> "deleg"), "ord" for
                         # ordinals, "percent", "date"; only quantities of one unit can disagree
    key: str = ""        # its feature ("#24", "#ord1")


@dataclass(frozen=True, slots=True)
class StatementFeatures:
    words: frozenset[str]          # every feature: "@name", "@place", "#number", content stems, '"shingle'
    quantities: tuple[Quantity, ...]
    places: frozenset[str]         # its "@place" features
    lists_places: bool             # three places in a row: a set claim ("won Alabama, Georgia and Tennessee")
    actor: str                     # the first name of the main clause ("@kasich"), "" if none
    hypothetical: bool             # "would", "could", "might" in the main clause
    n_content: int                 # content words (not names, places or numbers): 0 asserts nothing


EMPTY = StatementFeatures(frozenset(), (), frozenset(), False, "", False, 0)


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for a, b in spans:
        for i in range(max(0, a), min(len(chars), b)):
            chars[i] = " "
    return "".join(chars)


def _has_finite_verb(segment: str, vocab: ClaimVocabulary) -> bool:
    for w in segment.split():
        w = w.strip(".,;:!?\"“”'’()").replace("’", "'")
        if not w or not w[0].islower():
            continue
        if w in vocab.finite_verbs or (len(w) > 4 and w.endswith("ed")) or w.endswith("n't"):
            return True
    return False


def _hypothetical(text: str, vocab: ClaimVocabulary) -> bool:
    """The main verb is a conditional modal: the first verb of the clause is "would", "could", "might"."""
    for w in regex.findall(r"\p{Ll}[\p{Ll}'’]*", text):
        if w in vocab.hypothetical:
            return True
        if w in vocab.finite_verbs or (len(w) > 4 and w.endswith("ed")) or w.endswith(("n't", "n’t")) \
                or w in ("will", "should", "must", "may", "can", "shall"):
            return False
    return False


def speaker_descriptions(text: str, sources: list[tuple[int, int]], vocab: ClaimVocabulary) -> list[tuple[int, int]]:
    """Spans of the appositive beside each source ("Jim Young, Ontario's commissioner, said"):
    the speaker's description, part of the attribution, not of the fact."""
    out = []
    for _, end in sources:
        m = regex.match(r"\s*,\s*([^,;:\"“”()]+?)\s*(?=,|\.\s*$|$|:)", text[end:])
        if not m or len(m.group(1).split()) > APPOSITIVE_WORDS or _has_finite_verb(m.group(1), vocab):
            continue
        out.append((end, end + m.end()))
    return out


def _quote_marks(text: str) -> list[tuple[int, int, str]]:
    """(position, length, "open" or "close") of each quotation mark; a straight mark is an opening
    one after a space and before a word, a closing one otherwise."""
    marks = []
    for m in _MARK.finditer(text):
        q, i = m.group(), m.start()
        before = text[i - 1] if i else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if q == "“" or (q == "‘" and not before.isalnum()):
            marks.append((i, len(q), "open"))
        elif q == "”" or (q == "’" and not after.isalnum()):
            marks.append((i, len(q), "close"))
        elif q in ('"', "''"):
            opening = (before.isspace() or before in "([—-:") and not after.isspace()
            marks.append((i, len(q), "open" if opening else "close"))
    return marks


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Inner spans of quoted speech. A sentence that opens inside a quote begun earlier (its first
    mark closes) is quoted up to that mark; a quote still open at the end runs to the end."""
    spans: list[tuple[int, int]] = []
    start = None
    for pos, length, kind in _quote_marks(text):
        if kind == "open" and start is None:
            start = pos + length
        elif kind == "close":
            if start is not None:
                spans.append((start, pos))
                start = None
            elif not spans:
                spans.append((0, pos))
    if start is not None:
        spans.append((start, len(text)))
    return [(a, b) for a, b in spans if len(text[a:b].split()) >= 1]


def _quote_scope(text: str, attributed: bool) -> tuple[str, list[str]]:
    """(content text, quoted passages): an attributed sentence that opens or closes with a quote,
    its attribution on the other side ("'The campaign goes on,' Kasich told a crowd in Berea"),
    says what the quote says; the rest names the speaker, the audience, the place and the time."""
    spans = quoted_spans(text)
    passages = [text[a:b] for a, b in spans]
    if not spans or not attributed:
        return text, passages
    at_start = not regex.search(r"[\p{L}\d]", text[:spans[0][0]])
    at_end = not regex.search(r"[\p{L}\d]", text[spans[-1][1]:])
    if at_start or at_end:
        kept = [" "] * len(text)
        for a, b in spans:
            kept[a:b] = text[a:b]
        return "".join(kept), passages
    return text, passages


def drop_scene(text: str, vocab: ClaimVocabulary) -> str:
    """Remove clauses that set time, occasion or condition: mentioned, not asserted."""
    low = text.lower()
    stripped = low.lstrip(" \"“'‘(")
    offset = len(low) - len(stripped)
    for opener in vocab.scene_openers:
        if stripped.startswith(opener + " "):
            comma = text.find(",", offset)
            if comma > 0:
                text = " " * (comma + 1) + text[comma + 1:]
            break
    else:  # a leading participle clause: "Speaking earlier in Florida, ...", "Aided by a surge ..., ..."
        m = regex.match(r"\s*[\"“]?\p{Lu}\p{Ll}+(?:ing|ed)\b[^,\"“”]{0,80},", text)
        if m:
            text = " " * m.end() + text[m.end():]
    text = vocab.time_phrases.sub(lambda m: " " * len(m.group()), text)
    pieces = _SPLIT.split(text)
    seps = _SPLIT.findall(text)
    out = []
    for i, piece in enumerate(pieces):
        words = piece.split()
        for j, w in enumerate(words):
            lw = w.lower().strip("\"“'‘")
            if lw not in vocab.subordinators:
                continue
            if lw == "as" and (j + 1 < len(words) and words[j + 1].lower() in ("well", "much", "many", "long", "soon")):
                continue
            leading = j == 0 and i < len(seps) and seps[i] == ","   # "After X did Y, Z ..."
            trailing = (j > 0 or i > 0) and not leading        # "..., two days after X did Y"
            if not (leading or trailing) or not _has_finite_verb(" ".join(words[j + 1:]), vocab):
                continue
            k = j
            while k > 0 and (words[k - 1].lower() in ("days", "hours", "weeks", "months", "years", "minutes", "shortly",
                                                      "soon", "just", "only", "even", "long", "right")
                             or words[k - 1].lower() in vocab.number_words or words[k - 1][:1].isdigit()):
                k -= 1
            words = words[:k]
            break
        out.append(" ".join(words))
        if i < len(seps):
            out.append(seps[i])
    return " ".join(out)


_CALENDAR = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_MONTHS = frozenset("january february march april may june july august september october november december jan feb "
                    "mar apr jun jul aug sep sept oct nov dec".split())


def _quantity(text: str, start: int, end: int, value: float, precision: float, unit: str | None,
              vocab: ClaimVocabulary) -> Quantity:
    before = text[max(0, start - 16):start].lower()
    approx = any(before.rstrip().endswith(a) for a in vocab.approximators)
    if unit is None:
        previous = regex.findall(r"\p{L}+", before)
        if (previous and previous[-1] in _MONTHS) or (1900 <= value <= 2100 and precision == 1):
            unit = "date"
        else:
            unit = ""
            for w in regex.findall(r"[\p{L}%][\p{L}'’]*|[^\s\p{L}-]", text[end:end + 40])[:3]:
                low = w.lower()
                if low == "%":
                    unit = "percent"
                    break
                if not w[0].isalpha() or w[0].isupper():
                    break
                if low in vocab.stopwords:
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
    if 1900 <= value <= 2100 or not stripped:
        return value, 1.0
    return value, 10.0 ** (len(clean) - len(stripped))


def numbers(text: str, vocab: ClaimVocabulary) -> tuple[list[str], list[Quantity], str]:
    """Number features, quantities, and the text with the numbers taken out."""
    feats: list[str] = []
    quants: list[Quantity] = []

    def digits(m: regex.Match) -> str:
        raw = m.group(1)
        if regex.search(r"\d-\d", text[m.start():m.end() + 2]) or len(raw.replace(",", "")) > 12:
            feats.append("#" + raw)          # an id or a phone number, not a quantity
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
        mult_m = regex.match(r"[-\s]+(hundred|thousand|million|billion|trillion|decades?)\b", text[m.end():],
                             regex.IGNORECASE)
        mult = vocab.multipliers.get(mult_m.group(1).lower(), 1) if mult_m else 1
        unit = "year" if mult_m and mult_m.group(1).lower().startswith("decade") else None
        quants.append(_quantity(text, m.start(), m.end() + (mult_m.end() if mult_m else 0), value * mult,
                                max(1.0, mult) if value < 10 else 10.0 * mult, unit, vocab))
        feats.append("#" + _canonical(value * mult))
        return " " * (len(m.group()) + (mult_m.end() if mult_m else 0))

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
    if w == "one" and (after.lstrip().startswith(("another", "of ")) or (before and before[-1] in (
            "no", "that", "every", "any", "each", "which", "this"))):
        return False
    return not (before and before[-1] == "the" and w in vocab.number_words)


@lru_cache(maxsize=4)
def _number_words(vocab: ClaimVocabulary) -> regex.Pattern:
    words = sorted(set(vocab.number_words) | set(vocab.ordinals), key=len, reverse=True)
    return regex.compile(r"(?<![\p{L}])\L<w>(?![\p{L}])", regex.IGNORECASE, w=words)


def _canonical(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def shingles(passages: list[str]) -> list[str]:
    """Bottom-k word 3-shingles of quoted speech: the same utterance quoted twice shares them."""
    out: set[str] = set()
    for passage in passages:
        tokens = [t.lower().replace("’", "'") for t in _QUOTE_TOKEN.findall(passage)]
        out.update('"' + " ".join(tokens[i:i + 3]) for i in range(len(tokens) - 2))
    return sorted(out, key=lambda s: zlib.crc32(s.encode()))[:QUOTE_SHINGLES]


def is_headline(text: str) -> bool:
    """Title case: most words of four or more letters capitalised ("Sanders Beats Clinton In Oklahoma")."""
    words = [w for w in regex.findall(r"\p{L}+", text) if len(w) >= 4]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def statement_features(text: str, blanks: list[tuple[int, int]], vocab: ClaimVocabulary,
                       sources: list[tuple[int, int]] | None = None,
                       common: Callable[[str], bool] | None = None) -> StatementFeatures:
    """Features of one statement; `blanks` are its sentence-relative source and cue spans, `sources`
    the source spans among them, `common(word)` says whether a lowercase word is a common word of
    the corpus (a capitalised sentence opener or headline word that is one is no name)."""
    if text.rstrip(" \"”’)").endswith("?"):
        return EMPTY    # a question asserts nothing
    spans = list(blanks) + speaker_descriptions(text, sources or [], vocab)
    text = blank(text, spans)
    text, passages = _quote_scope(text, bool(blanks))
    quote = shingles(passages) if len(passages) else []
    text = drop_scene(text, vocab)
    if vocab.phrases is not None:
        text = vocab.phrases.sub(lambda m: vocab.phrase_token[m.group().lower()], text)
    features: set[str] = set()
    order: list[tuple[int, str]] = []   # (position, "@name") to find the actor

    found: list[tuple[int, int, str]] = []

    def place(m: regex.Match) -> str:
        key = "@" + vocab.place_names[m.group()]
        features.add(key)
        found.append((m.start(), m.end(), key))
        return " " * len(m.group())

    if vocab.places is not None:
        text = vocab.places.sub(place, text)
    lists = _lists_places(text, found)
    num_feats, quants, text = numbers(text, vocab)
    features.update(num_feats)
    hypothetical = _hypothetical(text, vocab) and not blanks   # reported "would" is often "will" backshifted
    headline = is_headline(text)
    common = common or (lambda w: False)
    n_content = 0
    for m in _CAP_SEQ.finditer(text):
        initial = headline or not text[:m.start()].strip(" \"“'‘([-—")
        run: list[str] = []
        runs: list[list[str]] = []
        first = True
        for token in m.group().split():
            w = _POSSESSIVE.sub("", token.rstrip(".'’\"”")).strip("-")
            low = w.lower().replace("’", "'")
            if regex.fullmatch(r"\p{Lu}\.?", token):      # an initial: "Donald J. Trump"
                continue
            ambiguous = headline or (initial and first)
            first = first and (low in vocab.stopwords or w in vocab.stop_caps)
            if run and low in _CALENDAR:    # "Super Tuesday", "Black Friday": part of the name
                run.append(w)
                continue
            if len(regex.sub(r"[^\p{L}]", "", w)) < 2 or low in vocab.stopwords or low in vocab.attribution \
                    or w in vocab.stop_caps or (ambiguous and (common(low) or _not_a_name(low))):
                if run:
                    runs.append(run)
                    run = []
                if ambiguous and low not in vocab.stopwords and low not in vocab.attribution and len(low) >= 3 \
                        and w not in vocab.stop_caps:
                    features.add(content_stem(low, vocab))   # "Licensing rules ...", "... Beats Clinton ..."
                    n_content += 1
                continue
            run.append(w)
        if run:
            runs.append(run)
        for words in runs:
            while words and words[0] in vocab.titles:
                words = words[1:]
            if not words:
                continue
            while len(words) > 1 and stem(words[-1].lower()) in vocab.synonyms:
                features.add(content_stem(words[-1].lower(), vocab))   # "... Partnership Agreement", "Putin Arrives"
                n_content += 1
                words = words[:-1]
            if len(words) == 1 and stem(words[0].lower()) in vocab.synonyms \
                    and common(words[0].lower()):
                features.add(content_stem(words[0].lower(), vocab))
                n_content += 1
                continue
            core = "@" + words[-1].lower().replace("’", "'")
            features.add(core)
            order.append((m.start(), core))
            for w in words[:-1]:   # "Strategic Partnership Agreement" meets "partnership treaty"; first names add nothing
                if w not in vocab.titles and len(w) > 3 and common(w.lower()):
                    features.add(content_stem(w.lower(), vocab))
    for m in _WORD.finditer(text):
        word = m.group()
        if not word[0].isalpha() or word[0].isupper():
            continue
        whole = stem(word.lower()) if "-" in word else ""
        for part in ([word] if whole in vocab.synonyms else word.split("-")):   # "op-ed" is one word
            low = part.lower().replace("’", "'")
            if low in vocab.stopwords or low in vocab.attribution or len(low) < 3 or low in vocab.number_words \
                    or low in vocab.ordinals:
                continue
            features.add(content_stem(low, vocab))
            n_content += 1
    features.update(quote)
    actor = _actor(text, order)
    return StatementFeatures(frozenset(features), tuple(quants), frozenset(k for _, _, k in found), lists, actor,
                             hypothetical, n_content)


def _lists_places(text: str, found: list[tuple[int, int, str]]) -> bool:
    """Three or more places in a row, joined by commas and "and" ("Alabama, Georgia and Tennessee")."""
    run = 1
    for (_, end, _), (start, _, _) in zip(found, found[1:]):
        run = run + 1 if regex.fullmatch(r"\s*(?:,|,?\s*and|,?\s*or)?\s*", text[end:start]) else 1
        if run >= 3:
            return True
    return False


def _not_a_name(low: str) -> bool:
    """A capitalised sentence opener that is no name by its form: an adverb or a participle."""
    return low.endswith(("ly", "ed", "ing")) and len(low) > 5


def _actor(text: str, order: list[tuple[int, str]]) -> str:
    """The name in subject position: the first name of the main clause, at most ACTOR_WINDOW words in."""
    if not order:
        return ""
    start, name = min(order)
    before = [w for w in regex.findall(r"[\p{L}\d][\p{L}\d'’.-]*", text[:start])]
    return name if len(before) <= ACTOR_WINDOW else ""


def quantities_agree(a: Quantity, b: Quantity) -> bool:
    """The same quantity up to rounding: 23.1 ~ 23, 18 ~ "two decades" (20, to the nearest 10)."""
    if a.unit != b.unit:
        return False
    if a.value == b.value:
        return True
    coarse = max(a.precision, b.precision)
    if coarse > 0 and math.floor(a.value / coarse + 0.5) == math.floor(b.value / coarse + 0.5):
        return True
    return (a.approx or b.approx) and abs(a.value - b.value) <= 0.1 * max(abs(a.value), abs(b.value))
