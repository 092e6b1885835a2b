"""People named in a document: the index of full names, titles and genders, and the names each
sentence mentions, kept for later pronouns and descriptions.
"""
from __future__ import annotations

from collections import Counter

import regex

from ..lexicon import list_pattern, word_list, word_table
from ..mentions import FULL_NAME, NAME_RUN, NAME_WORD, not_a_person_name, possessor
from ..records import Document, Frame, Hop, Sentence
from ..resolve import PRONOUNS, Resolved, Resolver
from ..gazetteer import OUTLET_KINDS
from .paths import SPACE_RE, Mention, enclosing, is_title_case, title_pattern
from ..rules.cache import compile_cached

MENTION_HORIZON = 12     # sentences: pronouns and descriptions look no further back
TITLE_WINDOW = 20_000    # characters searched back for "Russian President Vladimir Putin"
CONTINUATION_CUES = frozenset(word_list("continuation_cues"))
ASKING_CUES = frozenset(word_list("asking_cues"))
CONTINUATION_ADVERBS = compile_cached(r"(?i)\b(?:also|further|again|later|then)\b")
PERSON_KINDS = frozenset({"person"})
THING_KINDS = OUTLET_KINDS | {"government_body", "organisation", "country", "pollster", "description"}
# the nouns a later "the newspaper", "the poll" may be, and the kinds of source each stands for
KIND_NOUNS = {noun: frozenset(kinds) for noun, kinds in word_table("antecedent_kinds").items()}
OUTLET_WINDOW = 6_000    # characters searched back for the outlet "the newspaper" stands for
PERSON_ROLES = frozenset(word_list("person_roles"))
_TITLE_WORDS = frozenset(word_list("titles"))
_ROLE_DESCRIPTION = compile_cached(r"(?i)\bthe\s+((?:[\w-]+\s+){0,2}(?:%s))\b" % "|".join(sorted(PERSON_ROLES)))
GENDER_TITLE = compile_cached(r"\b(Mr|Mrs|Ms|Miss)\.?\s+(\p{Lu}[\p{L}'’-]+)")
_SURNAME = compile_cached(r"(?<![\p{L}'’.-])(%s)(?:['’]s?)?(?![\p{L}])" % NAME_WORD)
_HANDLE = compile_cached(r"(?<![\w@])@(\w{4,30})")
# a name used as a modifier ("an avowed Trump supporter", "the Obama administration") is not who a
# later pronoun stands for
_MODIFIER_USE = compile_cached(r"\s+%s\b" % list_pattern("modifier_nouns"))
_DESCRIPTION = compile_cached(r"(?i)^(?:the|this|that)\s+((?:[\w-]+\s+){0,2}[\w-]+)$")


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


def first_lines(text: str, n: int) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, line))
            if len(out) >= n:
                break
        pos += len(line) + 1
    return out


def people_index(text: str, resolver: Resolver) -> dict[str, str]:
    """Surname -> fullest name of the person the document names most under it ("Putin" -> "Vladimir Putin";
    "Trump" -> "Donald J. Trump" in an article that names Melania Trump once and Donald Trump often)."""
    named: dict[str, Counter[str]] = {}
    for line in text.split("\n"):
        if is_title_case(line):  # a headline's capitals are not names ("Here's Why Winning Iowa Could ...")
            continue
        ends = set()
        for m in (*FULL_NAME.finditer(line), *NAME_RUN.finditer(line)):
            if m.end() in ends:  # a run FULL_NAME read whole already
                continue
            ends.add(m.end())
            resolved = resolver.resolve(m.group())
            if (resolved.kind == "person" and len(resolved.name.split()) >= 2
                    and not not_a_person_name(line, m, resolved) and not _opens_question(line, m, resolver)):
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


_SENTENCE_END = compile_cached(r"[.?!](?=[\s\"'”’)]|$)")
_SENTENCE_OPENING = compile_cached(r"(?:^|[.?!:][\"'”’)]*\s+|\)\)\s+)[\"'“‘(]*$")  # "((WN))  Will ..."


def _opens_question(line: str, m: regex.Match, resolver: Resolver) -> bool:
    """'Will Red Hat employees be barred ...?': a modal that opens a question ("Will", "May") is not the
    first name of whoever follows it, so "Red Hat" does not become "Will Red Hat" in the index."""
    if m.group().split()[0] not in resolver.name_openers or not _SENTENCE_OPENING.search(line, 0, m.start()):
        return False
    end = _SENTENCE_END.search(line, m.end())
    return end is not None and end.group() == "?"


def reads_as_description(words: str, resolved: Resolved) -> bool:
    """'the newspaper', 'the Democratic senator': words that stand for a source named earlier. A role
    written with capitals ('the President', 'the Vice President', 'the Defence Secretary': house style in
    many newsrooms) is one too, when every capitalised word is a title word and a person's role ends it."""
    cleaned = SPACE_RE.sub(" ", words.strip())
    match = _DESCRIPTION.match(cleaned)
    if resolved.kind not in ("group", "organisation", "person") or not match:
        return False
    words_after = cleaned.split()[1:]   # _DESCRIPTION: at least one word after "the"
    last = words_after[-1].lower()
    if not any(w[:1].isupper() for w in words_after):
        return last in PERSON_ROLES or last in KIND_NOUNS or match.group(1).lower() in KIND_NOUNS
    return last in PERSON_ROLES and all(not w[:1].isupper() or w in _TITLE_WORDS for w in words_after)


