"""Existing data follows Annex 1 as written once migrated: written rounds give back their places, and
cycles that overlapped are separated (or merged when they are one cycle spelled twice)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("consult", "0004_question_kinds_and_follow_ups")]
AFTER = [("consult", "0006_written_rounds_outside_the_cap")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def back_to_the_latest_schema():
    """Migrating one app back unapplies what depends on it elsewhere: leave the schema whole for later tests."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_written_rounds_release_their_places_and_overlapping_cycles_are_separated():
    apps = migrate(BEFORE)
    Cycle, Tool, Round = (apps.get_model("consult", name) for name in ("Cycle", "Tool", "Round"))
    earlier = Cycle.objects.create(name="CSP11-CSP12", starts_on=date(2025, 8, 29), ends_on=date(2026, 8, 28))
    current = Cycle.objects.create(name="CSP12-CSP13", starts_on=date(2026, 8, 28), ends_on=date(2027, 8, 27))
    twin = Cycle.objects.create(name="CSP12\u2013CSP13", starts_on=date(2026, 8, 28), ends_on=date(2027, 8, 27))
    tool = Tool.objects.create(name="Online reporting tool")
    opens_at = timezone.make_aware(datetime(2026, 10, 1, 9))
    common = {"tool": tool, "stage": "design", "opens_at": opens_at, "closes_at": opens_at + timedelta(days=9)}
    written = Round.objects.create(cycle=current, title="Written", state="scheduled", slot=1, **common)
    moved = Round.objects.create(cycle=twin, title="Online", mode="online", state="scheduled", slot=1, **common)

    apps = migrate(AFTER)

    Cycle, Tool, Round = (apps.get_model("consult", name) for name in ("Cycle", "Tool", "Round"))
    assert Round.objects.get(pk=written.pk).slot is None
    assert (Round.objects.get(pk=moved.pk).cycle_id, Round.objects.get(pk=moved.pk).slot) == (current.pk, 1)
    assert list(Cycle.objects.order_by("starts_on").values_list("name", "ends_on")) == [
        ("CSP11-CSP12", date(2026, 8, 27)),
        ("CSP12-CSP13", date(2027, 8, 27)),
    ]
    assert Cycle.objects.filter(pk=earlier.pk).exists()
    assert Tool.objects.get().restricted_area is True
