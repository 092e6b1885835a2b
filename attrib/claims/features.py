"""What one statement asserts, as features: the proposition, not its attribution or its scene.

A statement is reduced in steps, each a rule of news writing:
1. its attribution goes: the source and cue spans found by extraction (by offsets), the speaker's
   description beside the source ("said Dr. Jim Young, Ontario's commissioner"), and, when a quote
   carries the sentence, everything outside the quote ("..., Haller told a crowd in Dayton");
2. what it mentions without asserting goes: a clause that sets the time or the condition
   ("two days after the WHO declared a pandemic", "In the wake of the attack, ...");
3. the rest becomes features: names by their core ("President Putin" = "Vladimir Putin"), places,
   quantities, content stems with news synonyms folded, and word shingles of quoted speech.
Numbers, place lists, the actor and the mood are kept apart as well: they say when two statements
cannot be the same claim however many words they share (see grouping.conflict).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import regex

from ..lexicon import list_pattern, word_list, word_table
from .context import UNNAMED, described, description_features, names_the_state
from .quantities import MONTHS, Quantity, numbers
from .quotes import blank, blank_contacts, blank_mentions, only_asks, quote_scope, shingles
from .scene import drop_asides, drop_scene, has_finite_verb
from .vocabulary import ClaimVocabulary, content_stem, stem
from .wording import decree_cue_end, judged_by, judging_cue, lists_places, placements, quoted_words
from ..rules.cache import compile_cached

_CALENDAR = frozenset(word_list("weekdays"))

ACTOR_WINDOW = 3          # words (titles, descriptions) that may stand before the actor's name
APPOSITIVE_WORDS = 12      # a speaker's description beside the source is at most this long

_WORD = compile_cached(r"\p{L}[\p{L}\p{M}'’]*(?:-\p{L}[\p{L}\p{M}'’]*)*|\$?\d[\d,]*(?:\.\d+)?%?")
_CAP_SEQ = compile_cached(r"(?<![\p{L}\d'’-])\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+(?:%s\s+)?"
                         r"\p{Lu}[\p{L}\p{M}'’.-]*)*" % list_pattern("name_particles"))
_POSSESSIVE = compile_cached(r"(?:['’]s?|\.)$")
_ASIDE = compile_cached(r"\s*['\"‘“]?\s*(?:\(.*\)|\[.*\]|--|—|–)\s*\.?\s*$|\s*['\"‘“]?\s*(?:--|—|–)", regex.S)
_LOWER_WORD = compile_cached(r"\p{Ll}[\p{Ll}'’]*")
_FIGURE = compile_cached(r"\d[.,]\d|\d\s*(?:%|percent\b|per\s+cent\b)|[$€£]\s*\d")   # a share, a sum: no description
_APPOSITIVE = compile_cached(r"\s*,\s*([^,;:\"“”()]+?)\s*(?=,|\.\s*$|$|:)")
_LETTERS = compile_cached(r"\p{L}+")
_ALNUM = compile_cached(r"[\p{L}\d]")
_OFFICE = word_table("office_titles")
_PASSIVE = compile_cached(r"\b(?:is|are|was|were|be|been|being)\s+(?:\p{Ll}+ly\s+)?\p{Ll}+(?:ed|en)\b[^,;:]{0,40}?\bby\s")
_COORDINATED = compile_cached(r"\p{Lu}[\p{L}'’-]+\s+and\s+(?:the\s+)?(?:\p{Lu}|\p{Ll}+\s+\p{Lu})")   # "Putin and (the) Kim"
DEMAND = "demand"          # the feature of a demand, however worded: "should resign", "called for him to resign"
_PERSONAL = frozenset(("he", "she", "they"))
_WEEKDAY = {d: i for i, d in enumerate(word_list("weekdays"), 1)}
_ON_DAY = compile_cached(r"(?<![\p{Lu}][\p{L}'’.-]*\s)\b(%s)\b(?!['’]s)" % "|".join(d.capitalize() for d in _WEEKDAY))
_NONSPACE = compile_cached(r"\S+")
_TITLE_AFTER = compile_cached(r"\s+(\p{Lu}[\p{L}.]*)\s+\p{Lu}")                      # "Florida Sen. Marco Rubio"
_TITLED_OF = compile_cached(r"(\p{Lu}[\p{L}.]*)\s+(?:\p{Lu}[\p{L}.'’-]*\s+){1,3}of\s+$")   # "Senator Marco Rubio of "
_PERSON_TITLES = frozenset(_OFFICE) | frozenset(word_list("person_titles"))
_TITLE_LOWER = compile_cached(r"(?:['’]s)?\s+\L<t>(?![\p{L}])", t=[w.lower() for w in word_list("person_titles")])   # "the Ohio governor"
_PARTY_TAG = compile_cached(r"\([RDI]-")                                            # "(R-Fla.)"
_TOKEN = compile_cached(r"[\p{L}\d][\p{L}\d'’.-]*")


@dataclass(frozen=True, slots=True)
class StatementFeatures:
    words: frozenset[str]          # every feature: "@name", "@place", "#number", content stems, '"shingle'
    quantities: tuple[Quantity, ...]
    places: frozenset[str]         # its "@place" features
    lists_places: bool             # three places in a row: a set claim ("won Alabama, Georgia and Tennessee")
    actor: str                     # the first name of the main clause ("@kasich"), "" if none
    hypothetical: bool             # "would", "could", "might" in the main clause
    n_content: int                 # content words (not names, places or numbers): 0 asserts nothing
    attributed: bool = False       # it names a source (blanked): someone stands behind it
    settings: frozenset[str] = frozenset()   # names of a setting, not a party: "@tuesday" (Super Tuesday),
                                   # "@convention", "@south": no sign of another event (grouping.conflict)
    converse: bool = False         # the actor undergoes or shares the action: "lost to", "was greeted by",
                                   # "Putin and Kim shook hands" (another actor may state the same fact)
    speakers: frozenset[str] = frozenset()   # "@name" of its sources (blanked): "Trump: Obama should resign"
                                   # has no actor Trump, but does not contradict "Trump called on Obama to resign"
    described: bool = False        # its subject is a description ("The Vermont senator won"): context.py
    description: frozenset[str] = frozenset()   # the description's features ("@vermont", "senat"), not in words
    the_state: bool = False        # it says "the state's" for the state the sentences before named: context.py
    scare: frozenset[str] = frozenset()    # stems of a judgement's quote of a word or two ("called it ''racist''")
    quoted: frozenset[str] = frozenset()   # stems of every word it quotes
    labels: frozenset[str] = frozenset()   # stems it has only from names and titles ("Republican Donald Trump",
                                   # "former Secretary of State Clinton"): who, not what happened (flags.close_pairs)
    negated: frozenset[str] = frozenset()  # content stems it denies: "were not satisfied" (grouping.conflict)


EMPTY = StatementFeatures(frozenset(), (), frozenset(), False, "", False, 0)


def _hypothetical(text: str, vocab: ClaimVocabulary) -> bool:
    """The main verb is a conditional modal: the first verb of the clause is "would", "could", "might"."""
    for w in _LOWER_WORD.findall(text):
        if w in vocab.hypothetical:
            return True
        if w in vocab.finite_verbs or (len(w) > 4 and w.endswith("ed")) or w.endswith(("n't", "n’t")) \
                or w in ("will", "should", "must", "may", "can", "shall"):
            return False
    return False


def speaker_descriptions(text: str, sources: list[tuple[int, int]], vocab: ClaimVocabulary) -> list[tuple[int, int]]:
    """Spans of the appositive beside each source ("Jim Young, Ontario's commissioner, said"):
    the speaker's description, part of the attribution, not of the fact. A figure with its unit
    ("in the RealClearPolitics average, 49.7 percent to 40.3 percent") is what the source says."""
    out = []
    for _, end in sources:
        m = _APPOSITIVE.match(text, end)
        if (not m or len(m.group(1).split()) > APPOSITIVE_WORDS or has_finite_verb(m.group(1), vocab)
                or _FIGURE.search(m.group(1))):
            continue
        out.append((end, m.end()))
    return out


def is_headline(text: str) -> bool:
    """Title case: most words of four or more letters capitalised ("Sanders Beats Clinton In Oklahoma")."""
    words = [w for w in _LETTERS.findall(text) if len(w) >= 4]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def statement_features(text: str, blanks: list[tuple[int, int]], vocab: ClaimVocabulary,
                       sources: list[tuple[int, int]] | None = None,
                       common: Callable[[str], bool] | None = None) -> StatementFeatures:
    """Features of one statement; `blanks` are its sentence-relative source and cue spans, `sources`
    the source spans among them, `common(word)` says whether a lowercase word is a common word of
    the corpus (a capitalised sentence opener or headline word that is one is no name)."""
    if only_asks(text) or _ASIDE.match(text):
        return EMPTY    # a question, an aside in brackets or a sign-off ("-- Prague Newsroom") asserts nothing
    speaker_list = _speakers(text, sources or [])
    speakers = frozenset(speaker_list)
    decree = decree_cue_end(text, blanks, sources or [])   # "Oman announced three days of mourning": what
    decrees = decree >= 0 and not has_finite_verb(text[decree:], vocab)   # follows is no clause of its own
    judging = judging_cue(text, blanks, sources or [])   # "Lee called the budget 'reckless'", "called" a cue
    demand = bool(vocab.demand.search(text))   # before the cue goes: "called on Obama to resign" demands
    spans = list(blanks) + speaker_descriptions(text, sources or [], vocab)
    spans += [m.span() for m in vocab.reasons.finditer(text)]   # before the cue goes: "citing" may be one
    text = blank_contacts(blank_mentions(blank(text, spans)))
    if only_asks(text):
        return EMPTY    # a quoted question before its attribution: '"Is there a plan?" he asked.'
    text, passages = quote_scope(text, bool(blanks))
    quote = shingles(passages) if len(passages) else []
    scare, quoted = quoted_words(passages, vocab)
    text = drop_scene(drop_asides(text), vocab)
    end = described(text)    # "The Vermont senator won": who it is comes from the sentences before (context.py)
    description = description_features(text[:end], vocab) if end else frozenset()
    text = " " * end + text[end:]
    text = placements(text)
    if vocab.phrases is not None:
        text = vocab.phrases.sub(lambda m: vocab.phrase_token[m.group().lower()], text)
    features: set[str] = set()
    labels: set[str] = set()
    order: list[tuple[int, str]] = []   # (position, "@name") to find the actor
    settings: set[str] = set()

    found: list[tuple[int, int, str]] = []

    def place(m: regex.Match) -> str:
        if _names_who(m):
            return " " * len(m.group())
        key = "@" + vocab.place_names[m.group()]
        features.add(key)
        found.append((m.start(), m.end(), key))
        return " " * len(m.group())

    if vocab.places is not None:
        text = vocab.places.sub(place, text)
    lists = lists_places(text, found)
    num_feats, quants, text = numbers(text, vocab)
    quants.extend(_weekdays(text))
    features.update(num_feats)
    hypothetical = _hypothetical(text, vocab) and not blanks   # reported "would" is often "will" backshifted
    headline = is_headline(text)
    dated = any(q.unit == "date" for q in quants)   # "Jan 31" is a date (a quantity), its month no name
    common = common or _never
    n_content = 0
    opening = _ALNUM.search(text)
    opening = opening.start() if opening else 0
    for m in _CAP_SEQ.finditer(text):
        initial = headline or m.start() <= opening
        run: list[str] = []
        runs: list[list[str]] = []
        starts: list[int] = []          # where each run begins: the actor is the first name, not the first sequence
        first = True
        for tm in _NONSPACE.finditer(m.group()):
            token = tm.group()
            if len(token) <= 2 and token[0].isupper() and token[-1] in ".ABCDEFGHIJKLMNOPQRSTUVWXYZ":
                continue                       # an initial: "Donald J. Trump"
            w = _bare(token)
            low = w.lower().replace("’", "'")
            ambiguous = headline or (initial and first)
            first = first and (low in vocab.stopwords or w in vocab.stop_caps)
            if run and low in _CALENDAR:    # "Super Tuesday", "Black Friday": part of the name
                run.append(w)
                continue
            if sum(c.isalpha() for c in w) < 2 or low in vocab.skip or w in vocab.stop_caps or (dated and low in MONTHS) \
                    or (ambiguous and (common(low) or _not_a_name(low))):
                if run:
                    runs.append(run)
                    run = []
                if ambiguous and low not in vocab.skip and len(low) >= 3 and w not in vocab.stop_caps:
                    features.add(content_stem(low, vocab))   # "Licensing rules ...", "... Beats Clinton ..."
                    n_content += 1
                continue
            if not run:
                starts.append(m.start() + tm.start())
            run.append(w)
        if run:
            runs.append(run)
        for words, at in zip(runs, starts):
            office = ""
            while words and words[0] in vocab.titles:
                office = _OFFICE.get(words[0], words[0]).lower()
                words = words[1:]
            if office and words and office not in vocab.skip and len(office) > 3:
                labels.add(content_stem(office, vocab))   # "President Obama" meets "the president"
            if not words:
                continue
            while len(words) > 1 and stem(words[-1].lower()) in vocab.synonyms:
                features.add(content_stem(words[-1].lower(), vocab))   # "... Partnership Agreement", "Putin Arrives"
                n_content += 1
                words = words[:-1]
            if len(words) == 1 and stem(words[0].lower()) in vocab.synonyms \
                    and common(words[0].lower()):
                features.add(content_stem(words[0].lower(), vocab))
                n_content += 1
                continue
            core = "@" + words[-1].lower().replace("’", "'")
            features.add(core)
            if core[1:] in _CALENDAR or core[1:] in vocab.regions or common(core[1:]):
                settings.add(core)
            order.append((at, core))
            for w in words[:-1]:   # "Strategic Partnership Agreement" meets "partnership treaty"; first names add nothing
                if w not in vocab.titles and len(w) > 3 and common(w.lower()):
                    labels.add(content_stem(w.lower(), vocab))
    said = set(features)   # what it says outside names: "Republican Donald Trump" says no "republican"
    features |= labels
    for m in _WORD.finditer(text):
        word = m.group()
        if not word[0].isalpha() or word[0].isupper():
            continue
        whole = stem(word.lower()) if "-" in word else ""
        one = whole in vocab.synonyms or (whole and word.split("-", 1)[0].lower() in vocab.prefixes)
        for part in ([word.replace("-", "")] if one else word.split("-")):   # "op-ed", "non-free" are one word
            low = part.lower().replace("’", "'")
            if len(low) < 3 or low in vocab.skip:
                continue
            said.add(content_stem(low, vocab))
            n_content += 1
    features |= said
    # what a "was not", "were also not", "wasn't" denies: "Republicans were not satisfied" is no "... satisfied"
    negated = {content_stem(w, vocab) for m in vocab.denial.finditer(text) for w in m.groups() if w} & said
    features.update(quote)
    if demand and n_content:
        features.add(DEMAND)
    actor = _actor(text, order)
    if not actor and decrees and speaker_list:
        actor = speaker_list[0]   # the source does what it tells: another source doing it is another event
    judge = judged_by(text, order, actor)   # "Ryan called the remarks ''racist''": Ryan's word
    converse = bool(_PASSIVE.search(text) or _COORDINATED.search(text)
                    or any(content_stem(w, vocab) in vocab.converse_stems for w in _LOWER_WORD.findall(text)))
    return StatementFeatures(frozenset(features), tuple(quants), frozenset(k for _, _, k in found), lists, actor,
                             hypothetical, n_content, bool(blanks), frozenset(settings), converse, speakers | judge,
                             bool(end), description, names_the_state(text), scare if judge or judging else frozenset(), quoted,
                             frozenset(labels - said), frozenset(negated))


def _names_who(m: regex.Match) -> bool:
    """A place that is part of a person's title ("Florida Sen. Marco Rubio", "Senator Marco Rubio of
    Florida", "Sen. Marco Rubio (R-Fla.)", "beat the Ohio governor"): who, the same in every report, not where anything happened."""
    after = _TITLE_AFTER.match(m.string, m.end())
    if after and after.group(1) in _PERSON_TITLES or _TITLE_LOWER.match(m.string, m.end()):
        return True
    if _PARTY_TAG.match(m.string, max(0, m.start() - 3)) and m.string[m.end():m.end() + 2].startswith((")", ".)")):
        return True
    before = _TITLED_OF.search(m.string, max(0, m.start() - 60), m.start())
    return bool(before and before.group(1) in _PERSON_TITLES)


