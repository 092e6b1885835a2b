"""Stage 5, build chains: nest the frames of a sentence and follow the document.

Within a sentence, a frame whose cue lies in another frame's content is cited
by it ("According to Al Jazeera, KCNA said" -> Al Jazeera > KCNA). Across
sentences, pronouns, descriptions ("the dictator") and continuations
("KCNA reportedly added", "it added") take the chain of the source they stand
for. Wire copy puts the agency at the head of every path.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from .lexicon import word_list
from .records import Document, Frame, Hop, Sentence, Span, Statement
from .resolve import OUTLET_KINDS, PRONOUNS, Resolved, Resolver, clean_mention

MENTION_HORIZON = 8      # sentences: pronouns and descriptions look no further back
TITLE_WINDOW = 20_000    # characters searched back for "Russian President Vladimir Putin"
CONTINUATION_CUES = frozenset(word_list("continuation_cues"))
CONTINUATION_ADVERBS = regex.compile(r"(?i)\b(?:also|further|again|later|then)\b")
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
}
PERSON_ROLES = frozenset(word_list("person_roles"))
_ROLE_DESCRIPTION = regex.compile(r"(?i)\bthe\s+((?:[\w-]+\s+){0,2}(?:%s))\b" % "|".join(sorted(PERSON_ROLES)))
_WORDS = regex.compile(r"\w+")
_FULL_NAME = regex.compile(r"(?<![\p{L}'’-])\p{Lu}[\p{Ll}'’-]+(?:\s+(?:\p{Lu}[\p{Ll}'’-]+|Jong|bin|al|de|van)){1,3}(?![\p{L}])")
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
    last_statement: Statement | None = None
    people: dict[str, str] = field(default_factory=dict)

    @classmethod
    def start(cls, doc: Document, resolver: Resolver) -> "DocumentChains":
        publisher = publisher_of(doc, resolver)
        state = cls(doc=doc, resolver=resolver, publisher=publisher)
        state.people = _people_index(doc.text, resolver)
        wire = doc.wire.strip()
        for block in _first_lines(doc.text, 4):
            m = _WIRE_DATELINE.match(block[1])
            if m:
                wire = wire or m.group("wire")
                break
        if wire:
            name = _WIRE_NAMES.get(wire.lower(), wire)
            state.wire = resolver.resolve(name)
        return state

    # -- one sentence -----------------------------------------------------
    def statement(self, sentence: Sentence, frames: list[Frame]) -> Statement:
        sid = f"{self.doc.doc_id}:{sentence.index:04d}"
        stmt = Statement(doc_id=self.doc.doc_id, statement_id=sid, sentence=sentence, publisher=self.publisher.name)
        if sentence.clutter:
            return stmt
        main = _attach(frames)
        paths: list[list[Hop]] = []
        if self._credits_previous(sentence, main):
            return stmt
        if main:
            paths = self._paths(sentence, main)
        elif self._continues_quote(sentence):
            paths = [[_carried(h) for h in p] for p in self.previous_paths]
        self._remember_people(sentence, main, paths)
        if self.wire is not None:
            paths = self._with_wire(paths)
        stmt.paths = _dedupe(paths)
        self.last_statement = stmt
        if main or (sentence.in_quote and paths):
            self.previous_paths = [p[1:] if self.wire is not None and p and p[0].rule_id == "wire" else p
                                   for p in stmt.paths]
            self.previous_sentence = sentence.index
            self.previous_paragraph = sentence.paragraph
        return stmt

    def _paths(self, sentence: Sentence, frames: list[Frame]) -> list[list[Hop]]:
        _set_content(sentence, frames)
        parent = _nest(frames, sentence.text, sentence.start)
        parents = {id(p) for p in parent.values()}
        out: list[list[Hop]] = []
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
            path = _collapse_repeats(path)
            if path:
                out.append(path)
        return out

    def _frame_hops(self, sentence: Sentence, frame: Frame, before: list[Hop], root: bool) -> list[Hop]:
        hops: list[Hop] = []
        if root and frame.outer is not None:
            outer = self.resolver.resolve(frame.outer.text)
            if outer.kind in OUTLET_KINDS and outer.source_id != self.publisher.source_id:
                hops.append(self._hop(outer, frame.outer, Span(-1, -1, ""), frame.outer_rule or frame.rule_id, ""))
        for i, (span, cue) in enumerate(zip(frame.hops, frame.cues)):
            rule_id = frame.hop_rules[i] if i < len(frame.hop_rules) and frame.hop_rules[i] else frame.rule_id
            words = frame.antecedent.text if (frame.antecedent is not None and i == 0) else span.text
            resolved = self.resolver.resolve(words)
            prefix: list[Hop] = []
            if resolved.kind == "pronoun" or _is_description(words, resolved):
                found = self._antecedent(words, resolved, sentence, span.start)
                if found is not None:
                    resolved, context = found
                    if root and i == 0 and not hops and not before:
                        prefix = context
            elif root and i == 0 and not hops and not before and self._continues(sentence, frame, cue, resolved):
                prefix = self._continuation_prefix(resolved)
            resolved = self._canonical_person(resolved)
            hops.extend(_carried(h) for h in prefix)
            hops.append(self._hop(resolved, span, cue, rule_id, frame.hedge if i == len(frame.hops) - 1 else ""))
        return hops

    def _hop(self, resolved: Resolved, span: Span, cue: Span, rule_id: str, hedge: str) -> Hop:
        return Hop(citing="", cited=self._display_name(resolved), cited_kind=resolved.kind, cited_text=span.text,
                   source_start=span.start if span.start >= 0 else None,
                   source_end=span.end if span.start >= 0 else None,
                   cue=cue.text, cue_start=cue.start if cue.start >= 0 else None,
                   cue_end=cue.end if cue.start >= 0 else None, rule_id=rule_id, hedge=hedge,
                   source_id=resolved.source_id)

    def _credits_previous(self, sentence: Sentence, frames: list[Frame]) -> bool:
        """A credit line of its own ('— MFA Russia (@mfa_russia) June 18') attributes the post above it."""
        if (len(frames) != 1 or frames[0].rule_id != "quote-credit" or self.last_statement is None
                or sentence.text[: frames[0].start - sentence.start].strip()):
            return False
        frame = frames[0]
        credit = self._canonical_person(self.resolver.resolve(frame.hops[0].text))
        hop = Hop(citing="", cited=self._display_name(credit), cited_kind=credit.kind, rule_id=frame.rule_id,
                  source_id=credit.source_id)
        previous = self.last_statement
        wire = [p[0] for p in previous.paths if p and p[0].rule_id == "wire"][:1]
        inner = [p[1:] if wire else p for p in previous.paths]
        inner = [p for p in inner if p]
        previous.paths = _dedupe([[*wire, hop, *p] for p in inner] or [[*wire, hop]])
        return True

    def _display_name(self, resolved: Resolved) -> str:
        """The gazetteer's name where the article uses it, else the alias the article gives ("MFA Russia").

        The source_id keeps the identity either way, for graphs and counts.
        """
        if resolved.entry is None or not resolved.alias or resolved.name in self.doc.text:
            return resolved.name
        return resolved.alias

    # -- context ----------------------------------------------------------
    def _continues_quote(self, sentence: Sentence) -> bool:
        """A quotation that goes on from an attributed sentence carries its chain.

        Either the sentence starts inside a quotation left open, or it is a quotation
        of its own right after an attributed sentence of the same paragraph.
        """
        if not self.previous_paths or sentence.index - self.previous_sentence > 1:
            return False
        if sentence.in_quote:
            return True
        return sentence.text[:1] in "“\"" and self.previous_paragraph == sentence.paragraph


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
            elif role == "thing":
                kinds = THING_KINDS
            elif role == "plural":
                kinds = frozenset({"group", "organisation", "government_body", "country"} | OUTLET_KINDS)
            else:
                return None
            return self._recent(kinds, sentence, position)
        head = low.split()[-1]
        if head in KIND_NOUNS or low in KIND_NOUNS:
            return self._recent(frozenset(KIND_NOUNS.get(low, KIND_NOUNS.get(head, set()))), sentence, position)
        person = self._titled_person(low, sentence.start)
        if person is not None:
            for m in reversed(self.mentions):
                if m.resolved.source_id == person.source_id and sentence.index - m.sentence <= 6:
                    return person, _context(m)
            return person, []
        return None

    def _recent(self, kinds: frozenset[str], sentence: Sentence, position: int) -> tuple[Resolved, list[Hop]] | None:
        best: Mention | None = None
        for m in reversed(self.mentions):
            if sentence.index - m.sentence > 4:
                break
            if m.sentence == sentence.index and m.position >= position:
                continue
            if m.resolved.kind not in kinds:
                continue
            if best is None:
                best = m
            elif m.sentence == best.sentence and m.is_source and not best.is_source:
                best = m
            elif m.sentence != best.sentence:
                break
        if best is None:
            return None
        return best.resolved, _context(best)

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
        source_starts = {h.source_start for p in paths for h in p}
        for m in _FULL_NAME.finditer(sentence.text):
            start = sentence.start + m.start()
            if start in source_starts:
                continue
            resolved = self._canonical_person(self.resolver.resolve(m.group()))
            if resolved.kind != "person" or resolved.name.lower() in PRONOUNS:
                continue
            new.append(Mention(sentence.index, sentence.paragraph, start, resolved,
                                         _enclosing(paths, frames, start), False))
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
    """Surname -> fullest person name in the document ("Putin" -> "Vladimir Putin")."""
    people: dict[str, str] = {}
    for m in _FULL_NAME.finditer(text):
        resolved = resolver.resolve(m.group())
        if resolved.kind != "person" or len(resolved.name.split()) < 2:
            continue
        last = resolved.name.split()[-1]
        if len(resolved.name) > len(people.get(last, "")):
            people[last] = resolved.name
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
                    and not after.lower().startswith(("that", ":"))):
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
            between = text[g.end - offset:f.start - offset]
            if _COORDINATED.search(between) and f.hops and f.hops[0].start == f.start:
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
    if m.is_source:
        return m.path[:-1]
    return list(m.path)


def _is_description(words: str, resolved: Resolved) -> bool:
    cleaned = _SPACE_RE.sub(" ", words.strip())
    return resolved.kind in ("group", "organisation", "person") and bool(_DESCRIPTION.match(cleaned)) and (
        cleaned.split()[-1].lower() in PERSON_ROLES or cleaned.split()[-1].lower() in KIND_NOUNS) and not any(
        w[:1].isupper() for w in cleaned.split()[1:])


_SPACE_RE = regex.compile(r"\s+")


def _same_source(hop: Hop, resolved: Resolved) -> bool:
    if hop.source_id and resolved.source_id:
        return hop.source_id == resolved.source_id
    return hop.cited.lower() == resolved.name.lower()


def _carried(hop: Hop) -> Hop:
    """A hop taken over from an earlier sentence: same source, but not named here."""
    return Hop(citing="", cited=hop.cited, cited_kind=hop.cited_kind, cited_text="", cue="",
               rule_id=hop.rule_id if hop.rule_id == "wire" else "continuation", hedge=hop.hedge,
               source_id=hop.source_id)


def _dedupe(paths: list[list[Hop]]) -> list[list[Hop]]:
    seen: set[tuple[str, ...]] = set()
    out = []
    for p in paths:
        key = tuple(h.cited.lower() for h in p)
        if key and key not in seen:
            seen.add(key)
            out.append(p)
    return out
