"""What a sentence mentions without asserting it, blanked before its features are taken (features.py):
a clause or phrase that sets the time, the occasion or a condition ("two days after the WHO declared
a pandemic", "In the wake of the attack, ..."), and what it adds in passing (asides between dashes,
a summing-up appositive, a non-restrictive relative clause, an appositive after the subject).
"""
from __future__ import annotations

import regex

from ..lexicon import word_list
from ..rules.cache import compile_cached
from .vocabulary import ClaimVocabulary, vocabulary

_SPLIT = compile_cached(r"[,;:()]|\s[—–]\s|\s--\s|—|--")
_PARTICIPLE_OPENER = compile_cached(r"\s*[\"“]?\p{Lu}\p{Ll}+(?:ing|ed)\b[^,\"“”]{0,80},")
_CLAUSE_JOINS = frozenset(word_list("clause_joins"))
_DURATIONS = frozenset(word_list("duration_words"))
_BEFORE_TIME = _DURATIONS | frozenset(word_list("before_time_words"))
_RELATIVE = compile_cached(r",\s*(?:who|whose|whom|which)\s[^,;:—\"“”()]*(?=,)", regex.IGNORECASE)
_SUBJECT_APPOSITIVE = compile_cached(r"(?<=\p{Lu}[\p{L}'’.-]*),\s*(?:the|a|an)\s[^,;:\"“”()]{3,80}(?=,\s*\p{Ll})")
_SUMMARY = compile_cached(r",(?:''|[\"”’])?\s+(?:a|an)\s+(?:[\p{Ll}-]+\s+){0,3}(?:that|which)\s[^\"“”]*$")   # ", an indictment that ..."
_FINAL_APPOSITIVE = compile_cached(r"(?<=\p{Lu}[\p{L}\d'’.-]*),\s*(?:the|a|an)\s[^,;:\"“”()—–]{3,80}?(?=[.!?]?[\"”’]?\s*$)")
_DASH_ASIDE = compile_cached(r"\s(?:—|–|--)\s[^—–\"“”]*?(?:\s(?:—|–|--)(?=\s)|(?=[.!]?\s*$))")   # "— a wild turnaround ..."
_LOWER_RUN = compile_cached(r"(?<![\p{L}'’-])\p{Ll}[\p{L}'’-]*")
# a name before a person's title in lowercase ("the Texas senator", "Ohio's governor"): who, not where
_BEFORE_TITLE = compile_cached(r"(?<![\p{L}'’-])\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)?(?=\s+\L<t>(?![\p{L}]))"
                               r"|(?<=(?<![\p{L}])\L<t>\s+of\s+(?:the\s+)?)\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)*",
                               t=[w.lower() for w in word_list("person_titles")])   # ... and "the governor of Wisconsin"


def has_finite_verb(segment: str, vocab: ClaimVocabulary) -> bool:
    """Whether a segment holds a finite verb (of finite_verbs, a past form in -ed, a negated auxiliary)."""
    for w in segment.split():
        w = w.strip(".,;:!?\"“”'’()").replace("’", "'")
        if not w or not w[0].islower():
            continue
        if w in vocab.finite_verbs or (len(w) > 4 and w.endswith("ed")) or w.endswith("n't"):
            return True
    return False


