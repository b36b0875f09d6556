"""Proposed meeting times as each participant sees them, and the count of answers per time. Pure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, tzinfo

# A meeting is social for someone when it fits between these hours of their own day.
DAY_STARTS = time(7, 0)
DAY_ENDS = time(22, 0)

YES, IF_NEED_BE, NO = "yes", "if_need_be", "no"


@dataclass(frozen=True)
class LocalSlot:
    """A proposed time in one person's zone, flagged when it falls outside their 07:00-22:00."""

    starts_at: datetime
    ends_at: datetime

    @property
    def outside_hours(self) -> bool:
        return outside_hours(self.starts_at, self.ends_at)

    @property
    def ends_another_day(self) -> bool:
        return self.ends_at.date() != self.starts_at.date()


def in_zone(starts_at: datetime, ends_at: datetime, zone: tzinfo) -> LocalSlot:
    """The slot in `zone`. Raises ValueError for naive times (they would be read in the wrong zone)."""
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise ValueError("Slot times must be time-zone aware.")
    return LocalSlot(starts_at.astimezone(zone), ends_at.astimezone(zone))


def outside_hours(local_start: datetime, local_end: datetime) -> bool:
    """True unless the whole slot lies between 07:00 and 22:00 of one local day."""
    same_day = local_start.date() == local_end.date()
    return not (same_day and local_start.time() >= DAY_STARTS and local_end.time() <= DAY_ENDS)


@dataclass(frozen=True)
class Tally:
    """How many said yes, if need be and no to one slot."""

    slot_id: int
    yes: int = 0
    if_need_be: int = 0
    no: int = 0

    @property
    def available(self) -> int:
        return self.yes + self.if_need_be

    @property
    def answered(self) -> int:
        return self.available + self.no


def tally(slot_ids: Iterable[int], votes: Iterable[tuple[int, str]]) -> list[Tally]:
    """Counts per slot, in the order of `slot_ids`, from (slot id, availability) pairs."""
    counts = Counter(votes)
    return [
        Tally(slot_id, counts[(slot_id, YES)], counts[(slot_id, IF_NEED_BE)], counts[(slot_id, NO)])
        for slot_id in slot_ids
    ]


def best(tallies: Iterable[Tally]) -> set[int]:
    """The slots most people can attend (ties broken by the number of plain yeses); none without answers."""
    ranked = [(item.available, item.yes, item.slot_id) for item in tallies if item.available]
    if not ranked:
        return set()
    top = max((available, yes) for available, yes, _ in ranked)
    return {slot_id for available, yes, slot_id in ranked if (available, yes) == top}
