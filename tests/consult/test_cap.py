"""Annex 1 §10: at most two consultations per cycle, online and in-person together, held by the database."""

from __future__ import annotations

import threading

import pytest
from django.db import IntegrityError, connection, transaction

from consult import selectors, services
from consult.models import Mode, Round, RoundState
from tests.consult.helpers import make_cycle, make_round

pytestmark = pytest.mark.django_db


def test_a_third_round_in_a_cycle_is_refused_with_a_clear_message():
    make_round(state=RoundState.SCHEDULED, title="First")
    make_round(state=RoundState.OPEN, title="Second", mode=Mode.ONLINE)
    third = make_round(title="Third")

    with pytest.raises(services.CycleCapReached) as error:
        services.schedule_round(round_id=third.pk, by=None)

    assert "CSP12-CSP13 already has 2 consultations" in str(error.value)
    third.refresh_from_db()
    assert third.state == RoundState.DRAFT


def test_closed_and_summarised_rounds_keep_their_place():
    make_round(state=RoundState.CLOSED, title="First")
    make_round(state=RoundState.SUMMARISED, title="Second")

    with pytest.raises(services.CycleCapReached):
        make_round(state=RoundState.SCHEDULED, title="Third")


def test_a_round_cancelled_before_opening_frees_its_place():
    first = make_round(state=RoundState.SCHEDULED, title="First")
    make_round(state=RoundState.SCHEDULED, title="Second")
    services.cancel_round(round_id=first.pk, by=None, reason="Postponed", notify=False)

    third = make_round(state=RoundState.SCHEDULED, title="Third")

    assert third.slot == 1


def test_drafts_take_no_place():
    make_round(title="Draft one")
    make_round(title="Draft two")
    make_round(title="Draft three")

    assert selectors.cap_usage(make_cycle()).used == 0


def test_another_cycle_has_its_own_two_places():
    make_round(state=RoundState.SCHEDULED, title="First")
    make_round(state=RoundState.SCHEDULED, title="Second")

    other = make_round(state=RoundState.SCHEDULED, cycle=make_cycle("CSP13-CSP14"), title="Next cycle")

    assert other.slot == 1


def test_cap_usage_reads_as_the_secretariat_plans():
    make_round(state=RoundState.SCHEDULED)

    assert str(selectors.cap_usage(make_cycle())) == "1 of 2 consultations used in CSP12-CSP13"


def test_the_database_itself_refuses_a_second_round_in_the_same_place():
    first = make_round(state=RoundState.SCHEDULED, title="First")
    draft = make_round(title="Second")

    with pytest.raises(IntegrityError), transaction.atomic():
        Round.objects.filter(pk=draft.pk).update(slot=first.slot)


def test_the_database_itself_refuses_a_third_place():
    draft = make_round()

    with pytest.raises(IntegrityError), transaction.atomic():
        Round.objects.filter(pk=draft.pk).update(slot=3)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_many_concurrent_schedulings_let_exactly_two_through():
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite serialises all writes, so it cannot show a race (CI runs PostgreSQL).")
    drafts = [make_round(title=f"Round {number}") for number in range(8)]
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
