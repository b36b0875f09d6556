"""Places at an in-person meeting: first come, first served; nobody loses a place (pure)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from consult.meetings import cells, waitlist

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def acceptance(number: int, *, waiting: bool) -> waitlist.Acceptance:
    return waitlist.Acceptance(number, T0 + timedelta(minutes=number), waiting)


def test_a_new_acceptance_waits_only_when_every_place_is_taken():
    assert not waitlist.waits(holders=1, capacity=2)
    assert waitlist.waits(holders=2, capacity=2)
    assert not waitlist.waits(holders=50, capacity=None)


def test_a_free_place_goes_to_the_first_in_line():
    accepted = [acceptance(1, waiting=False), acceptance(3, waiting=True), acceptance(2, waiting=True)]

    allocation = waitlist.allocate(accepted, capacity=2)

    assert allocation.moved_up == (2,)
    assert allocation.waiting == (3,)
    assert waitlist.position(allocation.waiting, 3) == 1


def test_lowering_the_capacity_takes_nobodys_place():
    accepted = [acceptance(1, waiting=False), acceptance(2, waiting=False), acceptance(3, waiting=True)]

    allocation = waitlist.allocate(accepted, capacity=1)

    assert allocation.moved_up == ()
    assert allocation.waiting == (3,)


def test_removing_the_capacity_lets_everyone_in():
    accepted = [acceptance(1, waiting=True), acceptance(2, waiting=True)]

    assert waitlist.allocate(accepted, capacity=None).moved_up == (1, 2)


def test_small_counts_are_hidden_and_so_is_the_count_that_would_reveal_them():
    protected = cells.protect({"accepted": 10, "declined": 2, "no_reply": 5}, min_cell=3)

    assert protected == {"accepted": 10, "declined": None, "no_reply": None}


def test_zero_and_large_counts_are_shown():
    assert cells.protect({"accepted": 10, "declined": 0, "no_reply": 4}, min_cell=3) == {
        "accepted": 10,
        "declined": 0,
        "no_reply": 4,
    }
    assert cells.shown(2, min_cell=3) is None
    assert cells.shown(0, min_cell=3) == 0
