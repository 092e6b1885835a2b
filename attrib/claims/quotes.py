"""Quoted speech: where quotes are, what an attributed quote says, and shingles of the words quoted."""
from __future__ import annotations

import zlib


from ..lexicon import list_pattern
from ..rules.cache import compile_cached

QUOTE_SHINGLES = 16        # bottom-k word 3-shingles of quoted speech kept per statement (consistent sampling)

_MARK = compile_cached(r"''|[“”\"‘’]")
_QUOTE_TOKEN = compile_cached(r"\p{L}[\p{L}'’]*|\d+")
_ALNUM = compile_cached(r"[\p{L}\d]")


_QUOTED = r"(?:''|[‘'\"“])[^’'\"”]{1,60}(?:''|[’'\"”])"
_NAMING = list_pattern("naming_nouns")
_SLOGAN = list_pattern("slogan_nouns")
_MENTION = compile_cached(rf"(?i)\b{_NAMING}\s+{_QUOTED}"                         # the phrase 'radical Islam'
                         rf"|\b{_SLOGAN}\b(?:\s+\p{{Ll}}+){{0,5}}?\s+to\s+{_QUOTED}"   # her call ... to "make ..."
                         rf"|{_QUOTED}\s+(?:rallying\s+)?{_SLOGAN}\b")                # "Make America Great Again" rallying cry


def blank_mentions(text: str) -> str:
    """Blank a term or slogan quoted as such ("the phrase 'radical Islam'", "the two words 'Radical
    Islam'", "Lee's pledge to 'make Tromsø green again'", "Trump's 'Make America Great Again' rallying
    cry"): mentioned, not asserted; two statements naming one phrase need not say the same about it."""
    return _MENTION.sub(lambda m: " " * len(m.group()), text)


_TRAILING = " \"”’).,"
_SENTENCE_BREAK = compile_cached(r"[.!?][\"”’]?\s+[\"“‘]?\p{Lu}")


def only_asks(text: str) -> bool:
    """Whether the statement is one question ("Is there a plan?", with its attribution blanked): a
    question asserts nothing, but a quote that states something before a rhetorical question ("We
    will not close the plant. Why would we?") still states it."""
    core = text.rstrip(_TRAILING)
    return core.endswith("?") and not _SENTENCE_BREAK.search(core, 0, len(core) - 1)


_CONTACT = compile_cached(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)\S+")


def blank_contacts(text: str) -> str:
    """Blank e-mail addresses and web addresses ("jdoe@dailynews.com", "www.example.org/x"): a way to
    reach the writer, not what the sentence asserts; one newsroom's sign-offs share its domain."""
    return _CONTACT.sub(lambda m: " " * len(m.group()), text) if "@" in text or "www." in text or "://" in text else text


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with these spans replaced by spaces (offsets kept)."""
    for a, b in sorted(spans):
        a, b = max(0, a), min(len(text), b)
        if b > a:
            text = text[:a] + " " * (b - a) + text[b:]
    return text


def _quote_marks(text: str) -> list[tuple[int, int, str]]:
    """(position, length, "open" or "close") of each quotation mark; a straight mark is an opening
    one after a space and before a word, a closing one otherwise."""
    marks = []
    single_open = False
    for m in _MARK.finditer(text):
        q, i = m.group(), m.start()
        before = text[i - 1] if i else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if q == "“" or (q == "‘" and not before.isalnum()):
            marks.append((i, len(q), "open"))
            single_open = single_open or q == "‘"
        elif q == "’" and before in "sS" and not single_open:
            continue        # a plural possessive ("Sanders’ 49.6 percent"), no quote to close
        elif q == "”" or (q == "’" and not after.isalnum()):
            marks.append((i, len(q), "close"))
            single_open = single_open and q != "’"
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


def quote_scope(text: str, attributed: bool) -> tuple[str, list[str]]:
    """(content text, quoted passages): an attributed sentence that opens or closes with a quote,
    its attribution on the other side ("'The campaign goes on,' Kasich told a crowd in Berea"),
    says what the quote says; the rest names the speaker, the audience, the place and the time."""
    spans = quoted_spans(text)
    passages = [text[a:b] for a, b in spans]
    if not spans or not attributed:
        return text, passages
    at_start = not _ALNUM.search(text, 0, spans[0][0])
    at_end = not _ALNUM.search(text, spans[-1][1])
    if at_start or at_end:
        kept = [" "] * len(text)
        for a, b in spans:
            kept[a:b] = text[a:b]
        return "".join(kept), passages
    return text, passages


def shingles(passages: list[str]) -> list[str]:
    """Bottom-k word 3-shingles of quoted speech: the same utterance quoted twice shares them."""
    out: set[str] = set()
    for passage in passages:
        tokens = [t.lower().replace("’", "'") for t in _QUOTE_TOKEN.findall(passage)]
        out.update('"' + " ".join(tokens[i:i + 3]) for i in range(len(tokens) - 2))
    return sorted(out, key=lambda s: zlib.crc32(s.encode()))[:QUOTE_SHINGLES]


VOICED_WORDS = 3           # words a quotation needs to be quoted speech, not a scare quote
_SPEECH_OPENER = compile_cached(r"[,:]\s*$")   # direct speech is set off by a comma or colon: 'by saying, "I ...'


def voiced(texts: list[str], paragraphs: list[object]) -> list[bool]:
    """Per sentence, in document order (`paragraphs`: a paragraph key per sentence), whether it gives
    someone's words, attributed or not: it begins inside a quotation opened in an earlier sentence of
    its paragraph ("... saying, 'We will win. | We always do.'"), a quotation of VOICED_WORDS words
    or more opens it, or one set off by a comma or colon runs to its end ("..., by saying, 'I am trying
    to save lives."). Such a sentence is never its publisher stating a fact in its own name, even when
    no chain names the speaker. A quotation woven into the sentence is not ("conceded she is 'not a
    natural politician,' Clinton won ...", "the speech was reframed to 'address the attack.'")."""
    out = []
    open_, previous = False, object()
    seen: dict[str, tuple[bool | None, bool]] = {}   # wire copies and repeated corpora: each text read once
    for text, paragraph in zip(texts, paragraphs):
        if paragraph != previous:
            open_, previous = False, paragraph
        found = seen.get(text)
        if found is None:
            found = seen[text] = _voicing(text)
        ends_open, speech = found
        out.append(open_ or speech)
        if ends_open is not None:
            open_ = ends_open
    return out


def _voicing(text: str) -> tuple[bool | None, bool]:
    """(whether a quotation is left open at the sentence's end, None when it has no quotation mark;
    whether the sentence's own quotations make it speech): what `voiced` needs of one text."""
    if not _MARK.search(text):
        return None, False
    marks = _quote_marks(text)
    speech = False
    for a, b in quoted_spans(text):
        if len(_QUOTE_TOKEN.findall(text, a, b)) < VOICED_WORDS:
            continue
        mark = max(0, a - 1)
        opens = not _ALNUM.search(text, 0, mark)
        ends = not _ALNUM.search(text, b) and bool(_SPEECH_OPENER.search(text, 0, mark))
        speech = speech or opens or ends
    return (marks[-1][2] == "open" if marks else None), speech
