"""The language of a document, detected with py3langid (a small, maintained n-gram model; attrib[web]).

The attribution rules are written for English: a document confidently in another language
gets no attributions from them (status `warning` with the reason) rather than junk sources.
"""
from __future__ import annotations

from functools import lru_cache

RULE_LANGUAGES = frozenset({"en"})
SAMPLE = 4000       # characters read: enough for a confident guess, cheap on long texts
MIN_LETTERS = 80    # shorter texts (a headline) are too short to judge
CONFIDENT = 0.95    # the probability above which a language other than English stops the rules


@lru_cache(maxsize=1)
def _identifier():
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
    except ImportError:
        return None
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def load() -> None:
    _identifier()


def unload() -> None:
    """Drop the detector's model (tens of MB) when no more documents are to be read."""
    _identifier.cache_clear()


def detect(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability), or ("", 0.0) when the text is too short or no detector is installed."""
    sample = text[:SAMPLE]
    if sum(c.isalpha() for c in sample) < MIN_LETTERS:
        return "", 0.0
    identifier = _identifier()
    if identifier is None:
        return "", 0.0
    code, prob = identifier.classify(sample)
    return code, float(prob)


def without_rules(code: str, prob: float) -> bool:
    """Whether a document in this language gets no attributions: the rules do not read it."""
    return bool(code) and code not in RULE_LANGUAGES and prob >= CONFIDENT