def drop_scene(text: str, vocab: ClaimVocabulary) -> str:
    """Remove clauses that set time, occasion or condition: mentioned, not asserted."""
    low = text.lower()
    stripped = low.lstrip(" \"“'‘(")
    offset = len(low) - len(stripped)
    for opener in vocab.scene_openers:
        if stripped.startswith(opener + " "):
            comma = text.find(",", offset)
            if comma > 0:
                text = " " * (comma + 1) + text[comma + 1:]
            break
    else:  # a leading participle clause: "Speaking earlier in Florida, ...", "Aided by a surge ..., ..."
        m = _PARTICIPLE_OPENER.match(text)
        if m:
            text = " " * m.end() + text[m.end():]
    text = vocab.time_phrases.sub(lambda m: " " * len(m.group()), text)
    if not vocab.subordinator.search(text):
        return text
    pieces = _SPLIT.split(text)
    seps = _SPLIT.findall(text)
    out = []
    within = False      # inside a trailing clause that runs on past a comma ("after X declared the outbreak,
    for i, piece in enumerate(pieces):   # which causes ..., to be a pandemic"), until "and"/"but" starts a clause
        words = piece.split()
        if within:
            if seps[i - 1] != "," or (words and words[0].lower().strip("\"“'‘") in _CLAUSE_JOINS):
                within = False
            else:
                words = []
        for j, w in enumerate(words):
            lw = w.lower().strip("\"“'‘")
            if lw not in vocab.subordinators:
                continue
            if lw == "as" and (j + 1 < len(words) and words[j + 1].lower() in ("well", "much", "many", "long", "soon")):
                continue
            leading = j == 0 and i < len(seps) and seps[i] == ","   # "After X did Y, Z ..."
            trailing = (j > 0 or i > 0) and not leading        # "..., two days after X did Y"
            if not (leading or trailing) or not (lw in vocab.time_prepositions
                                                 or has_finite_verb(_own_clause(words, j, vocab), vocab)):
                continue
            k = j
            while k > 0 and (words[k - 1].lower() in _BEFORE_TIME or (k < j and words[k].lower() in _DURATIONS and (
                    words[k - 1].lower() in vocab.number_words or words[k - 1][:1].isdigit()))):
                k -= 1   # "two days after": the span of time goes with the event; "February 3 after" keeps its date
            words = words[:k]
            within = trailing
            break
        out.append(" ".join(words))
        if i < len(seps):
            out.append(seps[i])
    return " ".join(out)


def _own_clause(words: list[str], j: int, vocab: ClaimVocabulary) -> str:
    """The words after the subordinator words[j] up to the next one: its clause's verb stands there
    ("served as governor of Arkansas before he was elected": "was" is the verb of "before", and "as
    governor of Arkansas" is no clause)."""
    end = next((k for k in range(j + 1, len(words)) if words[k].lower().strip("\"“'‘") in vocab.subordinators),
               len(words))
    return " ".join(words[j + 1:end])


def drop_asides(text: str) -> str:
    """Blank the words of what a sentence adds in passing: an aside between dashes or after one at
    the end ("... Oklahoma primary — a wild turnaround from eight years ago"; not after a dateline),
    a sentence-final appositive that sums up the clause before it ("called the remarks 'racist,' an
    extraordinary indictment that generated a fresh wave of criticism") or describes the name before
    it ("... deaths were linked to COVID-19, the disease caused by the coronavirus"), a non-restrictive relative
    clause ("Whitfield, whose folksy campaign reached back to Nebraska's farm towns, was projected the
    winner") and an appositive between the subject and its verb ("Ted Cruz, the Texas senator, won").
    Background, not what the sentence asserts; the names and places in it stay (they still say where
    and who), but for a place that describes the subject ("the Texas senator"): no place of the fact."""
    def blank(w: regex.Match) -> str:
        return " " * len(w.group())

    def lower_words(m: regex.Match) -> str:
        return _LOWER_RUN.sub(blank, m.group())
    text = _DASH_ASIDE.sub(lambda m: lower_words(m) if _LOWER_RUN.search(text, 0, m.start()) else m.group(), text)
    finite = vocabulary().finite_verbs

    def final(m: regex.Match) -> str:   # not a clause: "In Ohio, the election was held on May 3."
        return m.group() if any(w in finite for w in m.group().split()) else lower_words(m)
    text = _FINAL_APPOSITIVE.sub(final, _SUMMARY.sub(lower_words, text))
    def description(m: regex.Match) -> str:   # "Ted Cruz, the Texas senator, won": Texas says who he is
        return _LOWER_RUN.sub(blank, _BEFORE_TITLE.sub(blank, m.group()))
    return _SUBJECT_APPOSITIVE.sub(description, _RELATIVE.sub(lower_words, text))
