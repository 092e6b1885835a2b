"""Stage 2, clean and split: mark page clutter and cut the body into sentences.

Sentences keep their offsets into the original text. Splitting is
quote-aware: '"...," KCNA reportedly added.' and '"We will win!" Trump said.'
stay one sentence; abbreviations and initials do not end a sentence.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .lexicon import Lexicon, load_lexicon, word_list
from .rules.cache import compile_cached
from .records import Sentence

OPEN_QUOTES = "“‘«„"
CLOSE_QUOTES = "”’»"
_BOUNDARY = compile_cached(r"""[.!?…]+["”’'»)\]]*(?=\s+)|(?<=[.!?…]["”’»])(?=\S)""")
# The same without its second branch, which can only match after a sentence mark and a quote: a
# line without such a pair is scanned with this one, several times faster (same matches).
_BOUNDARY_PLAIN = compile_cached(r"""[.!?…]+["”’'»)\]]*(?=\s+)""")
_MARK_QUOTE = compile_cached(r"""[.!?…]["”’»]""")
# Chinese and Japanese sentence ends need no space after them: '報道によると。今回'
_CJK_END = compile_cached(r"""[。！？]+[」』”’）)]*""")
_CJK_MARKS = frozenset("。！？")
_SPACES = compile_cached(r"\s*")
_ACRONYM = compile_cached(r"(?:\p{L}\.)+\p{L}")
_LINE = compile_cached(r"[^\n]*\n?")
_LABEL = compile_cached(r"(?<=\w\s+)\p{Lu}[\p{L} ]{0,20}:\s")  # "Image: ", "Photo credit: " after a word
_SENTENCE_STARTERS = frozenset(word_list("sentence_starters"))


