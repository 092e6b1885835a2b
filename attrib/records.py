"""Small typed records that pass between the pipeline stages.

Each stage takes and returns these (or polars frames built from them), so a
stage can be run, tested and replaced on its own. Documents, sentences and spans are
frozen: a stage that adds to one makes a new record (`dataclasses.replace`). Frames, hops
and statements are still completed in place by the chains stage (see attrib/chains/document.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Document:
    """One article as read from disk or a table row, before any analysis."""

    doc_id: str
    text: str
    path: str = ""
    publisher: str = ""
    title: str = ""
    url: str = ""
    date: str = ""
    wire: str = ""
    status: str = "ok"     # ok, warning, skipped (not an article: the reason in error) or error
    error: str = ""
    language: str = ""     # ISO 639-1 code detected from the text ("en"), "" when unknown
    html: bytes | None = None  # a web page still to extract, in the worker that analyses it (web.extract)
    charset: str = ""      # the HTTP header's charset of that page, from a crawl


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who speaks a turn of an interview transcript ("((Jane Roe)) ...", "JR: ...", "Q: ...")."""

    name: str          # as the article names them: "Jane Roe" for the label "JR" when it introduces her
    interviewer: bool  # the publisher's own interviewer: its turns are the publisher's voice (no path)
    label: Span        # the label that opened the turn, as written


@dataclass(frozen=True, slots=True)
class Sentence:
    """A statement candidate: one sentence of the body, with offsets into the original text."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    clutter: bool = False
    opens_quote: bool = False   # an opening quotation mark is still open at the end
    in_quote: bool = False      # starts inside a quotation opened by an earlier sentence
    # Given by `TranscriptReader.mark` (interview transcripts and language tags), which returns new records:
    speaker: Speaker | None = None  # the transcript turn this sentence belongs to
    label: Span | None = None       # a speaker label or language tag at its head: neither content nor a source
    translation: bool = False       # a translation of the sentence before it ("((es))Spanish language: ...")


@dataclass(slots=True)
class Frame:
    """One rule match: who is cited, by which cue, and over which content.

    `hops` lists the sources in the order the chain reads them, outermost first
    ("CNN cited KCNA as reporting" -> [CNN, KCNA]).
    """

    rule_id: str
    start: int
    end: int
    hops: list[Span]
    cues: list[Span]
    priority: int = 0
    hedge: str = ""
    content_start: int = 0
    content_end: int = 0
    antecedent: Span | None = None   # for relative pronouns: "Trump, who said"
    outer: Span | None = None        # addressee outlet: "told CNN", "in an interview with CNN"
    attach: str = ""                 # "inner": hops extend the previous frame ("..., citing Y")
    parallel: bool = False           # never nests inside another frame ("with Russian media reporting")
    venue: Span | None = None
    content_side: str = "after"
    hop_rules: list[str] = field(default_factory=list)  # rule of each hop, where a hop was attached
    outer_rule: str = ""
    also_cues: list[Span] = field(default_factory=list)  # cues of the same source's frames it absorbed ("said ..., adding")


ALSO_CUE = "also-cue"  # rule_id of a citation row that only adds one more cue word of the row before it


@dataclass(slots=True)
class Hop:
    """One edge of a chain: `citing` cites `cited`."""

    citing: str
    cited: str
    cited_kind: str
    cited_text: str = ""
    source_start: int | None = None
    source_end: int | None = None
    cue: str = ""
    cue_start: int | None = None
    cue_end: int | None = None
    rule_id: str = ""
    hedge: str = ""
    source_id: str = ""
    # more cue words of this source in the sentence ("said ..., adding"; "Fowler said ... and he noted"), each with
    # the words that name the source there when they differ (None: the hop's own): citation rows of their own
    also_cues: tuple[tuple[Span, Span | None], ...] = ()


@dataclass(slots=True)
class Statement:
    doc_id: str
    statement_id: str
    sentence: Sentence
    paths: list[list[Hop]] = field(default_factory=list)
    publisher: str = ""

    @property
    def hedged(self) -> bool:
        return any(h.hedge for p in self.paths for h in p)
