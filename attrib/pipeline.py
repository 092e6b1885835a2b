"""The analysis pipeline: read -> clean and split -> match -> resolve -> chains -> tables.

`Analyzer` compiles everything once; `analyze_document` runs one document
through the stages and returns plain rows, so documents can be processed in
any order, in any process, and give the same rows.
"""
from __future__ import annotations

import ctypes
import gc
import logging
from collections.abc import Iterable
import time
from dataclasses import dataclass, field, replace
from functools import lru_cache

import regex

from . import language, web
from .chains import DocumentChains, publisher_of
from .clean import Splitter
from .lexicon import load_lexicon
from .match import RuleSet, match_document
from .match.stored import ready_rules
from .records import ALSO_CUE, Document, Frame, Sentence, Span, Statement
from .resolve import UNRESOLVED, Resolver
from .gazetteer import load_gazetteer
from .turns import TranscriptReader

log = logging.getLogger("attrib")

@dataclass
class DocumentResult:
    document: dict
    statements: list[dict]
    citations: list[dict]
    seconds: dict[str, float] = field(default_factory=dict)  # CPU time per stage, for run.json and the benchmark


@dataclass(frozen=True)
class Analyzer:
    splitter: Splitter
    rules: RuleSet
    resolver: Resolver
    transcripts: TranscriptReader

    @classmethod
    @lru_cache(maxsize=1)
    def shared(cls) -> "Analyzer":
        """One analyzer per process: deriving and compiling the rules takes a second or two the first
        time, then a few hundredths (see attrib.match.stored and attrib.rules.cache)."""
        return cls.create()

    @classmethod
    def create(cls) -> "Analyzer":
        lexicon = load_lexicon()
        gazetteer = load_gazetteer()
        language.load()  # the detector's model, loaded once before workers fork
        return cls(splitter=Splitter.create(lexicon), rules=RuleSet.of(ready_rules(gazetteer.outlet_names(), lexicon)),
                   resolver=Resolver.create(gazetteer, lexicon), transcripts=TranscriptReader.create(lexicon))

    def statements(self, doc: Document, sentences: list[Sentence] | None = None,
                   seconds: dict[str, float] | None = None, rules: bool = True) -> list[Statement]:
        """Every non-clutter sentence of a document as a Statement with its chains (none without `rules`:
        a document in a language the rules do not read)."""
        if sentences is None:
            sentences = self.splitter.split(doc.text)
        clock = time.process_time  # CPU time of this process: honest per-core figures with parallel workers
        t0 = clock()
        sentences = self.transcripts.mark(doc.text, sentences, doc.publisher, doc.title)
        kept = [s for s in sentences if not s.clutter]
        frames = match_document(doc.text, kept, self.rules, doc.doc_id) if rules else [[] for _ in kept]
        t1 = clock()
        out = DocumentChains.start(doc, self.resolver).run(kept, frames)
        _attach_also_cues(out, frames)
        if not rules:
            for statement in out:
                statement.paths = []
        t2 = clock()
        if seconds is not None:
            seconds["match"] = seconds.get("match", 0.0) + t1 - t0
            seconds["resolve_chains"] = seconds.get("resolve_chains", 0.0) + t2 - t1
        return out

    def analyze_document(self, doc: Document) -> DocumentResult:
        seconds: dict[str, float] = {}
        if doc.html is not None:  # a web page, extracted here: in the worker process that analyses it
            t0 = time.process_time()
            try:
                doc = web.extract(doc)
            except Exception as exc:  # one bad page never stops a run
                doc = replace(doc, html=None, status="error",
                              error=f"HTML extraction failed: {type(exc).__name__}: {exc}".splitlines()[0])
            seconds["html"] = time.process_time() - t0
        rules = True
        if doc.status not in ("error", "skipped"):
            code, prob = language.detect(doc.text)
            doc = replace(doc, language=code)
            if language.without_rules(code, prob):
                rules = False
                doc = web.with_warning(doc, f"language {code}: the attribution rules read English only, "
                                            "so no attributions")
        row = {"doc_id": doc.doc_id, "path": doc.path, "publisher": publisher_of(doc, self.resolver).name,
               "url": doc.url, "date": doc.date, "language": doc.language, "n_sentences": 0,
               "n_statements": 0, "n_attributed": 0, "status": doc.status, "error": doc.error}
        if doc.status in ("error", "skipped"):
            return DocumentResult(row, [], [], seconds)
        try:
            t0 = time.process_time()
            sentences = self.splitter.split(doc.text)
            seconds["split"] = time.process_time() - t0
            statements = self.statements(doc, sentences, seconds, rules)
        except Exception as exc:  # one bad document never stops a run
            log.debug("%s: analysis failed", doc.doc_id, exc_info=True)
            row.update(status="error", error=f"analysis failed: {type(exc).__name__}: {exc}".splitlines()[0])
            return DocumentResult(row, [], [])
        row["n_sentences"] = len(sentences)
        row["n_statements"] = len(statements)
        row["n_attributed"] = sum(1 for s in statements if s.paths)
        stmt_rows, cite_rows = [], []
        for s in statements:
            stmt_rows.append(statement_row(s))
            for p, path in enumerate(s.paths, 1):
                for h, hop in enumerate(path, 1):
                    cite_rows.append({
                        "doc_id": s.doc_id, "statement_id": s.statement_id, "path": p, "hop": h,
                        "citing": hop.citing, "cited": hop.cited, "cited_kind": hop.cited_kind,
                        "cited_text": hop.cited_text, "source_start": hop.source_start, "source_end": hop.source_end,
                        "cue": hop.cue, "cue_start": hop.cue_start, "cue_end": hop.cue_end,
                        "rule_id": hop.rule_id, "hedge": hop.hedge, "source_id": hop.source_id})
                    edge = cite_rows[-1]
                    for cue, named in hop.also_cues:  # one more cue word of the same citation: a row of its own
                        if s.sentence.start <= cue.start < s.sentence.end:
                            cite_rows.append({**edge, "cue": cue.text, "cue_start": cue.start, "cue_end": cue.end,
                                              "rule_id": ALSO_CUE, **(_named(named) if named else {})})
        return DocumentResult(row, stmt_rows, cite_rows, seconds)


