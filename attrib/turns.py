"""Stage 2b, transcript turns: who speaks each sentence of an interview, and which sentences are translations.

An interview transcript gives each turn a speaker label at the head of a paragraph:
"((Jane Roe)) ...", "JANE ROE: ...", "Q: ..." / "A: ...", or initials ("((JR))", "JR:") that
stand for the person the article introduces. A turn runs over sentences and paragraphs until
the next label. This pass reads the whole document once, finds the labels, resolves each to a
speaker (initials to the name the article gives, "A" to the person interviewed), decides who
is the publisher's own interviewer (whose turns are the publisher's voice), and records on
each sentence its `speaker` and the `label` at its head. Language tags ("((es))Spanish
language: ...") are not speakers: the sentence they open translates the one before it.

Only structure is found here; the chain stage turns a speaker into a hop.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from itertools import takewhile

import regex

from .lexicon import Lexicon, list_words, load_lexicon
from .records import Sentence, Span, Speaker

# "((Jane Roe))", "((WSS)) :" -- but not a language tag "((es))"
_PAREN = regex.compile(r"\(\((?P<name>[^()\n]{1,60}?)\)\)(?:[ \t]*:)?")
_LANGUAGE_CODE = regex.compile(r"[a-z]{2,3}(?:-[A-Za-z]{2,4})?")
# "JANE ROE:", "Jane Roe:", "JR:", "Q:" -- one to four capitalised words before a colon
_COLON = regex.compile(r"(?P<name>\p{Lu}[\p{L}\p{M}'’.-]*(?:[ \t]+\p{Lu}[\p{L}\p{M}'’.-]*){0,3})[ \t]*:(?=\s)")
# "JR Well, ..." -- initials without punctuation (accepted only when they stand for a person of the article)
_BARE_INITIALS = regex.compile(r"(?P<name>\p{Lu}{2,4})[ \t]+(?=[\p{Lu}\"“‘'])")
# "Jane Roe I am ..." -- a full name without punctuation (accepted only when its initials are a label too)
_BARE_NAME = regex.compile(r"(?P<name>\p{Lu}\p{Ll}+(?:[ \t]+\p{Lu}\.)?(?:[ \t]+\p{Lu}[\p{Ll}'’-]+){1,2})[ \t]+(?=\p{Lu})")
# "QWhat would ...": a question mark glued to its question (accepted only beside "A:" answers)
_GLUED_Q = regex.compile(r"(?P<name>Q)(?=\p{Lu}[\p{Ll}'’]|[\"“])")
# "((es))Spanish language: ‍", "((ru))Russian: "
_LANGUAGE_TAG = regex.compile(r"(?:\(\((?P<code>[a-z]{2,3}(?:-[A-Za-z]{2,4})?)\)\)(?:[ \t]*\p{Lu}\p{Ll}+(?:[ \t]+language)?[ \t]*:)?"
                           r"|\p{Lu}\p{Ll}+[ \t]+language[ \t]*:)[\s\u200d]*")
_PERSON = regex.compile(r"(?<![\p{L}\p{M}'’.-])\p{Lu}[\p{Ll}\p{M}'’-]+(?:[ \t]+(?:\p{Lu}\.|\p{Lu}[\p{Ll}\p{M}'’-]+)){1,3}(?![\p{L}\p{M}])")
_WORD = regex.compile(r"[\p{L}']+")
_NON_SPACE = regex.compile(r"\S")
_INITIALISM = regex.compile(r"\p{Lu}{2,4}")
_QUESTION_END = regex.compile(r"\?[\"”’'»)\]\s]*$")
_FIRST_PERSON = regex.compile(r"(?i)\b(?:%s)\b" % list_words("first_person_words"))
LABEL_WINDOW = 80            # characters before a name searched for "reporter" and the publisher's name


@dataclass(frozen=True)
class Label:
    """A candidate speaker label at the head of a paragraph."""

    sentence: int      # position in the sentence list
    style: str         # "paren", "colon", "initials", "name" or "glued"
    name: Span         # the name as written, offsets into the document
    whole: Span        # the whole label, punctuation included


@dataclass(frozen=True)
class TranscriptReader:
    """Label lists from attrib/rules/lists.toml; build once with `TranscriptReader.create()`."""

    interviewer_labels: frozenset[str]
    interviewee_labels: frozenset[str]
    not_speaker: frozenset[str]
    function_words: frozenset[str]
    titles: frozenset[str]
    org_words: frozenset[str]
    english: frozenset[str]
    openers: frozenset[str]          # capitalised sentence openers (stop_caps): never a first name
    interviewer_role: regex.Pattern  # a role word that ends right before the name

    @classmethod
    def create(cls, lexicon: Lexicon | None = None) -> "TranscriptReader":
        lists = (lexicon or load_lexicon()).lists
        return cls(
            interviewer_labels=frozenset(w.lower() for w in lists["interviewer_labels"]),
            interviewee_labels=frozenset(w.lower() for w in lists["interviewee_labels"]),
            not_speaker=frozenset(w.lower() for w in lists["not_speaker_labels"]),
            function_words=frozenset(w.lower() for w in lists["function_words"]),
            titles=frozenset(lists["titles"]), org_words=frozenset(lists["org_words"]),
            english=frozenset(lists["english_markers"]), openers=frozenset(lists["stop_caps"]) | {"Meet"},
            interviewer_role=regex.compile(r"(?i)\b\L<roles>[\s,]*$", roles=lists["interviewer_roles"]))

    def mark(self, text: str, sentences: list[Sentence], publisher: str = "", title: str = "") -> list[Sentence]:
        """The sentences of one document with their `speaker`, `label` and `translation` (new records;
        the list given is left as it was)."""
        sentences = list(sentences)
        if "((" in text or "language:" in text:
            self._mark_translations(sentences)
        labels = self._labels(text, sentences)
        if any(lab.style in ("paren", "colon", "glued") for lab in labels):  # bare labels never come alone
            _Transcript(self, text, sentences, labels, publisher, title).assign()
        return sentences

    # -- language tags ------------------------------------------------------
    def _mark_translations(self, sentences: list[Sentence]) -> None:
        previous: Sentence | None = None
        for i, s in enumerate(sentences):
            if s.clutter:
                continue
            m = _LANGUAGE_TAG.match(s.text)
            if m and (m.group("code") or self._foreign(s.text[m.end():])):  # "Spanish language: ..." alone too
                s = sentences[i] = replace(s, label=Span(s.start, s.start + len(m.group().rstrip()),
                                                         m.group().rstrip()), translation=True)
            elif (previous is not None and previous.translation and previous.paragraph == s.paragraph
                  and self._foreign(s.text)):
                s = sentences[i] = replace(s, translation=True)  # the translation goes on past a sentence break
            previous = s

    def _foreign(self, text: str) -> bool:
        """Whether a sentence opens in another language: no common English word among its first words."""
        words = [w.lower() for w in _WORD.findall(text[:120])][:8]
        return bool(words) and not any(w in self.english for w in words)

    # -- labels -----------------------------------------------------------------
    def _labels(self, text: str, sentences: list[Sentence]) -> list[Label]:
        """Candidate labels: a label-shaped start of a sentence that also starts its line."""
        found: list[Label] = []
        heading = _heading_end(text)
        line_start = pos = 0
        for i, s in enumerate(sentences):
            newline = text.rfind("\n", pos, s.start)  # from the sentence before: linear on one huge line
            if newline >= 0:
                line_start = newline + 1
            pos = s.start
            if s.clutter or (s.start > line_start and _NON_SPACE.search(text, line_start, s.start)):
                continue
            label = self._label_at(s, i)
            if label is not None and label.style != "paren" and s.start < heading:
                continue  # a page's title line ('Star Wars Jedi: Fallen Order review') labels no turn
            if label is not None:
                found.append(label)
        return found

    def _label_at(self, s: Sentence, i: int) -> Label | None:
        t = s.text
        if m := _PAREN.match(t):
            name = m.group("name").strip()
            if not name or _LANGUAGE_CODE.fullmatch(name):
                return None
            lead = m.start("name") + m.group("name").index(name)
            return Label(i, "paren", Span(s.start + lead, s.start + lead + len(name), name),
                         Span(s.start, s.start + m.end(), m.group()))
        quoted = 1 if t[:1] in "\"“" and _COLON.match(t, 1) else 0  # one quotation a turn: '"SMITH: Let's ...'
        for style, pattern in (("colon", _COLON), ("initials", _BARE_INITIALS), ("name", _BARE_NAME),
                               ("glued", _GLUED_Q)):
            if (m := pattern.match(t, quoted)) is None:
                continue
            name = m.group("name")
            words = name.replace(".", " ").split()
            if any(w.lower() in self.function_words and w.lower() not in self.interviewer_labels | self.interviewee_labels
                   for w in words) or any(w.lower() in self.not_speaker for w in words):
                return None
            if words and words[0].capitalize() in self.openers and len(words) > 1:
                return None  # 'DEAR ABBY:' opens a letter, 'However, Smith:' nothing
            whole = m.group().rstrip()
            at = s.start + quoted
            return Label(i, style, Span(at, at + len(name), name), Span(s.start, at + len(whole), t[:quoted] + whole))
        return None


class _Transcript:
    """One document's labels, resolved to speakers and spread over the turns."""

    def __init__(self, reader: TranscriptReader, text: str, sentences: list[Sentence], labels: list[Label],
                 publisher: str, title: str) -> None:
        self.reader = reader
        self.text = text
        self.sentences = sentences
        self.labels = labels
        self.publisher = publisher.strip()
        words = [w for w in regex.split(r"[\s-]+", self.publisher) if w and w.lower() != "the"]
        self.publisher_names = frozenset(  # "((Wikinews))", "((NYT))" in The New York Times
            n.lower() for n in (self.publisher, "".join(w[0] for w in words) if len(words) > 1 else "") if n)
        prose = list(text)
        for lab in labels:  # a label names nobody by itself: people are counted in the prose
            if lab.style != "name":  # (a bare name may as well be the prose's own subject)
                prose[lab.whole.start:lab.whole.end] = " " * (lab.whole.end - lab.whole.start)
        self.prose = title + "\n" + "".join(prose)
        first = next((lab for lab in labels if lab.style != "name"), labels[0])
        self.intro = title + "\n" + text[:sentences[first.sentence].start]
        self.people = self._people(self.prose)
        self._interviewer_names: dict[str, bool] = {}  # memo: labels repeat the same few names
        self._interviewee_name: str | None = None
        self.label_names = frozenset(  # "JOHN SMITH:" names the "SMITH:" that follows
            " ".join(w.capitalize() for w in lab.name.text.split()) if lab.name.text.isupper() else lab.name.text
            for lab in labels if lab.style in ("paren", "colon") and len(lab.name.text.split()) > 1)

    # -- who the labels stand for ----------------------------------------------
    def _names(self, text: str) -> list[str]:
        """Full names in a text, titles dropped ("Vice President Joe Biden" -> "Joe Biden")."""
        names = []
        for m in _PERSON.finditer(text):
            tokens = m.group().split()
            # a capitalised opener is not a first name: 'Introducing Junior Gaspard', 'Meet Jane Roe'
            while len(tokens) > 2 and (tokens[0] in self.reader.openers or tokens[0].endswith("ing")):
                tokens = tokens[1:]
            while len(tokens) > 2 and tokens[0] in self.reader.titles:
                tokens = tokens[1:]
            if (len(tokens) >= 2 and tokens[0] not in self.reader.titles
                    and not any(t in self.reader.org_words for t in tokens)):
                names.append(" ".join(tokens))
        return names

    def _people(self, text: str) -> Counter[str]:
        """Full names the article gives, each counted by how often its surname occurs."""
        names = self._names(text)
        surnames = Counter(n.split()[-1] for n in names)
        return Counter({n: surnames[n.split()[-1]] for n in names})

    def _by_initials(self, initials: str) -> str:
        matches = [n for n in self.people if "".join(w[0] for w in n.split()) == initials]
        return max(matches, key=lambda n: (self.people[n], len(n))) if matches else ""

    def _by_surname(self, surname: str) -> str:
        matches = [n for n in self.people if n.split()[-1].lower() == surname.lower()]
        if not matches:
            matches = [n for n in self.label_names if n.split()[-1].lower() == surname.lower()]
        return max(matches, key=lambda n: (self.people[n], len(n))) if matches else ""

    def _interviewee(self) -> str:
        """The person the introduction is about: the full name whose surname it repeats most."""
        if self._interviewee_name is not None:
            return self._interviewee_name
        counts: Counter[str] = Counter()
        for name in self._names(self.intro):
            if name not in counts and not self._introduced_as_interviewer(name):
                counts[name] = len(regex.findall(r"\b%s\b" % regex.escape(name.split()[-1]), self.intro))
        self._interviewee_name = max(counts, key=lambda n: (counts[n], -self.intro.find(n))) if counts else ""
        return self._interviewee_name

    def _introduced_as_interviewer(self, name: str) -> bool:
        """'Wikinews accredited reporter William S. Saturn', 'our correspondent Jane Roe'."""
        if name not in self._interviewer_names:
            self._interviewer_names[name] = any(
                self.reader.interviewer_role.search(before) and (
                    (self.publisher and self.publisher.lower() in before.lower())
                    or regex.search(r"(?i)\b(?:our|this)\b", before))
                for before in (self.prose[max(0, m.start() - LABEL_WINDOW):m.start()]
                               for m in regex.finditer(regex.escape(name), self.prose)))
        return self._interviewer_names[name]

    def _resolve(self, label: Label) -> tuple[str, bool, str]:
        """The speaker a label stands for: (name, is the publisher's interviewer, how it was found).

        How: "role" (an interviewer or interviewee label), "named" (a person the article
        names), "initials" (initials of one), or "unnamed".
        """
        name = " ".join(label.name.text.split())
        low = name.lower()
        if low in self.reader.interviewer_labels or low in self.publisher_names:
            return name, True, "role"
        if low in self.reader.interviewee_labels:
            return self._interviewee(), False, "role"
        words = name.replace(".", " ").split()
        if name.isupper() and 2 <= len(name) <= 4 and len(words) == 1:
            person = self._by_initials(name)
            if person:
                return person, self._introduced_as_interviewer(person), "initials"
            if label.style != "colon" or name not in self.people:
                return name, False, "unnamed"  # initials of nobody the article names: kept as written
        if name.isupper():
            name = " ".join(w.capitalize() for w in words)
        if len(name.split()) == 1:
            name = self._by_surname(name) or name
        surname = name.split()[-1]
        named = name in self.people or any(n.split()[-1] == surname for n in self.people)
        return name, self._introduced_as_interviewer(name), "named" if named else "unnamed"

    def speakers(self) -> list[tuple[Label, Speaker]]:
        """Labels that open turns, with their speakers.

        Bracketed labels always do; a "Name:" label when the document has two or more such
        labels and this one names someone the article names, recurs, or is written in
        capitals where someone speaks twice in capitals ("KATE ROE:" ... "ROE:"); bare initials when
        they recur and stand for someone the article names; a bare full name when its
        initials are a label too ("Michael Siegel I am ..." before "MS We did ...").
        """
        resolved = {id(lab): self._resolve(lab) for lab in self.labels}
        per_name = Counter(resolved[id(lab)][0] for lab in self.labels)
        colon = [resolved[id(lab)][0] for lab in self.labels if lab.style in ("colon", "glued")]
        # capitals before a colon are the transcript's convention once someone speaks twice in it
        capitals = len(colon) >= 2 and max(Counter(colon).values()) >= 2
        kept: list[Label] = []
        for lab in self.labels:
            name, _, how = resolved[id(lab)]
            if not name:
                continue
            if lab.style == "colon" and (len(colon) < 2 or not (
                    how != "unnamed" or per_name[name] >= 2 or (capitals and lab.name.text.isupper()))):
                continue
            if lab.style == "initials" and not (how == "initials" and per_name[name] >= 2):
                continue
            if lab.style == "glued" and not any(
                    x.style == "colon" and x.name.text.lower() in self.reader.interviewee_labels for x in self.labels):
                continue
            kept.append(lab)
        initials = {lab.name.text for lab in kept if lab.style != "name"}
        kept = [lab for lab in kept
                if lab.style != "name" or "".join(w[0] for w in lab.name.text.split()) in initials]
        voices = {resolved[id(lab)][0] for lab in kept}
        if len(voices) == 1 and all(lab.style == "colon" and resolved[id(lab)][2] != "role" for lab in kept):
            kept = []  # one 'Name:' over and over is a list's field ('Star Wars Jedi: Fallen Order'), not a talk
        self._questioners(kept, resolved)
        return [(lab, Speaker(name=resolved[id(lab)][0], interviewer=resolved[id(lab)][1], label=lab.name))
                for lab in kept]

    def _questioners(self, kept: list[Label], resolved: dict[int, tuple[str, bool, str]]) -> None:
        """Initials that only ever ask, where others answer, are the interviewer's when the article
        names nobody by them ("((RS))") or only someone else who shares them. A name written out
        is a person, whoever they work for."""
        asks: dict[str, list[bool]] = {}
        for lab in kept:
            asks.setdefault(resolved[id(lab)][0], []).append(is_question(self._paragraph_text(lab.sentence)))
        someone_answers = any(not all(a) for a in asks.values())
        for lab in kept:
            name, interviewer, how = resolved[id(lab)]
            if (not interviewer and how in ("unnamed", "initials") and _INITIALISM.fullmatch(lab.name.text)
                    and all(asks[name]) and (someone_answers or how == "unnamed")):
                resolved[id(lab)] = (name if how == "unnamed" else lab.name.text, True, how)

    def _paragraph_text(self, index: int) -> str:
        return " ".join(s.text for s in self._sentences_of(index))

    @staticmethod
    def _about(speaker: Speaker, text: str) -> bool:
        """A paragraph that names the speaker and never says "I" or "we" is told about them, not by them."""
        names = [w for w in speaker.name.replace(".", " ").split() if len(w) > 2]
        return (_FIRST_PERSON.search(text) is None
                and any(regex.search(r"(?<![\p{L}'’-])%s(?![\p{L}'’-])" % regex.escape(w), text) for w in names))

    def _sentences_of(self, index: int) -> list[Sentence]:
        paragraph = self.sentences[index].paragraph
        return [s for s in takewhile(lambda s: s.paragraph == paragraph, self.sentences[index:]) if not s.clutter]

    # -- turns --------------------------------------------------------------------
    def assign(self) -> None:
        """Give each sentence the speaker of its turn.

        A speaker's turn runs over paragraphs until the next label, or until a paragraph
        made only of questions (the interviewer asking without a label) or one that names the
        speaker without a first-person word (the article's prose about them); a paragraph in
        square brackets is the editor's aside and belongs to no turn. The interviewer's
        turn ends with its paragraph: what follows without a label is the article's prose,
        or, when the transcript has one interviewee, the interviewer has just asked and the
        paragraph speaks in the first person, that interviewee's answer with its label missing.
        """
        accepted = self.speakers()
        if not accepted:
            return
        at = {lab.sentence: (lab, speaker) for lab, speaker in accepted}
        interviewees = {sp.name for _, sp in accepted if not sp.interviewer}
        sole = next((sp for _, sp in accepted if not sp.interviewer), None) if len(interviewees) == 1 else None
        current: Speaker | None = None
        last: Sentence | None = None      # the last sentence of the current turn
        asked = False                     # the paragraph before was the interviewer's question
        aside = -1                        # a paragraph in square brackets: the editor's, inside a turn
        for i, s in enumerate(self.sentences):
            if s.clutter or s.paragraph == aside:
                continue
            if i not in at and s.paragraph != (last.paragraph if last else -1) and _is_aside(self._sentences_of(i)):
                aside = s.paragraph
                continue
            if i in at:
                lab, current = at[i]
                if s.label is None:
                    s = self.sentences[i] = replace(s, label=lab.whole)
            elif last is not None and s.paragraph != last.paragraph:
                asked = current is not None and current.interviewer and is_question(last.text)
                if current is not None and current.interviewer:
                    current = None
                if current is None and asked and sole is not None and _FIRST_PERSON.search(self._paragraph_text(i)):
                    current = sole
                elif current is not None and not current.interviewer and (
                        _only_questions(self._sentences_of(i)) or self._about(current, self._paragraph_text(i))):
                    current = None
            if current is not None:
                s = self.sentences[i] = replace(s, speaker=current)
            last = s


def _heading_end(text: str) -> int:
    """Where a headline ends: the first line when a blank line follows (as a page or table row gives)."""
    first = text.find("\n\n")
    return first if 0 < first <= 300 and "\n" not in text[:first].strip() else 0


def _is_aside(sentences: list[Sentence]) -> bool:
    """'[The volunteer added: ...]': an editor's note in square brackets, not the speaker's words."""
    return bool(sentences) and sentences[0].text.startswith("[") and sentences[-1].text.rstrip(".”\"' ").endswith("]")


def _only_questions(sentences: list[Sentence]) -> bool:
    return bool(sentences) and all(is_question(s.text) for s in sentences)


def is_question(text: str) -> bool:
    """Whether a text asks (ends with a question mark): a question asserts nothing."""
    return bool(_QUESTION_END.search(text.strip()))

