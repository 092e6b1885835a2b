"""The rules as `load_rules` builds them, kept in the cache folder so that a run does not derive them again.

Reading rules.toml, expanding macros and deriving every rule's devices (attrib.rules.derive,
attrib.rules.required) took half a second of CPU at every start. The finished `Rule` fields are
stored as `marshal` data (no pickles: loading runs no code) under the hash of everything that
shapes them: the rule and macro files, the named lists, the source of the modules that derive
them, and the Python version. An edited rule, list or deriving module simply misses.

A rule set is stored only after every pattern in it compiled, so rules taken from the cache may
compile when first used (a run on one article compiles only what its sentences call for) and
still never stop a run half-way with a pattern that does not compile.
"""
from __future__ import annotations

import dataclasses
import hashlib
import logging
import marshal
import sys
from pathlib import Path

import regex

from ..lexicon import Lexicon
from ..rules.cache import cache_dir, read_payload, write_payload
from ..rules.source import default_macros_path, default_rules_path
from .loader import Rule, compile_rule, load_rules, rule_lists

log = logging.getLogger("attrib")
FORMAT = b"attrib-rules-cache-1"
PACKAGE = Path(__file__).resolve().parent.parent
# what derives a Rule from the rule file: an edit to any of these misses the cache
DERIVING = ("match/loader.py", "match/stored.py", "lexicon.py", "rules/*.py", "rules/*.toml")
FIELDS = tuple(f.name for f in dataclasses.fields(Rule))


def ready_rules(outlet_names: tuple[str, ...], lexicon: Lexicon) -> tuple[Rule, ...]:
    """The shipped rules, from the cache folder when they were derived before; else derived, every
    pattern compiled (RuleFileError for one that does not), and stored."""
    lists = rule_lists(outlet_names, lexicon)
    folder = cache_dir()
    path = folder / f"rules-{rules_key(lists)}.marshal"
    payload = read_payload(path)
    if payload is not None:
        try:
            return tuple(_rule(values) for values in marshal.loads(payload))
        except (ValueError, TypeError, EOFError) as exc:  # another layout of Rule: derive again
            log.debug("cache file %s does not load (%s); deriving the rules again", path, exc)
    rules = load_rules(outlet_names, lexicon)
    for rule in rules:
        compile_rule(rule)
        _ = rule.cue_pattern
    try:
        payload = marshal.dumps([tuple(_plain(getattr(rule, name)) for name in FIELDS) for rule in rules])
    except ValueError as exc:  # a value marshal cannot hold
        log.debug("cannot keep the derived rules (%s)", exc)
        return rules
    write_payload(folder, path, payload)
    return rules


def _rule(values: tuple) -> Rule:
    fields = dict(zip(FIELDS, values, strict=True))
    fields["flags"] = regex.RegexFlag(fields["flags"])  # the compiled-pattern cache keys on its name
    return Rule(**fields)


def _plain(value: object) -> object:
    return int(value) if isinstance(value, regex.RegexFlag) else value


def rules_key(lists: dict[str, tuple[str, ...]]) -> str:
    """The hash of everything that shapes the derived rules."""
    digest = hashlib.sha256()
    for part in (FORMAT, sys.version.encode(), str(marshal.version).encode(), regex.__version__.encode(),
                 default_rules_path().encode(), default_macros_path().encode(), str(PACKAGE).encode()):
        digest.update(part + b"\x00")
    for pattern in DERIVING:
        for file in sorted(PACKAGE.glob(pattern)):
            digest.update(file.name.encode() + b"\x01" + file.read_bytes() + b"\x00")
    for name in sorted(lists):
        digest.update(name.encode() + b"\x01" + "\x02".join(lists[name]).encode("utf-8", "surrogatepass") + b"\x00")
    return digest.hexdigest()
