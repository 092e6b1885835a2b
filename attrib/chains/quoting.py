"""Quotations across sentences: which speaker a quotation belongs to and the chain its
sentences inherit, whether the attribution comes before, after, or inside it.
"""
from __future__ import annotations

import bisect


from ..records import Frame, Hop, Sentence
from .geometry import ADJACENT_AFTER, ADJACENT_BEFORE
from .paths import carried_hop
from ..rules.cache import compile_cached

PULL_QUOTE_CREDIT = "pull-quote-credit"

_FIRST_WORD_CHAR = compile_cached(r"\w")
_LAST_WORD_CHAR = compile_cached(r"\w(?=\W*$)")
_INNER_OPENING = compile_cached(r"[\s,:]*‘")
_INNER_CLOSING = compile_cached(r"’(?!\p{L})")


class QuotingMixin:
    """DocumentChains methods on quoting (state lives on DocumentChains)."""

    def _quotation_of(self, start: int, end: int, words: str = "") -> int:
        """Index of the quotation that holds every word between start and end, else -1."""
        if words:
            first = _FIRST_WORD_CHAR.search(words)
            last = _LAST_WORD_CHAR.search(words)
            if first is not None and last is not None:  # a wordless piece ('"[...]') is judged by its span
                start, end = start + first.start(), start + last.end()
        i = bisect.bisect_right(self._quote_starts, start) - 1
        if i >= 0 and self.quotations[i].covers(start, end):
            return i
        return -1

    def _quotation_of_frame(self, frame: Frame) -> int:
        spans = [(h.start, h.end) for h in frame.hops] + [(c.start, c.end) for c in frame.cues if c.start >= 0]
        return self._quotation_of(min(a for a, _ in spans), max(b for _, b in spans)) if spans else -1

    def _quote_attributions(self, sentences: list[Sentence], mains: list[list[Frame]]) -> dict[int, tuple[int, Frame]]:
        """Quotation index -> (sentence index, frame) of the attribution standing right after the
        quotation ('..., said Madison', '...," he said') or right before it ('He added, "...')."""
        text = self.doc.text
        after: dict[int, tuple[int, Frame]] = {}
        before: dict[int, tuple[int, Frame]] = {}
        for i, main in enumerate(mains):
            for f in main:
                spans = [(h.start, h.end) for h in f.hops] + [(c.start, c.end) for c in f.cues if c.start >= 0]
                if not spans:
                    continue
                first, last = min(a for a, _ in spans), max(b for _, b in spans)
                inside = self._quotation_of(first, last)
                if inside >= 0:
                    if f.rule_id == PULL_QUOTE_CREDIT and self.quotations[inside].end <= sentences[i].end + 1:
                        after[inside] = (i, f)  # the credit line that closes a pull quote names its speaker
                    continue
                j = bisect.bisect_right(self._quote_starts, first) - 1
                if j >= 0 and self.quotations[j].end <= first and ADJACENT_AFTER.fullmatch(
                        text, self.quotations[j].end, first):
                    after.setdefault(j, (i, f))
                k = bisect.bisect_left(self._quote_starts, last)
                if k < len(self.quotations) and f.content_side == "after" and ADJACENT_BEFORE.fullmatch(
                        text, last, self.quotations[k].start):
                    before.setdefault(k, (i, f))
        return {**before, **after}

    def _within_quotations(self, mains: list[list[Frame]], attribution: dict[int, tuple[int, Frame]]) -> dict[int, Frame]:
        """A frame inside a quotation reports within the quoted words: its content ends where the quotation does
        (not over the attribution after it). Returns id(frame) -> the frame the quotation is attributed to in the
        same sentence, for nesting the quoted voice under its speaker."""
        out: dict[int, Frame] = {}
        for i, main in enumerate(mains):
            for f in main:
                q = self._quotation_of_frame(f)
                if q < 0:
                    continue
                quote = self.quotations[q]
                if f.content_start < quote.end and f.content_end > quote.start:
                    f.content_start, f.content_end = max(f.content_start, quote.start), min(f.content_end, quote.end)
                if q in attribution and attribution[q][0] == i:
                    out[id(f)] = attribution[q][1]
        return out

    def _inherited(self, sentence: Sentence, quotation: int, speaker: dict[int, list[Hop]]) -> list[Hop]:
        """An unattributed quotation right after an attributed sentence, in its paragraph or opening the
        next one, goes on with that sentence's speaker ("...,” he said. “It's not rocket science.”)."""
        q = self.quotations[quotation]
        if q.start < sentence.start and quotation in speaker:
            return speaker[quotation]
        if not self.previous_paths or sentence.index - self.previous_sentence > 1 or len(self.previous_paths) != 1:
            return []
        if sentence.paragraph != self.previous_paragraph and sentence.text[:1] not in "“\"'«":
            return []
        return self.previous_paths[0]

    def _partly_quoted(self, sentence: Sentence, speaker: dict[int, list[Hop]],
                       attribution: dict[int, tuple[int, Frame]]) -> list[Hop]:
        """The speaker of a sentence without a cue that is partly quoted: one that begins inside a quotation
        whose speaker is known ('I will see them! #GO"  GO is a slogan ...'), or one that opens a quotation
        running on into the next sentences with no attribution of its own, right after an attributed sentence
        of its paragraph ('..." said Aida. Ruiz "kind of slipped. This is not ..."'): that sentence's speaker."""
        first = _FIRST_WORD_CHAR.search(sentence.text)
        if first is None:
            return []
        held = self._quotation_of(sentence.start + first.start(), sentence.start + first.end())
        if held >= 0 and self.quotations[held].start < sentence.start:
            return speaker.get(held, [])
        k = bisect.bisect_left(self._quote_starts, sentence.start)
        if k >= len(self.quotations) or self.quotations[k].start >= sentence.end or k in attribution:
            return []
        if self.quotations[k].end <= sentence.end or not self.quotations[k].closed:
            return []  # a quoted phrase inside the sentence: the writer's own words around it
        if (len(self.previous_paths) != 1 or sentence.index - self.previous_sentence != 1
                or sentence.paragraph != self.previous_paragraph):
            return []
        speaker[k] = self.previous_paths[0]
        return speaker[k]

    def _inner_quotations(self, sentences: list[Sentence], paths_of: list[list[list[Hop]]]) -> None:
        """A quotation within a quotation that goes on past its sentence ('"I remember a caller who said, ‘The
        vote was rigged. We knew it,’" said Ruiz'): its next sentences carry the inner voice after the speaker's
        chain (done once every sentence has its chains: a quotation's speaker may be named after it)."""
        text = self.doc.text
        for j, sentence in enumerate(sentences):
            for path in paths_of[j]:
                last = path[-1] if len(path) > 1 else None
                if last is None or last.cue_end is None:
                    continue
                opening = _INNER_OPENING.match(text, last.cue_end)
                if opening is None or opening.end() > sentence.end:
                    continue
                closing = _INNER_CLOSING.search(text, opening.end())
                if closing is None or closing.start() <= sentence.end:
                    continue
                outer = [h.source_id for h in path[:-1]]
                carried = [carried_hop(h) for h in path]
                for k in range(j + 1, len(sentences)):
                    if sentences[k].start >= closing.start():
                        break
                    paths_of[k] = [carried if [h.source_id for h in p] == outer else p for p in paths_of[k]] or [carried]
