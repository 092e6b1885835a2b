"""Stage 3, match rules: run the attribution rules over each sentence.

Rules are data (`attrib/rules/rules.toml`, read and checked by `attrib.rules.source`).
`loader` builds them, with their speed devices derived from the rules themselves; each pattern
compiles when first used (from the cache of compiled patterns when it can). `ruleset` finds the
words of a document that any rule triggers on or is anchored at in one scan; each sentence then
runs only the rules its words call for (`engine`: at their anchors, within a CPU budget), and
`frames` turns the matches into `Frame` records: where two share words, the higher-priority
(then longer) one wins.
"""
from ..rules.source import expand_macros
from .engine import MATCH_BUDGET, Hit, RuleTimeout, _anchor_spans, matches, scan
from .frames import _frame, _resolve_overlaps, match_document, match_sentence
from .loader import FRAME, Rule, build_rule, compile_rule, derived_device, load_rules, rule_lists
from .ruleset import RuleSet

__all__ = ["FRAME", "MATCH_BUDGET", "Hit", "Rule", "RuleSet", "RuleTimeout", "build_rule", "compile_rule",
           "derived_device", "expand_macros", "load_rules", "match_document", "match_sentence", "matches",
           "rule_lists", "scan", "_anchor_spans", "_frame", "_resolve_overlaps"]