@dataclass(frozen=True)
class Splitter:
    """Compiled splitting and clutter patterns; build once with `Splitter.create()`."""

    lexicon: Lexicon
    abbreviations: frozenset[str]
    attribution_tail: regex.Pattern
    cue_word: regex.Pattern

    @classmethod
    def create(cls, lexicon: Lexicon | None = None) -> "Splitter":
        lexicon = lexicon or load_lexicon()
        lists = lexicon.lists
        # After a closing quote, a short "Trump said" / "said Trump" keeps the sentence open; a verb that
        # is no inverted cue ("praised", "touted") only without an object ('"...!" Biden praised the
        # endorsement.' is a sentence of its own); a tail that opens a new quoted sentence ('"..." He adds, "In
        # ...') begins the next sentence.
        tail = compile_cached(  # from the cache of compiled patterns: compiling takes a tenth of a second
            r"\s+(?:(?:\p{Lu}[\w.'’-]*|he|she|they|it|the|a|an|[a-z]+)\s+){0,6}?"
            r"(?:\L<hedges>\s+)?(?:\L<cue_inverted>\b(?![\w'])(?:\s+[\w'’.-]+){0,4}?|\L<cue_finite>\b(?![\w']))"
            r"\s*(?:[.;!?]|[,:](?!\s*[\"“‘]\s*\p{Lu})|$)",
            0, hedges=lists["hedges"], cue_inverted=lists["cue_inverted"], cue_finite=lists["cue_finite"])
        cue_word = compile_cached(r"\b(?:\L<cue_inverted>|\L<cue_finite>)\b(?![\w'])", 0,
                                  cue_inverted=lists["cue_inverted"], cue_finite=lists["cue_finite"])
        return cls(lexicon=lexicon, abbreviations=frozenset(lists["abbreviations"]), attribution_tail=tail,
                   cue_word=cue_word)

    def is_clutter(self, line: str, script: str) -> bool:
        stripped = line.strip().strip("\ufeff")
        if not stripped:
            return True
        if len(stripped) > 300:  # clutter is short; an article paragraph is not
            return False
        if self.lexicon.any_clutter.fullmatch(stripped, timeout=0.5):
            return True
        return bool(script) and _dominant_script(stripped) not in ("", script)

    def split(self, text: str) -> list[Sentence]:
        """Split the whole document into sentences, flagging clutter lines.

        A hard-wrapped paragraph (a line broken mid-sentence) is one line here, so that it is judged
        and split as the paragraph it is."""
        script = _dominant_script(text[:5000])
        lines = _join_wrapped(text, [(m.start(), m.group().rstrip("\n")) for m in _LINE.finditer(text) if m.group()])
        has_blank = any(not line.strip() for _, line in lines)
        clutter_flags = [self.is_clutter(line, script) for _, line in lines]
        _mark_headline_lists(lines, clutter_flags)
        sentences: list[Sentence] = []
        paragraph = 0
        in_quote = False
        prev_blank = True
        for (start, line), clutter in zip(lines, clutter_flags):
            if not line.strip():
                if not prev_blank:
                    paragraph += 1
                prev_blank = True
                in_quote = False
                continue
            if not has_blank and not prev_blank:
                paragraph += 1
            prev_blank = False
            pieces = self._split_line(line)
            for k, (s, e) in enumerate(pieces):
                piece = line[s:e]
                lead = len(piece) - len(piece.lstrip())
                trail = len(piece.rstrip())
                if trail <= lead:
                    continue
                sent_text = piece[lead:trail]
                opens = _quote_open_after(sent_text, in_quote)
                # a credit or label ending a caption line ("Dakota, a deer. Image: Jane Roe.") is clutter of its own
                tail_clutter = 0 < k == len(pieces) - 1 and ":" in sent_text and self.is_clutter(sent_text, "")
                sentences.append(Sentence(index=len(sentences), start=start + s + lead, end=start + s + trail,
                                          text=sent_text, paragraph=paragraph, clutter=clutter or tail_clutter,
                                          opens_quote=opens, in_quote=in_quote))
                in_quote = opens
        return sentences

    def _split_line(self, line: str) -> list[tuple[int, int]]:
        pieces = [piece for span in self._sentence_spans(line) for piece in _cap_length(line, *span)]
        if pieces and ":" in line[pieces[-1][0]:]:
            pieces[-1:] = self._credit_apart(line, *pieces[-1])
        return pieces

    def _credit_apart(self, line: str, start: int, end: int) -> list[tuple[int, int]]:
        """A caption whose credit follows without a full stop ("Feline fursuiters Image: Jane Roe.") is
        two pieces, so that the credit is clutter of its own and never joins the captions it ends into
        one claim; the credit is whatever the clutter rules take for one, from a capitalised label on."""
        for m in _LABEL.finditer(line, start, end):
            if m.start() > start and self.is_clutter(line[m.start():end], ""):
                return [(start, m.start()), (m.start(), end)]
        return [(start, end)]

    def _sentence_spans(self, line: str) -> list[tuple[int, int]]:
        cuts = [0]
        if not _CJK_MARKS.isdisjoint(line):
            cuts += [m.end() for m in _CJK_END.finditer(line) if line[m.end():].strip()]
            if len(cuts) > 1 and not _BOUNDARY_PLAIN.search(line):
                cuts.append(len(line))
                return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]
        boundary = _BOUNDARY if _MARK_QUOTE.search(line) else _BOUNDARY_PLAIN
        for m in boundary.finditer(line):
            end = m.end()
            after = _SPACES.match(line, end).end()
            nxt = line[after:after + 200]  # a bounded look ahead: run-on lines stay linear
            if not nxt:
                continue
            if not self._is_boundary(line, m.start(), end, nxt, cuts[-1]):
                continue
            cuts.append(end)
        cuts = sorted(set(cuts))
        cuts.append(len(line))
        return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]

    def _is_boundary(self, line: str, punct_start: int, end: int, nxt: str, begun: int = 0) -> bool:
        first = nxt[0]
        if not (first.isupper() or first.isdigit() or first in OPEN_QUOTES + "\"'(["):
            return False
        head = line[max(0, punct_start - 40):punct_start + 1].rsplit(None, 1)
        token = head[-1].lstrip("\"“‘'(") if head else ""
        bare = token.rstrip(".")
        punct = line[punct_start:end].rstrip()
        if punct in ("...", "…") and punct_start and line[punct_start - 1] == " ":
            return False  # an elision marked off by spaces ("in all areas ... Dialogue") is inside a sentence
        if punct in ("...]", "…]") and punct_start and line[punct_start - 1] == "[":
            return False  # an editor's elision ("[...] Rather, the likeliest route") starts the sentence it cuts
        if punct.startswith(".") and not punct.startswith(".."):
            if bare in self.abbreviations or bare.split(".")[-1] in self.abbreviations:
                return False
            if len(bare) == 1 and bare.isupper():  # an initial: "J. K. Rowling"
                return False
            if _ACRONYM.fullmatch(bare):  # U.S., U.N., D.C.
                return nxt.split(" ", 1)[0] in _SENTENCE_STARTERS
        closes_quote = any(q in punct for q in CLOSE_QUOTES + '"')
        if (closes_quote and punct[0] in "!?.…" and self.attribution_tail.match(" " + nxt, timeout=0.2)
                and not self._attributed_within(line, begun, punct_start)):
            return False  # '"We will win!" Trump said.': the attribution belongs to the quote
        return True

    def _attributed_within(self, line: str, begun: int, punct_start: int) -> bool:
        """The quotation closing here opened in this sentence after a cue of its own ('Lee said she was
        "proud." Kim praised her'): what follows is a new sentence, not the quotation's attribution."""
        piece = line[begun:punct_start]
        opening = max(piece.rfind(q) for q in OPEN_QUOTES + '"')
        return opening > 0 and bool(self.cue_word.search(piece, 0, opening, timeout=0.2))


