"""Stage 5, build chains: nest the frames of a sentence and follow the document.

Within a sentence, a frame whose cue lies in another frame's content is cited
by it ("According to Al Jazeera, KCNA said" -> Al Jazeera > KCNA). Across
sentences, pronouns, descriptions ("the dictator") and continuations
("KCNA reportedly added", "it added") take the chain of the source they stand
for. Wire copy puts the agency at the head of every path.
"""
from __future__ import annotations

import bisect
from collections import Counter
import dataclasses
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from .lexicon import word_list
from .mentions import DocumentMentions, is_description, not_a_person_name, possessor
from .nesting import drop_event_clauses
from .block_quotes import block_after, introduces_block
from .coordinated import coordinated_siblings, with_siblings
from .polls import poll_before, refers_to_poll
from .own_voice import own_paths, speaking_on, speaks_beside
from .quotes import Quotation, find_quotations
from .records import Document, Frame, Hop, Sentence, Span, Statement
from .resolve import OUTLET_KINDS, PRONOUNS, UNRESOLVED, Resolved, Resolver, clean_mention
from .turns import is_question

MENTION_HORIZON = 12     # sentences: pronouns and descriptions look no further back
PULL_QUOTE_CREDIT = "pull-quote-credit"
INTERVIEW_HORIZON = 15   # sentences: how long a speaker's later quotes carry the outlet they spoke to
TITLE_WINDOW = 20_000    # characters searched back for "Russian President Vladimir Putin"
CONTINUATION_CUES = frozenset(word_list("continuation_cues"))
ASKING_CUES = frozenset(word_list("asking_cues"))
CONTINUATION_ADVERBS = regex.compile(r"(?i)\b(?:also|further|again|later|then)\b")
FIRST_PERSON = frozenset({"i", "we", "me", "us"})  # in a transcript turn: the speaker
PERSON_KINDS = frozenset({"person"})
THING_KINDS = OUTLET_KINDS | {"government_body", "organisation", "country", "pollster", "description"}
KIND_NOUNS = {
    "agency": {"news_agency"}, "news agency": {"news_agency"}, "newspaper": {"newspaper"},
    "paper": {"newspaper"}, "broadcaster": {"broadcaster"}, "channel": {"broadcaster"},
    "network": {"broadcaster"}, "outlet": set(OUTLET_KINDS), "website": {"online_outlet", "newspaper"},
    "ministry": {"government_body", "organisation"}, "department": {"government_body", "organisation"},
    "government": {"government_body", "country"}, "campaign": {"organisation"},
    "company": {"organisation"}, "group": {"organisation"}, "organization": {"organisation"},
    "organisation": {"organisation"}, "committee": {"organisation", "government_body"},
    "poll": {"pollster"}, "survey": {"pollster"},
    "editorial board": {"newspaper", "magazine", "online_outlet"}, "editorial": {"newspaper", "magazine", "online_outlet"},
    "editors": {"newspaper", "magazine", "online_outlet"}, "magazine": {"magazine"}, "tabloid": {"newspaper"},
    "daily": {"newspaper"}, "station": {"broadcaster"}, "site": {"online_outlet", "newspaper"},
    "news site": {"online_outlet", "newspaper"}, "trade paper": {"newspaper", "magazine"},
}
OUTLET_WINDOW = 6_000    # characters searched back for the outlet "the newspaper" stands for
PERSON_ROLES = frozenset(word_list("person_roles"))
_ROLE_DESCRIPTION = regex.compile(r"(?i)\bthe\s+((?:[\w-]+\s+){0,2}(?:%s))\b" % "|".join(sorted(PERSON_ROLES)))
_WORDS = regex.compile(r"\w+")
_CONTRACTION = r"(?:I|It|He|She|We|They|You|That|There|Here|What|Who|Let)['’]\p{Ll}{1,2}\s"  # "I'm Rich Bowen"
_NAME_WORD = r"\p{Lu}(?:['’]\p{Lu})?\p{Ll}*\p{Lu}?[\p{Ll}'’]+(?:-\p{Lu}\p{Ll}+)?"
# "Berhanu Nega", "Donald J. Trump", "Gilda Cobb-Hunter", "Kim Jong Un": two to four capitalised words
_FULL_NAME = regex.compile(r"(?<![\p{L}'’.-])(?!%s)%s(?:\s+(?:\p{Lu}\.|%s|Jong|bin|al|de|van|da|del|von)){1,3}(?<!\.)(?![\p{L}])"
                           % (_CONTRACTION, _NAME_WORD, _NAME_WORD))
