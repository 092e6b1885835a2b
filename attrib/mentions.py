"""Document-level mention state: the people and organisations a document has named so far.

Each named entity is kept with the cues the text gives it: its kind (person, outlet, agency, government
body, organisation, group), its gender ("Mr. Lee", "Ann", "a spokeswoman"), and the role words written
around its name ("Italian economic development minister Stefano Patuanelli" -> italian, economic,
development, minister; "Sen. Chris Coons (D-Del.)" -> senator, democratic; "Variety, the trade paper," ->
trade, paper). A pronoun ("he", "she", "it", "they") or a definite description ("the Democratic
senator", "the trade paper", "the woman") resolves to the most recent compatible entity named before it;
when nothing fits, the chain stage marks the pronoun unresolved rather than keep it as a source.
"""
from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field

import regex

from .lexicon import list_pattern, word_list, word_table
from .resolve import Resolved, Resolver
from .gazetteer import OUTLET_KINDS
from .rules.cache import compile_cached

_CONTRACTION = r"(?:I|It|He|She|We|They|You|That|There|Here|What|Who|Let)['’]\p{Ll}{1,2}\s"  # "I'm Rich Bowen"
NAME_WORD = r"\p{Lu}(?:['’]\p{Lu})?\p{Ll}*\p{Lu}?[\p{Ll}'’]+(?:-\p{Lu}\p{Ll}+)?"
# "Berhanu Nega", "Donald J. Trump", "Gilda Cobb-Hunter", "Kim Jong Un": two to four capitalised words
FULL_NAME = compile_cached(r"(?<![\p{L}'’.-])(?!%s)%s(?:\s+(?:\p{Lu}\.|%s|%s)){1,3}(?<!\.)(?![\p{L}])"
                          % (_CONTRACTION, NAME_WORD, NAME_WORD, list_pattern("name_particles")))
# a longer run of capitalised words that ends in a name: "United States President Donald Trump", "Mexico's
# Foreign Secretary Marcelo Ebrard" (FULL_NAME stops after four words, short of the surname)
NAME_RUN = compile_cached(r"(?<![\p{L}'’.-])(?!%s)%s(?:\s+(?:\p{Lu}\.|%s|%s)){4,7}(?<!\.)(?![\p{L}])"
                         % (_CONTRACTION, NAME_WORD, NAME_WORD, list_pattern("name_particles")))
# a capitalised name that may be an organisation: "Vessel Tracker", "the Investigative Committee", "Znak.com"
_CAPITALISED = compile_cached(r"(?<![\p{L}\d'’.-])\p{Lu}[\p{L}\d.&'’-]*(?:\s+(?:of\s+(?:the\s+)?|for\s+|and\s+)?"
                             r"\p{Lu}[\p{L}\d.&'’-]*){0,5}")

_SITE_NAME = compile_cached(r"\p{Lu}[\p{L}\d-]*\.(?:com|org|net|ru|ua|info|news|co\.uk|io)")

_HEAD_NAMES = word_table("head_names")
_NOT_DESCRIBED = frozenset({"person", "social_platform", "country", "place", "group"})
_SENTENCE_END = compile_cached(r"[.!?][\"”’)]*\s+(?=[\p{Lu}\"“‘(])")
_TITLES = frozenset(w.lower().rstrip(".") for w in word_list("titles"))
_ARTICLE_BEFORE = compile_cached(r"(?<![\p{L}'’])(?i:the|a|an|my|our|your)\s+$")
# a one-word name with a title before it or a speech verb after it: 'President Trump', 'Mr. Putin', 'Trump said'
_ONE_NAME = compile_cached(
    r"(?:\b%s"
    r"\s+(?P<name>\p{Lu}\p{Ll}+)(?![\w-]|\s+\p{Lu})"
    r"|(?<!\p{Lu}[\p{L}.'’-]*\s|[\w-])(?P<name>\p{Lu}\p{Ll}+)(?=\s+%s\b))"
    % (list_pattern("one_name_titles"), list_pattern("one_name_verbs")))
