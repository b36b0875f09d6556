"""Follow-up ("you said, we did"): recorded by the Secretariat, read by those who took part."""

from __future__ import annotations

import pytest
from django.urls import reverse

from feedback.analysis import services as analysis
from feedback.report import services
from feedback.report.models import FollowUp
from tests import factories
from tests.report.helpers import a_cycle, closed_round_in, record_action

pytestmark = pytest.mark.django_db


def test_an_action_not_taken_up_needs_a_reason_and_the_form_keeps_what_was_typed(secretariat_client):
    _cycle, rounds, _people = a_cycle(respondents=3, rounds=1)

    response = secretariat_client.post(
        reverse("report:follow_up_new"),
        {"rounds": [rounds[0].pk], "action": "A Russian version of the guidance.", "status": "not_taken_up"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Say why it was not taken up" in page
    assert "A Russian version of the guidance." in page
    assert not FollowUp.objects.exists()


def test_an_action_naming_a_participant_is_refused(secretariat_client):
    _cycle, rounds, people = a_cycle(respondents=3, rounds=1)

    response = secretariat_client.post(
        reverse("report:follow_up_new"),
        {"rounds": [rounds[0].pk], "action": f"Done as {people[0].full_name} asked.", "status": "done"},
    )

    assert "This text identifies someone" in response.content.decode()
    assert not FollowUp.objects.exists()


def test_themes_must_belong_to_the_chosen_consultations(secretariat_client, chair):
    _cycle, rounds, _people = a_cycle(respondents=3, rounds=2)
    theme = analysis.create_theme(round_id=rounds[1].pk, by=chair, name="Guidance")

    response = secretariat_client.post(
        reverse("report:follow_up_new"),
        {"rounds": [rounds[0].pk], "themes": [theme.pk], "action": "Guidance added.", "status": "done"},
    )

    assert "Choose themes of the chosen consultations only." in response.content.decode()


def test_a_saved_action_is_listed_and_can_be_changed(secretariat_client):
    _cycle, rounds, _people = a_cycle(respondents=3, rounds=1)
    url = reverse("report:follow_up_new")

    secretariat_client.post(url, {"rounds": [rounds[0].pk], "action": "Pre-filling added.", "status": "planned"})
    action = FollowUp.objects.get()
    secretariat_client.post(
        reverse("report:follow_up_edit", args=[action.pk]),
        {"rounds": [rounds[0].pk], "action": "Pre-filling added.", "status": "done", "completed_on": "2026-11-02"},
    )
    listing = secretariat_client.get(reverse("report:follow_ups")).content.decode()

    action.refresh_from_db()
    assert action.status == "done" and str(action.completed_on) == "2026-11-02"
    assert "Pre-filling added." in listing and "2 November 2026" in listing


def test_participants_see_the_follow_up_of_the_rounds_they_took_part_in_only(client_for, secretariat):
    _cycle, rounds, people = a_cycle(respondents=3, rounds=2)
    other_round = closed_round_in(None, respondents=[], title="Restricted platform test")
    record_action([rounds[1], other_round], secretariat, action="Search by keyword was added.")
    record_action([rounds[0]], secretariat, action="The template pre-fills.")
    outsider = factories.make_participant()

    answered_both = client_for(people[0].user).get(reverse("report:mine")).content.decode()
    answered_first = client_for(people[2].user).get(reverse("report:mine")).content.decode()
    answered_none = client_for(outsider.user).get(reverse("report:mine")).content.decode()

    assert "Search by keyword was added." in answered_both and "The template pre-fills." in answered_both
    assert "Restricted platform test" not in answered_both  # a round they did not take part in is never named
    assert "The template pre-fills." in answered_first and "Search by keyword" not in answered_first
    assert "Nothing yet" in answered_none and "pre-fills" not in answered_none


def test_only_the_secretariat_records_follow_up(client_for, chair):
    client = client_for(chair)

    assert client.get(reverse("report:follow_ups")).status_code == 200
    assert client.get(reverse("report:follow_up_new")).status_code == 403


def test_a_theme_named_by_the_chair_reads_the_same_in_the_report_whether_or_not_it_names_someone_registered(
    chair, chair_client, secretariat
):
    """Theme names are the Chair's words: cleaning them with the registry would answer "is X registered?"."""
    cycle, rounds, _people = a_cycle(respondents=3, rounds=1)
    factories.make_participant(full_name="Ingrid Johansson", country="SE")
    pages = []
    for name in ("Ingrid Johansson", "Pedro Alvarado"):  # registered, not registered
        theme = analysis.create_theme(round_id=rounds[0].pk, by=chair, name=f"What {name} asked")
        action = record_action(rounds, secretariat, themes=[theme])
        services.generate_now(cycle_id=cycle.pk, by=secretariat)
        page = chair_client.get(reverse("report:detail", args=[cycle.pk])).content.decode()
        pages.append(page.replace(name, "NAME"))
        action.delete()
        theme.delete()

    assert "What NAME asked" in pages[0]
    assert pages[0].count("NAME") == pages[1].count("NAME")
