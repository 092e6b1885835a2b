"""A ranked radial layout for the outlet network: publishers in the middle, sources on rings around
them, the most cited innermost; positions in points, boxes never overlapping.

Force-directed layouts (Graphviz sfdp, neato) give very different pictures from one Graphviz
build to another (the build in pygraphviz's wheels has no overlap removal), so the positions
are computed here, by construction free of overlaps, and Graphviz only draws them (`neato -n2`).
A source sits on its ring near the publishers that cite it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

GAP = 10.0  # points between boxes, and between rings


@dataclass
class Box:
    key: str
    width: float                     # points
    height: float
    neighbours: dict[str, float] = field(default_factory=dict)   # key -> weight of the edges between them


def tangent_extent(box: Box, angle: float) -> float:
    """How much of a circle's length a box takes at this angle (wide boxes take more at the top)."""
    return box.width * abs(math.sin(angle)) + box.height * abs(math.cos(angle))


def _preferred_angle(box: Box, angles: dict[str, float]) -> float | None:
    """The weighted circular mean of the angles of its neighbours already placed (None: none placed)."""
    x = sum(w * math.cos(angles[k]) for k, w in box.neighbours.items() if k in angles)
    y = sum(w * math.sin(angles[k]) for k, w in box.neighbours.items() if k in angles)
    return math.atan2(y, x) % (2 * math.pi) if x or y else None


def _fit_ring(boxes: list[Box], radius: float) -> int:
    """How many of `boxes` (in order) fit on a circle of this radius, spaced by their extents."""
    used, start = 0.0, -math.pi / 2
    for i, box in enumerate(boxes):
        need = (tangent_extent(box, start + used) + GAP) / radius
        if used + need > 2 * math.pi:
            return max(i, 1)
        used += need
    return len(boxes)


def _place_ring(boxes: list[Box], radius: float, angles: dict[str, float]) -> dict[str, tuple[float, float]]:
    """Boxes around a circle in order of their preferred angles, the spare length shared out evenly."""
    preferred = [(_preferred_angle(b, angles), i, b) for i, b in enumerate(boxes)]
    known = sorted((a, i, b) for a, i, b in preferred if a is not None)
    ordered = [b for _, _, b in known] + [b for a, _, b in preferred if a is None]   # unplaced ones: by rank
    start = known[0][0] if known else -math.pi / 2
    needs = []
    angle = start
    for box in ordered:   # first pass: each box's share of the circle where it will roughly be
        need = (tangent_extent(box, angle) + GAP) / radius
        needs.append(need)
        angle += need
    spare = max(2 * math.pi - sum(needs), 0.0) / len(ordered)
    positions, angle = {}, start
    for box, need in zip(ordered, needs):
        centre = angle + need / 2
        angles[box.key] = centre % (2 * math.pi)
        positions[box.key] = (radius * math.cos(centre), radius * math.sin(centre))
        angle += need + spare
    return positions


def ring_layout(centre: list[Box], rings: list[Box]) -> dict[str, tuple[float, float]]:
    """Positions (points, centre at 0,0) of `centre` boxes in the middle and of `rings` boxes (most
    important first) on rings around them; no two boxes overlap."""
    positions: dict[str, tuple[float, float]] = {}
    angles: dict[str, float] = {}
    placed: dict[str, Box] = {}
    if len(centre) == 1:
        positions[centre[0].key] = (0.0, 0.0)
        radius = math.hypot(centre[0].width, centre[0].height) / 2
    elif centre:
        widest = max(math.hypot(b.width, b.height) for b in centre)
        radius = max((widest + GAP) / (2 * math.sin(math.pi / len(centre))), widest)
        for i, box in enumerate(centre):
            angles[box.key] = (2 * math.pi * i / len(centre) - math.pi / 2) % (2 * math.pi)
            positions[box.key] = (radius * math.cos(angles[box.key]), radius * math.sin(angles[box.key]))
        radius += widest / 2
    else:
        radius = 0.0
    placed.update({b.key: b for b in centre})
    left = list(rings)
    while left:
        # the smallest ring a step out from the last whose boxes overlap neither each other nor those
        # placed before (a wide box at the side of a ring takes little room towards the next ring)
        radius += GAP + min(b.height for b in left[:12])
        while True:
            count = _fit_ring(left, radius)
            ring = {b.key: b for b in left[:count]}
            trial = dict(angles)
            spots = _place_ring(left[:count], radius, trial)
            if not overlaps({**placed, **ring}, {**positions, **spots}, among=set(ring)):
                break
            radius += GAP
        angles, left = trial, left[count:]
        positions.update(spots)
        placed.update(ring)
    return positions


def overlaps(boxes: dict[str, Box], positions: dict[str, tuple[float, float]],
             among: set[str] | None = None) -> list[tuple[str, str]]:
    """Pairs of boxes that overlap at these positions (with `among`: only pairs with one of those)."""
    keys = sorted(positions)
    found = []
    for i, a in enumerate(keys):
        (xa, ya), ba = positions[a], boxes[a]
        for b in keys[i + 1:]:
            if among is not None and a not in among and b not in among:
                continue
            (xb, yb), bb = positions[b], boxes[b]
            if abs(xa - xb) * 2 < ba.width + bb.width - 0.5 and abs(ya - yb) * 2 < ba.height + bb.height - 0.5:
                found.append((a, b))
    return found