_POSSESSIVE = compile_cached(r"(?<=\w)['’]s?$")
_ACRONYM = compile_cached(r"\p{Lu}{3,6}")
# a thing named in between that 'it' may stand for as well as an organisation ("The subpoena was issued by
# the committee ... It also called for"): 'it' is left unresolved rather than guessed
_THING_BETWEEN = compile_cached(
    r"(?i)\b(?:a|an|the|this|that|its|his|her|their)\s+(?:[\w-]+\s+){0,2}%s\b" % list_pattern("thing_nouns"))

PERSONAL = word_table("pronoun_genders")
SINGULAR = frozenset({"it", "its"})
PLURAL = frozenset({"they", "them", "their"})
THING_KINDS = (OUTLET_KINDS - {"social_platform"}) | {"government_body", "organisation", "country", "pollster"}
PLURAL_KINDS = frozenset({"group"})  # "they" for a named agency, company or country is left to the chains
FEMALE_NOUNS = frozenset(word_list("female_nouns"))
MALE_NOUNS = frozenset(word_list("male_nouns"))
PERSON_ROLES = frozenset(word_list("person_roles")) | frozenset(word_list("person_heads")) | FEMALE_NOUNS | MALE_NOUNS
# what a description's head says about kind: "the newspaper" is an outlet, "the ministry" a government body
KIND_NOUNS: dict[str, frozenset[str]] = {noun: frozenset(kinds) for noun, kinds in word_table("description_kinds").items()}
# abbreviated titles and the role they name
_ABBREVIATIONS = word_table("title_abbreviations")
_PARTY = word_table("party_letters")
_PARTY_TAG = compile_cached(r"\s*\(\s*([DRI])\s*[-–,]\s*[\p{L}. ]{2,20}\)")
_ROLE_WORD = compile_cached(r"[\p{L}][\p{L}.'’-]*")
# words that end the run of role words before a name ("said Senator X": 'said' is not a role)
_NOT_ROLE = frozenset(word_list("not_role_words"))
# modifiers a description may add without the text having said so earlier
_FREE_MODIFIERS = frozenset(word_list("free_modifiers"))
_APPOSITIVE = compile_cached(r"\s*,\s*(?:a|an|the|who\s+is\s+(?:a|an|the))\s+((?:[\p{L}'’-]+\s+){0,5}?[\p{L}'’-]+)"
                            r"(?=\s*(?:,|\.|;|\s(?:of|from|for|at|in|on|with|who|and)\b))")
_DESCRIPTION = compile_cached(r"(?i)^(?:the|this|that)\s+((?:[\p{L}'’-]+\s+){0,3}([\p{L}'’-]+))$")

PRONOUN_WINDOW = 600        # characters a pronoun looks back for a compatible entity (two or three sentences)
DESCRIPTION_WINDOW = 6_000  # characters a description looks back ("the newspaper", "the Democratic senator")


@dataclass(frozen=True)
class Entity:
    """One naming of a person or organisation in the document, with its cues."""

    start: int
    end: int
    resolved: Resolved
    gender: str = ""                      # 'm', 'f' or '' (not known)
    roles: frozenset[str] = frozenset()  # role words written around the name, lower case