_GENDER_TITLE = regex.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+(\p{Lu}[\p{L}'’-]+)")
_SURNAME = regex.compile(r"(?<![\p{L}'’.-])(%s)(?:['’]s?)?(?![\p{L}])" % _NAME_WORD)
# a name used as a modifier ("an avowed Trump supporter", "the Obama administration") is not who a
# later pronoun stands for
_MODIFIER_USE = regex.compile(r"\s+(?:supporters?|backers?|voters|campaign|camp|administration|presidency|era|"
                              r"aides?|allies|loyalists|team|rally|rallies|tower|hotel|organization|foundation|"
                              r"university|family|delegates|fans|critics|doctrine|plan|policy|policies|consultants?|"
                              r"advisers?|advisors?|spokes(?:man|woman|person)|staffers?|officials?|surrogates?|"
                              r"pollsters?|strategists?|donors?|operatives?|lawyers?|attorneys?)\b")
_OWNER_PRONOUN = {"their": "they", "its": "it", "his": "he"}   # an owner named by a possessive: its pronoun
_DESCRIPTION = regex.compile(r"(?i)^(?:the|this|that)\s+((?:[\w-]+\s+){0,2}[\w-]+)$")
_WIRE_DATELINE = regex.compile(
    r"^\s*(?:[\p{Lu}][\p{Lu}\p{M} .,'’-]{1,60}(?:,\s*[\p{L}.]+(?:\s+\d{1,2})?)?\s*)?\((?P<wire>AP|Reuters|AFP|UPI|AAP|dpa|Xinhua|TASS|Bloomberg)\)\s*[-—–]+\s*")
_WIRE_NAMES = {"ap": "Associated Press", "reuters": "Reuters", "afp": "Agence France-Presse", "upi": "UPI",
               "aap": "Australian Associated Press", "dpa": "dpa", "xinhua": "Xinhua", "tass": "TASS",
               "bloomberg": "Bloomberg"}


@dataclass
class Mention:
    """A source or person seen earlier in the document, with the chain it came by."""

    sentence: int
    paragraph: int
    position: int
    resolved: Resolved
    path: list[Hop]        # chain up to and including this source (for a plain mention: the chain around it)
    is_source: bool
    possessive: bool = False   # "Tsege's arrest": a modifier, not the sentence's subject


@dataclass
class DocumentChains:
    """Chain state for one document: recent sources, people, the wire and the publisher."""

    doc: Document
    resolver: Resolver
    publisher: Resolved
    wire: Resolved | None = None
    wire_span: Span | None = None
    _mentions: list[Mention] = field(default_factory=list)
    _pending: list[tuple[Sentence, list[Frame], list[list[Hop]]]] = field(default_factory=list)
    previous_paths: list[list[Hop]] = field(default_factory=list)
    previous_sentence: int = -10
    previous_paragraph: int = -1
    last_index: int = -1
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

    @classmethod
    def start(cls, doc: Document, resolver: Resolver) -> "DocumentChains":
        publisher = publisher_of(doc, resolver)
        state = cls(doc=doc, resolver=resolver, publisher=publisher)
        state.people = _people_index(doc.text, resolver)
        state._titled_gender = {m.group(2): "m" if m.group(1) == "Mr" else "f" for m in _GENDER_TITLE.finditer(doc.text)}
        wire = doc.wire.strip()
        for block in _first_lines(doc.text, 4):
            m = _WIRE_DATELINE.match(block[1])
            if m:
                wire = wire or m.group("wire")
                break
        if wire:
            name = _WIRE_NAMES.get(wire.lower(), wire)
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
        mains = [_split_coordinated(_attach([f for f in fs if f.attach != "context"]), s.start, s.text)
                 for fs, s in zip(frames, sentences)]
        for i, (sentence, main) in enumerate(zip(sentences, mains)):
            _set_content(sentence, main)
            kept = drop_event_clauses(sentence, main)
            if len(kept) < len(main):
                mains[i] = kept
                _set_content(sentence, kept)
        attribution = self._quote_attributions(sentences, mains)
        self._limits = {id(f): self.quotations[q].start for q, (_, f) in attribution.items()}
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
            for frame in contexts[i]:
                self._interview_context(sentence, frame)
            rooted, frame_paths = self._paths(sentence, main) if main else ([], {})
            if rooted:
                beside: set[int] = set()
                for root, path in rooted:
                    q = self._quotation_of_frame(root)
                    if root.rule_id == PULL_QUOTE_CREDIT:
                        continue  # the credit line itself states nothing
                    if q < 0 or attribution.get(q, (0, None))[1] is root:
                        paths.append(path)
                    elif q in speaker:
                        paths.append([*(_carried(h) for h in speaker[q]), *path])
                        beside.add(q)
                    elif q in attribution and attribution[q][0] > i:
                        waiting.setdefault(q, []).append((i, path))
                    else:
                        inherited = self._inherited(sentence, q, speaker)
                        if inherited:
                            speaker[q] = inherited
                            beside.add(q)
                        paths.append([*(_carried(h) for h in inherited), *path] if inherited else path)
                for q in sorted(beside):  # the quotation's speaker says more than the voice it quotes
                    if speaks_beside(sentence, self.quotations[q].start, self.quotations[q].end, main):
                        paths.append([_carried(h) for h in speaker[q]])
                for q, (at, frame) in attribution.items():
                    if at == i and id(frame) in frame_paths:
                        speaker[q] = frame_paths[id(frame)]
                        for j, inner in waiting.pop(q, []):
                            carried = [_carried(h) for h in speaker[q]]
                            known = [p for p in paths_of[j] if not (len(p) == 1 and p[0].rule_id == "wire")]
                            paths_of[j] = _dedupe(self._wired(self._in_turn(  # the bare wire was a stand-in
                                sentences[j], [*known, [*carried, *inner] if inner else carried])))
            elif inside >= 0:
                if inside in speaker:
                    paths = [[_carried(h) for h in speaker[inside]]]
                elif inside in attribution and attribution[inside][0] > i:
                    waiting.setdefault(inside, []).append((i, None))
                else:
                    inherited = self._inherited(sentence, inside, speaker)
                    if inherited:
                        speaker[inside] = inherited
                        paths = [[_carried(h) for h in inherited]]
            if i in block:  # a block quotation after a colon: the introducing source's words
                paths = [[*(_carried(h) for h in block[i]), *p] for p in paths] or [[_carried(h) for h in block[i]]]
            elif paths and introduces_block(sentence, main):
                block.update((j, paths[0]) for j in block_after(sentences, i))
            self._remember_people(sentence, main, paths)
            if sentence.translation and paths_of:  # "((es))Spanish language: ...": the sentence before, translated
                paths = [[_carried(h) for h in p] for p in paths_of[-1]] + paths
            paths = _dedupe(self._wired(self._in_turn(sentence, paths)))
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
            self.last_index = i
        statements = [Statement(doc_id=self.doc.doc_id, statement_id=f"{self.doc.doc_id}:{s.index:04d}", sentence=s,
                                paths=p, publisher=self.publisher.name) for s, p in zip(sentences, paths_of)]
        self.finish(statements)
        return statements

    def _wired(self, paths: list[list[Hop]]) -> list[list[Hop]]:
        if self.wire is None:
            return paths
        return self._with_wire([p[1:] if p and p[0].rule_id == "wire" else p for p in paths])

    def _quotation_of(self, start: int, end: int, words: str = "") -> int:
        """Index of the quotation that holds every word between start and end, else -1."""
        if words:
            first = regex.search(r"\w", words)
            last = regex.search(r"\w(?=\W*$)", words)
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
                if j >= 0 and self.quotations[j].end <= first and _ADJACENT_AFTER.fullmatch(
                        text, self.quotations[j].end, first):
                    after.setdefault(j, (i, f))
                k = bisect.bisect_left(self._quote_starts, last)
                if k < len(self.quotations) and f.content_side == "after" and _ADJACENT_BEFORE.fullmatch(
                        text, last, self.quotations[k].start):
                    before.setdefault(k, (i, f))
        return {**before, **after}

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

    def _paths(self, sentence: Sentence, frames: list[Frame]
               ) -> tuple[list[tuple[Frame, list[Hop]]], dict[int, list[Hop]]]:
        """Each path of the sentence with the frame it starts from, and the chain up to each frame."""
        parent = _nest(frames, sentence.text, sentence.start)
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
                frame_paths.setdefault(id(f), _collapse_repeats(list(path)))
            path = _collapse_repeats(path)
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
            if resolved.kind == "place":  # a place does not speak ("the people of Indiana and Oregon have said")
                return []
            if root and i == 0 and not before:
                if frame.outer is not None:
                    self._remember_interview(resolved, hops[0] if hops else None, sentence)
                elif self._own_venue(cue):  # "she said in a speech": not the interview of earlier quotes
                    prefix = [h for h in prefix if h.rule_id != "interview"]
                elif not prefix and not hops:
                    prefix = self._interview_of(resolved, sentence)
            hops.extend(_carried(h) for h in prefix)
            hops.append(self._hop(resolved, span, cue, rule_id, frame.hedge if i == len(frame.hops) - 1 else ""))
        return hops

    def _speaker(self, sentence: Sentence, frame: Frame, i: int, span: Span, cue: Span, first: bool,
                 nested: bool = False) -> tuple[Resolved, list[Hop]]:
        """Who the i-th hop of a frame is, and the chain it comes by when it stands for an earlier source
        (a pronoun, a description, a continuation)."""
        words = frame.antecedent.text if (frame.antecedent is not None and i == 0) else span.text
        words = _OWNER_PRONOUN.get(words.lower(), words)  # "Their statement read": they
        poll = poll_before(self.doc.text, span.start) if refers_to_poll(words) else ""
        if poll:  # "in the same poll", "43 said the same": the poll named before
            return self.resolver.resolve(poll), []
        resolved = self._short_outlet_name(words, self.resolver.resolve(words), span.start)
        prefix: list[Hop] = []
        position = self._first_of_pronoun(sentence, words, min(span.start, self._limits.get(id(frame), span.start)))
        described = resolved.kind == "pronoun" or _is_description(words, resolved)
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

    def _first_of_pronoun(self, sentence: Sentence, words: str, position: int) -> int:
        """'He agreed that Trump may struggle, but he said ...', 'He's leaning toward Kasich, he said': a he or
        she repeated in a sentence stands for whom its first occurrence there does, so the antecedent is looked
        for before that one (outside quotations: a quoted 'he' is the speaker's to mean)."""
        forms = _SAME_PERSON.get(clean_mention(words).lower())
        if forms is None or sentence.start > position:
            return position
        inside = self._quotation_of(position, position + 1) >= 0
        for m in forms.finditer(sentence.text, 0, position - sentence.start):
            at = sentence.start + m.start()
            if inside or self._quotation_of(at, at + 1) < 0:
                return at
        return position

    def _not_the_voice(self, words: str, found: tuple[Resolved, list[Hop]] | None, at: int, position: int
                       ) -> tuple[Resolved, list[Hop]] | None:
        """A he or she in a quotation that goes on from the speaker of the sentence before is not that speaker, who
        would say 'I' ('"President Trump treats the law with contempt," said Becerra. "He knows there is no
        crisis"' -> Trump): the last other person named before it, in the quotations too. (A speech verb nested in
        a quotation attributed in its own sentence, "... and he also said last night ...", is left as it was.)"""
        low = clean_mention(words).lower()
        if low not in _SAME_PERSON or self._quotation_of(at, at + 1) < 0:
            return found
        voices = {p[-1].source_id for p in self.previous_paths if p}
        if found is not None and self._canonical_person(found[0]).source_id not in voices:
            return found
        other = self._mention_state().pronoun(low, position, exclude=frozenset(voices))
        # no one else named: the speaker's chain stands as it is (the repeated hop folds into one)
        return (self._canonical_person(other), []) if other is not None else found

    def _mention_state(self) -> DocumentMentions:
        if self._document_mentions is None:
            self._document_mentions = DocumentMentions.build(self.doc.text, self.resolver, self._canonical_person,
                                                             self.people, self._titled_gender)
        return self._document_mentions

    def _in_document(self, words: str, resolved: Resolved, sentence: Sentence, position: int
                     ) -> tuple[Resolved, list[Hop]] | None:
        """The document-level mention state (`mentions`): the last compatible entity named before the position,
        outside quotations, when the recent sources and people give none. A pronoun in someone's own words (a
        transcript turn, a quotation) is theirs to mean: it looks no further than the recent sources."""
        if resolved.kind == "pronoun" and (sentence.speaker is not None or self._quotation_of(position, position + 1) >= 0):
            return None
        state = self._mention_state()
        if resolved.kind == "pronoun":
            found = state.pronoun(clean_mention(words), position, lambda at: self._quotation_of(at, at + 1) < 0)
        else:
            found = state.description(words, position)
        return (self._canonical_person(found), []) if found is not None else None

    def _owner_prefix(self, words: str, sentence: Sentence, span: Span) -> list[Hop]:
        """'Its source said', 'the newspaper's sources say': the outlet named before, then its source."""
        m = _OWNED_SOURCE.match(" ".join(words.split()))
        if m is None:
            return []
        owner = m.group("owner")
        owner = "it" if owner.lower() in ("its", "their") else owner
        found = self._antecedent(owner, self.resolver.resolve(owner), sentence, span.start)
        if found is None or found[0].kind not in OUTLET_KINDS:
            return []
        outlet, context = found
        return [*context, self._hop(outlet, Span(-1, -1, ""), Span(-1, -1, ""), "owned-source", "")]

    # -- interviews: "told CNN", "in an interview with Politico", "spoke with Breitbart News" --------------
    def _remember_interview(self, speaker: Resolved, outlet: Hop | None, sentence: Sentence) -> None:
        """The outlet a source spoke to (None: the publisher itself, or not an outlet): the quotes that go on
        with the same interview in the next sentences carry it too."""
        if speaker.source_id and speaker.kind != "pronoun":
            self._interviews[speaker.source_id] = (outlet, sentence.index)

    def _interview_of(self, speaker: Resolved, sentence: Sentence) -> list[Hop]:
        found = self._interviews.get(speaker.source_id)
        if found is None or found[0] is None or sentence.index - found[1] > INTERVIEW_HORIZON:
            return []
        return [dataclasses.replace(found[0], rule_id="interview")]

    def _own_venue(self, cue: Span) -> bool:
        """'he said in his victory speech': the statement names another occasion than an earlier interview."""
        return cue.start >= 0 and bool(_OWN_VENUE.match(self.doc.text, cue.end, cue.end + 80))

    def _interview_context(self, sentence: Sentence, frame: Frame) -> None:
        """A speech event without content ('Klein spoke with Breitbart News about Clinton') opens an interview."""
        if frame.outer is None or not frame.hops:
            return
        resolved, _ = self._speaker(sentence, frame, 0, frame.hops[0], frame.cues[0], first=False)
        outer = self.resolver.addressee(frame.outer.text)
        hop = None
        if outer is not None and outer.source_id != self.publisher.source_id:
            hop = self._hop(outer, frame.outer, Span(-1, -1, ""), frame.rule_id, "")
        self._remember_interview(resolved, hop, sentence)

    def _hop(self, resolved: Resolved, span: Span, cue: Span, rule_id: str, hedge: str) -> Hop:
        return Hop(citing="", cited=self._display_name(resolved), cited_kind=resolved.kind, cited_text=span.text,
                   source_start=span.start if span.start >= 0 else None,
                   source_end=span.end if span.start >= 0 else None,
                   cue=cue.text, cue_start=cue.start if cue.start >= 0 else None,
                   cue_end=cue.end if cue.start >= 0 else None, rule_id=rule_id, hedge=hedge,
                   source_id=resolved.source_id)

    def _in_turn(self, sentence: Sentence, paths: list[list[Hop]]) -> list[list[Hop]]:
        """A sentence of a transcript turn (see `turns`): the speaker heads every path; other sentences as they are.

        The publisher's own interviewer adds no hop: its questions assert nothing, and what
        else it says stands as the publisher's own ("In the announcement, Wright said ...").
        First-person sources ("as I said", "we published") are the speaker.
        """
        speaker = sentence.speaker
        if speaker is None:
            return paths
        paths = [[h for h in p if not (h.cited_kind == "pronoun" and h.cited.lower() in FIRST_PERSON)]
                 for p in paths]
        if speaker.interviewer:
            return [] if is_question(sentence.text) else [p for p in paths if p]
        resolved = self._canonical_person(self.resolver.resolve(speaker.name))
        named_here = sentence.start <= speaker.label.start < sentence.end
        hop = self._hop(resolved, speaker.label if named_here else Span(-1, -1, ""),
                        _label_colon(self.doc.text, speaker.label) if named_here else Span(-1, -1, ""),
                        "speaker-label" if named_here else "turn", "")
        return _dedupe([_collapse_repeats([hop, *p]) for p in paths if p]) or [[hop]]

    def _credits_previous(self, sentence: Sentence, frames: list[Frame], paths_of: list[list[list[Hop]]]) -> bool:
        """A credit line of its own ('— MFA Russia (@mfa_russia) June 18') attributes the post above it."""
        if (len(frames) != 1 or frames[0].rule_id != "quote-credit" or not paths_of
                or sentence.text[: frames[0].start - sentence.start].strip()):
            return False
        before = self._sentences[len(paths_of) - 1] if self._sentences else None
        if before is not None and before.speaker is not None and before.speaker.interviewer:
            return True  # a pull quote's credit, its quote lost, after the interviewer's question: credits nothing
        frame = frames[0]
        credit = self._canonical_person(self.resolver.resolve(frame.hops[0].text))
        hop = Hop(citing="", cited=self._display_name(credit), cited_kind=credit.kind, rule_id=frame.rule_id,
                  source_id=credit.source_id)
        previous = paths_of[-1]
        wire = [p[0] for p in previous if p and p[0].rule_id == "wire"][:1]
        inner = [p[1:] if wire else p for p in previous]
        inner = [p for p in inner if p]
        paths_of[-1] = _dedupe([_collapse_repeats([*wire, hop, *p]) for p in inner] or [[*wire, hop]])
        return True

    def _display_name(self, resolved: Resolved) -> str:
        """The gazetteer's name where the article uses it, else the alias the article gives ("MFA Russia").

        The source_id keeps the identity either way, for graphs and counts.
        """
        if resolved.entry is None or not resolved.alias or resolved.name in self.doc.text:
            return resolved.name
        return resolved.alias

    # -- context ----------------------------------------------------------
    def _continues(self, sentence: Sentence, frame: Frame, cue: Span, resolved: Resolved) -> bool:
        if sentence.index - self.previous_sentence > 2 or not self.previous_paths:
            return False
        between = sentence.text[max(0, frame.hops[0].end - sentence.start):max(0, cue.start - sentence.start)]
        return cue.text.lower() in CONTINUATION_CUES or bool(CONTINUATION_ADVERBS.search(between))

    def _continuation_prefix(self, resolved: Resolved) -> list[Hop]:
        for path in self.previous_paths:
            if path and _same_source(path[-1], resolved):
                return path[:-1]
        return []

    def _antecedent(self, words: str, resolved: Resolved, sentence: Sentence, position: int
                    ) -> tuple[Resolved, list[Hop]] | None:
        """Most recent compatible source for a pronoun or description, with the chain it came by."""
        low = clean_mention(words).lower()
        if resolved.kind == "pronoun":
            role = PRONOUNS.get(low, "")
            if role == "person":
                kinds = PERSON_KINDS
                self._pronoun_gender = "m" if low in ("he", "him") else "f"
                try:
                    return self._recent(kinds, sentence, position)
                finally:
                    self._pronoun_gender = ""
            elif role == "thing":
                kinds = THING_KINDS
            elif role == "plural":
                kinds = frozenset({"group", "organisation", "government_body", "country"} | OUTLET_KINDS)
            else:
                return None
            return self._recent(kinds, sentence, position)
        head = low.split()[-1]
        if head in KIND_NOUNS or low in KIND_NOUNS:
            kinds = frozenset(KIND_NOUNS.get(low, KIND_NOUNS.get(head, set())))
            found = self._recent(kinds, sentence, position)
            if found is None and kinds & OUTLET_KINDS:
                outlet = self._named_outlet(kinds, position)
                found = (outlet, []) if outlet is not None else None
            return found
        # the last person the document gave this role, in a title or an appositive ("Chuck Williams, the
        # district GOP chairman," -> "the chairman"), else the last "Russian President X" written out
        person = self._mention_state().description(words, position) or self._titled_person(low, sentence.start)
        if person is not None:
            for m in reversed(self.mentions):
                if m.resolved.source_id == person.source_id and sentence.index - m.sentence <= 6:
                    return person, _context(m)
            return person, []
        return None

    def _named_outlet(self, kinds: frozenset[str], position: int, short: str = "") -> Resolved | None:
        """The last outlet of these kinds the article names before a position ('the newspaper', 'the
        editorial board'); with `short`, the one whose name ends with it ('the Journal' -> Wall Street Journal)."""
        window = max(0, position - (TITLE_WINDOW if short else OUTLET_WINDOW))
        outlets = sorted((start + window, entry) for start, _, entry
                         in self.resolver.gazetteer.find_in(self.doc.text[window:position]) if entry.kind in OUTLET_KINDS)
        for start, entry in reversed(outlets):
            if short:
                if entry.name.lower().split()[-1] == short and len(entry.name.split()) > 1:
                    return Resolved(name=entry.name, kind=entry.kind, source_id=entry.id, entry=entry)
            elif entry.kind in kinds:
                return Resolved(name=entry.name, kind=entry.kind, source_id=entry.id, entry=entry)
        return None

    def _short_outlet_name(self, words: str, resolved: Resolved, position: int) -> Resolved:
        """'The Journal', 'the Times', 'the Post': the outlet of that name the article has named in full
        (the gazetteer's default for 'the Times' is the New York Times; an article on London's may say so)."""
        cleaned = _LEADING_THE_RE.sub("", clean_mention(words))
        if cleaned.lower() not in self.resolver.gazetteer.outlet_last_words:
            return resolved
        if " " in cleaned or not cleaned[:1].isupper() or not (resolved.entry is None or resolved.alias == cleaned
                                                             or resolved.alias.lower() in ("the " + cleaned).lower()):
            return resolved
        found = self._named_outlet(OUTLET_KINDS, position, short=cleaned.lower())
        return found or resolved

    def _recent(self, kinds: frozenset[str], sentence: Sentence, position: int) -> tuple[Resolved, list[Hop]] | None:
        """The nearest earlier source or person of the right kind, outside quotations (a name inside a
        quotation is what the speaker talks about, not who speaks next), within a few sentences."""
        best: Mention | None = None
        nearest = -1
        gender = self._pronoun_gender
        for m in reversed([*self.mentions, *self._names_before(sentence, position)]):
            if m.position >= position:
                continue
            if gender and m.resolved.kind == "person" and self._gender_of(m.resolved.name) not in ("", gender):
                continue  # "she said" is not Donald Trump
            if nearest < 0:
                nearest = m.sentence
            if nearest - m.sentence > 4 or sentence.index - m.sentence > MENTION_HORIZON:
                break
            if m.resolved.kind not in kinds or self._quotation_of(m.position, m.position + 1) >= 0:
                continue
            if best is None:
                best = m
            elif m.sentence != best.sentence:
                break
            elif (not best.is_source and m.sentence != sentence.index and not m.possessive
                  and not (m.is_source and m.path and m.path[-1].cue.lower() in ASKING_CUES)):
                # within the nearest earlier sentence: its last source (the innermost speaker of a chain),
                # else its first person, the subject ("Raynard Jackson ... crossed party lines to vote for
                # Obama. '...,' he said"), not a possessor ("Days after Tsege's arrest, Nega volunteered");
                # nor one who asks the person named after ("Earhardt asked Rubio which states he could win.
                # '...,' he said" -> Rubio); within the sentence being read, the nearest ("Cross said he")
                best = m
        if best is None:
            return None
        context = _context(best)
        if context and not best.is_source and context[-1].cue.lower() in ASKING_CUES:
            context = context[:-1]  # the one asked answers in their own voice, not in the asker's
        return best.resolved, context

    def _titled_person(self, description: str, before: int) -> Resolved | None:
        """'the Russian president' -> the last 'Russian President Vladimir Putin' before it."""
        words = description.split()
        if not words or words[-1] not in PERSON_ROLES:
            return None
        pattern = _title_pattern(tuple(words))
        last = None
        for m in pattern.finditer(self.doc.text, max(0, before - TITLE_WINDOW), before, timeout=1.0):
            last = m
        if last is None:
            return None
        found = self.resolver.resolve(last.group(1))
        return self._canonical_person(found) if found.kind == "person" else None

    def _canonical_person(self, resolved: Resolved) -> Resolved:
        """'Putin' and 'Mr. Putin' take the fullest name the document gives: 'Vladimir Putin'."""
        if resolved.kind != "person":
            return resolved
        last = resolved.name.split()[-1] if resolved.name else ""
        full = self.people.get(last)
        if full and len(full) > len(resolved.name) and full.endswith(resolved.name):
            return Resolved(name=full, kind="person", source_id="person:" + full.lower())
        return resolved

    def _names_before(self, sentence: Sentence, position: int) -> list[Mention]:
        """People named earlier in the sentence being read ("Trump was talking when he told Chris Wallace"):
        the sentence is added to the document's memory only once its chains are built."""
        if self._current is None or self._current[0] != sentence.index:
            self._current = (sentence.index, [m for m in self._people_of(sentence, [], []) if not m.is_source])
        return [m for m in self._current[1] if m.position < position]

    def _gender_of(self, name: str) -> str:
        """'m' or 'f' when the article shows it (Mr., Ms., Mrs. before the surname), a given name is a common
        one of lists.toml ('Crooked Hillary Clinton'), or the document calls the person so ('a spokeswoman');
        else ''."""
        surname = name.split()[-1]
        for given in name.split()[:-1] or name.split():  # "Melanie" alone is a given name
            if given in self.resolver.female_names:
                return "f"
            if given in self.resolver.male_names:
                return "m"
        if surname in self._titled_gender:  # after the given name: "Mrs. Clinton" is not Bill Clinton
            return self._titled_gender[surname]
        return self._mention_state().genders.get("person:" + name.lower(), "")

    def _remember_people(self, sentence: Sentence, frames: list[Frame], paths: list[list[Hop]]) -> None:
        """Keep this sentence for later pronouns; its people are found only when a pronoun asks (`mentions`)."""
        self._pending.append((sentence, frames, paths))
        horizon = sentence.index - MENTION_HORIZON
        if self._pending[0][0].index < horizon:
            self._pending = [p for p in self._pending if p[0].index >= horizon]

    @property
    def mentions(self) -> list[Mention]:
        """Sources and people of the recent sentences, oldest first (at most MENTION_HORIZON back)."""
        if self._pending:
            last = self._pending[-1][0].index
            horizon = last - MENTION_HORIZON
            if self._mentions and self._mentions[0].sentence < horizon:
                self._mentions = [m for m in self._mentions if m.sentence >= horizon]
            for sentence, frames, paths in self._pending:
                self._mentions.extend(self._people_of(sentence, frames, paths))
            self._pending = []
        return self._mentions

    def _people_of(self, sentence: Sentence, frames: list[Frame], paths: list[list[Hop]]) -> list[Mention]:
        new: list[Mention] = []
        for path in paths:
            for i, hop in enumerate(path):
                if hop.source_start is None:
                    continue
                resolved = Resolved(name=hop.cited, kind=hop.cited_kind, source_id=hop.source_id)
                new.append(Mention(sentence.index, sentence.paragraph, hop.source_start, resolved,
                                             path[: i + 1], True))
        hop_spans = [(h.source_start, h.source_end or h.source_start) for p in paths for h in p
                     if h.source_start is not None]
        taken: list[tuple[int, int]] = []
        if _is_title_case(sentence.text):  # a headline's capitals are not names
            new.sort(key=lambda x: x.position)
            return new
        for m in _FULL_NAME.finditer(sentence.text):
            start, end = sentence.start + m.start(), sentence.start + m.end()
            if any(a < end and start < b for a, b in hop_spans) or _MODIFIER_USE.match(sentence.text, m.end()):
                continue
            resolved = self.resolver.resolve(m.group())
            if not_a_person_name(sentence.text, m, resolved):
                continue
            resolved = self._canonical_person(resolved)
            if resolved.kind != "person" or resolved.name.lower() in PRONOUNS:
                continue
            taken.append((start, end))
            new.append(Mention(sentence.index, sentence.paragraph, start, resolved,
                               _enclosing(paths, frames, start), False, _is_possessive(sentence.text, m)))
        for m in _SURNAME.finditer(sentence.text):  # "Nega", named in full earlier: a mention of Berhanu Nega
            full = self.people.get(m.group(1)) or self.people.get(possessor(m.group(1)))  # "Rubio’s strategy"
            start = sentence.start + m.start()
            if (full is None or any(a <= start < b for a, b in (*hop_spans, *taken))
                    or _MODIFIER_USE.match(sentence.text, m.end())):
                continue
            new.append(Mention(sentence.index, sentence.paragraph, start,
                               Resolved(name=full, kind="person", source_id="person:" + full.lower()),
                               _enclosing(paths, frames, start), False, _is_possessive(sentence.text, m)))
        for m in _ROLE_DESCRIPTION.finditer(sentence.text):
            start = sentence.start + m.start()
            person = self._titled_person(m.group(1).lower(), start)
            if person is not None:
                new.append(Mention(sentence.index, sentence.paragraph, start, person,
                                             _enclosing(paths, frames, start), False))
        new.sort(key=lambda x: x.position)
        return new

    def _with_wire(self, paths: list[list[Hop]]) -> list[list[Hop]]:
        assert self.wire is not None
        wire_hop = Hop(citing="", cited=self.wire.name, cited_kind=self.wire.kind, rule_id="wire",
                       source_id=self.wire.source_id)
        if not paths:
            return [[_carried(wire_hop)]]
        out = []
        for p in paths:
            if p and _same_source(p[0], self.wire):
                out.append(p)
            else:
                out.append([_carried(wire_hop), *p])
        return out

    def finish(self, statements: list[Statement]) -> None:
        """Fill each hop's citing side: the publisher, then each hop in turn."""
        for stmt in statements:
            for path in stmt.paths:
                citing = self.publisher.name
                for hop in path:
                    hop.citing = citing
                    citing = hop.cited


@lru_cache(maxsize=4096)
def _title_pattern(words: tuple[str, ...]) -> regex.Pattern:
    """'russian president' -> a pattern for 'Russian President Vladimir Putin' (the name in group 1)."""
    return regex.compile(r"(?i:" + r"\s+".join(map(regex.escape, words)) + r")\s+((?:\p{Lu}[\p{L}'’-]+\s+){0,3}\p{Lu}[\p{L}'’-]+)")


def publisher_of(doc: Document, resolver: Resolver) -> Resolved:
    """The publisher as a source: a known web domain first, then the publisher field, else 'publisher'."""
    if doc.url:
        entry = resolver.gazetteer.domain_publisher(doc.url)
        if entry is not None:
            return Resolved(name=entry.name, kind=entry.kind, source_id=entry.id, entry=entry)
    if doc.publisher:
        entry = resolver.gazetteer.lookup(doc.publisher) or resolver.gazetteer.lookup(doc.publisher.replace("-", " "))
        if entry is not None:
            return Resolved(name=entry.name, kind=entry.kind, source_id=entry.id, entry=entry)
        return Resolved(name=doc.publisher, kind="publisher", source_id="publisher:" + doc.publisher.lower())
    # unknown publisher: each document speaks for itself, so unattributed reports stay independent
    return Resolved(name=doc.doc_id, kind="publisher", source_id="publisher:doc:" + doc.doc_id)


def _first_lines(text: str, n: int) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, line))
            if len(out) >= n:
                break
        pos += len(line) + 1
    return out


