"""Proposed times as each participant sees them, and the counts per time (pure)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from consult.meetings import slots

GENEVA_AFTERNOON = datetime(2026, 12, 8, 13, 0, tzinfo=UTC)  # 14:00 in Geneva


def test_a_slot_is_shown_in_the_readers_own_zone():
    local = slots.in_zone(GENEVA_AFTERNOON, GENEVA_AFTERNOON + timedelta(hours=2), ZoneInfo("America/Lima"))

    assert (local.starts_at.hour, local.ends_at.hour) == (8, 10)
    assert not local.outside_hours


def test_a_geneva_afternoon_is_the_middle_of_the_night_in_auckland():
    local = slots.in_zone(GENEVA_AFTERNOON, GENEVA_AFTERNOON + timedelta(hours=2), ZoneInfo("Pacific/Auckland"))

    assert (local.starts_at.hour, local.ends_at.hour) == (2, 4)
    assert local.starts_at.date().day == 9
    assert local.outside_hours


@pytest.mark.parametrize(
    ("start", "end", "outside"),
    [
        ((7, 0), (9, 0), False),  # starts exactly at 07:00
        ((20, 0), (22, 0), False),  # ends exactly at 22:00
        ((6, 30), (8, 30), True),
        ((21, 0), (23, 0), True),
        ((23, 0), (1, 0), True),  # runs past midnight
    ],
)
def test_outside_hours_is_anything_not_within_seven_to_twenty_two(start, end, outside):
    day = datetime(2026, 12, 8, tzinfo=UTC)
    starts = day.replace(hour=start[0], minute=start[1])
    ends = day.replace(hour=end[0], minute=end[1])
    if ends < starts:
        ends += timedelta(days=1)

    assert slots.outside_hours(starts, ends) is outside


def test_naive_slot_times_are_refused():
    with pytest.raises(ValueError, match="time-zone aware"):
        slots.in_zone(datetime(2026, 12, 8, 13), datetime(2026, 12, 8, 15), ZoneInfo("UTC"))


def test_tally_counts_each_answer_per_slot_in_order():
    votes = [(1, "yes"), (1, "if_need_be"), (2, "no"), (1, "no"), (2, "yes")]

    first, second = slots.tally([1, 2], votes)

    assert (first.yes, first.if_need_be, first.no, first.available) == (1, 1, 1, 2)
    assert (second.yes, second.no, second.answered) == (1, 1, 2)


def test_the_best_slot_is_the_one_most_can_attend_then_most_plain_yes():
    tallies = [slots.Tally(1, yes=2, if_need_be=2), slots.Tally(2, yes=3, if_need_be=1), slots.Tally(3, yes=1)]

    assert slots.best(tallies) == {2}


def test_without_answers_no_slot_is_best():
    assert slots.best([slots.Tally(1), slots.Tally(2, no=3)]) == set()