@dataclass
class DocumentMentions:
    """Every entity the document names, in order; pronouns and descriptions look back through them."""

    text: str
    resolver: Resolver
    entities: list[Entity] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    genders: dict[str, str] = field(default_factory=dict)   # source_id -> gender known anywhere in the document
    roles: dict[str, frozenset[str]] = field(default_factory=dict)  # source_id -> every role word given to it

    @classmethod
    def build(cls, text: str, resolver: Resolver, canonical: Callable[[Resolved], Resolved] = lambda r: r,
              people: dict[str, str] | None = None, titled_gender: dict[str, str] | None = None
              ) -> "DocumentMentions":
        """Index a document's named entities: full names of people (and later surnames of them), the
        gazetteer's outlets and bodies, and capitalised names that resolve to an organisation."""
        state = cls(text=text, resolver=resolver)
        people = people or {}
        titled_gender = titled_gender or {}
        found: dict[int, Entity] = {}
        surnames = _surnames(text, resolver)
        for m in FULL_NAME.finditer(text):
            resolved = resolver.resolve(m.group())
            if resolved.kind == "person" and not not_a_person_name(text, m, resolved):
                resolved = canonical(resolved)
                found[m.start()] = state._entity(m.start(), m.end(), resolved, titled_gender)
        named_at = sorted(found)  # the full names' starts: a capitalised name that holds one is that name's
        for m in _CAPITALISED.finditer(text):
            i = bisect.bisect_left(named_at, m.start())
            if i < len(named_at) and named_at[i] < m.end():
                continue
            word = m.group()
            full = (people.get(word) or people.get(possessor(word))
                    or surnames.get(possessor(word))) if " " not in word else None
            if full is not None:
                resolved = Resolved(name=full, kind="person", source_id="person:" + full.lower())
                found[m.start()] = state._entity(m.start(), m.end(), resolved, titled_gender)
                continue
            resolved = resolver.resolve(word)
            if _ACRONYM.fullmatch(word) and resolved.kind in ("person", "other", "group"):  # "NASA"
                resolved = Resolved(name=word, kind="organisation", source_id="org:" + word.lower())
            if _SITE_NAME.fullmatch(word) and resolved.entry is None:  # "Znak.com": a website
                resolved = Resolved(name=word, kind="online_outlet", source_id="outlet:" + word.lower())
            if resolved.kind in THING_KINDS and (" " in word or "." in word or _ACRONYM.fullmatch(word)
                                                 ) or resolved.entry is not None:
                found[m.start()] = state._entity(m.start(), m.end(), resolved, titled_gender)
        spans = sorted((e.start, e.end) for e in found.values())
        for start, end, entry in resolver.gazetteer.find_in(text):
            i = bisect.bisect_right(spans, (start, len(text))) - 1
            if start not in found and not (i >= 0 and spans[i][0] <= start and end <= spans[i][1]):
                # (a name inside a longer one is that one's: "Audit Office" in "Audit Office of the Northern Provinces")
                resolved = Resolved(name=entry.name, kind=entry.kind, source_id=entry.id, entry=entry)
                found[start] = state._entity(start, end, resolved, titled_gender)
        state.entities = [found[s] for s in sorted(found)]
        state.starts = [e.start for e in state.entities]
        for e in state.entities:
            if e.gender:
                state.genders.setdefault(e.resolved.source_id, e.gender)
            state.roles[e.resolved.source_id] = state.roles.get(e.resolved.source_id, frozenset()) | e.roles
        return state

    def _entity(self, start: int, end: int, resolved: Resolved, titled_gender: dict[str, str]) -> Entity:
        roles = set(self._roles_before(start)) | set(self._roles_after(end))
        gender = ""
        if resolved.kind == "person":
            surname = resolved.name.split()[-1] if resolved.name else ""
            if surname in titled_gender:
                gender = titled_gender[surname]
            elif roles & FEMALE_NOUNS and not roles & MALE_NOUNS:
                gender = "f"
            elif roles & MALE_NOUNS and not roles & FEMALE_NOUNS:
                gender = "m"
            else:
                given = [w for w in resolved.name.split()[:-1] or resolved.name.split() if w in self.resolver.female_names
                         or w in self.resolver.male_names]
                gender = ("f" if given[0] in self.resolver.female_names else "m") if given else ""
        return Entity(start, end, resolved, gender, frozenset(roles))

    def _roles_before(self, start: int) -> list[str]:
        """'Italian economic development minister' before 'Stefano Patuanelli': the words of the same
        phrase, back to punctuation or a function word."""
        out: list[str] = []
        before = self.text[max(0, start - 80):start].rstrip()
        if before[-1:] in ",;:.!?\"“”()—–" and not before.endswith("."):
            return out  # punctuation right before the name (or nothing): no role written there
        words = _ROLE_WORD.findall(self.text[max(0, start - 80):start].split("\n")[-1])
        last = words[-1].lower().rstrip(".") if words else ""
        if before.endswith(".") and last not in _ABBREVIATIONS:
            return out  # a full stop ends the sentence before the name, unless it ends "Gov." or "Sen."
        if not (last in _ABBREVIATIONS or last in PERSON_ROLES or last in KIND_NOUNS or last in _TITLES):
            return out  # "accused Biden", "with Biden": no role written before the name
        for w in reversed(words):
            low = w.lower().rstrip(".")
            if low in _NOT_ROLE or w.endswith(("'s", "’s")) or (w.endswith(".") and low not in _ABBREVIATIONS):
                break
            out.append(_ABBREVIATIONS.get(low, low))
            if len(out) >= 5:
                break
        return out

    def _roles_after(self, end: int) -> list[str]:
        """', a Democratic senator from Delaware,' and '(D-Del.)' after a name."""
        out: list[str] = []
        tag = _PARTY_TAG.match(self.text, end, end + 40)
        if tag is not None:
            out.append(_PARTY[tag.group(1).lower()])
            end = tag.end()
        appositive = _APPOSITIVE.match(self.text, end, end + 120)
        if appositive is not None:
            out.extend(_ABBREVIATIONS.get(w.lower().rstrip("."), w.lower()) for w in appositive.group(1).split())
        return out

    # -- resolving ------------------------------------------------------------------------------------
    def before(self, position: int, window: int, accept: Callable[[Entity], bool]) -> Entity | None:
        """The most recent entity that starts before a position (within a window) and is accepted."""
        i = bisect.bisect_left(self.starts, position) - 1
        while i >= 0 and self.entities[i].start >= position - window:
            entity = self.entities[i]
            if entity.end <= position and accept(entity):
                return entity
            i -= 1
        return None

    def _at(self, start: int) -> Entity:
        return self.entities[bisect.bisect_left(self.starts, start)]

    def gender_of(self, entity: Entity) -> str:
        return entity.gender or self.genders.get(entity.resolved.source_id, "")

    def pronoun(self, word: str, position: int, allowed: Callable[[int], bool] = lambda _: True,
                exclude: frozenset[str] = frozenset()) -> Resolved | None:
        """He/she: the last person of a compatible gender; it: the last organisation, outlet or country;
        they: the last group or government body; each named in this sentence or the one before.
        `allowed` vets a candidate's position (not inside a quotation)."""
        low = word.lower()
        ends = [m.end() for m in _SENTENCE_END.finditer(self.text, max(0, position - PRONOUN_WINDOW), position)]
        near = lambda at: len(ends) < 2 or at >= ends[-2]  # noqa: E731
        allowed_here = allowed
        allowed = lambda at: near(at) and allowed_here(at)  # noqa: E731
        if exclude:
            allowed_near = allowed
            allowed = lambda at: allowed_near(at) and not _same_person(self._at(at).resolved, exclude)  # noqa: E731
        if low in PERSONAL:
            gender = PERSONAL[low]
            found = self.before(position, PRONOUN_WINDOW, lambda e: e.resolved.kind == "person"
                                and self.gender_of(e) in ("", gender) and allowed(e.start))
        elif low in SINGULAR:
            found = self.before(position, PRONOUN_WINDOW, lambda e: e.resolved.kind in THING_KINDS and allowed(e.start))
            if found is not None and _THING_BETWEEN.search(self.text, found.end, position):
                return None
        elif low in PLURAL:
            found = self.before(position, PRONOUN_WINDOW, lambda e: e.resolved.kind in PLURAL_KINDS and allowed(e.start))
        else:
            return None
        return found.resolved if found is not None else None

    def description(self, words: str, position: int) -> Resolved | None:
        """'the Democratic senator', 'the trade paper', 'the woman', 'the chairman': the last entity whose
        kind fits the head noun and whose role words include every modifier the description gives."""
        m = _DESCRIPTION.match(" ".join(words.split()))
        if m is None:
            return None
        phrase = [w.lower() for w in m.group(1).split()]
        head = phrase[-1]
        modifiers = [w for w in phrase[:-1] if w not in _FREE_MODIFIERS]
        kinds = KIND_NOUNS.get(" ".join(phrase[-2:])) or KIND_NOUNS.get(head)
        if head in PERSON_ROLES:
            gender = "f" if head in FEMALE_NOUNS else "m" if head in MALE_NOUNS else ""
            generic = head in ("woman", "man", "women", "men")

            def accept(e: Entity) -> bool:
                if e.resolved.kind != "person":
                    return False
                roles = self.roles.get(e.resolved.source_id, e.roles)
                if gender and self.gender_of(e) != gender and not (not generic and head in roles):
                    return False
                return (generic or head in roles) and all(w in roles for w in modifiers)
        elif kinds:
            def accept(e: Entity) -> bool:
                roles = self.roles.get(e.resolved.source_id, e.roles)
                if head in roles and all(w in roles for w in modifiers) and e.resolved.kind not in _NOT_DESCRIBED:
                    return True  # "the website" after "the tracking website Vessel Tracker"
                if e.resolved.kind not in kinds or not all(w in roles for w in modifiers):
                    return False
                # an outlet is told by its kind; an organisation or a body by its own name ("the party" -> "Unity
                # Party", "the ministry" -> "Ministry of Foreign Affairs"), not by capitals alone ("Legend of the
                # Ten Rings" is no company) nor by kind alone ("the government" is not the Supreme Court)
                names = _HEAD_NAMES.get(head, (head,))
                return bool(kinds & OUTLET_KINDS) or any(w in names for w in e.resolved.name.lower().split())
        else:
            return None
        found = self.before(position, DESCRIPTION_WINDOW, accept)
        return found.resolved if found is not None else None


