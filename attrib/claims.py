"""Stage 6, group claims. Placeholder until claim grouping lands: each statement is its own claim."""
from __future__ import annotations


def group_claims(analysis) -> None:
    return None
