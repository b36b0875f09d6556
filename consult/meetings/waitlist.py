"""Places at an in-person meeting with a capacity: who holds one and who waits, in order. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Acceptance:
    id: int
    responded_at: datetime
    waitlisted: bool


@dataclass(frozen=True)
class Allocation:
    """After a change: who moves up from the waiting list, and who still waits (in order)."""

    moved_up: tuple[int, ...]
    waiting: tuple[int, ...]


def waits(*, holders: int, capacity: int | None) -> bool:
    """Whether a new acceptance goes on the waiting list."""
    return capacity is not None and holders >= capacity


def allocate(acceptances: Sequence[Acceptance], capacity: int | None) -> Allocation:
    """Fill free places from the waiting list, first come first served.

    Nobody who holds a place loses it, even when the capacity is lowered below their number: the
    Secretariat sees the meeting is over capacity and decides.
    """
    holders = sum(1 for item in acceptances if not item.waitlisted)
    queue = [item.id for item in sorted(acceptances, key=lambda item: (item.responded_at, item.id)) if item.waitlisted]
    free = len(queue) if capacity is None else max(capacity - holders, 0)
    return Allocation(moved_up=tuple(queue[:free]), waiting=tuple(queue[free:]))


def position(waiting: Sequence[int], acceptance_id: int) -> int | None:
    """1 for the first in line; None when not waiting."""
    return waiting.index(acceptance_id) + 1 if acceptance_id in waiting else None
