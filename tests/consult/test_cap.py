"""Annex 1 §10: at most two consultations per cycle, online and in-person together, held by the database;
requests for written input take no place."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from consult import selectors, services
from consult.models import Mode, Round, RoundState
from tests.consult.helpers import (
    MEETING_LINK,
    NEXT_CYCLE_OPENS_AT,
    make_att_meeting,
    make_cycle,
    make_next_cycle,
    make_round,
)

ONLINE = {"mode": Mode.ONLINE}

pytestmark = pytest.mark.django_db


def test_a_third_round_in_a_cycle_is_refused_with_a_clear_message():
    make_round(state=RoundState.SCHEDULED, title="First", **ONLINE)
    make_round(state=RoundState.OPEN, title="Second", mode=Mode.ONLINE)
    third = make_round(title="Third", **ONLINE)

    with pytest.raises(services.CycleCapReached) as error:
        services.schedule_round(round_id=third.pk, by=None)

    assert "CSP12-CSP13 already has 2 consultations" in str(error.value)
    third.refresh_from_db()
    assert third.state == RoundState.DRAFT


def test_closed_and_summarised_rounds_keep_their_place():
    make_round(state=RoundState.CLOSED, title="First", **ONLINE)
    make_round(state=RoundState.SUMMARISED, title="Second", **ONLINE)

    with pytest.raises(services.CycleCapReached):
        make_round(state=RoundState.SCHEDULED, title="Third", **ONLINE)


def test_a_round_cancelled_before_opening_frees_its_place():
    first = make_round(state=RoundState.SCHEDULED, title="First", **ONLINE)
    make_round(state=RoundState.SCHEDULED, title="Second", **ONLINE)
    services.cancel_round(round_id=first.pk, by=None, reason="Postponed", notify=False)

    third = make_round(state=RoundState.SCHEDULED, title="Third", **ONLINE)

    assert third.slot == 1


def test_drafts_take_no_place():
    make_round(title="Draft one", **ONLINE)
    make_round(title="Draft two", **ONLINE)
    make_round(title="Draft three", **ONLINE)

    assert selectors.cap_usage(make_cycle()).used == 0


def test_another_cycle_has_its_own_two_places():
    make_round(state=RoundState.SCHEDULED, title="First", **ONLINE)
    make_round(state=RoundState.SCHEDULED, title="Second", **ONLINE)

    other = make_round(
        state=RoundState.SCHEDULED,
        cycle=make_next_cycle(),
        title="Next cycle",
        opens_at=NEXT_CYCLE_OPENS_AT,
        **ONLINE,
    )

    assert other.slot == 1


def test_cap_usage_reads_as_the_secretariat_plans():
    make_round(state=RoundState.SCHEDULED, **ONLINE)

    assert str(selectors.cap_usage(make_cycle())) == "1 of 2 consultations used in CSP12-CSP13"


def test_the_database_itself_refuses_a_second_round_in_the_same_place():
    first = make_round(state=RoundState.SCHEDULED, title="First", **ONLINE)
    draft = make_round(title="Second", **ONLINE)

    with pytest.raises(IntegrityError), transaction.atomic():
        Round.objects.filter(pk=draft.pk).update(slot=first.slot)


def test_the_database_itself_refuses_a_third_place():
    draft = make_round(**ONLINE)

    with pytest.raises(IntegrityError), transaction.atomic():
        Round.objects.filter(pk=draft.pk).update(slot=3)


def test_requests_for_written_input_take_no_place_and_any_number_may_run():
    make_round(state=RoundState.SCHEDULED, title="First meeting", **ONLINE)
    make_round(state=RoundState.OPEN, title="Second meeting", **ONLINE)

    written = [make_round(state=RoundState.SCHEDULED, title=f"Written request {n}") for n in range(3)]

    assert [round_.slot for round_ in written] == [None, None, None]
    usage = selectors.cap_usage(make_cycle())
    assert (usage.used, usage.written, usage.full) == (2, 3, True)


def test_in_person_and_online_share_the_two_places():
    make_round(state=RoundState.SCHEDULED, title="Online", **ONLINE)
    make_round(state=RoundState.SCHEDULED, title="Also online", **ONLINE)
    in_person = make_in_person_draft()

    with pytest.raises(services.CycleCapReached):
        services.schedule_round(round_id=in_person.pk, by=None, notify=False)


def test_a_scheduled_written_request_made_online_takes_the_free_place():
    make_round(state=RoundState.SCHEDULED, title="Online", **ONLINE)
    written = make_round(state=RoundState.SCHEDULED, title="Written")

    changed = services.update_round(round_id=written.pk, by=None, mode=Mode.ONLINE, **meeting_details(written))

    assert (changed.mode, changed.slot) == (Mode.ONLINE, 2)
    assert selectors.cap_usage(make_cycle()).full


def test_a_scheduled_written_request_cannot_become_a_third_consultation():
    make_round(state=RoundState.SCHEDULED, title="Online", **ONLINE)
    make_round(state=RoundState.SCHEDULED, title="Also online", **ONLINE)
    written = make_round(state=RoundState.SCHEDULED, title="Written")

    with pytest.raises(services.RoundInvalid) as refused:
        services.update_round(round_id=written.pk, by=None, mode=Mode.ONLINE, **meeting_details(written))

    assert "CSP12-CSP13 already has 2 consultations" in refused.value.message_dict["mode"][0]
    written.refresh_from_db()
    assert (written.mode, written.slot) == (Mode.WRITTEN, None)


def test_an_announced_meeting_cannot_quietly_become_a_written_request():
    meeting = make_round(state=RoundState.SCHEDULED, title="Online", **ONLINE)

    with pytest.raises(services.RoundInvalid) as refused:
        services.update_round(round_id=meeting.pk, by=None, mode=Mode.WRITTEN)

    assert "cancel it" in refused.value.message_dict["mode"][0]


def test_the_mode_is_fixed_once_the_round_is_open():
    written = make_round(state=RoundState.OPEN, title="Written")

    with pytest.raises(services.RoundInvalid) as refused:
        services.update_round(round_id=written.pk, by=None, mode=Mode.ONLINE, **meeting_details(written))

    assert "mode" in refused.value.message_dict


def test_the_database_itself_refuses_a_place_for_a_written_request():
    written = make_round(state=RoundState.SCHEDULED, title="Written")

    with pytest.raises(IntegrityError), transaction.atomic():
        Round.objects.filter(pk=written.pk).update(slot=1)


def test_the_database_itself_refuses_a_scheduled_meeting_without_a_place():
    meeting = make_round(state=RoundState.SCHEDULED, title="Online", **ONLINE)

    with pytest.raises(IntegrityError), transaction.atomic():
        Round.objects.filter(pk=meeting.pk).update(slot=None)


def meeting_details(round_: Round) -> dict:
    starts_at = round_.opens_at + timedelta(days=2)
    return {
        "meeting_starts_at": starts_at,
        "meeting_ends_at": starts_at + timedelta(hours=2),
        "meeting_link": MEETING_LINK,
    }


def make_in_person_draft() -> Round:
    opens_at = timezone.now().replace(second=0, microsecond=0) + timedelta(days=1)
    starts_at = opens_at + timedelta(days=3)
    meeting = make_att_meeting(starts_at.date(), starts_at.date() + timedelta(days=2))
    return make_round(
        title="In person",
        mode=Mode.IN_PERSON,
        opens_at=opens_at,
        meeting_starts_at=starts_at,
        meeting_ends_at=starts_at + timedelta(hours=3),
        venue="Room XXIII, Palais des Nations",
        att_meeting=meeting,
        justification="Hands-on testing needs the same room.",
    )


def run_at_once(attempts: list) -> list[str]:
    """Run each attempt in its own thread and connection, all released together; their outcomes."""
    barrier = threading.Barrier(len(attempts))
    outcomes: list[str] = []

    def run(attempt) -> None:
        try:
            connection.ensure_connection()  # connect first, so the race is between transactions, not logins
            barrier.wait()
            outcomes.append(attempt())
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=run, args=(attempt,)) for attempt in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def schedule_attempt(round_id: int):
    def attempt() -> str:
        try:
            services.schedule_round(round_id=round_id, by=None, notify=False)
        except services.CycleCapReached:
            return "refused"
        return "scheduled"

    return attempt


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_written_requests_all_go_through_while_meetings_race_for_two_places():
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite serialises all writes, so it cannot show a race (CI runs PostgreSQL).")
    meetings = [make_round(title=f"Meeting {number}", **ONLINE) for number in range(4)]
    written = [make_round(title=f"Written {number}") for number in range(4)]

    outcomes = run_at_once([schedule_attempt(round_.pk) for round_ in [*meetings, *written]])

    assert sorted(outcomes) == ["refused"] * 2 + ["scheduled"] * 6
    assert Round.objects.filter(mode=Mode.WRITTEN, state=RoundState.SCHEDULED).count() == 4
    assert sorted(Round.objects.exclude(slot=None).values_list("slot", flat=True)) == [1, 2]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_mode_changes_take_the_last_place_once():
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite serialises all writes, so it cannot show a race (CI runs PostgreSQL).")
    make_round(state=RoundState.SCHEDULED, title="Online", **ONLINE)
    written = [make_round(state=RoundState.SCHEDULED, title=f"Written {number}") for number in range(4)]

    def change(round_: Round):
        def attempt() -> str:
            try:
                services.update_round(round_id=round_.pk, by=None, mode=Mode.ONLINE, **meeting_details(round_))
            except services.RoundInvalid:
                return "refused"
            return "changed"

        return attempt

    outcomes = run_at_once([change(round_) for round_ in written])

    assert sorted(outcomes) == ["changed"] + ["refused"] * 3
    assert sorted(Round.objects.exclude(slot=None).values_list("slot", flat=True)) == [1, 2]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_many_concurrent_schedulings_let_exactly_two_through():
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite serialises all writes, so it cannot show a race (CI runs PostgreSQL).")
    drafts = [make_round(title=f"Round {number}", **ONLINE) for number in range(8)]
    barrier = threading.Barrier(len(drafts))
    outcomes: list[str] = []

    def attempt(round_id: int) -> None:
        try:
            connection.ensure_connection()  # connect first, so the race is between transactions, not logins
            barrier.wait()
            services.schedule_round(round_id=round_id, by=None, notify=False)
            outcomes.append("scheduled")
        except services.CycleCapReached:
            outcomes.append("refused")
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=attempt, args=(draft.pk,)) for draft in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["refused"] * 6 + ["scheduled"] * 2
    assert sorted(Round.objects.exclude(slot=None).values_list("slot", flat=True)) == [1, 2]
