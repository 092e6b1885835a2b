"""A block quotation introduced by a colon (stage 5, across sentences).

"Marrero rejected this argument:" followed by paragraphs of the ruling's words without quotation marks, often
closed by a credit line ("– Judge Victor Marrero, Decision and Order"): every sentence of the block is the
introducing source's. Without a credit line, only the paragraph right after the colon is taken as quoted.
"""
from __future__ import annotations

import regex

from ..records import Frame, Sentence
from ..rules.cache import compile_cached

BLOCK_PARAGRAPHS = 3   # paragraphs searched for the credit line that closes a block
_CREDIT = compile_cached(r"^\s*[—–-]\s*\p{Lu}")
_QUOTE_OPENING = compile_cached(r"^\s*[\"“‘'«]")


def introduces_block(sentence: Sentence, frames: list[Frame]) -> bool:
    """'Marrero rejected this argument:', 'The statement reads:': one frame whose content is what follows the colon."""
    text = sentence.text.rstrip()
    if not text.endswith(":") or len(frames) != 1 or frames[0].content_side != "after":
        return False
    # nothing said in the sentence itself, or only what it is about ("wrote:", "rejected this argument:")
    return len(regex.findall(r"\w+", sentence.text[frames[0].content_start - sentence.start:])) <= 3


def block_after(sentences: list[Sentence], i: int) -> list[int]:
    """Indexes of the sentences quoted in a block after sentence i (its introduction), else []."""
    first = next((j for j in range(i + 1, len(sentences)) if not sentences[j].clutter), None)
    if first is None or sentences[first].paragraph == sentences[i].paragraph:
        return []
    if _QUOTE_OPENING.match(sentences[first].text) or _CREDIT.match(sentences[first].text):
        return []  # a quotation in marks has its own attribution; a credit line quotes nothing
    start = sentences[first].paragraph
    for j in range(first, len(sentences)):
        if sentences[j].paragraph - start >= BLOCK_PARAGRAPHS:
            break
        if _CREDIT.match(sentences[j].text) and sentences[j].paragraph != sentences[j - 1].paragraph:
            return [k for k in range(first, j) if not sentences[k].clutter]
    return [k for k in range(first, len(sentences)) if sentences[k].paragraph == start and not sentences[k].clutter]
