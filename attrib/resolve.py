"""Stage 4, resolve sources: turn the words that name a source into a source.

"North Korean state media KCNA" and "the official Korean Central News Agency"
become KCNA (from the gazetteer); "Russian President Vladimir Putin" and
"Mr. Putin" become Vladimir Putin; "Russian state media" stays a group.
Pronouns and descriptions ("he", "the agency") are left to the chain stage,
which knows the document's recent sources.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache


from .gazetteer import OUTLET_KINDS, Gazetteer, SourceEntry, load_gazetteer
from .addressees import BARE_NETWORKS, is_indefinite_outlet, network_of, outlet_by_noun
from .lexicon import Lexicon, list_pattern, list_words, load_lexicon, word_list, word_table
from .rules.cache import compile_cached

UNRESOLVED = "unresolved"   # the kind of a pronoun that stands for no one the document names (chains)
PRONOUNS = word_table("pronoun_roles")
_UNNAMED_REPORTS = frozenset(word_list("unnamed_report_words"))
_DETERMINER = compile_cached(r"^(?:(?i:%s)\s+)+" % list_words("stripped_determiners"))
_POSSESSIVE_END = compile_cached(r"['’]s?$")
_SPACE = compile_cached(r"\s+")
_LEADING_THE = compile_cached(r"^(?i:the)\s+")
# a share of poll respondents: "Six in 10", "three out of four Democrats" (a group, not the number "10")
_SHARE = compile_cached(r"^(?i:%s\s+)?(?i:\d{1,2}|%s)\s+(?:in|out\s+of|of\s+every)\s+(?i:10|100|[2-9]|%s)(?:\s|$)"
                        % (list_pattern("share_approximators"), list_words("share_counts"),
                           list_words("share_totals")))


@dataclass(frozen=True)
class Resolved:
    """What a source mention stands for."""

    name: str
    kind: str            # person, group, country, organisation, pronoun, description, or a gazetteer kind
    source_id: str = ""  # gazetteer id, "country:XX", "person:<name>" ...
    entry: SourceEntry | None = None
    alias: str = ""      # the gazetteer alias as the text wrote it ("MFA Russia")



@dataclass(frozen=True)
class Resolver:
    """Resolves one mention's words; built once per run."""

    gazetteer: Gazetteer
    lexicon: Lexicon
    titles: frozenset[str]
    org_words: frozenset[str]
    group_heads: frozenset[str]
    sentence_openers: frozenset[str]   # "Although Klein", "But Tom Miller": the capital is the sentence's, not the name's
    name_openers: frozenset[str] = frozenset()  # "Will Rogers", "Theresa May": openers left on a name, never one alone
    female_names: frozenset[str] = frozenset()   # common first names: "she said" is not Donald Trump
    male_names: frozenset[str] = frozenset()
    compass_words: frozenset[str] = frozenset()  # "North Karnataka": a region the place list does not hold
    cache: dict[str, Resolved] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def create(cls, gazetteer: Gazetteer | None = None, lexicon: Lexicon | None = None) -> "Resolver":
        lexicon = lexicon or load_lexicon()
        return cls(gazetteer=gazetteer or load_gazetteer(), lexicon=lexicon,
                   titles=frozenset(lexicon.lists["titles"]), org_words=frozenset(lexicon.lists["org_words"]),
                   group_heads=frozenset(lexicon.lists["group_heads"]),
                   sentence_openers=frozenset(lexicon.lists["stop_caps"]) - frozenset(lexicon.lists["name_stop_caps"]),
                   name_openers=frozenset(lexicon.lists["name_stop_caps"]),
                   female_names=frozenset(lexicon.lists["female_given_names"]),
                   male_names=frozenset(lexicon.lists["male_given_names"]),
                   compass_words=frozenset(lexicon.lists["compass_words"]))

    def resolve(self, words: str) -> Resolved:
        """Resolve the words of a mention, without document context (cached: names recur)."""
        found = self.cache.get(words)
        if found is None:
            if len(self.cache) > 200_000:
                self.cache.clear()
            found = self.cache[words] = self._resolve(words)
        return found

    def _resolve(self, words: str) -> Resolved:
        text = clean_mention(words)
        low = text.lower()
        if low in PRONOUNS and not (len(text) > 1 and text.isupper()):  # "WHO" is not "who"
            return Resolved(name=low, kind="pronoun")
        if low in _UNNAMED_REPORTS:
            return Resolved(name="reports", kind="group", source_id="group:reports")
        plain = _SPACE.sub(" ", words).strip(" \t\n,.;:\"“”‘’'")
        if _SHARE.match(plain):
            return Resolved(name=plain, kind="group", source_id="group:" + plain.lower())
        affiliated = _AFFILIATION.match(text)
        if affiliated and self.gazetteer.lookup(text) is None:
            # "Lucy Fischer of The Times": the person speaks, the outlet is her affiliation
            person = self._resolve(affiliated.group(1))
            if person.kind == "person" and len(person.name.split()) >= 2:
                return person
        entry = self.gazetteer.lookup(text)
        if entry is not None:
            return _from_entry(entry, text)
        country = self.gazetteer.country_by_word.get(text) or self.gazetteer.country_by_word.get(
            _LEADING_THE.sub("", text))
        if country is not None and text not in country.adjectives:
            return Resolved(name=country.name, kind="country", source_id=f"country:{country.code}")
        found = self.gazetteer.find_in(text)
        if found:
            start, end, entry = max(found, key=lambda f: (f[1], f[1] - f[0]))
            tail = text[end:].strip(" ,'’s")
            # The outlet must be the head of the mention, not a modifier ("CNN's Jake Tapper") nor the
            # complement of another head ("Ministry of Foreign Affairs").
            if _COMPLEMENT_END.search(text, 0, start):
                pass
            elif not tail or tail.lower() in ("news agency", "agency", "newspaper", "news", "report", "reports",
                                             "website", "television", "tv", "broadcaster", "channel"):
                return _from_entry(entry, text[start:end])
        tokens = text.split()
        head = tokens[-1].lower() if tokens else ""
        last_two = " ".join(tokens[-2:]).lower()
        if head in self.group_heads or last_two in self.group_heads or not any(t[:1].isupper() for t in tokens):
            return Resolved(name=_group_name(text), kind="group", source_id="group:" + _group_name(text).lower())
        head_words = _HEAD_BEFORE_PHRASE.match(text)
        phrase_head = head_words.group(1).split()[-1] if head_words else ""
        if phrase_head and (phrase_head[:1].islower() or phrase_head.lower() in self.group_heads
                            or phrase_head.lower() in PERSON_HEADS):
            # "Hospital officials in Omsk", "the results in Iowa and New Hampshire": a description
            kind = "person" if phrase_head.lower() in PERSON_HEADS else "group"
            return Resolved(name=text, kind=kind, source_id=f"{kind}:" + text.lower())
        in_place = _HEAD_IN_PLACE.match(text)
        if in_place and phrase_head[:1].isupper() and self._is_place(in_place.group("place")):
            # "the ruling Democratic Rally in Cyprus": the party, not the place it is in
            owner = in_place.group("head").split()
            while len(owner) > 1 and owner[0][:1].islower():
                owner = owner[1:]
            inner = self.resolve(" ".join(owner))
            if inner.kind not in ("person", "place", "pronoun", "other", "group"):
                return inner
        definite = bool(_LEADING_THE.match(plain))
        outlet_kind = _outlet_by_name(tokens, definite and head.capitalize() not in self.org_words)  # "the Post Office"
        if outlet_kind:
            return Resolved(name=text, kind=outlet_kind, source_id="outlet:" + text.lower())
        if head.capitalize() in self.org_words and any(t[:1].isupper() for t in tokens):
            return Resolved(name=text, kind="organisation", source_id="org:" + text.lower())
        if tokens and tokens[-1][:1].islower() and not tokens[-1][:1].isdigit():
            # "a senior US defense official": a described, unnamed source keeps its description
            kind = "person" if head in PERSON_HEADS else "group"
            return Resolved(name=text, kind=kind, source_id=f"{kind}:" + text.lower())
        if text in self.gazetteer.places or _LEADING_THE.sub("", text) in self.gazetteer.places:
            return Resolved(name=text, kind="place", source_id="place:" + text.lower())
        return self._named(text, tokens, definite)

    def _is_place(self, words: str) -> bool:
        """A country or a place the gazetteer knows: "Cyprus", "the United States", "New York City"."""
        return (words in self.gazetteer.country_by_word or words in self.gazetteer.places
                or _LEADING_THE.sub("", words) in self.gazetteer.country_by_word)

    def addressee(self, words: str) -> Resolved | None:
        """Whom a source spoke to, when that is an outlet: "CNN", "CNN's Jane Roe", "Jane Roe of Fox News",
        "CBS station KDKA-TV", "regional media"; a named radio or TV host stands for the show's outlet
        ("talk-radio host Mike Gallagher"). None for reporters, the press, the public or a person."""
        text = clean_mention(words)
        text = BARE_NETWORKS.get(text, text)  # "told Fox": as an addressee, the network
        network = network_of(self.gazetteer, text, ADDRESSEE_KINDS)
        if network is not None:
            return _from_entry(*network)
        host = _HOST.search(text)
        if host is not None:
            name = host.group("name")
            return Resolved(name=name, kind="host", source_id="host:" + name.lower())
        call_signs = _CALL_SIGN.findall(text)
        if call_signs:
            return Resolved(name=call_signs[-1], kind="broadcaster", source_id="outlet:" + call_signs[-1].lower())
        resolved = self.resolve(text)
        if resolved.kind in ADDRESSEE_KINDS:
            return resolved
        if _BRAND.match(text):  # "an interview with MTVu": a brand-cased name spoken to is a channel, not a person
            return Resolved(name=text.removeprefix("the "), kind="online_outlet",
                            source_id="outlet:" + text.removeprefix("the ").lower())
        # the outlet an interviewer works for ("CNN's Jane Roe", "Jane Roe of Fox News"), not a channel used
        # to reach someone ("the public via Twitter")
        outlets = [f for f in self.gazetteer.find_in(text) if f[2].kind in ADDRESSEE_KINDS
                   and not _CHANNEL_BEFORE.search(text, 0, f[0]) and not _NAME_GOES_ON.match(text, f[1])]
        if outlets:  # the outlet an interviewer works for
            return _from_entry(max(outlets, key=lambda f: f[0])[2], text[outlets[-1][0]:outlets[-1][1]])
        if resolved.kind == "group" and text.lower().split()[-1] in _MEDIA_HEADS:
            return resolved
        named = outlet_by_noun(text)
        if named:
            return Resolved(name=named, kind="online_outlet", source_id="outlet:" + named.lower())
        return resolved if is_indefinite_outlet(" ".join(words.split())) else None

    @cached_property
    def honorifics(self) -> frozenset[str]:
        """Titles written abbreviated ("Mr.", "Dr.", "Sen."), which a surname always follows."""
        return frozenset(t.rstrip(".") for t in self.titles if t.endswith("."))

    def _titled_name(self, bare: list[str]) -> int:
        """How many words at the end are a person's name right after a title word ("... Speaker John
        Bercow" -> 2), or 0: two or three capitalised words, none a title or an organisation word."""
        for n in (3, 2):
            if len(bare) < n + 2:
                continue
            name, before = bare[-n:], bare[-n - 1]
            if (before in self.titles or before.capitalize() in self.titles) and all(
                    w[:1].isupper() and w not in self.titles and w not in self.org_words
                    and w.capitalize() not in self.org_words for w in name):
                return n
        return 0

    def _named(self, text: str, tokens: list[str], definite: bool = False) -> Resolved:
        """A capitalised name: an organisation when an organisation word heads it, else a person.

        Titles, roles, nationalities and outlet names before a person's name are dropped:
        "Russian President Vladimir Putin", "Council member Luis Ortega" -> the name alone.
        """
        bare = [t.strip(",") for t in tokens]
        titled = self._titled_name(bare)
        if titled:
            # "Secretary of State Mike Pompeo", "House of Commons Speaker John Bercow": the name after the title
            name = " ".join(tokens[-titled:]).strip(",")
            return Resolved(name=name, kind="person", source_id="person:" + name.lower())
        if (bare[-1] in self.org_words or bare[-1].capitalize() in self.org_words
                or any(t in ("of", "for", "to", "on") for t in bare[1:-1]) or len(bare) > 7):
            return Resolved(name=text, kind="organisation", source_id="org:" + text.lower())
        if all(t in self.titles or t.capitalize() in self.titles for t in bare) and not any(
                t.rstrip(".") in self.honorifics for t in bare):  # "Mr. King" is a surname after all
            # "Prime Minister", "Vice President": a role named without its holder, kept whole ("Minister" alone
            # would read as a person's name)
            return Resolved(name=text, kind="person", source_id="person:" + text.lower())
        i = 0
        for n in (3, 2):  # a country named in several words before the name: "United States Joe Biden"
            if len(bare) > n + 1 and " ".join(bare[:n]) in self.gazetteer.country_by_word:
                i = n
                break
        while i < len(bare) - 1 and (bare[i] in self.titles or bare[i] in self.sentence_openers or bare[i].capitalize() in self.titles
                                     or (i > 0 and bare[i] in self.name_openers)  # "In May Smith": the month
                                     or bare[i] in self.org_words or bare[i] in self.gazetteer.country_by_word
                                     or not bare[i][:1].isupper() or bare[i].endswith(("'s", "’s"))
                                     or self.gazetteer.lookup(bare[i]) is not None
                                     or any(not t[:1].isupper() for t in bare[i + 1:-1])):
            i += 1
        name = " ".join(tokens[i:]).strip(",")
        if definite and " " not in name and 0 < i and all(
                (w in self.org_words or w.capitalize() in self.org_words) and w not in self.titles for w in bare[:i]):
            # "the Herald Sun": a name of one word after organisation words is the organisation's (an outlet's
            # when a newspaper word is among them), not a person's surname
            kind = "newspaper" if any(w in _NEWSPAPER_WORDS for w in bare) else "organisation"
            return Resolved(name=text, kind=kind, source_id=("outlet:" if kind == "newspaper" else "org:") + text.lower())
        if name in self.gazetteer.places or (  # "states like South Carolina"; "our town was North Karnataka"
                name.split()[0] in self.compass_words and 2 <= len(name.split()) <= 3):
            return Resolved(name=name, kind="place", source_id="place:" + name.lower())
        if " " not in name and (name in self.sentence_openers or name in self.name_openers or name.rstrip(".") in self.sentence_openers):
            # "On Tuesday", "In January": a capitalised opener, no one's name
            return Resolved(name=name, kind="other", source_id="other:" + name.lower())
        return Resolved(name=name, kind="person", source_id="person:" + name.lower())


