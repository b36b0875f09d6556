"""“Schedule and announce” e-mails everyone: it first says what will happen and to how many people."""

from __future__ import annotations

import pytest
from django.core import mail

from consult.models import Mode, RoundState
from participants.models import Category, Notification
from tests import factories
from tests.consult.helpers import add_question, make_round

pytestmark = pytest.mark.django_db


def people(count: int, **extra) -> list:
    return [factories.make_participant(**extra) for _ in range(count)]


def test_the_page_counts_who_is_e_mailed_and_how_before_anything_happens(secretariat_client):
    round_ = make_round(mode=Mode.ONLINE)
    add_question(round_)
    people(3)
    quiet = factories.make_participant()
    quiet.notifications = [Notification.ROUND_OPENED]
    quiet.save()
    no_calendar = factories.make_participant()
    no_calendar.notifications = [Notification.ROUND_SCHEDULED]
    no_calendar.save()

    page = secretariat_client.get(f"/rounds/{round_.pk}/schedule/").content.decode()

    assert "Schedule and announce this consultation?" in page
    assert "It takes consultation place 1 of 2 in CSP12-CSP13" in page
    assert "4 participants are e-mailed now: 3 with a calendar invitation, 1 with an announcement." in page
    assert "1 is not e-mailed" in page
    assert "All approved participants may take part: 5 people." in page
    assert "Schedule and e-mail 4 participants" in page
    round_.refresh_from_db()
    assert round_.state == RoundState.DRAFT
    assert mail.outbox == []


def test_a_restricted_round_counts_only_state_party_representatives(secretariat_client):
    round_ = make_round(restricted=True)
    people(2, category=Category.STATE_PARTY)
    people(3, category=Category.CIVIL_SOCIETY)

    page = secretariat_client.get(f"/rounds/{round_.pk}/schedule/").content.decode()

    assert "Only State Party representatives may take part (Annex 1 §9): 2 approved participants." in page
    assert "2 participants are e-mailed now" in page


def test_a_round_without_questions_is_pointed_out(secretariat_client):
    round_ = make_round()

    page = secretariat_client.get(f"/rounds/{round_.pk}/schedule/").content.decode()

    assert "It has no questions yet." in page


def test_confirming_schedules_and_e_mails(secretariat_client, django_capture_on_commit_callbacks):
    round_ = make_round()
    people(2)

    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(f"/rounds/{round_.pk}/schedule/", follow=True)

    assert "Scheduled: a request for written input, which takes no place." in response.content.decode()
    round_.refresh_from_db()
    assert round_.state == RoundState.SCHEDULED
    assert len(mail.outbox) == 2


def test_the_round_page_links_to_the_confirmation_instead_of_scheduling_at_once(secretariat_client):
    round_ = make_round()

    page = secretariat_client.get(f"/rounds/{round_.pk}/").content.decode()

    assert f'<a class="button" href="/rounds/{round_.pk}/schedule/">Schedule and announce</a>' in page


def test_a_full_cycle_offers_no_button_on_the_confirmation(secretariat_client):
    make_round(state=RoundState.SCHEDULED, title="First", mode=Mode.ONLINE)
    make_round(state=RoundState.SCHEDULED, title="Second", mode=Mode.ONLINE)
    third = make_round(title="Third", mode=Mode.ONLINE)

    page = secretariat_client.get(f"/rounds/{third.pk}/schedule/").content.decode()

    assert "CSP12-CSP13 has no free place." in page
    assert "Schedule and e-mail" not in page


def test_the_confirmation_of_a_written_request_says_it_takes_no_place(secretariat_client):
    make_round(state=RoundState.SCHEDULED, title="First", mode=Mode.ONLINE)
    make_round(state=RoundState.SCHEDULED, title="Second", mode=Mode.ONLINE)
    written = make_round(title="Written")

    page = secretariat_client.get(f"/rounds/{written.pk}/schedule/").content.decode()

    assert "A request for written input takes no consultation place" in page
    assert "takes consultation place" not in page and "has no free place" not in page


def test_a_round_already_scheduled_goes_back_to_its_page(secretariat_client):
    round_ = make_round(state=RoundState.SCHEDULED)

    response = secretariat_client.get(f"/rounds/{round_.pk}/schedule/", follow=True)

    assert "This consultation is already scheduled." in response.content.decode()


def test_open_now_says_how_many_are_e_mailed(secretariat_client):
    round_ = make_round(state=RoundState.SCHEDULED)
    people(3)

    page = secretariat_client.get(f"/rounds/{round_.pk}/open/").content.decode()

    assert "3 participants who chose to be told are e-mailed now." in page
