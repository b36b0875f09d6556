"""Small wording fixes a newcomer tripped over."""

from __future__ import annotations

import pytest

from consult.models import RoundState
from tests import factories
from tests.consult.helpers import make_round
from tests.feedback.summary_data import answer, close, open_round, respondents

pytestmark = pytest.mark.django_db


def test_the_chair_s_round_page_offers_no_reminders_the_chair_cannot_send(chair_client, secretariat_client):
    round_ = make_round(state=RoundState.OPEN)

    chair_page = chair_client.get(f"/rounds/{round_.pk}/").content.decode()
    secretariat_page = secretariat_client.get(f"/rounds/{round_.pk}/").content.decode()

    assert "Response details" in chair_page and "reminder" not in chair_page.lower().split("coming up")[0]
    assert "Response details and reminders" in secretariat_page


def test_the_two_step_set_up_page_does_not_talk_about_staff_to_a_participant(client_for):
    participant = factories.make_participant()

    page = client_for(participant.user, second_factor=False).get("/account/two-factor/").content.decode()

    assert "Staff accounts" not in page
    assert "Optional, and recommended" in page


def test_the_two_step_set_up_page_tells_staff_it_is_required(client_for):
    chair = factories.make_chair()

    page = client_for(chair, second_factor=False).get("/account/two-factor/").content.decode()

    assert "Staff accounts must use a second step" in page


def test_the_by_question_page_is_titled_by_the_question_not_its_key(chair_client):
    round_ = open_round()
    for person in respondents(3):
        answer(round_, person, {"ease": 4})
    close(round_)

    page = chair_client.get(f"/feedback/rounds/{round_.pk}/questions/ease/").content.decode()

    title = page[page.index("<title>") : page.index("</title>")]
    assert "How easy was the pre-filled report?" in title
    assert "ease ·" not in title
