"""`attrib rules list`: the rules with what each finds and how many examples back it."""
from __future__ import annotations

from dataclasses import dataclass

from ..match import load_rules
from ..gazetteer import load_gazetteer


@dataclass(frozen=True)
class RuleSummary:
    id: str
    description: str
    priority: int
    examples: int
    negatives: int
    line: int


def list_rules(path: str | None = None) -> list[RuleSummary]:
    """Every rule of a rules file (the package's by default), in file order."""
    return [RuleSummary(r.id, r.description, r.priority, len(r.examples), len(r.negatives), r.line)
            for r in load_rules(load_gazetteer().outlet_names(), path=path)]