SAME_PERSON = {w: compile_cached(p) for ws, p in (
    (("he", "him"), r"(?i)\b(?:he|him|his)\b"), (("she", "her"), r"(?i)\b(?:she|her|hers)\b")) for w in ws}
_POSSESSIVE_AFTER = compile_cached(r"['’]s?(?!\w)")


def _is_possessive(text: str, m: regex.Match) -> bool:
    """A name written as a possessor: "Tsege's arrest", "Jones' book"."""
    return m.group() != possessor(m.group()) or _POSSESSIVE_AFTER.match(text, m.end()) is not None


class PeopleMixin:
    """DocumentChains methods on people (state lives on DocumentChains)."""

    def _titled_person(self, description: str, before: int) -> Resolved | None:
        """'the Russian president' -> the last 'Russian President Vladimir Putin' before it."""
        words = description.split()
        if not words or words[-1] not in PERSON_ROLES:
            return None
        pattern = title_pattern(tuple(words))
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
        names = self._names_in(sentence)
        if names is None:  # a headline's capitals are not names
            new.sort(key=lambda x: x.position)
            return new
        full_names, surnames, handles, described = names
        for start, end, modifier, resolved, possessive in full_names:
            if any(a < end and start < b for a, b in hop_spans) or modifier or resolved is None:
                continue
            taken.append((start, end))
            new.append(Mention(sentence.index, sentence.paragraph, start, resolved,
                               enclosing(paths, frames, start), False, possessive))
        for start, full, possessive in surnames:  # "Nega", named in full earlier: a mention of Berhanu Nega
            if any(a <= start < b for a, b in (*hop_spans, *taken)):
                continue
            new.append(Mention(sentence.index, sentence.paragraph, start,
                               Resolved(name=full, kind="person", source_id="person:" + full.lower()),
                               enclosing(paths, frames, start), False, possessive))
        for start, full in handles:  # "@TomRuiz's feed ... he tweeted": the handle of a person named
            if not any(a <= start < b for a, b in (*hop_spans, *taken)):
                new.append(Mention(sentence.index, sentence.paragraph, start,
                                   Resolved(name=full, kind="person", source_id="person:" + full.lower()),
                                   enclosing(paths, frames, start), False))
        for start, person in described:
            new.append(Mention(sentence.index, sentence.paragraph, start, person,
                               enclosing(paths, frames, start), False))
        new.sort(key=lambda x: x.position)
        return new

    def _names_in(self, sentence: Sentence) -> tuple[list, list, list, list] | None:
        """The people a sentence names, whatever its frames (found once per sentence: `_people_of` reads each
        sentence twice, while it is read and once its chains are built): full names (start, end, whether a
        modifier noun follows, the person or None, possessive), surnames of people named in full (start,
        full name, possessive), handles (start, full name) and descriptions ('the Russian president': start,
        the person). None for a headline in title case."""
        key = (sentence.index, sentence.start, sentence.text)
        if key in self._sentence_names:
            return self._sentence_names[key]
        text = sentence.text
        if is_title_case(text):
            self._sentence_names[key] = None
            return None
        full_names = []
        for m in FULL_NAME.finditer(text):
            start, end = sentence.start + m.start(), sentence.start + m.end()
            modifier = _MODIFIER_USE.match(text, m.end()) is not None
            person = None
            if not modifier:
                resolved = self.resolver.resolve(m.group())
                if not not_a_person_name(text, m, resolved):
                    resolved = self._canonical_person(resolved)
                    if resolved.kind == "person" and resolved.name.lower() not in PRONOUNS:
                        person = resolved
            full_names.append((start, end, modifier, person, _is_possessive(text, m) if person else False))
        surnames = []
        for m in _SURNAME.finditer(text):
            full = self.people.get(m.group(1)) or self.people.get(possessor(m.group(1)))  # "Rubio’s strategy"
            if full is not None and not _MODIFIER_USE.match(text, m.end()):
                surnames.append((sentence.start + m.start(), full, _is_possessive(text, m)))
        handles = []
        for m in _HANDLE.finditer(text):
            squashed = m.group(1).lower()
            full = next((f for f in self.people.values() if len(f.split()) > 1
                         and "".join(f.lower().split()) in squashed), None)
            if full is not None:
                handles.append((sentence.start + m.start(), full))
        described = []
        for m in _ROLE_DESCRIPTION.finditer(text):
            start = sentence.start + m.start()
            person = self._titled_person(m.group(1).lower(), start)
            if person is not None:
                described.append((start, person))
        found = self._sentence_names[key] = (full_names, surnames, handles, described)
        return found
