"""Group items (distinct statements) into claims: blocking, similarity, conflicts; average linkage in linkage.py.

Two statements are the same claim when what they assert overlaps enough (IDF-weighted overlap of
their features, relative to the smaller statement: a short report meets a long one that adds
detail; or, for quoted speech, the same word shingles) and nothing says they differ: other numbers,
other places, another actor, a hypothetical against a fact (`conflict`). Only statements
that share one of their rarest features are compared (blocking with capped posting lists), so the
work grows near-linearly. Average linkage with those conflicts as cannot-links keeps a sentence that
touches two facts from chaining them together.
"""
from __future__ import annotations

import math
import os
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .context import PRONOUNS, cited_speakers, resolve_descriptions
from .direction import direction, opposite
from .features import DEMAND, UNNAMED, StatementFeatures
from .quantities import quantities_agree
from .items import feature_counts
from .linkage import CONFLICT, KEEP, THRESHOLD, average_link
from .pairs import score_pairs
from .vocabulary import vocabulary

ALSO_THRESHOLD = 0.50     # a statement also supports another claim at this average similarity with its reports
ALSO_COVER = 0.40         # ... and when that claim covers this share of the statement (not a passing mention)
BLOCK_KEYS = 12           # rarest features of a statement used as blocking keys
MAX_POSTING = 64          # a blocking key shared by more distinct statements than this is too common to block on
MIN_SHARED = 2            # content features two statements must share
ANCHORLESS = 3            # content words a statement without names, places or numbers needs to be compared,
                          # and the words two statements must share when they share no name, place, speaker or
                          # demand (a number alone anchors little: "eight years" in four unrelated sentences)
MIN_FEATURES = 2          # statements with fewer content features stay claims of their own
QUOTE_MIN = 2             # quoted shingles two statements must share to be the same utterance
LONGER = 0.10              # how much of what only the longer statement says counts against a match
CONTENT_WEIGHT = 0.0      # share of the similarity that comes from content words alone (not names, numbers)
TOPIC_REPEATS = 2.0       # between sentences of one document, a word repeated by more sentences per
                          # document than this weighs less (the documents' topic)
SPEAKER_RARE = 4          # a shared speaker counts as a shared feature when the words two statements
                          # share are in this many statements at most
FRAGMENT = 0.75           # the similarity of a quote of a word or two to a quote of its speaker that holds it


_NONE: frozenset[int] = frozenset()


@dataclass(slots=True)
class Item:
    """One distinct statement, its features as integer ids."""
    feats: frozenset[int]
    quantities: tuple            # (Quantity, its feature id)
    places: frozenset[int]
    lists_places: bool
    names: frozenset[int]       # names of people and organisations (not places, not settings)
    actor: int
    speakers: frozenset[int]    # its sources' names
    hypothetical: bool
    comparable: bool
    converse: bool = False       # it says the actor lost, trailed or conceded: the other party may be the actor
    scare: frozenset[int] = _NONE    # a quote of a word or two: what it quotes (wording.quoted_words) ...
    quoted: frozenset[int] = _NONE   # ... and every word it quotes
    region: frozenset[int] = _NONE   # its places and the countries they lie in: "Florida" has a place in
                                     # common with "the US", not with "Texas"
    direction: int = 0               # it moves its subject up (1) or down (-1) only: direction.py
    labels: frozenset[int] = _NONE   # words it has only from names and titles: who, not what (flags.py)
    negated: frozenset[int] = _NONE  # content words it denies ("were not satisfied")


def _asserts(f: StatementFeatures, who: frozenset[str] = frozenset()) -> bool:
    """Whether a statement says enough to be compared: something happens (a content word) to someone
    or somewhere (a name or place, or a source stands behind it); with only numbers, two content words; with none of those, three
    ("Terms were not disclosed" is a different fact in every deal report)."""
    if f.n_content == 0 or len(f.words | f.speakers) < MIN_FEATURES:   # "Trump said his words were 'misconstrued'"
        return False
    if f.attributed or who or any(k[0] == "@" for k in f.words):
        return True
    if any(k[0] == "#" for k in f.words):   # a number alone anchors little: "Record March 31", "Pay April 30"
        return f.n_content >= 2
    return f.n_content >= ANCHORLESS


