"""The Secretariat's forms speak as the participants' do: each message names the field and says how to fix
it, a summary on top links to every problem, and a chosen file is asked for again rather than lost."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from participants.models import Participant, Status
from tests import factories
from tests.consult.helpers import PDF, make_round

pytestmark = pytest.mark.django_db


def test_a_bad_question_key_says_which_characters_are_allowed(secretariat_client):
    round_ = make_round()

    page = secretariat_client.post(
        f"/rounds/{round_.pk}/questions/add/", {"key": "data quality?", "text": "How good?", "kind": "text"}
    ).content.decode()

    assert "The key may use only letters, digits, hyphens and underscores, e.g. export-formats." in page
    assert "Enter a valid" not in page


def test_an_empty_form_names_each_missing_field_in_a_summary_linking_to_it(secretariat_client):
    page = secretariat_client.post("/rounds/setup/cycles/new/", {"name": ""}).content.decode()

    summary = page[page.index("error-summary") : page.index("</ul>", page.index("error-summary"))]
    assert '<a href="#id_name">Name: Enter the name.</a>' in summary
    assert '<a href="#id_starts_on">Starts on: Enter a date for “Starts on”.</a>' in summary
    assert "This field is required" not in page


def test_a_choice_left_empty_says_choose(secretariat_client):
    page = secretariat_client.post("/rounds/new/", {"title": "Reporting workflow"}).content.decode()

    assert "Choose the stage." in page
    assert "Choose the tool." in page


def test_a_chosen_file_is_asked_for_again_when_something_else_is_wrong(secretariat_client):
    round_ = make_round()
    upload = SimpleUploadedFile("design-note.pdf", PDF, content_type="application/pdf")

    page = secretariat_client.post(
        f"/rounds/{round_.pk}/documents/add/", {"title": "Design note", "file": upload}
    ).content.decode()

    assert "You chose “design-note.pdf”: choose it again" in page
    assert "Tick “This document is in English" in page


def test_declining_from_the_queue_without_a_reason_stays_in_the_queue_with_the_error(secretariat_client):
    applicant = factories.make_participant(full_name="Ingrid Johansson", status=Status.REGISTERED)

    response = secretariat_client.post(
        f"/participants/{applicant.pk}/decide/", {"decision": "decline", "reason": "  ", "next": "queue"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Vetting</h1>" in page
    assert "Nothing was decided: the decision needs a reason." in page
    assert f'<a href="#reason-{applicant.pk}">Reason: Give a reason: it is sent to the person.</a>' in page
    assert f'id="reason-{applicant.pk}" rows="3" aria-invalid="true"' in page
    assert Participant.objects.get(pk=applicant.pk).status == Status.REGISTERED