def _from_entry(entry: SourceEntry, alias: str = "") -> Resolved:
    return Resolved(name=entry.name, kind=entry.kind, source_id=entry.id, entry=entry, alias=alias or entry.name)


# "Lucy Fischer of The Times", "lead author Professor Ann Moore of the University of Leeds": a name
# (two capitalised words at least) and then where the person works
_AFFILIATION = compile_cached(
    r"^((?:.*?\s)?\p{Lu}[\p{L}'’.-]+\s+(?:\p{Lu}\.\s+)?\p{Lu}[\p{L}'’-]+)\s+(?:of|from|at|with|in)\s+(?:the\s+)?\p{Lu}.*$")
_HOST = compile_cached(r"(?i:\b%ss?)\s+" % list_pattern("host_roles") +
                      r"(?P<name>\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,3})$")
# a brand-cased single word: capitals then one or two small letters ('MTVu', 'CNNi'), never a surname.
# (Camel-case brands, 'InsideSources', would fit too, but PolNeAR does not mark the outlet spoken to as a source.)
_BRAND = compile_cached(r"^(?:the\s+)?\p{Lu}{2,}\p{Ll}{1,2}$")
_CALL_SIGN = compile_cached(r"\b[KW][A-Z]{2,3}(?:-(?:TV|FM|AM|DT))?\b")
ADDRESSEE_KINDS = OUTLET_KINDS - {"social_platform"}
# an outlet's name that runs on into a longer capitalised name is part of that name ('the Atlantic Council')
_NAME_GOES_ON = compile_cached(r"\s+\p{Lu}")
_CHANNEL_BEFORE = compile_cached(r"\b(?:via|through|on|using)\s+$")
_MEDIA_HEADS = frozenset(word_list("media_heads"))
_HEAD_IN_PLACE = compile_cached(r"^(?P<head>.*?\S)\s+in\s+(?P<place>\p{Lu}.*)$")
_HEAD_BEFORE_PHRASE = compile_cached(r"^(.*?\S)\s+(?:of|in|at|from|for|with|on|to|by)\s+\S")
_COMPLEMENT_END = compile_cached(r"\s(?:of|for|to|on|at|with|from|and)\s+(?:the\s+)?$")
_TAG = compile_cached(r"\s*\([^()]{0,30}\)")