def _people_index(text: str, resolver: Resolver) -> dict[str, str]:
    """Surname -> fullest name of the person the document names most under it ("Putin" -> "Vladimir Putin";
    "Trump" -> "Donald J. Trump" in an article that names Melania Trump once and Donald Trump often)."""
    named: dict[str, Counter[str]] = {}
    for line in text.split("\n"):
        if _is_title_case(line):  # a headline's capitals are not names ("Here's Why Winning Iowa Could ...")
            continue
        for m in _FULL_NAME.finditer(line):
            resolved = resolver.resolve(m.group())
            if resolved.kind == "person" and len(resolved.name.split()) >= 2 and not not_a_person_name(line, m, resolved):
                named.setdefault(resolved.name.split()[-1], Counter())[resolved.name] += 1
    people: dict[str, str] = {}
    for last, names in named.items():
        by_first = Counter()  # one person under several forms: "Donald Trump", "Donald J. Trump"
        for name, n in names.items():
            # "Guajardo Villarreal" is "Ildefonso Guajardo Villarreal" named shorter
            fuller = max((f for f in names if f == name or f.endswith(" " + name)), key=len)
            by_first[fuller.split()[0]] += n
        first = max(by_first, key=lambda f: by_first[f])  # the most named; the first named on a tie
        people[last] = max((name for name in names if name.split()[0] == first), key=len)
    return people


