"""The rules and the words that call for them: one scan of a document finds every word any rule
is triggered by, requires or is anchored at, and a sentence meets only the rules its words call for.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property


from ..records import Sentence
from .engine import Hit, scan
from .loader import Rule, compile_rule
from ..rules.cache import compile_cached


@dataclass(frozen=True, eq=False)
class RuleSet:
    """The rules, and the words that call for them: one scan of a document finds every trigger
    and anchor word of every rule (`scan`), and a sentence meets only the rules its words
    trigger (a few dictionary lookups instead of testing every rule's triggers)."""

    rules: tuple[Rule, ...]
    by_trigger: dict[str, tuple[int, ...]]
    untriggered: frozenset[int]   # rules without triggers: tried on every sentence
    keys: frozenset[str]          # every word a rule triggers on, requires or is anchored at

    def compile_all(self) -> "RuleSet":
        """Compile (or load from the cache) every rule now: before forking workers, so that they
        share the patterns, and so that a pattern that does not compile stops the run at its start."""
        for rule in self.rules:
            compile_rule(rule)
            _ = rule.cue_pattern
        return self

    @classmethod
    def of(cls, rules: tuple[Rule, ...]) -> "RuleSet":
        by_trigger: dict[str, list[int]] = {}
        keys: set[str] = set()
        for i, rule in enumerate(rules):
            for word in rule.triggers:
                by_trigger.setdefault(word, []).append(i)
            keys |= rule.triggers | rule.requires | rule.anchor_words | rule.anchor_starts
            keys |= {last for _, last in rule.anchor_pairs}
        return cls(rules, {w: tuple(ids) for w, ids in by_trigger.items()},
                   frozenset(i for i, rule in enumerate(rules) if not rule.triggers), frozenset(keys))

    def scan(self, text: str) -> list[Hit]:
        return scan(self.keys, text)

    def scan_sentences(self, text: str, sentences: list[Sentence]) -> list[list[Hit]]:
        """The key words of each sentence (offsets into the sentence), from one scan of the document.

        A sentence whose edge cuts through a word of the document (a boundary between '’' and
        'He') is scanned on its own, so that every sentence gets the words its own text has."""
        hits = self.scan(text)
        out: list[list[Hit]] = []
        i = 0
        n = len(hits)
        for sentence in sentences:
            start, end = sentence.start, sentence.end
            if text[start:end] != sentence.text or _cuts_word(text, start) or _cuts_word(text, end):
                out.append(self.scan(sentence.text))
                continue
            while i < n and hits[i][0] < start:
                i += 1
            j = i
            mine = []
            while j < n and hits[j][1] <= end:
                mine.append((hits[j][0] - start, hits[j][1] - start, hits[j][2]))
                j += 1
            out.append(mine)
        return out

    def triggered(self, words: set[str]) -> list[Rule]:
        """The rules whose triggers and required words the sentence has, in rule order (as bits of an
        int, rule i the bit 1 << i: a few ORs per word instead of sets of rule numbers)."""
        masks = self._masks
        chosen, required = masks.untriggered, masks.unrequired
        for word in words:
            chosen |= masks.by_trigger.get(word, 0)
            required |= masks.by_required.get(word, 0)
        chosen &= required
        rules = self.rules
        out = []
        while chosen:
            low = chosen & -chosen
            out.append(rules[low.bit_length() - 1])
            chosen ^= low
        return out

    @cached_property
    def _masks(self) -> "_Masks":
        by_trigger: dict[str, int] = {}
        by_required: dict[str, int] = {}
        untriggered = unrequired = 0
        for i, rule in enumerate(self.rules):
            bit = 1 << i
            for word in rule.triggers:
                by_trigger[word] = by_trigger.get(word, 0) | bit
            for word in rule.requires:
                by_required[word] = by_required.get(word, 0) | bit
            untriggered |= 0 if rule.triggers else bit
            unrequired |= 0 if rule.requires else bit
        return _Masks(by_trigger, by_required, untriggered, unrequired)


@dataclass(frozen=True)
class _Masks:
    """The rules each word triggers or satisfies the requires of, as bits (see `RuleSet.triggered`)."""

    by_trigger: dict[str, int]
    by_required: dict[str, int]
    untriggered: int   # rules tried on every sentence
    unrequired: int    # rules that require no word


_TOKEN_CHAR = compile_cached(r"[\w'’-]")


def _cuts_word(text: str, at: int) -> bool:
    return 0 < at < len(text) and bool(_TOKEN_CHAR.match(text, at - 1)) and bool(_TOKEN_CHAR.match(text, at))