class Features:
    """Items with interned feature ids, their IDF and masses."""

    def __init__(self, found: Iterable[StatementFeatures], weight: Sequence[int], n_statements: int,
                 doc: Sequence[int | None] | None = None, cited: Sequence[str] | None = None, prune: bool = True):
        """`prune`: once the masses are known, drop from each item the features no other item has
        (most quote shingles and rare words): they weigh in its mass but never meet another item."""
        self.doc = doc
        # ids in order of first appearance, a statement's features in sorted order: no dependence on
        # string hashing; each statement is interned as it comes, so its strings are not all kept
        ids: dict[str, int] = {}
        self.items: list[Item] = []
        cores, voice = cited_speakers(cited, doc) if cited is not None else ([], frozenset())
        self.interviews = frozenset(d for d, _ in voice)   # documents with a voice: interviews
        within = vocabulary().within
        for i, f in enumerate(resolve_descriptions(found, doc)):
            feats = frozenset(ids.setdefault(k, len(ids)) for k in sorted(f.words))
            d = doc[i] if doc is not None else None
            who = frozenset(k for k in f.speakers.union(cores[i] if cores else ())
                            if k not in PRONOUNS and (d, k) not in voice)
            places = frozenset(ids[k] for k in f.places) if f.places else _NONE
            names = frozenset(ids[k] for k in f.words if k[0] == "@" and k not in f.places and k not in f.settings)
            self.items.append(Item(
                feats, tuple((q, ids.get(q.key, -1)) for q in f.quantities), places, f.lists_places,
                names or _NONE, ids.setdefault(f.actor, len(ids)) if f.actor else -1,
                frozenset(ids.setdefault(k, len(ids)) for k in sorted(who)) if who else _NONE, f.hypothetical,
                _asserts(f, who), f.converse, self._quoted(ids, f.scare, who), self._quoted(ids, f.quoted, who),
                places | frozenset(ids.setdefault(within[k], len(ids)) for k in f.places if k in within),
                direction(f.words), frozenset([ids[k] for k in f.labels]) if f.labels else _NONE,
                frozenset([ids[k] for k in f.negated]) if f.negated else _NONE))
        self.unnamed = ids.get(UNNAMED, -2)
        self.names = [""] * len(ids)
        for k, i in ids.items():
            self.names[i] = k
        del ids
        self.shingle = [k.startswith('"') for k in self.names]
        self.df, in_docs = feature_counts([it.feats for it in self.items], weight, doc, len(self.names))
        df = self.df
        # a word many sentences of few documents repeat is those documents' topic ("black hole" in an
        # interview on black holes), not what any one sentence asserts: its weight falls with burstiness
        self.idf = array("d", (math.log((n_statements + 1) / (v + 0.5)) for v in df))
        self.topical = array("d", (idf * min(1.0, TOPIC_REPEATS * in_docs[k] / df[k]) if df[k] else 0.0
                                   for k, idf in enumerate(self.idf)))
        # a speaker weighs by how many statements name them or cite them
        cited_df, cited_docs = feature_counts([it.speakers - it.feats for it in self.items], weight, doc, len(self.names))
        self.who_idf = array("d", (math.log((n_statements + 1) / (v + c + 0.5)) for v, c in zip(df, cited_df)))
        self.who_topical = array("d", (idf * min(1.0, TOPIC_REPEATS * (in_docs[k] + cited_docs[k]) / (df[k] + cited_df[k]))
                                       if df[k] + cited_df[k] else 0.0 for k, idf in enumerate(self.who_idf)))
        self.content = [k[:1] not in "@#\"" for k in self.names]
        self.mass = array("d", (math.fsum(self.idf[k] for k in it.feats if not self.shingle[k]) or 1.0
                                for it in self.items))
        self.topical_mass = array("d", (math.fsum(self.topical[k] for k in it.feats if not self.shingle[k]) or 1.0
                                        for it in self.items))
        self.content_mass = array("d", (math.fsum(self.idf[k] for k in it.feats if self.content[k])
                                        for it in self.items))
        self.quote_len = [sum(1 for k in it.feats if self.shingle[k]) for it in self.items]
        if prune:
            self._prune()

    def _prune(self) -> None:
        """Each item without the features no other item has (among its features, speakers or actor: a
        speaker is looked up in the other's features), and their names: memory follows shared features."""
        holders = [0] * len(self.names)
        for it in self.items:
            for k in it.feats | it.speakers | ({it.actor} if it.actor >= 0 else _NONE):
                holders[k] += 1
        for it in self.items:
            if any(holders[k] == 1 for k in it.feats):
                it.feats = frozenset(k for k in it.feats if holders[k] > 1) or _NONE
        for k, n in enumerate(holders):
            if n == 1:
                self.names[k] = ""

    @staticmethod
    def _quoted(ids: dict[str, int], stems: frozenset[str], who: frozenset[str]) -> frozenset[int]:
        """Ids of the words a statement quotes; none without a speaker (a fragment meets its speaker's quote)."""
        return frozenset(ids.setdefault('"' + k, len(ids)) for k in sorted(stems)) if stems and who else _NONE

    def similarity(self, a: int, b: int) -> float:
        """IDF-weighted overlap relative to the smaller statement, or the share of quoted shingles
        they share; CONFLICT when they cannot be one claim."""
        ia, ib = self.items[a], self.items[b]
        shared = ia.feats & ib.feats
        if not shared:
            return 0.0
        if conflict(ia, ib, self.unnamed) is not None:
            return CONFLICT
        words = [k for k in shared if not self.shingle[k]]
        quoted = len(shared) - len(words)
        sim = 0.0
        rounded = self.rounded(ia, ib)   # "nearly two decades" and "24 years" share a quantity
        speakers = self.speakers(ia, ib, shared)
        # two sentences of one document share its topic ("black hole" all through an interview on
        # black holes): between them a word weighs less the more sentences per document repeat it
        one_doc = self.doc is not None and self.doc[a] is not None and self.doc[a] == self.doc[b]
        who = self.who_topical if one_doc else self.who_idf
        # a speaker and one shared word are one fact only when the word is rare ("disavow" twice in an
        # article on Trump's remarks), not when it is common ("'We had no chance,' Ortiz said")
        voiced = bool(speakers and words and all(self.df[k] <= SPEAKER_RARE for k in words))
        # two words and nothing else in common is a topic ("social distancing", "ballot access"), not a fact
        # in an interview, the names its answers keep coming back to ("hot Jupiter" all through a talk
        # on exoplanets) are its topic: they anchor nothing between two of its answers
        talk = one_doc and self.doc[a] in self.interviews
        anchored = bool(speakers or rounded or ia.speakers and ib.speakers) or any(
            self.names[k][0] == "@" and not (talk and self.topical[k] < self.idf[k]) or self.names[k] == DEMAND
            for k in words)
        if len(words) + len(rounded) + voiced >= (MIN_SHARED if anchored else ANCHORLESS):
            weight, mass = (self.topical, self.topical_mass) if one_doc else (self.idf, self.mass)
            extra = [who[k] for k in speakers]
            small, large = sorted((mass[a] + math.fsum(who[k] for k in speakers if k not in ia.feats),
                                   mass[b] + math.fsum(who[k] for k in speakers if k not in ib.feats)))
            if (ia.speakers and ib.speakers and not ia.speakers & ib.speakers
                    and self.quote_len[a] and self.quote_len[b]):   # two people's own words
                small, large = sorted((mass[a] + max(who[k] for k in ia.speakers),
                                       mass[b] + max(who[k] for k in ib.speakers)))
            sim = math.fsum([*(weight[k] for k in words), *rounded, *extra]) / (small + LONGER * (large - small))
            low = min(self.content_mass[a], self.content_mass[b])
            if low > 0:   # what happened must meet too, not only who and where
                said = math.fsum(self.idf[k] for k in words if self.content[k]) / low
                sim = (1 - CONTENT_WEIGHT) * sim + CONTENT_WEIGHT * min(1.0, said)
        if quoted >= QUOTE_MIN and not (ia.speakers and ib.speakers and not ia.speakers & ib.speakers):
            # the same words quoted are one utterance, unless two different people say them (Trump
            # calls Clinton's "make America whole again" an inferior slogan)
            sim = max(sim, quoted / min(self.quote_len[a], self.quote_len[b]))
        if (ia.scare and ia.scare <= ib.quoted or ib.scare and ib.scare <= ia.quoted) and ia.speakers & ib.speakers:
            sim = max(sim, FRAGMENT)   # a word or two of one utterance, quoted by each: "called it 'racist'"
        return sim

    @staticmethod
    def speakers(ia: Item, ib: Item, shared: frozenset[int]) -> list[int]:
        """The people both statements are about or cite, where one of them has that person only as
        its speaker (a quote is its speaker's proposition)."""
        if ia.speakers and ib.speakers:   # both cite someone: the same person, or none
            return sorted(ia.speakers & ib.speakers - shared)
        return sorted(((ia.speakers & ib.names) | (ib.speakers & ia.names)) - shared)


    def rounded(self, ia: Item, ib: Item) -> list[float]:
        """Weights of the quantities two statements share up to rounding, written differently."""
        out = []
        for qa, ka in ia.quantities:
            if ka in ib.feats:
                continue
            for qb, kb in ib.quantities:
                if kb not in ia.feats and ka >= 0 and kb >= 0 and quantities_agree(qa, qb):
                    out.append(min(self.idf[ka], self.idf[kb]))
                    break
        return out

    def restates(self, a: int, b: int) -> bool:
        """Whether two statements share MIN_SHARED words or more (quoted shingles aside), enough for one
        to restate the other."""
        shared = self.items[a].feats & self.items[b].feats
        return sum(1 for k in shared if not self.shingle[k]) >= MIN_SHARED

    def cover(self, a: int, b: int, leave: frozenset[int] = _NONE) -> float:
        """The share of statement a's weight that b also has (the features of `leave` aside)."""
        shared = self.items[a].feats & self.items[b].feats
        return math.fsum(self.idf[k] for k in shared if not self.shingle[k] and k not in leave) / self.mass[a]


