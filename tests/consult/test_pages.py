"""The Secretariat plans on pages that show the cap; participants see what they need to take part."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consult.models import Cycle, Mode, Round, RoundState, Tool
from feedback.services import NEW, submit_response
from participants.models import Category
from tests import factories
from tests.consult.helpers import add_document, make_cycle, make_next_cycle, make_round, make_tool

pytestmark = pytest.mark.django_db


def moment(days: int) -> str:
    return (timezone.localtime() + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def round_form(**changes) -> dict:
    return {
        "title": "Reporting workflow",
        "cycle": make_cycle().pk,
        "tool": make_tool().pk,
        "stage": "design",
        "description": "What we ask.",
        "mode": "written",
        "opens_at": moment(2),
        "closes_at": moment(16),
        "reminder_days": "3",
        **changes,
    }


# --- Menu and access --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["consult:secretariat_dashboard", "consult:round_list", "consult:library"])
def test_the_menu_pages_exist_for_the_secretariat(name, secretariat_client):
    assert secretariat_client.get(reverse(name)).status_code == 200


def test_staff_without_their_second_factor_are_sent_to_give_it(client_for, secretariat):
    client = client_for(secretariat, second_factor=False)

    response = client.get("/rounds/overview/")

    assert response.status_code == 302
    assert response["Location"].startswith("/account/two-factor/")


@pytest.mark.parametrize("path", ["/rounds/overview/", "/rounds/new/", "/rounds/setup/", "/rounds/"])
def test_participants_cannot_open_planning_pages(path, client_for):
    assert client_for(factories.make_participant().user).get(path).status_code == 403


def test_the_chair_sees_announced_rounds_but_not_drafts(chair_client):
    make_round(state=RoundState.SCHEDULED, title="Announced")
    make_round(title="Still a draft")

    page = chair_client.get("/rounds/").content.decode()

    assert "Announced" in page
    assert "Still a draft" not in page


# --- The dashboard --------------------------------------------------------------------------------------


def test_the_dashboard_shows_cap_usage_states_rates_and_next_steps(secretariat_client):
    round_ = make_round(state=RoundState.OPEN, questions=1, title="Open round")
    make_round(state=RoundState.SCHEDULED, title="A meeting", mode=Mode.ONLINE)
    make_round(title="A draft", cycle=round_.cycle)
    participant = factories.make_participant()
    factories.make_participant()
    submit_response(
        round_id=round_.pk, participant=participant, answers={"q1": "Yes"}, version=NEW, confirm_personal_capacity=True
    )

    page = secretariat_client.get("/rounds/overview/").content.decode()

    assert "1 of 2 consultations used in CSP12-CSP13" in page
    assert "Requests for written input take no place: 1 in this cycle." in page
    assert "Open round" in page and "A draft" in page
    assert "1 of 2 (50%)" in page
    assert "Closes automatically" in page


def test_the_dashboard_without_a_cycle_says_what_to_do_first(secretariat_client):
    page = secretariat_client.get("/rounds/overview/").content.decode()

    assert "Create a cycle" in page


# --- Planning a round -------------------------------------------------------------------------------------


def test_the_secretariat_saves_a_draft_from_the_form(secretariat_client, secretariat):
    response = secretariat_client.post("/rounds/new/", round_form())

    round_ = Round.objects.get()
    assert response["Location"] == f"/rounds/{round_.pk}/"
    assert (round_.state, round_.created_by) == (RoundState.DRAFT, secretariat)


def test_the_form_reads_times_in_the_secretariats_time_zone(secretariat_client, secretariat):
    secretariat.time_zone = "Asia/Tokyo"
    secretariat.save(update_fields=["time_zone"])

    secretariat_client.post("/rounds/new/", round_form(opens_at="2027-03-01T09:00", closes_at="2027-03-20T09:00"))

    assert Round.objects.get().opens_at.isoformat() == "2027-03-01T00:00:00+00:00"


def test_a_round_dated_outside_its_cycle_is_refused_next_to_the_field(secretariat_client):
    response = secretariat_client.post(
        "/rounds/new/", round_form(opens_at="2030-03-01T09:00", closes_at="2030-03-20T09:00")
    )

    assert "Must fall within the cycle, CSP12-CSP13 (28 August 2026 to 27 August 2027)." in response.content.decode()
    assert not Round.objects.exists()


def test_an_overlapping_cycle_is_refused_on_the_cycle_page(secretariat_client):
    make_round()

    response = secretariat_client.post(
        "/rounds/setup/cycles/new/", {"name": "CSP12\u2013CSP13", "starts_on": "2027-01-01", "ends_on": "2027-12-31"}
    )

    page = response.content.decode()
    assert "may not overlap" in page and "CSP12-CSP13 (28 August 2026 to 27 August 2027)" in page
    assert "CSP12-CSP13 already exists" in page
    assert Cycle.objects.count() == 1


def test_an_online_round_without_a_link_is_refused_next_to_the_field_keeping_the_input(secretariat_client):
    response = secretariat_client.post(
        "/rounds/new/",
        round_form(mode="online", meeting_starts_at=moment(5), meeting_ends_at=moment(6)),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "An online meeting needs the link participants will use to join." in page
    assert 'value="Reporting workflow"' in page
    assert not Round.objects.exists()


def test_scheduling_from_the_round_page_reports_cap_usage(secretariat_client):
    round_ = make_round(mode=Mode.ONLINE)

    response = secretariat_client.post(f"/rounds/{round_.pk}/schedule/", follow=True)

    assert "Scheduled: 1 of 2 consultations used in CSP12-CSP13" in response.content.decode()


def test_scheduling_a_written_request_says_it_takes_no_place(secretariat_client):
    round_ = make_round()

    response = secretariat_client.post(f"/rounds/{round_.pk}/schedule/", follow=True)

    assert "Scheduled: a request for written input, which takes no place." in response.content.decode()


def test_a_written_request_can_be_scheduled_when_both_places_are_taken(secretariat_client):
    make_round(state=RoundState.SCHEDULED, title="First", mode=Mode.ONLINE)
    make_round(state=RoundState.SCHEDULED, title="Second", mode=Mode.ONLINE)
    written = make_round(title="Written")

    page = secretariat_client.get(f"/rounds/{written.pk}/").content.decode()
    confirmation = secretariat_client.get(f"/rounds/{written.pk}/schedule/").content.decode()

    assert "Schedule and announce" in page
    assert "A request for written input takes no consultation place (Annex 1 §10): CSP12-CSP13" in confirmation
    assert "has no free place" not in confirmation


def test_a_third_round_cannot_be_scheduled_from_its_page(secretariat_client):
    make_round(state=RoundState.SCHEDULED, title="First", mode=Mode.ONLINE)
    make_round(state=RoundState.SCHEDULED, title="Second", mode=Mode.ONLINE)
    third = make_round(title="Third", mode=Mode.ONLINE)

    page = secretariat_client.get(f"/rounds/{third.pk}/").content.decode()
    response = secretariat_client.post(f"/rounds/{third.pk}/schedule/", follow=True)

    assert "Schedule and announce" not in page
    assert "has no free place" in page
    assert "already has 2 consultations" in response.content.decode()


def test_fixed_fields_are_disabled_once_scheduled(secretariat_client):
    round_ = make_round(state=RoundState.SCHEDULED)

    page = secretariat_client.get(f"/rounds/{round_.pk}/edit/").content.decode()

    assert page.count("Fixed once the round is scheduled.") == 2  # cycle and restriction; the mode may change


def test_editing_a_scheduled_round_keeps_its_fixed_fields(secretariat_client):
    round_ = make_round(state=RoundState.SCHEDULED)
    other_cycle = make_next_cycle()

    secretariat_client.post(
        f"/rounds/{round_.pk}/edit/",
        round_form(
            title="Renamed",
            cycle=other_cycle.pk,
            opens_at=timezone.localtime(round_.opens_at).strftime("%Y-%m-%dT%H:%M"),
            closes_at=timezone.localtime(round_.closes_at).strftime("%Y-%m-%dT%H:%M"),
        ),
    )

    round_.refresh_from_db()
    assert (round_.title, round_.cycle.name) == ("Renamed", "CSP12-CSP13")


def test_open_close_and_cancel_from_the_pages(secretariat_client):
    to_open = make_round(state=RoundState.SCHEDULED, title="To open")
    to_cancel = make_round(title="To cancel", cycle=to_open.cycle)

    secretariat_client.post(f"/rounds/{to_open.pk}/open/")
    secretariat_client.post(f"/rounds/{to_open.pk}/close/")
    secretariat_client.post(f"/rounds/{to_cancel.pk}/cancel/", {"reason": "Merged into another round"})

    assert Round.objects.get(pk=to_open.pk).state == RoundState.CLOSED
    assert Round.objects.get(pk=to_cancel.pk).state == RoundState.CANCELLED


def test_cancelling_needs_a_reason(secretariat_client):
    round_ = make_round()

    response = secretariat_client.post(f"/rounds/{round_.pk}/cancel/", {"reason": ""})

    assert response.status_code == 200
    assert Round.objects.get(pk=round_.pk).state == RoundState.DRAFT


def test_cycles_and_tools_are_created_on_the_setup_pages(secretariat_client):
    secretariat_client.post(
        "/rounds/setup/cycles/new/", {"name": "CSP13-CSP14", "starts_on": "2027-08-27", "ends_on": "2028-08-25"}
    )
    secretariat_client.post(
        "/rounds/setup/tools/new/", {"name": "Information exchange platform", "articles": ["11", "15"]}
    )

    assert Cycle.objects.get().name == "CSP13-CSP14"
    assert Tool.objects.get().articles == [11, 15]


def test_a_cycle_ending_before_it_starts_is_refused_next_to_the_end_date(secretariat_client):
    response = secretariat_client.post(
        "/rounds/setup/cycles/new/", {"name": "Backwards", "starts_on": "2027-08-27", "ends_on": "2027-01-01"}
    )

    assert "must end on or after the day it starts" in response.content.decode()
    assert not Cycle.objects.exists()


def test_a_question_is_added_from_the_editor(secretariat_client):
    round_ = make_round()

    secretariat_client.post(
        f"/rounds/{round_.pk}/questions/add/",
        {"key": "formats", "text": "Which formats?", "kind": "multi_choice", "choices_text": "CSV\nXML\n\nJSON"},
    )

    question = round_.questions.get()
    assert question.choices == ["CSV", "XML", "JSON"]


def test_a_question_with_a_used_key_is_refused_next_to_the_key(secretariat_client):
    round_ = make_round(questions=1)

    response = secretariat_client.post(
        f"/rounds/{round_.pk}/questions/add/", {"key": "q1", "text": "Again?", "kind": "text"}
    )

    assert "already uses the key" in response.content.decode()


# --- What participants see ---------------------------------------------------------------------------------


def test_participants_see_the_meeting_documents_and_a_button_to_answer(client_for):
    round_ = make_round(state=RoundState.OPEN, mode=Mode.ONLINE, questions=1)
    add_document(round_, title="Design note")
    client = client_for(factories.make_participant(category=Category.CIVIL_SOCIETY).user)

    page = client.get(f"/rounds/{round_.pk}/").content.decode()

    assert "Answer the questionnaire" in page
    assert "https://meet.example.org/att-wgtr" in page
    assert "Design note" in page
    assert "Add to calendar (.ics)" in page
    assert "Schedule and announce" not in page


def test_times_show_the_viewers_time_zone_by_name(client_for):
    participant = factories.make_participant()
    participant.user.time_zone = "America/Lima"
    participant.user.save(update_fields=["time_zone"])
    round_ = make_round(state=RoundState.OPEN)

    page = client_for(participant.user).get(f"/rounds/{round_.pk}/").content.decode()

    assert timezone.localtime(round_.closes_at, timezone.get_fixed_timezone(-300)).strftime("%H:%M -05") in page


# --- Every planning page renders -------------------------------------------------------------------------


def test_every_planning_page_renders_for_the_secretariat(secretariat_client):
    scheduled = make_round(state=RoundState.SCHEDULED, questions=1, title="Scheduled")
    opened = make_round(state=RoundState.OPEN, title="Open", cycle=scheduled.cycle)
    document = add_document(scheduled)
    question = scheduled.questions.get()
    tool = make_tool()
    paths = [
        f"/rounds/{scheduled.pk}/edit/",
        f"/rounds/{scheduled.pk}/open/",
        f"/rounds/{opened.pk}/close/",
        f"/rounds/{scheduled.pk}/cancel/",
        f"/rounds/{scheduled.pk}/questions/",
        f"/rounds/{scheduled.pk}/questions/add/",
        f"/rounds/questions/{question.pk}/edit/",
        f"/rounds/questions/{question.pk}/delete/",
        f"/rounds/{scheduled.pk}/documents/add/",
        f"/rounds/documents/{document.pk}/",
        f"/rounds/documents/{document.pk}/new-version/",
        "/rounds/setup/cycles/new/",
        f"/rounds/setup/cycles/{scheduled.cycle_id}/",
        f"/rounds/setup/tools/{tool.pk}/",
        "/rounds/setup/meetings/new/",
        f"/rounds/?cycle={scheduled.cycle_id}&state=open",
        f"/rounds/overview/?cycle={scheduled.cycle_id}",
    ]

    statuses = {path: secretariat_client.get(path).status_code for path in paths}

    assert set(statuses.values()) == {200}, statuses


def test_the_chair_reads_a_round_page_without_planning_actions(chair_client):
    round_ = make_round(state=RoundState.OPEN, mode=Mode.ONLINE)

    page = chair_client.get(f"/rounds/{round_.pk}/").content.decode()

    assert "1 of 2 consultations used in CSP12-CSP13" in page
    assert "Close now" not in page
    assert "Edit details" not in page


def test_the_admin_lists_rounds_read_only(client_for):
    admin = factories.make_secretariat()
    admin.is_superuser = True
    admin.save(update_fields=["is_superuser"])
    make_round(state=RoundState.SCHEDULED)
    client = client_for(admin)

    assert client.get("/admin/consult/round/").status_code == 200
    assert client.get("/admin/consult/round/add/").status_code == 403
