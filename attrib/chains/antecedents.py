"""What a pronoun, a description or a continuation stands for: "he", "the senator", "the
newspaper", "its source", "X also said" resolved to the most recent compatible source or
mention, or marked unresolved.
"""
from __future__ import annotations


from ..lexicon import list_pattern
from ..mentions import DocumentMentions
from ..records import Frame, Hop, Sentence, Span
from ..resolve import PRONOUNS, Resolved, clean_mention
from ..gazetteer import OUTLET_KINDS
from .paths import LEADING_THE_RE, Mention, mention_context, same_source
from .people import (
    ASKING_CUES,
    CONTINUATION_ADVERBS,
    CONTINUATION_CUES,
    KIND_NOUNS,
    MENTION_HORIZON,
    OUTLET_WINDOW,
    PERSON_KINDS,
    SAME_PERSON,
    THING_KINDS,
    TITLE_WINDOW,
)
from ..rules.cache import compile_cached

OWNER_PRONOUN = {"their": "they", "its": "it", "his": "he"}   # an owner named by a possessive: its pronoun
_OWNED_SOURCE = compile_cached(r"(?i)^(?P<owner>its|their|the\s+%s(?=['’]))(?:['’]s?)?\s+(?:[\w-]+\s+){0,2}sources?$"
                              % list_pattern("owner_outlet_nouns"))


class AntecedentMixin:
    """DocumentChains methods on antecedents (state lives on DocumentChains)."""

    def _first_of_pronoun(self, sentence: Sentence, words: str, position: int) -> int:
        """'He conceded that Ortega could falter, but he said ...', 'He's leaning toward Kasich, he said': a he or
        she repeated in a sentence stands for whom its first occurrence there does, so the antecedent is looked
        for before that one (outside quotations: a quoted 'he' is the speaker's to mean)."""
        forms = SAME_PERSON.get(clean_mention(words).lower())
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
        if low not in SAME_PERSON or self._quotation_of(at, at + 1) < 0:
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

    def _display_name(self, resolved: Resolved) -> str:
        """The gazetteer's name where the article uses it, else the alias the article gives ("MFA Russia").

        The source_id keeps the identity either way, for graphs and counts.
        """
        if resolved.entry is None or not resolved.alias or resolved.name in self.doc.text:
            name = resolved.name
            if resolved.kind == "group" and len(name.split()) > 8 and " and " in name:
                name = name.split(" and ")[0]  # "researchers from A and B": a readable label, the first place named
            return name
        return resolved.alias

    # -- context ----------------------------------------------------------
    def _continues(self, sentence: Sentence, frame: Frame, cue: Span, resolved: Resolved) -> bool:
        if sentence.index - self.previous_sentence > 2 or not self.previous_paths:
            return False
        between = sentence.text[max(0, frame.hops[0].end - sentence.start):max(0, cue.start - sentence.start)]
        return cue.text.lower() in CONTINUATION_CUES or bool(CONTINUATION_ADVERBS.search(between))

    def _continuation_prefix(self, resolved: Resolved) -> list[Hop]:
        for path in self.previous_paths:
            if path and same_source(path[-1], resolved):
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
                    return person, mention_context(m)
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
        cleaned = LEADING_THE_RE.sub("", clean_mention(words))
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
        context = mention_context(best)
        if context and not best.is_source and context[-1].cue.lower() in ASKING_CUES:
            context = context[:-1]  # the one asked answers in their own voice, not in the asker's
        return best.resolved, context