def _lacks(xs: list, ys: list) -> bool:
    """Whether one of the figures xs matches none of ys (the same value, or the same up to rounding)."""
    return any(not any(x.value == y.value or quantities_agree(x, y) for y in ys) for x in xs)


def conflict(a: Item, b: Item, unnamed: int = -2) -> str | None:
    """Why two statements cannot assert one fact, or None: different numbers (each has one the other
    lacks), different place lists or places with none in common, another actor, each a name other than
    its actor that the other lacks, a hypothetical against a fact, a word denied against the word
    asserted, or one way against the other ("rose" / "fell")."""
    if a.quantities and b.quantities:
        for unit in {q.unit for q, _ in a.quantities} & {q.unit for q, _ in b.quantities}:
            qa = [q for q, _ in a.quantities if q.unit == unit]
            qb = [q for q, _ in b.quantities if q.unit == unit]
            if (any(not any(quantities_agree(x, y) for y in qb) for x in qa)
                    and any(not any(quantities_agree(y, x) for x in qa) for y in qb)):
                return "numbers"
        counts_a = [q for q, _ in a.quantities if q.unit not in ("date", "weekday")]
        counts_b = [q for q, _ in b.quantities if q.unit not in ("date", "weekday")]
        if counts_a and counts_b and _lacks(counts_a, counts_b) and _lacks(counts_b, counts_a):
            return "numbers"   # "49.8 percent" and "699.57 delegates"; "10 of Toronto's 14 sub-indices" and "eight of
                               # Toronto's 14 sub-indices": each gives a figure the other lacks, a figure shared or not
    if (a.lists_places or b.lists_places) and a.places != b.places:
        return "places"
    if a.places and b.places and not (a.places & b.region or b.places & a.region):   # "mourning in Oman", "in Egypt"
        return "places"
    if a.actor >= 0 and b.actor >= 0 and a.actor != b.actor and a.actor not in b.speakers and b.actor not in a.speakers:
        if unnamed in (a.actor, b.actor):     # "He received criticism" is not "Trump received criticism" by itself
            return None if a.converse or b.converse or a.actor == b.actor else "actor"
        if a.actor not in b.feats and b.actor not in a.feats:
            return "actor"
        if not (a.converse or b.converse):   # "Sanders beats Clinton", "Clinton won six states": each the winner
            return "actor"
    if a.names - b.feats - {a.actor} and b.names - a.feats - {b.actor}:   # another pardon: "granted X a pardon"
        return "names"
    if a.hypothetical != b.hypothetical:
        return "mood"
    if (a.negated or b.negated) and (a.negated - b.negated & b.feats or b.negated - a.negated & a.feats):
        return "polarity"    # "Republicans were not satisfied with Trump" / "... say they are satisfied with Trump"
    if opposite(a.direction, b.direction) and not ((a.converse or b.converse) and a.actor != b.actor):
        return "direction"   # "11 groups rose" / "11 groups lost ground"; not "X lost ground to Y" / "Y gained"
    return None


