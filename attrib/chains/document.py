"""Stage 5, build chains for one document: nest each sentence's frames and follow the document
(pronouns, descriptions, continuations, quotations, interviews, wire).

DocumentChains holds the state; its methods live in mixins by concern (people, quoting,
interviews), each in its own module, so that each file reads as one topic.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..mentions import DocumentMentions, is_description
from ..quotes import Quotation, find_quotations
from ..records import Document, Frame, Hop, Sentence, Span, Statement
from ..rules.cache import compile_cached
from ..resolve import PRONOUNS, UNRESOLVED, Resolved, Resolver, clean_mention
from .antecedents import OWNER_PRONOUN, AntecedentMixin
from .block_quotes import block_after, introduces_block
from .coordinated import coordinated_siblings, with_siblings
from .geometry import attach_frames, nest, set_content, split_coordinated
from .interviews import WIRE_DATELINE, WIRE_NAMES, InterviewMixin
from .nesting import drop_event_clauses
from .own_voice import own_paths, speaking_on, speaks_beside
from .paths import Mention, carried_hop, carried_into, collapse_repeats, dedupe
from .people import GENDER_TITLE, PeopleMixin, first_lines, people_index, publisher_of, reads_as_description
from .polls import poll_before, refers_to_poll
from .quoting import PULL_QUOTE_CREDIT, QuotingMixin


_IN_A_LIST = compile_cached(r"(?:,|\band|\bor)\s*$")


@dataclass
class DocumentChains(PeopleMixin, AntecedentMixin, QuotingMixin, InterviewMixin):
    """Chain state for one document: recent sources, people, the wire and the publisher."""
    doc: Document
    resolver: Resolver
    publisher: Resolved
    wire: Resolved | None = None
    _mentions: list[Mention] = field(default_factory=list)
    _pending: list[tuple[Sentence, list[Frame], list[list[Hop]]]] = field(default_factory=list)
    previous_paths: list[list[Hop]] = field(default_factory=list)
    previous_sentence: int = -10
    previous_paragraph: int = -1
    quotations: list[Quotation] = field(default_factory=list)
    _quote_starts: list[int] = field(default_factory=list)
    _limits: dict[int, int] = field(default_factory=dict)   # id(frame) -> pronouns look before this offset
    _interviews: dict[str, tuple[Hop | None, int]] = field(default_factory=dict)  # speaker -> (outlet, sentence)
    _current: tuple[int, list[Mention]] | None = None   # names of the sentence being read, found on first need
    _pronoun_gender: str = ""                            # 'm'/'f' while a he/she is being resolved
    _titled_gender: dict[str, str] = field(default_factory=dict)  # surname -> gender shown by Mr./Ms./Mrs.
    people: dict[str, str] = field(default_factory=dict)
    _sentences: list[Sentence] = field(default_factory=list)  # the document's, for a credit line's sentence before
    _document_mentions: DocumentMentions | None = None   # built when a pronoun or description first needs it
    _siblings: dict[int, list[Hop]] = field(default_factory=dict)  # a plural pronoun's start -> its other sources
    _quoted_by: dict[int, Frame] = field(default_factory=dict)  # id(frame) in a quotation -> the quotation's speaker frame
    _sentence_names: dict[tuple[int, int, str], tuple | None] = field(default_factory=dict)  # see PeopleMixin._names_in
    @classmethod
    def start(cls, doc: Document, resolver: Resolver) -> "DocumentChains":
        publisher = publisher_of(doc, resolver)
        state = cls(doc=doc, resolver=resolver, publisher=publisher)
        state.people = people_index(doc.text, resolver)
        state._titled_gender = {m.group(2): "m" if m.group(1) == "Mr" else "f" for m in GENDER_TITLE.finditer(doc.text)}
        wire = doc.wire.strip()
        for block in first_lines(doc.text, 4):
            m = WIRE_DATELINE.match(block[1])
            if m:
                wire = wire or m.group("wire")
                break
        if wire:
            name = WIRE_NAMES.get(wire.lower(), wire)
            state.wire = resolver.resolve(name)
            if state.wire.source_id == publisher.source_id:
                state.wire = None  # an agency's story on its own site: its own voice, not a citation
        return state
    # -- the document ----------------------------------------------------
    def run(self, sentences: list[Sentence], frames: list[list[Frame]]) -> list[Statement]:
        """Statements of a document, in order: each sentence's frames nested into chains, and the
        chain of each quotation's speaker given to every sentence inside that quotation, whether
        the quotation's attribution comes before it, after it, or in the sentence it closes."""
        self._sentences = sentences
        self.quotations = find_quotations(self.doc.text)
        self._quote_starts = [q.start for q in self.quotations]
        contexts = [[f for f in fs if f.attach == "context"] for fs in frames]
        mains = [split_coordinated(attach_frames([f for f in fs if f.attach != "context"]), s.start, s.text)
                 for fs, s in zip(frames, sentences)]
        for i, (sentence, main) in enumerate(zip(sentences, mains)):
            set_content(sentence, main)
            kept = drop_event_clauses(sentence, main)
            if len(kept) < len(main):
                mains[i] = kept
                set_content(sentence, kept)
        attribution = self._quote_attributions(sentences, mains)
        self._limits = {id(f): self.quotations[q].start for q, (_, f) in attribution.items()}
        self._quoted_by = self._within_quotations(mains, attribution)
        speaker: dict[int, list[Hop]] = {}
        waiting: dict[int, list[tuple[int, list[Hop] | None]]] = {}
        paths_of: list[list[list[Hop]]] = []
        block: dict[int, list[Hop]] = {}   # sentence index -> the chain of the colon that introduced its block
        for i, (sentence, main) in enumerate(zip(sentences, mains)):
            paths: list[list[Hop]] = []
            if self._credits_previous(sentence, main, paths_of):
                paths_of.append(paths)
                continue
            if sentence.speaker is not None and sentence.label is not None:
                self.previous_paths = []  # a new turn of a transcript: nothing carries over from the last one
            inside = self._quotation_of(sentence.start, sentence.end, words=sentence.text)
            asked = [hop for frame in contexts[i] for hop in self._interview_context(sentence, frame)]
            rooted, frame_paths = self._paths(sentence, main) if main else ([], {})
            if asked and not main and inside < 0:  # the outlet's question, the sentence's only attribution
                paths.append(asked[:1])
            if rooted:
                beside: set[int] = set()
                for root, path in rooted:
                    q = self._quotation_of_frame(root)
                    if root.rule_id == PULL_QUOTE_CREDIT:
                        continue  # the credit line itself states nothing
                    if q < 0 or attribution.get(q, (0, None))[1] is root:
                        paths.append(path)
                    elif q in speaker:
                        paths.append(carried_into(speaker[q], path))
                        beside.add(q)
                    elif q in attribution and attribution[q][0] > i:
                        waiting.setdefault(q, []).append((i, path))
                    else:
                        inherited = self._inherited(sentence, q, speaker)
                        if inherited:
                            speaker[q] = inherited
                            beside.add(q)
                        paths.append(carried_into(inherited, path))
                for q in sorted(beside):  # the quotation's speaker says more than the voice it quotes
                    if speaks_beside(sentence, self.quotations[q].start, self.quotations[q].end, main):
                        paths.append([carried_hop(h) for h in speaker[q]])
                for q, (at, frame) in attribution.items():
                    if at == i and id(frame) in frame_paths:
                        speaker[q] = frame_paths[id(frame)]
                        for j, inner in waiting.pop(q, []):
                            carried = [carried_hop(h) for h in speaker[q]]
                            known = [p for p in paths_of[j] if not (len(p) == 1 and p[0].rule_id == "wire")]
                            paths_of[j] = dedupe(self._wired(self._in_turn(  # the bare wire was a stand-in
                                sentences[j], [*known, [*carried, *inner] if inner else carried])))
            elif inside >= 0:
                if inside in speaker:
                    paths = [[carried_hop(h) for h in speaker[inside]]]
                elif inside in attribution and attribution[inside][0] > i:
                    waiting.setdefault(inside, []).append((i, None))
                else:
                    inherited = self._inherited(sentence, inside, speaker)
                    if inherited:
                        speaker[inside] = inherited
                        paths = [[carried_hop(h) for h in inherited]]
            elif not main and not paths:  # partly quoted, no cue of its own: a quotation it opens or closes
                voice = self._partly_quoted(sentence, speaker, attribution)
                paths = [[carried_hop(h) for h in voice]] if voice else []
            if i in block:  # a block quotation after a colon: the introducing source's words
                paths = [carried_into(block[i], p) for p in paths] or [[carried_hop(h) for h in block[i]]]
            elif paths and introduces_block(sentence, main):
                block.update((j, paths[0]) for j in block_after(sentences, i))
            self._remember_people(sentence, main, paths)
            if sentence.translation and paths_of:  # "((es))Spanish language: ...": the sentence before, translated
                paths = [[carried_hop(h) for h in p] for p in paths_of[-1]] + paths
            paths = dedupe(self._wired(self._in_turn(sentence, paths)))
            paths_of.append(paths)
            if paths and (main or inside >= 0):
                # who goes on speaking in a next quotation: the speaker of the quotation this sentence is in
                # (not a voice it quotes), else the sentence's own chains
                voice = speaker.get(inside) if inside >= 0 else None
                self.previous_paths = [voice] if voice else speaking_on([
                    p[1:] if self.wire is not None and p and p[0].rule_id == "wire" else p for p in paths],
                    [speaker[q] for q, (at, _) in attribution.items() if at == i and q in speaker])
                self.previous_sentence = sentence.index
                self.previous_paragraph = sentence.paragraph
        self._inner_quotations(sentences, paths_of)
        statements = [Statement(doc_id=self.doc.doc_id, statement_id=f"{self.doc.doc_id}:{s.index:04d}", sentence=s,
                                paths=p, publisher=self.publisher.name) for s, p in zip(sentences, paths_of)]
        self.finish(statements)
        return statements
    def _paths(self, sentence: Sentence, frames: list[Frame]
               ) -> tuple[list[tuple[Frame, list[Hop]]], dict[int, list[Hop]]]:
        """Each path of the sentence with the frame it starts from, and the chain up to each frame."""
        parent = nest(frames, sentence.text, sentence.start)
        for f in frames:  # '"Lee told me so," Ann Bell told reporters': the voice quoted is the speaker's
            by = self._quoted_by.get(id(f))
            if id(f) not in parent and by is not None and by is not f and parent.get(id(by)) is not f \
                    and any(by is g for g in frames):
                parent[id(f)] = by
        parents = {id(p) for p in parent.values()}
        out: list[tuple[Frame, list[Hop]]] = []
        frame_paths: dict[int, list[Hop]] = {}
        for frame in frames:
            if id(frame) in parents:
                continue
            lineage = [frame]
            while id(lineage[-1]) in parent and all(parent[id(lineage[-1])] is not x for x in lineage):
                lineage.append(parent[id(lineage[-1])])
            lineage.reverse()
            path: list[Hop] = []
            for depth, f in enumerate(lineage):
                path.extend(self._frame_hops(sentence, f, path, root=depth == 0))
                frame_paths.setdefault(id(f), collapse_repeats(list(path)))
            path = collapse_repeats(path, sentence.text, sentence.start)
            if path:
                out.append((lineage[0], path))
        out.extend(own_paths(frames, parent, frame_paths, sentence))
        if self._siblings:  # "they" for sources that shared a cue: a path for each
            out = [(root, p) for root, path in out for p in with_siblings([path], self._siblings)]
            self._siblings = {}
        return out, frame_paths
    def _frame_hops(self, sentence: Sentence, frame: Frame, before: list[Hop], root: bool) -> list[Hop]:
        hops: list[Hop] = []
        outer: Resolved | None = None
        if root and frame.outer is not None:
            outer = self.resolver.addressee(frame.outer.text)
            if outer is not None and outer.source_id != self.publisher.source_id:
                hops.append(self._hop(outer, frame.outer, Span(-1, -1, ""), frame.outer_rule or frame.rule_id, ""))
        for i, (span, cue) in enumerate(zip(frame.hops, frame.cues)):
            rule_id = frame.hop_rules[i] if i < len(frame.hop_rules) and frame.hop_rules[i] else frame.rule_id
            resolved, prefix = self._speaker(sentence, frame, i, span, cue, first=root and i == 0 and not before,
                                             nested=bool(before or hops))
            if resolved.kind == "place" and (clean_mention(span.text) != resolved.name or hops or before or not root
                                             or i or not cue.text.strip(" :")
                                             or _IN_A_LIST.search(self.doc.text, max(0, span.start - 8), span.start)):
                # a place named alone as the sentence's speaker, with a speech word, stands for its government as
                # a country does ("Northern Ireland has suggested"); one read out of longer words ("states like
                # South Carolina"), out of a list ("the people of Indiana, West Virginia and Oregon"), inside
                # another speaker's words ("Cruz said at a Buffalo, New York town hall") or before a colon (a
                # section's heading, "Iowa: ...") does not speak
                return []
            if root and i == 0 and not before:
                if frame.outer is not None:
                    self._remember_interview(resolved, hops[0] if hops else None, sentence)
                elif self._own_venue(cue):  # "she said in a speech": not the interview of earlier quotes
                    prefix = [h for h in prefix if h.rule_id != "interview"]
                elif not prefix and not hops:
                    prefix = self._interview_of(resolved, sentence)
            hops.extend(carried_hop(h) for h in prefix)
            hops.append(self._hop(resolved, span, cue, rule_id, frame.hedge if i == len(frame.hops) - 1 else ""))
        return hops
    def _speaker(self, sentence: Sentence, frame: Frame, i: int, span: Span, cue: Span, first: bool,
                 nested: bool = False) -> tuple[Resolved, list[Hop]]:
        """Who the i-th hop of a frame is, and the chain it comes by when it stands for an earlier source
        (a pronoun, a description, a continuation)."""
        words = frame.antecedent.text if (frame.antecedent is not None and i == 0) else span.text
        words = OWNER_PRONOUN.get(words.lower(), words)  # "Their statement read": they
        poll = poll_before(self.doc.text, span.start) if refers_to_poll(words) else ""
        if poll:  # "in the same poll", "43 said the same": the poll named before
            return self.resolver.resolve(poll), []
        resolved = self._short_outlet_name(words, self.resolver.resolve(words), span.start)
        prefix: list[Hop] = []
        position = self._first_of_pronoun(sentence, words, min(span.start, self._limits.get(id(frame), span.start)))
        described = resolved.kind == "pronoun" or reads_as_description(words, resolved)
        if described or is_description(words):  # the second: "the Democratic senator", the mention state alone
            found = ((self._antecedent(words, resolved, sentence, position) if described else None)
                     or self._in_document(words, resolved, sentence, position))
            found = found if nested else self._not_the_voice(words, found, span.start, position)
            if found is not None:
                resolved, context = found
                if first:
                    prefix = context
                if PRONOUNS.get(clean_mention(words).lower()) == "plural" and resolved.kind != "pronoun":
                    self._siblings[span.start] = [self._hop(m.resolved, span, cue, frame.rule_id, "")
                                                  for m in coordinated_siblings(self.mentions, resolved.source_id, position)]
            elif resolved.kind == "pronoun" and PRONOUNS.get(clean_mention(words).lower()) in ("person", "thing", "plural"):
                low = clean_mention(words).lower()  # no one it can stand for: not a source of its own
                resolved = Resolved(name=low, kind=UNRESOLVED, source_id="unresolved:" + low)
        elif first and self._continues(sentence, frame, cue, resolved):
            prefix = self._continuation_prefix(resolved)
        elif first:
            prefix = self._owner_prefix(words, sentence, span)
        return self._canonical_person(resolved), prefix
    def _hop(self, resolved: Resolved, span: Span, cue: Span, rule_id: str, hedge: str) -> Hop:
        return Hop(citing="", cited=self._display_name(resolved), cited_kind=resolved.kind, cited_text=span.text,
                   source_start=span.start if span.start >= 0 else None,
                   source_end=span.end if span.start >= 0 else None,
                   cue=cue.text, cue_start=cue.start if cue.start >= 0 else None,
                   cue_end=cue.end if cue.start >= 0 else None, rule_id=rule_id, hedge=hedge,
                   source_id=resolved.source_id)
    def finish(self, statements: list[Statement]) -> None:
        """Fill each hop's citing side: the publisher, then each hop in turn."""
        for stmt in statements:
            for path in stmt.paths:
                citing = self.publisher.name
                for hop in path:
                    hop.citing = citing
                    citing = hop.cited