def _attach(frames: list[Frame]) -> list[Frame]:
    """Fold "..., citing Y" into the frame before it and "in an interview with X" into the nearest one."""
    main = [f for f in frames if not f.attach and f.hops]
    for f in frames:
        if f.attach == "inner" and f.hops:
            target = next((g for g in reversed(main) if g.start < f.start), None)
            if target is None:
                f.attach = ""
                main.append(f)
                continue
            if not target.hop_rules:
                target.hop_rules = [target.rule_id] * len(target.hops)
            target.hops.extend(f.hops)
            target.cues.extend(f.cues)
            target.hop_rules.extend([f.rule_id] * len(f.hops))
        elif f.attach == "outer" and f.outer is not None and main:
            target = min(main, key=lambda g: min(abs(g.start - f.end), abs(f.start - g.end)))
            if target.outer is None:
                target.outer = f.outer
                target.outer_rule = f.rule_id
    main.sort(key=lambda f: f.start)
    return main


_COORDINATION = regex.compile(r",?\s+(?:and|&)\s+")
_INSIDE_PHRASE = regex.compile(r"\s(?:of|in|at|from|for|with|on|to|by)\s")
_TITLE_WORDS = frozenset(("President Minister Secretary Leader Chairman Chairwoman Director Editor Chief Governor Senator "
                          "Mayor Speaker Ambassador Commissioner Officer Manager Spokesman Spokeswoman leader editor "
                          "chairman director secretary president minister spokesman spokeswoman chief founder").split())