def candidate_pairs(features: Features, weight: Sequence[int], jobs: int = 1) -> dict[tuple[int, int], float]:
    """Similarity of the pairs of items that share one of their rarest features, where it is KEEP or
    more or a conflict (weaker pairs count as 0 and are not kept: memory follows the strong pairs);
    and the pairs where one quotes a word or two that the other quotes too (_fragment_pairs).
    From PARALLEL_PAIRS items on, scored in `jobs` processes (pairs.py; the same pairs and values)."""
    names, df = features.names, features.df
    postings: dict[int, list[int]] = defaultdict(list)
    for i, it in enumerate(features.items):
        if not it.comparable:
            continue
        shared = [k for k in it.feats if df[k] > weight[i]]   # a feature no other statement has blocks nothing
        for key in sorted(shared, key=lambda k: (df[k], names[k]))[:BLOCK_KEYS]:
            postings[key].append(i)
    blocks = [postings[key] for key in sorted(postings, key=names.__getitem__) if 1 < len(postings[key]) <= MAX_POSTING]
    del postings
    pair_sim = score_pairs(features, blocks, jobs)
    for a, b in _fragment_pairs(features.items):
        if (a, b) not in pair_sim:
            value = features.similarity(a, b)
            if value >= KEEP or value == CONFLICT:
                pair_sim[(a, b)] = value
    return pair_sim


