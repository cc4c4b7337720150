"""The additive relations of a table: along each dimension, a code is the sum
of its nearest present descendants (and the total code the sum of the top)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Hierarchy:
    """One dimension's additive structure: parent of each code (None at the top) and its total code."""

    parents: dict[str, str | None]
    total: str = ""

    def parent(self, code: str) -> str | None:
        parent = self.parents.get(code)
        if parent is None and self.total and code != self.total:
            return self.total
        return parent


def relations(keys: Sequence[tuple[str, ...]], hierarchies: Sequence[Hierarchy]) -> list[tuple[int, list[int]]]:
    """(total cell, its part cells) for every additive relation among these cells.

    Along each dimension, with the other dimensions fixed, a present code is a
    part of its nearest present ancestor (a division of its section, or of the
    total when the section is not in the table)."""
    out: list[tuple[int, list[int]]] = []
    for d, hierarchy in enumerate(hierarchies):
        if not hierarchy.total and not any(hierarchy.parents.values()):
            continue  # no total and no hierarchy: nothing adds up along this dimension
        groups: dict[tuple, dict[str, int]] = {}
        for index, key in enumerate(keys):
            groups.setdefault(key[:d] + key[d + 1 :], {})[key[d]] = index
        for members in groups.values():
            children: dict[str, list[int]] = {}
            for code, index in members.items():
                parent = hierarchy.parent(code)
                seen = 0
                while parent is not None and parent not in members and seen < 50:
                    parent, seen = hierarchy.parent(parent), seen + 1
                if parent is not None and parent in members:
                    children.setdefault(parent, []).append(index)
            for parent, parts in children.items():
                out.append((members[parent], sorted(parts)))
    out.sort()
    return out