MAX_SENTENCE = 2000  # characters; longer runs (tables, run-on crawls) are cut at spaces


def _cap_length(line: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a run-on 'sentence' into pieces of at most MAX_SENTENCE characters, at whitespace where possible."""
    pieces = []
    while end - start > MAX_SENTENCE:
        cut = line.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut + 1 if cut > start else start + MAX_SENTENCE
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def _quote_open_after(text: str, was_open: bool) -> bool:
    """Whether a double quotation is still open at the end of this sentence."""
    last_open, last_close = text.rfind("“"), text.rfind("”")
    state = was_open if last_open == last_close else last_open > last_close  # the last curly quote decides
    if text.count('"') % 2:
        state = not state if not was_open else False
    return state


_SCRIPTS = ("Latin", "Cyrillic", "Arabic", "Greek", "Hebrew", "Han", "Hangul", "Hiragana", "Katakana",
            "Devanagari", "Thai", "Georgian", "Armenian")
_SCRIPT_PATTERNS = {name: compile_cached(r"\p{Script=%s}" % name) for name in _SCRIPTS}
_NON_LATIN_LETTER = compile_cached(r"[^\P{L}\p{Script=Latin}]")


# Japanese writes in Han, Hiragana and Katakana at once, Korean in Hangul and Han: one family each page
_SCRIPT_FAMILY = {"Han": "CJK", "Hiragana": "CJK", "Katakana": "CJK", "Hangul": "CJK"}


def _dominant_script(text: str) -> str:
    """The script family most letters of a text are written in ("Latin", "Cyrillic", "CJK", ...), or ""."""
    if text.isascii() or not _NON_LATIN_LETTER.search(text):
        return "Latin" if any(c.isalpha() for c in text) else ""
    counts: dict[str, int] = {}
    for name, p in _SCRIPT_PATTERNS.items():
        family = _SCRIPT_FAMILY.get(name, name)
        counts[family] = counts.get(family, 0) + len(p.findall(text))
    best = max(counts, key=counts.get)
    return best if counts[best] else ""


_FINAL = ".!?”\"’:。！？」』)"
_TABLE_ROW = compile_cached(r"\s*\|.*\|\s*")


def _join_wrapped(text: str, lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Lines of a hard-wrapped paragraph as one: a line that ends without a sentence end and a next
    line that goes on in lower case ('who in 2008 won the\n award'), or a line that ends in a comma."""
    out: list[tuple[int, str]] = []
    for start, line in lines:
        if out and line.strip() and out[-1][1].strip():
            prev = out[-1][1].rstrip()
            nxt = line.lstrip()
            if prev[-1] not in _FINAL and (nxt[0].islower() or prev[-1] in ",;"):
                first = out[-1][0]
                out[-1] = (first, text[first:start + len(line)])
                continue
        out.append((start, line))
    return out


def _mark_headline_lists(lines: list[tuple[int, str]], flags: list[bool]) -> None:
    """Flag runs of other stories' headlines: 4+ short lines, mostly without final punctuation.

    Table rows are not headlines; and when such runs would hold most of the page's text, the
    list is the article (a calendar, a recipe, a ranking) and stays."""
    n = len(lines)
    i = 0
    marked: list[int] = []
    while i < n:
        j = i
        while j < n and lines[j][1].strip() and len(lines[j][1].strip()) < 160 \
                and not _TABLE_ROW.fullmatch(lines[j][1]):
            j += 1
        run = [k for k in range(i, j)]
        if len(run) >= 4:
            unpunct = sum(1 for k in run if lines[k][1].strip()[-1] not in _FINAL)
            if unpunct / len(run) >= 0.6:
                marked += [k for k in run if not flags[k]]
        i = j + 1 if j == i else j
    listed = sum(len(lines[k][1]) for k in marked)
    rest = sum(len(line) for k, (_, line) in enumerate(lines) if not flags[k]) - listed
    if listed and listed >= rest:
        return
    for k in marked:
        flags[k] = True