_ENDS_IN_NAME = regex.compile(r"\p{Lu}[\p{L}'’.-]+\s+\p{Lu}[\p{L}'’-]+$")
_PLURAL_END = regex.compile(r"\s\p{Ll}{3,}s$")
_NAME_ONLY = regex.compile(r"^(?:the\s+)?\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)+$")
_NOT_ALONE = frozenset({"minority", "majority", "state", "federal", "local", "foreign", "senior", "former", "top"})


def _split_coordinated(frames: list[Frame], offset: int, text: str) -> list[Frame]:
    """'Dunn and John agreed', 'Trump and his supporters claimed': sources that share one cue are
    separate paths (guidelines), so the frame is split into one frame per source. Adjectives that
    share a noun ('Minority and women voters') stay one source."""
    out: list[Frame] = []
    for frame in frames:
        parts = _coordinated_parts(frame.hops[0], offset, text) if frame.hops else []
        if len(parts) < 2:
            out.append(frame)
            continue
        for part in parts:
            out.append(dataclasses.replace(frame, hops=[part, *frame.hops[1:]], cues=list(frame.cues),
                                           hop_rules=list(frame.hop_rules)))
    return out


def _coordinated_parts(span: Span, offset: int, text: str) -> list[Span]:
    m = _COORDINATION.search(span.text)
    if m is None or _COORDINATION.search(span.text, m.end()):
        return []
    left, right = span.text[: m.start()].strip(), span.text[m.end():].strip()
    if not left or not right or len(left.split()) == 1 and left.lower() in _NOT_ALONE:
        return []
    if _INSIDE_PHRASE.search(left) or left.split()[-1] in _TITLE_WORDS:
        return []  # "the people of Indiana and Oregon", "Prime Minister and party leader Boris Johnson"
    plural_nouns = _PLURAL_END.search(left) and _PLURAL_END.search(right)  # "private companies and ordinary traders"
    named = _ENDS_IN_NAME.search(left) and _ENDS_IN_NAME.search(right)  # "candidate Ann Lee and former president Bo Li"
    named_and_group = _NAME_ONLY.match(left) and _PLURAL_END.search(" " + right)  # "the Red Cross and government officials"
    if not (right[:1].isupper() or right.split()[0].lower() in ("his", "her", "their", "its", "the", "a", "an")
            or plural_nouns or named or named_and_group):
        return []  # "Minority and women voters": one noun shared by two modifiers
    start = span.start
    return [Span(start, start + len(left), left), Span(start + m.end(), span.end, right)]


