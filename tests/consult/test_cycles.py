"""CSP cycles: one Conference of States Parties to the next, never overlapping, one name however spelled."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction

from consult import services
from consult.models import Cycle
from tests.consult.helpers import make_cycle, make_round

pytestmark = pytest.mark.django_db


def test_a_cycle_overlapping_another_is_refused_naming_it():
    make_cycle()

    with pytest.raises(services.CycleInvalid) as refused:
        services.save_cycle(by=None, name="CSP13-CSP14", starts_on=date(2027, 8, 27), ends_on=date(2028, 8, 24))

    assert "overlap CSP12-CSP13 (28 August 2026 to 27 August 2027)" in refused.value.message_dict["starts_on"][0]


def test_the_next_cycle_may_start_the_day_after():
    make_cycle()

    following = services.save_cycle(by=None, name="CSP13-CSP14", starts_on=date(2027, 8, 28), ends_on=date(2028, 8, 24))

    assert following.pk


def test_a_name_differing_only_by_dash_case_or_spaces_is_the_same_cycle():
    make_cycle()

    with pytest.raises(services.CycleInvalid) as refused:
        services.save_cycle(by=None, name="csp12 \u2013 CSP13", starts_on=date(2030, 1, 1), ends_on=date(2030, 12, 31))

    assert "CSP12-CSP13 already exists" in refused.value.message_dict["name"][0]


def test_a_cycle_cannot_shrink_away_from_its_rounds():
    round_ = make_round()

    with pytest.raises(services.CycleInvalid) as refused:
        services.save_cycle(
            by=None, cycle_id=round_.cycle_id, name="CSP12-CSP13", starts_on=date(2026, 8, 28), ends_on=date(2026, 9, 1)
        )

    assert "“Reporting workflow”" in refused.value.message_dict["ends_on"][0]


@pytest.mark.postgres
def test_postgresql_itself_refuses_overlapping_cycles():
    if connection.vendor != "postgresql":
        pytest.skip("The exclusion constraint exists on PostgreSQL only; elsewhere the service check guards.")
    make_cycle()

    with pytest.raises(IntegrityError), transaction.atomic():
        Cycle.objects.create(name="Sneaked in", starts_on=date(2027, 1, 1), ends_on=date(2027, 12, 31))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_overlapping_cycles_let_exactly_one_through():
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite serialises all writes, so it cannot show a race (CI runs PostgreSQL).")
    names = [f"CSP12-CSP13 draft {number}" for number in range(6)]
    barrier = threading.Barrier(len(names))
    outcomes: list[str] = []

    def attempt(name: str) -> None:
        try:
            connection.ensure_connection()
            barrier.wait()
            services.save_cycle(by=None, name=name, starts_on=date(2026, 8, 28), ends_on=date(2027, 8, 27))
            outcomes.append("saved")
        except services.CycleInvalid:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["refused"] * 5 + ["saved"]
    assert Cycle.objects.count() == 1