def _weekdays(text: str) -> list[Quantity]:
    """The day of the week an event is placed on ("collapsed on Monday"; not "Super Tuesday"): two
    statements on other days are other events."""
    return [Quantity(float(_WEEKDAY[m.group(1).lower()]), 1.0, False, "weekday") for m in _ON_DAY.finditer(text)]


def _speakers(text: str, sources: list[tuple[int, int]]) -> list[str]:
    """The core of each source's name ("President Donald Trump" -> "@trump")."""
    out = []
    for a, b in sources:
        caps = _CAP_SEQ.findall(text, a, b)
        if caps:
            out.append("@" + _bare(caps[-1].split()[-1]).lower().replace("’", "'"))
    return out


def _never(word: str) -> bool:
    return False


def _bare(token: str) -> str:
    """A capitalised token without trailing punctuation, possessive or hyphen ("Putin's" -> "Putin")."""
    w = token.rstrip(".'’\"”")
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    return w.strip("-")


def _not_a_name(low: str) -> bool:
    """A capitalised sentence opener that is no name by its form: an adverb or a participle."""
    return low.endswith(("ly", "ed", "ing")) and len(low) > 5


def _actor(text: str, order: list[tuple[int, str]]) -> str:
    """The name in subject position: the first name of the main clause, at most ACTOR_WINDOW words in."""
    first = _TOKEN.search(text)
    if first and first.group().lower() in _PERSONAL and (not order or min(order)[0] > first.start()):
        return UNNAMED      # "He received criticism for the move": someone, not whoever the other names
    if not order:
        return ""
    start, name = min(order)
    before = [w for w in _TOKEN.findall(text, 0, start)]
    return name if len(before) <= ACTOR_WINDOW else ""