def _set_content(sentence: Sentence, frames: list[Frame]) -> None:
    text = sentence.text
    for f in frames:
        side = f.content_side
        before = text[: f.start - sentence.start].rstrip()
        after = text[f.end - sentence.start:].strip()
        if side == "auto":
            n_after = len(_WORDS.findall(after))
            # "According to X, Y said ...": what precedes Y is another attribution, not content
            led_by_frame = any(g is not f and g.end <= f.start and not text[g.end - sentence.start:
                                                                            f.start - sentence.start].strip(" ,;:")
                               for g in frames)
            if (before and before[-1] in ",\"”’'—–:;(" and n_after <= 8 and not led_by_frame
                    and not after.lower().startswith(("that", ":")) and not _SUBORDINATOR.match(before)):
                side = "before"
            else:
                side = "after"
        f.content_side = side
        if side == "before":
            f.content_start, f.content_end = sentence.start, f.start
        else:
            f.content_start, f.content_end = f.end, sentence.end
    for f in frames:
        if f.content_side == "after":
            for g in frames:
                if g is not f and g.start >= f.end and (g.content_side == "before" or g.parallel):
                    f.content_end = min(f.content_end, g.start)
            # "Though Kaine has said X, HuffPost reported Y": a subordinate clause's content ends with it
            if _SUBORDINATE_OPENING.search(text[max(0, f.start - sentence.start - 120): f.start - sentence.start]):
                comma = _CLAUSE_COMMA.search(text, f.end - sentence.start)
                if comma is not None:
                    f.content_end = min(f.content_end, sentence.start + comma.start())


