"""Who sees which round (§9, §15): restricted rounds for approved State Party participants only."""

from __future__ import annotations

import pytest

from consult import selectors
from consult.models import RoundState
from participants.eligibility import may_take_part
from participants.models import Category, Status
from tests import factories
from tests.consult.helpers import make_round

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("category", Category.values)
def test_a_restricted_round_page_is_for_approved_state_party_participants_only(category, client_for):
    round_ = make_round(state=RoundState.OPEN, restricted=True, title="Restricted area test")
    participant = factories.make_participant(category=category)

    response = client_for(participant.user).get(f"/rounds/{round_.pk}/")

    assert response.status_code == (200 if category == Category.STATE_PARTY else 404)


@pytest.mark.parametrize("category", Category.values)
def test_an_unrestricted_round_is_for_every_approved_participant(category, client_for):
    round_ = make_round(state=RoundState.OPEN)
    participant = factories.make_participant(category=category)

    response = client_for(participant.user).get(f"/rounds/{round_.pk}/")

    assert response.status_code == 200


@pytest.mark.parametrize("status", [s for s in Status.values if s != Status.APPROVED])
def test_participants_who_are_not_approved_see_no_round(status, client_for):
    round_ = make_round(state=RoundState.OPEN)
    participant = factories.make_participant(status=status)

    response = client_for(participant.user).get(f"/rounds/{round_.pk}/")

    assert response.status_code == 404


@pytest.mark.parametrize("state", [RoundState.DRAFT, RoundState.CANCELLED])
def test_drafts_and_cancelled_rounds_are_hidden_from_participants_and_the_chair(state, client_for, chair_client):
    round_ = make_round(state=state)
    participant = factories.make_participant()

    assert client_for(participant.user).get(f"/rounds/{round_.pk}/").status_code == 404
    assert chair_client.get(f"/rounds/{round_.pk}/").status_code == 404


def test_the_secretariat_sees_drafts(secretariat_client):
    round_ = make_round()

    response = secretariat_client.get(f"/rounds/{round_.pk}/")

    assert response.status_code == 200
    assert "Draft: participants cannot see it yet." in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client):
    round_ = make_round(state=RoundState.OPEN)

    response = client.get(f"/rounds/{round_.pk}/")

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_an_unknown_round_is_the_same_404_as_a_hidden_one(client_for):
    hidden = make_round(state=RoundState.OPEN, restricted=True)
    participant = factories.make_participant(category=Category.CIVIL_SOCIETY)
    client = client_for(participant.user)

    hidden_response = client.get(f"/rounds/{hidden.pk}/")
    unknown_response = client.get(f"/rounds/{hidden.pk + 1000}/")

    assert hidden_response.status_code == unknown_response.status_code == 404
    assert hidden.title not in hidden_response.content.decode()


@pytest.mark.parametrize("category", Category.values)
@pytest.mark.parametrize("restricted", [True, False])
def test_notification_audience_matches_the_eligibility_rule(category, restricted):
    round_ = make_round(restricted=restricted)
    participant = factories.make_participant(category=category)

    in_audience = selectors.eligible_participants(round_).filter(pk=participant.pk).exists()

    assert in_audience is may_take_part(participant, restricted=restricted)
