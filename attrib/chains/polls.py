"""A poll referred back to, and respondents counted without their poll (stage 5, sources).

"In the fall, Lee led by 24 points in a CNN national poll. By January, Kim was ahead by 31 votes in that very
poll" -> the CNN national poll. "While 86 percent of black voters in a recent Gallup survey liked Lee, 43 said the
same for Kim" -> the Gallup survey: respondents named by a number are the poll's words (guidelines: polls).
"""
from __future__ import annotations


from ..lexicon import list_pattern
from ..rules.cache import compile_cached

POLL_WINDOW = 6_000   # characters searched back for the poll a sentence refers to
_BACK_REFERENCE = compile_cached(r"(?i)^the\s+%s\s+(?:\w[\w-]*\s+)?(?:poll|survey)$" % list_pattern("poll_back_references"))
# "43", "43 percent", "Six in 10", "a majority", each perhaps "of them" / "of those polled"
_RESPONDENTS = compile_cached(
    r"(?i)^(?:%s\s+)?"
    r"(?:\d{1,3}(?:\.\d+)?(?:\s*(?:percent|per\s+cent|%%))?|\p{L}+(?:-\p{L}+)?\s+percent|"
    r"(?:\d{1,2}|%s)\s+(?:in|out\s+of)\s+(?:10|ten|\d)|a\s+majority|half)"
    r"(?:\s+of\s+(?:them|those\s+%s|respondents))?$"
    % (list_pattern("poll_approximators"), list_pattern("poll_counts"), list_pattern("poll_participles")))
# "a CNN national poll", "a recent Gallup survey", "the Quinnipiac University poll"
_POLL = compile_cached(r"(?<![\w'’-])(?:a|an|the|this|its|their)\s+(?!(?:same|earlier|previous|prior)\s)"
                      r"((?:[\w'’.&/-]+\s+){0,4}?(?:[Pp]oll|[Ss]urvey))(?![\w'’-])")


def refers_to_poll(words: str) -> bool:
    """'the same poll', '43', '43 percent': words that stand for a poll named before, when there is one."""
    cleaned = " ".join(words.split())
    return bool(_BACK_REFERENCE.match(cleaned) or _RESPONDENTS.match(cleaned))


def poll_before(text: str, position: int) -> str:
    """The name of the last poll the text names before position (a name, not 'the poll'), else ''."""
    last = ""
    for m in _POLL.finditer(text, max(0, position - POLL_WINDOW), position):
        words = m.group(1).split()
        if len(words) > 1 and any(w[:1].isupper() for w in words[:-1]):  # named: "CNN national poll"
            last = m.group(1)
    return last