def release_extraction() -> None:
    """Let go of what extraction compiled in this process (rules, gazetteer patterns, the language
    model: about 200 MB) before the claims stage, whose peak would otherwise sit on top of it; the
    next run in this process compiles them again (from the pattern cache, a second or two)."""
    Analyzer.shared.cache_clear()
    language.unload()
    regex.purge()
    gc.collect()
    try:   # glibc keeps freed memory in its heap unless asked to give it back
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _attach_also_cues(statements: list[Statement], frames: list[list[Frame]]) -> None:
    """The hop whose cue is a frame's cue takes that frame's further cues (`Frame.also_cues`)."""
    also = {f.cues[0].start: f.also_cues for fs in frames for f in fs if f.also_cues and f.cues}
    if not also:
        return
    for s in statements:
        for path in s.paths:
            for hop in path:
                if (hop.cue_start is not None and hop.cue_start in also
                        and s.sentence.start <= hop.cue_start < s.sentence.end):
                    hop.also_cues = (*hop.also_cues, *((cue, None) for cue in also[hop.cue_start]))


def _named(span: Span) -> dict:
    return {"cited_text": span.text, "source_start": span.start, "source_end": span.end}


def statement_row(s: Statement) -> dict:
    originals = list(dict.fromkeys(p[-1].cited for p in s.paths if p and p[-1].cited_kind != UNRESOLVED))
    return {
        "doc_id": s.doc_id, "statement_id": s.statement_id, "sentence_index": s.sentence.index,
        "text": s.sentence.text, "chains": [[h.cited for h in p] for p in s.paths],
        "originals": originals, "n_originals": len(originals),
        "depth": max((len(p) for p in s.paths), default=0), "hedged": s.hedged, "claim_id": s.statement_id,
        "publisher": s.publisher, "start": s.sentence.start, "end": s.sentence.end,
        "paragraph": s.sentence.paragraph, "also_claims": []}


def unique_ids(docs: Iterable[Document]) -> Iterable[Document]:
    """Give a repeated doc_id a suffix and say so, so that no document is merged into another."""
    seen: dict[str, int] = {}
    for doc in docs:
        n = seen.get(doc.doc_id, 0) + 1
        seen[doc.doc_id] = n
        if n > 1:
            new_id = f"{doc.doc_id}~{n}"
            while new_id in seen:
                n += 1
                new_id = f"{doc.doc_id}~{n}"
            seen[new_id] = 1
            warning = f"duplicate doc_id {doc.doc_id!r}; renamed to {new_id!r}"
            doc = replace(doc, doc_id=new_id, status="warning" if doc.status == "ok" else doc.status,
                          error=f"{doc.error}; {warning}" if doc.error else warning)
        yield doc
