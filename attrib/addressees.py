"""Whom a source spoke to, in the forms the gazetteer alone does not settle (see Resolver.addressee).

"CNN's State of the Union", "Fox News host Sean Hannity", "Sean Hannity on Fox News": the network
(guidelines: "told A's host H", "told H of A" -> A); "magazine The Bark", "a local newspaper": an
outlet the gazetteer does not know, told by its kind; "told Fox": the network.
"""
from __future__ import annotations

from typing import Any


from .lexicon import list_pattern
from .rules.cache import compile_cached

BARE_NETWORKS = {"Fox": "Fox News"}
_NETWORK_FIRST = compile_cached(r"^(?:the\s+)?(?P<net>\p{Lu}[\p{L}\d.&'’ -]{0,40}?)(?:['’]s\s+\S|\s+%s\b)"
                               % list_pattern("network_roles"))
_NETWORK_LAST = compile_cached(r"^.+?\s+(?:of|on|at|from)\s+(?:the\s+)?(?P<net>\p{Lu}[\p{L}\d.&'’ -]{0,40}?)$")
_OUTLET_NOUN = list_pattern("addressee_outlet_nouns")
_NAMED_BY_NOUN = compile_cached(r"(?i:^(?:the\s+)?(?:[\w-]+\s+){0,2}%s)\s+(?P<name>(?:\p{Lu}|\d)[\w'’.&-]*"
                               r"(?:\s+(?:\p{Lu}[\w'’.&-]*|\d+|of|the|de|du|la|el))*)$" % _OUTLET_NOUN)
_INDEFINITE_OUTLET = compile_cached(r"(?i)^(?:a|an|one|another)\s+(?:[\w-]+\s+){0,2}%s$" % _OUTLET_NOUN)


def network_of(gazetteer: Any, text: str, kinds: frozenset[str]) -> tuple[Any, str] | None:
    """(gazetteer entry, the words naming it) of the network a show or host is named with, or None."""
    m = _NETWORK_FIRST.match(text) or _NETWORK_LAST.match(text)
    if m is None:
        return None
    net = m.group("net")
    entry = gazetteer.lookup(net)
    if entry is None:  # "Breitbart News Daily SiriusXM host H": the outlet the show's name begins with
        found = [f for f in gazetteer.find_in(net) if f[0] == 0]
        entry, net = (found[0][2], net[:found[0][1]]) if found else (None, net)
    if entry is None or entry.kind not in kinds:
        return None
    return entry, net


def outlet_by_noun(text: str) -> str:
    """The name of an outlet introduced by its kind ("magazine The Bark"), else ""."""
    m = _NAMED_BY_NOUN.match(text)
    return m.group("name") if m is not None else ""


def is_indefinite_outlet(words: str) -> bool:
    """"a local newspaper", "one regional TV station": an outlet without a name."""
    return bool(_INDEFINITE_OUTLET.match(words))
