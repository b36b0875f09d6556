"""An adversary who tries every subtraction (every linear combination) of a report's published counts.

Each published count covers a set of (category, column) cells: a row its category (or, for "Other
categories", every category not given its own row) in one column, a total every category. A cell
is recovered when its unit vector lies in the span of the published ones; the report is safe when
every recoverable cell is 0 or at least the minimum.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any


def _rank(vectors: list[list[Fraction]]) -> int:
    rows = [list(vector) for vector in vectors]
    rank, width = 0, len(rows[0]) if rows else 0
    for column in range(width):
        pivot = next((index for index in range(rank, len(rows)) if rows[index][column] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for index in range(len(rows)):
            if index != rank and rows[index][column] != 0:
                factor = rows[index][column] / rows[rank][column]
                rows[index] = [a - factor * b for a, b in zip(rows[index], rows[rank], strict=True)]
        rank += 1
    return rank


def recovered_small_cells(group: dict[str, Any], true_counts: dict[str, tuple[int, ...]], min_cell: int) -> list:
    """The (category, column, count) cells under the minimum (and above 0) that the published counts pin down."""
    categories = sorted(true_counts)
    columns = len(group["columns"])
    atoms = [(category, column) for category in categories for column in range(columns)]

    def vector(cells: set[tuple[str, int]]) -> list[Fraction]:
        return [Fraction(1 if atom in cells else 0) for atom in atoms]

    named = {row["label"] for row in group["rows"]}
    published: list[list[Fraction]] = []
    for row in group["rows"]:
        covered = {row["label"]} if row["label"] in categories else set(categories) - named
        for position, column in enumerate(group["broken_down"]):
            published.append(vector({(category, column) for category in covered}))
            assert sum(true_counts[category][column] for category in covered) == row["counts"][position]
    for column, total in enumerate(group["total"]):
        if total is not None:
            published.append(vector({(category, column) for category in categories}))
    base = _rank(published) if published else 0
    found = []
    for category, column in atoms:
        count = true_counts[category][column]
        if 0 < count < min_cell and published and _rank([*published, vector({(category, column)})]) == base:
            found.append((category, column, count))
    return found
