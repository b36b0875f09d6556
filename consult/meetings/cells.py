"""Counts shown to the Chair and the Working Group: the small-cell rule applied to a set of counts. Pure.

A count between 1 and ANONYMITY_MIN_CELL - 1 could point at a person, so it is hidden (None). When
only one count of a set that adds up to a known total is hidden, it could be worked out by
subtraction, so the smallest other non-zero count is hidden too.
"""

from __future__ import annotations

from collections.abc import Mapping


def protect(counts: Mapping[str, int], *, min_cell: int) -> dict[str, int | None]:
    """The counts with small ones (and what would reveal them) replaced by None."""
    hidden = {name for name, count in counts.items() if 0 < count < min_cell}
    if len(hidden) == 1:
        others = sorted((count, name) for name, count in counts.items() if name not in hidden and count > 0)
        if others:
            hidden.add(others[0][1])
    return {name: None if name in hidden else count for name, count in counts.items()}


def shown(count: int, *, min_cell: int) -> int | None:
    """One count on its own: None when it is small enough to point at someone."""
    return None if 0 < count < min_cell else count