# between a closing quote and its attribution; between an attribution and its opening quote (a colon may
# end a paragraph that introduces a quoted one)
_ADJACENT_AFTER = regex.compile(r"[ \t,]*")
_ADJACENT_BEFORE = regex.compile(r"[ \t]*(?:[,—–-][ \t]*(?:that\s+)?|that\s+|:\s*)?")
_OWNED_SOURCE = regex.compile(r"(?i)^(?P<owner>its|their|the\s+(?:newspaper|paper|agency|news\s+agency|outlet|network|"
                              r"website|site|magazine|channel|broadcaster)(?=['’]))(?:['’]s?)?\s+(?:[\w-]+\s+){0,2}sources?$")
_OWN_VENUE = regex.compile(r"(?i)\s*(?:,\s*)?(?:in|at|during|on)\s+(?:a|an|his|her|their|its|the|this|that)\s+"
                           r"(?:[\w'’-]+\s+){0,3}(?:speech|rally|statement|address|hearing|debate|conference|letter|"
                           r"op-ed|event|post|tweet|video|message|remarks|meeting|session|briefing|sermon)\b")
_SUBORDINATE_OPENING = regex.compile(
    r"(?:^|[^\w'’-])(?i:though|although|while|whereas|even\s+though|even\s+as|despite\s+what|despite\s+having|if|as|"
    r"after|before|since|when)\s+(?:[\w'’.-]+\s+){0,8}?$")
_SUBORDINATOR = regex.compile(r"^\W*(?i:though|although|while|whereas|even\s+though|despite|if|because|since)\s")
_CLAUSE_COMMA = regex.compile(r",\s(?=[^\"“”]*(?:$|[\"“][^\"“”]*[\"”]))")
_COORDINATED = regex.compile(r"(?:,?\s+(?:and|but|while|whereas)|;)\s*$")