def _same_person(resolved: Resolved, source_ids: frozenset[str]) -> bool:
    """One of these people, named in full or in part ('California Attorney General Xavier' for Xavier Becerra)."""
    if resolved.source_id in source_ids:
        return True
    words = {w for w in resolved.name.lower().split() if len(w) > 2}
    return resolved.kind == "person" and any(
        words & set(s.split(":", 1)[-1].split()) for s in source_ids if s.startswith("person:"))


def _surnames(text: str, resolver: Resolver) -> dict[str, str]:
    """People the document names by one word only, told by a title before it or a speech verb after it
    somewhere ('President Trump', 'Trump said'): 'Trump' alone is then a person wherever it stands."""
    out: dict[str, str] = {}
    for m in _ONE_NAME.finditer(text):
        word = m.group("name")
        if word in out or word in resolver.sentence_openers:
            continue
        resolved = resolver.resolve(word)
        if resolved.kind == "person" and resolved.entry is None:
            out[word] = resolved.name
    return out


def not_a_person_name(text: str, match: regex.Match, resolved: Resolved) -> bool:
    """'the Lewisburg Green Dragons', 'The Professionals', 'My Bride Is a Mermaid': capitalised words right after
    an article or a possessive are a team's, a film's or a place's name, not a person's (unless a title comes
    first: 'Speaker of the House Newt Gingrich')."""
    start = match.start()
    return (resolved.kind == "person" and text.startswith(resolved.name, start)
            and _ARTICLE_BEFORE.search(text, max(0, start - 6), start) is not None)


def possessor(word: str) -> str:
    """'Rubio’s' -> 'Rubio', 'Jones'' -> 'Jones': the name a possessive is made of."""
    return _POSSESSIVE.sub("", word)


def is_description(words: str) -> bool:
    """'the Democratic senator', 'the trade paper', 'the woman': a definite phrase whose head is a role or a
    kind of organisation (capitalised modifiers allowed, a capitalised head not: 'the Times' is a name)."""
    m = _DESCRIPTION.match(" ".join(words.split()))
    if m is None or any(w.endswith(("'s", "’s", "'", "’")) for w in m.group(1).split()):
        return False  # "the party's website": the party's, not a description of its own
    head = m.group(2)
    if not head[:1].islower():
        return False
    if head.lower() in PERSON_ROLES:
        return True
    # an organisation's description is all lower case: "the Trump campaign", "the Saudi government" are names
    return head.lower() in KIND_NOUNS and m.group(1).islower()
