"""Stage 5, build chains: nest the frames of a sentence and follow the document.

Within a sentence, a frame whose cue lies in another frame's content is cited by it ("According to Al Jazeera,
KCNA said" -> Al Jazeera > KCNA). Across sentences, pronouns, descriptions and continuations take the chain of
the source they stand for; quotations keep their speaker; wire copy puts the agency at the head of every path.
"""
from .document import DocumentChains
from .people import publisher_of

__all__ = ["DocumentChains", "publisher_of"]