PERSON_HEADS = frozenset(word_list("person_heads"))
_NEWSPAPER_WORDS = frozenset(word_list("newspaper_words"))
_BROADCAST_WORDS = frozenset(word_list("broadcast_words"))


def _outlet_by_name(tokens: list[str], definite: bool = False) -> str:
    """An outlet missing from the gazetteer, told by its name: 'the Daily Herald', 'Channel 5 Television',
    'the Herald Sun' (a newspaper word first, after 'the')."""
    if len(tokens) < 2 or not all(t[:1].isupper() or t[:1].isdigit() for t in tokens):
        return ""
    if tokens[-1] in _NEWSPAPER_WORDS or tokens[0] == "Daily" or definite and tokens[0] in _NEWSPAPER_WORDS:
        return "newspaper"
    if tokens[-1] in _BROADCAST_WORDS:
        return "broadcaster"
    return ""


@lru_cache(maxsize=65536)
def clean_mention(words: str) -> str:
    """The words of a mention without tags, determiners, a possessive ending and stray punctuation
    (kept for the words: the same mention is cleaned again at each step of the chains)."""
    text = _SPACE.sub(" ", _TAG.sub("", words)).strip(" \t\n,.;:\"“”‘’'").replace("#", "")
    text = _DETERMINER.sub("", text) if len(text.split()) > 1 else text
    text = _POSSESSIVE_END.sub("", text) if text.endswith(("'s", "’s", "s'", "s’")) else text
    return text.replace(" > ", " ").replace(" | ", " ").strip()


def _group_name(text: str) -> str:
    return text[:1].upper() + text[1:] if text[:1].islower() and text.split()[0].lower() in ("media",) else text
