"""Interviews, transcript turns and wire copy: the outlet a speaker talked to, the speaker of a
turn, and the agency at the head of every path of wire copy.
"""
from __future__ import annotations

import dataclasses


from ..lexicon import list_pattern, word_list, word_table
from ..records import Frame, Hop, Sentence, Span
from ..resolve import Resolved
from ..turns import is_question
from .paths import carried_hop, collapse_repeats, dedupe, same_source
from ..rules.cache import compile_cached

INTERVIEW_HORIZON = 15   # sentences: how long a speaker's later quotes carry the outlet they spoke to
FIRST_PERSON = frozenset(word_list("first_person_pronouns"))  # in a transcript turn: the speaker
_WIRES = word_table("wire_names")
WIRE_DATELINE = compile_cached(
    r"^\s*(?:[\p{Lu}][\p{Lu}\p{M} .,'’-]{1,60}(?:,\s*[\p{L}.]+(?:\s+\d{1,2})?)?\s*)?"
    r"\((?P<wire>%s)\)\s*[-—–]+\s*" % "|".join(_WIRES))
WIRE_NAMES = {wire.lower(): name for wire, name in _WIRES.items()}
_QUESTION_CUES = frozenset(word_list("question_cues"))
_OWN_VENUE = compile_cached(r"(?i)\s*(?:,\s*)?(?:in|at|during|on)\s+(?:a|an|his|her|their|its|the|this|that)\s+"
                           r"(?:[\w'’-]+\s+){0,3}%s\b" % list_pattern("own_venue_events"))


def _label_colon(text: str, label: Span) -> Span:
    """The colon after a speaker label ('TAPPER: ...') is the label's cue; '((Jane Roe))' has none."""
    m = _LABEL_COLON.match(text, label.end)
    return Span(m.end() - 1, m.end(), ":") if m else Span(-1, -1, "")


_LABEL_COLON = compile_cached(r"[ \t]*:")


class InterviewMixin:
    """DocumentChains methods on interviews (state lives on DocumentChains)."""

    def _wired(self, paths: list[list[Hop]]) -> list[list[Hop]]:
        if self.wire is None:
            return paths
        return self._with_wire([p[1:] if p and p[0].rule_id == "wire" else p for p in paths])

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

    def _interview_context(self, sentence: Sentence, frame: Frame) -> list[Hop]:
        """A speech event without content ('Haldane spoke with the Gazette about Moreno') opens an interview.
        A question put there ('In an interview with KTVx, she was asked what went wrong') is the outlet's
        words: its hop, as the sentence's path (empty otherwise)."""
        if frame.outer is None or not frame.hops:
            return []
        resolved, _ = self._speaker(sentence, frame, 0, frame.hops[0], frame.cues[0], first=False)
        outer = self.resolver.addressee(frame.outer.text)
        hop = None
        if outer is not None and outer.source_id != self.publisher.source_id:
            hop = self._hop(outer, frame.outer, Span(-1, -1, ""), frame.rule_id, "")
        self._remember_interview(resolved, hop, sentence)
        cue_words = frame.cues[0].text.split() if frame.cues else []
        asked = bool(cue_words) and cue_words[-1] in _QUESTION_CUES   # "she was asked": the outlet's question
        return [hop] if asked and hop is not None else []

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
        return dedupe([collapse_repeats([hop, *p]) for p in paths if p]) or [[hop]]

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
        paths_of[-1] = dedupe([collapse_repeats([*wire, hop, *p]) for p in inner] or [[*wire, hop]])
        return True

    def _with_wire(self, paths: list[list[Hop]]) -> list[list[Hop]]:
        assert self.wire is not None
        wire_hop = Hop(citing="", cited=self.wire.name, cited_kind=self.wire.kind, rule_id="wire",
                       source_id=self.wire.source_id)
        if not paths:
            return [[carried_hop(wire_hop)]]
        out = []
        for p in paths:
            if p and same_source(p[0], self.wire):
                out.append(p)
            else:
                out.append([carried_hop(wire_hop), *p])
        return out