def _fragment_pairs(items: list[Item]) -> list[tuple[int, int]]:
    """Pairs where one quotes a word or two that the other quotes too (a fragment of one utterance)."""
    scare: dict[int, list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        for k in it.scare if it.comparable else ():
            scare[k].append(i)
    if not scare:
        return []
    quoting: dict[int, list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        for k in it.quoted & scare.keys() if it.comparable else ():
            quoting[k].append(i)
    return sorted({(min(a, b), max(a, b)) for k in sorted(scare) if len(quoting[k]) <= MAX_POSTING
                   for a in scare[k] for b in quoting[k]
                   if a != b and items[a].scare <= items[b].quoted and items[a].speakers & items[b].speakers})


def also_supports(features: Features, pair_sim: dict[tuple[int, int], float], cluster_of: list[int],
                  groups: dict[int, list[int]], claim_of: list[str], weight: list[int]) -> list[list[str]]:
    """Other claims a statement asserts too: a sentence may report two facts ("Putin arrived in
    Pyongyang, where Kim welcomed him at the airport"). It keeps one claim_id and lists the others
    here, when it is as close to that claim's reports as they are to each other, conflicts with none
    of them, and the claim is a good part of what it says (not a passing mention)."""
    neighbours: dict[int, set[int]] = defaultdict(set)
    for (a, b), value in pair_sim.items():
        if value >= THRESHOLD:
            neighbours[a].add(cluster_of[b])
            neighbours[b].add(cluster_of[a])

    def sim(a: int, b: int) -> float:
        key = (a, b) if a < b else (b, a)
        if key not in pair_sim:
            pair_sim[key] = features.similarity(*key)
        return pair_sim[key]

    out: list[list[str]] = [[] for _ in features.items]
    for i in range(len(features.items)):
        extra = []
        for c in sorted(neighbours.get(i, ())):
            if c == cluster_of[i]:
                continue
            members = groups[c]
            sims = [sim(i, j) for j in members]
            if CONFLICT in sims:
                continue
            total = sum(weight[j] for j in members)
            avg = sum(weight[j] * s for j, s in zip(members, sims)) / total
            # both ways: the claim is a good part of what it says, and it says a good part of what
            # the claim's reports say ("Ortiz won Dover" does not assert "Ortiz won Dover's retired teachers")
            cover = sum(weight[j] * min(features.cover(i, j), features.cover(j, i)) for j in members) / total
            if avg >= ALSO_THRESHOLD and cover >= ALSO_COVER:
                extra.append(claim_of[members[0]])
        out[i] = sorted(extra)
    return out


def cluster_items(found: Iterable[StatementFeatures], weight: list[int], n_statements: int,
                  doc: Sequence[int | None] | None = None, cited: Sequence[str] | None = None, jobs: int = 1
                  ) -> tuple[Features, dict[tuple[int, int], float], list[int]]:
    """(features, compared pairs, cluster of each item) from the items' features in order (`featurise`);
    `doc`: the document of each item found in one document only (else None); `cited`: the names its
    chains cite (tab-separated); `jobs`: processes that score the candidate pairs."""
    features = Features(found, weight, n_statements, doc, cited)
    pair_sim = candidate_pairs(features, weight, jobs)
    cluster_of = average_link(len(features.items), pair_sim,
                              [w if it.comparable else 1 for w, it in zip(weight, features.items)], features.restates)
    return features, pair_sim, cluster_of


def default_jobs() -> int:
    return min(2, os.cpu_count() or 1)

