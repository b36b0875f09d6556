"""Who takes part in a round is written once as a Python predicate and once as a query expression
(participants.eligibility); on generated participants and rounds both must pick the same people."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from participants.eligibility import audience_of, in_audience, may_take_part, taking_part
from participants.models import Category, Participant, Status
from tests import factories

pytestmark = pytest.mark.django_db

NOW = timezone.now()
people = st.lists(
    st.tuples(
        st.sampled_from(Status.values),
        st.sampled_from(Category.values),
        st.integers(min_value=-30, max_value=30),  # days between the round's opening and the last status change
        st.sampled_from(["complete", "no statement", "no acknowledgements"]),  # imported people start incomplete
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=people, restricted=st.booleans(), opened=st.booleans())
def test_the_predicate_and_the_query_pick_the_same_people(people, restricted, opened):
    Participant.objects.all().delete()
    opened_at = NOW if opened else None
    for status, category, days, registration in people:
        participant = factories.make_participant(status=status, category=category)
        # The stored fields the rule reads, set directly as the property ranges over them: the time of the
        # last status change, and what an import leaves missing until the person completes their registration.
        missing = {
            "complete": {},
            "no statement": {"statement": ""},
            "no acknowledgements": {"personal_capacity_acknowledged_at": None, "confidentiality_acknowledged_at": None},
        }[registration]
        Participant.objects.filter(pk=participant.pk).update(status_changed_at=NOW + timedelta(days=days), **missing)
    everyone = list(Participant.objects.all())

    queried_now = set(Participant.objects.filter(taking_part(restricted=restricted)).values_list("pk", flat=True))
    queried_audience = set(
        Participant.objects.filter(audience_of(restricted=restricted, opened_at=opened_at)).values_list("pk", flat=True)
    )

    assert queried_now == {p.pk for p in everyone if may_take_part(p, restricted=restricted)}
    assert queried_audience == {p.pk for p in everyone if in_audience(p, restricted=restricted, opened_at=opened_at)}
    assert queried_now <= queried_audience