def _nest(frames: list[Frame], text: str = "", offset: int = 0) -> dict[int, Frame]:
    """Parent of each frame, keyed by id(frame): the frame with the smallest content holding it.

    A frame that opens a coordinated clause ("Trump described it as a hoax and the White
    House claimed ...") is a sibling of the frame before it, not cited by it.
    """
    parent: dict[int, Frame] = {}
    by_id = {id(f): f for f in frames}
    for f in frames:
        if f.parallel:
            continue
        containers = [g for g in frames if g is not f and g.content_start <= f.start and f.end <= g.content_end]
        if containers:
            parent[id(f)] = min(containers, key=lambda g: g.content_end - g.content_start)
    for f in frames:
        g = parent.get(id(f))
        if g is not None and g.content_side == "after" and g.end <= f.start and text:
            # a relative clause counts from its antecedent: "Mr. Carson, who claimed A, and Donald J.
            # Trump, who suggested B" are two sources side by side
            start = f.antecedent.start if f.antecedent is not None else f.start
            between = text[g.end - offset:max(g.end, start) - offset]
            if _COORDINATED.search(between) and f.hops and (f.hops[0].start == f.start or f.antecedent is not None):
                grand = parent.get(id(g))
                if grand is None:
                    del parent[id(f)]
                else:
                    parent[id(f)] = grand
    # break two-frame cycles: the trailing reporter ("..., X reported") stays outer
    for fid, g in list(parent.items()):
        f = by_id[fid]
        if parent.get(id(g)) is f and parent.get(fid) is g:
            outer = g if g.content_side == "before" else f
            parent.pop(id(outer), None)
    return parent


def _collapse_repeats(path: list[Hop]) -> list[Hop]:
    """'CNN > CNN': a source nested in its own report ("..., according to CNN, who reported") is one hop."""
    out: list[Hop] = []
    for hop in path:
        if out and (hop.cited == out[-1].cited or (hop.source_id and hop.source_id == out[-1].source_id)):
            if hop.source_start is not None and out[-1].source_start is None:
                out[-1] = hop
            continue
        out.append(hop)
    return out


def _enclosing(paths: list[list[Hop]], frames: list[Frame], position: int) -> list[Hop]:
    """The chain whose content holds a position: the context of a plain mention."""
    best: Frame | None = None
    for f in frames:
        if f.content_start <= position < f.content_end:
            if best is None or f.content_end - f.content_start < best.content_end - best.content_start:
                best = f
    if best is None:
        return []
    last = best.hops[-1]
    for p in paths:
        for i, hop in enumerate(p):
            if hop.source_start == last.start:
                return p[: i + 1]
    return []


def _context(m: Mention) -> list[Hop]:
    """The chain a pronoun inherits with its antecedent: a source's own chain ("According to Al Jazeera,
    KCNA said ... it added" -> Al Jazeera > KCNA), or the report a person was named in ("Meduza reports
    that the Russian president published an op-ed. In it, he emphasized ..." -> Meduza > Putin)."""
    return m.path[:-1] if m.is_source else list(m.path)


def _is_title_case(text: str) -> bool:
    """A headline in title case ('Here’s Why Winning Iowa Could Break Hillary’s Firewall')."""
    words = [w for w in _WORDS.findall(text) if len(w) > 3]
    return len(words) >= 4 and sum(w[:1].isupper() for w in words) >= 0.7 * len(words)


def _is_description(words: str, resolved: Resolved) -> bool:
    cleaned = _SPACE_RE.sub(" ", words.strip())
    match = _DESCRIPTION.match(cleaned)
    return resolved.kind in ("group", "organisation", "person") and bool(match) and (
        cleaned.split()[-1].lower() in PERSON_ROLES or cleaned.split()[-1].lower() in KIND_NOUNS
        or match.group(1).lower() in KIND_NOUNS) and not any(w[:1].isupper() for w in cleaned.split()[1:])


_SPACE_RE = regex.compile(r"\s+")
_LEADING_THE_RE = regex.compile(r"^(?i:the)\s+")


def _same_source(hop: Hop, resolved: Resolved) -> bool:
    if hop.source_id and resolved.source_id:
        return hop.source_id == resolved.source_id
    return hop.cited.lower() == resolved.name.lower()


_SAME_PERSON = {w: regex.compile(p) for ws, p in (
    (("he", "him"), r"(?i)\b(?:he|him|his)\b"), (("she", "her"), r"(?i)\b(?:she|her|hers)\b")) for w in ws}
_POSSESSIVE_AFTER = regex.compile(r"['’]s?(?!\w)")


def _is_possessive(text: str, m: regex.Match) -> bool:
    """A name written as a possessor: "Tsege's arrest", "Jones' book"."""
    return m.group() != possessor(m.group()) or _POSSESSIVE_AFTER.match(text, m.end()) is not None


def _carried(hop: Hop) -> Hop:
    """A hop taken over from an earlier sentence: same source, but not named here."""
    return Hop(citing="", cited=hop.cited, cited_kind=hop.cited_kind, cited_text="", cue="",
               rule_id=hop.rule_id if hop.rule_id in ("wire", "interview") else "continuation", hedge=hop.hedge,
               source_id=hop.source_id)


def _dedupe(paths: list[list[Hop]]) -> list[list[Hop]]:
    seen: set[tuple[str, ...]] = set()
    out = []
    for p in paths:
        key = tuple(h.cited.lower() for h in p)
        if key and key not in seen:
            seen.add(key)
            out.append(p)
        elif key:
            _keep_cue(next(q for q in out if tuple(h.cited.lower() for h in q) == key)[-1], p[-1])
    return out


def _keep_cue(kept: Hop, lost: Hop) -> None:
    """'Fowler said ... and he noted ...': the path of 'he' repeats Fowler's; its cue is one more of his."""
    if lost.cue_start is None or lost.cue_start == kept.cue_start or lost.cue_end is None:
        return
    named = None if lost.source_start is None else Span(lost.source_start, lost.source_end or lost.source_start, lost.cited_text)
    kept.also_cues = (*kept.also_cues, (Span(lost.cue_start, lost.cue_end, lost.cue), named), *lost.also_cues)


def _label_colon(text: str, label: Span) -> Span:
    """The colon after a speaker label ('TAPPER: ...') is the label's cue; '((Jane Roe))' has none."""
    m = _LABEL_COLON.match(text, label.end)
    return Span(m.end() - 1, m.end(), ":") if m else Span(-1, -1, "")


_LABEL_COLON = regex.compile(r"[ \t]*:")
