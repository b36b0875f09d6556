"""Data protection: a person downloads their data and asks for deletion; the Secretariat erases them;
their answers stay counted and anonymized, and their name still never reaches a summary or an export."""

from __future__ import annotations

import json

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from consult.models import RoundState
from feedback import registry
from feedback.models import Submission
from feedback.summary import services as summary_services
from participants.models import AuditEvent, OutboundEmail, Participant, Status, Tombstone
from tests import factories
from tests.feedback.helpers import GOOD_ANSWERS, make_round, move_round, submit

pytestmark = pytest.mark.django_db

NAME = "Ingrid Johansson"


@pytest.fixture
def ingrid():
    return factories.make_participant(
        email="ingrid.johansson@regeringskansliet.se", full_name=NAME, country="SE", phone="+46 8 405 10 00"
    )


def ask_for_deletion(client: Client, **data) -> object:
    return client.post(
        reverse("participants:request_erasure"), {"password": factories.PASSWORD, "confirm": "on", **data}
    )


def test_the_download_holds_the_persons_own_answers(client_for, ingrid):
    round_ = make_round(title="Reporting templates")
    submit(round_, ingrid, {**GOOD_ANSWERS, "comments": "Nil reports need a tick box."})

    data = json.loads(client_for(ingrid.user).get(reverse("participants:download_data")).content)

    assert data["responses"][0]["round"] == "Reporting templates"
    assert data["responses"][0]["answers"]["comments"] == "Nil reports need a tick box."


def test_asking_for_deletion_needs_the_password_and_a_confirmation(client_for, ingrid):
    client = client_for(ingrid.user)

    refused = ask_for_deletion(client, password="not my password")
    unconfirmed = ask_for_deletion(client, confirm="")

    assert refused.status_code == unconfirmed.status_code == 400
    assert "not your current password" in refused.content.decode()
    assert "Tick this box" in unconfirmed.content.decode()
    assert Participant.objects.get(pk=ingrid.pk).erasure_requested_at is None


def test_the_request_is_recorded_and_the_secretariat_told_without_the_name(
    client_for, ingrid, secretariat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask_for_deletion(client_for(ingrid.user))

    ingrid.refresh_from_db()
    assert response.status_code == 302
    assert ingrid.erasure_requested_at is not None
    assert ingrid.status == Status.APPROVED  # nothing is erased until the Secretariat carries it out
    assert AuditEvent.objects.filter(action="participant.erasure_requested", target_id=str(ingrid.pk)).exists()
    [message] = mail.outbox
    assert message.to == [secretariat.email]
    assert reverse("participants:erase", args=[ingrid.pk]) in message.body
    assert "Johansson" not in message.body + message.subject


def test_erasure_blanks_the_identity_closes_the_account_and_keeps_the_answers(
    client, client_for, ingrid, secretariat_client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    round_ = make_round()
    submission = submit(round_, ingrid)
    submission.original_file.save("letter-from-ingrid.pdf", ContentFile(b"%PDF-1.4 signed, Ingrid"), save=True)
    letter = tmp_path / submission.original_file.name
    ask_for_deletion(client_for(ingrid.user))
    erase_url = reverse("participants:erase", args=[ingrid.pk])

    unconfirmed = secretariat_client.post(erase_url)
    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(erase_url, {"confirm": "on"})

    assert unconfirmed.status_code == 400
    erased = Participant.objects.select_related("user").get(pk=ingrid.pk)
    assert response.status_code == 302
    assert (erased.full_name, erased.phone, erased.country, erased.statement) == ("", "", "", "")
    assert erased.status == Status.WITHDRAWN and erased.erased_at is not None
    assert erased.user.email.endswith("@erased.invalid") and not erased.user.is_active
    assert not erased.user.has_usable_password()
    assert Submission.objects.get(pk=submission.pk).answers.count() == len(GOOD_ANSWERS)
    assert not letter.exists() and not Submission.objects.get(pk=submission.pk).original_file
    assert not OutboundEmail.objects.filter(to="ingrid.johansson@regeringskansliet.se").exists()
    login = client.post(reverse("login"), {"username": "ingrid.johansson@regeringskansliet.se", "password": "x"})
    assert "_auth_user_id" not in client.session and login.status_code == 200


def test_erasure_is_audited_without_the_name_and_leaves_a_tombstone_linked_to_nothing(ingrid, secretariat):
    from participants.services.erasure import erase_participant

    erase_participant(participant_id=ingrid.pk, by=secretariat)

    event = AuditEvent.objects.get(action="participant.erase")
    assert event.actor == secretariat and event.target_id == str(ingrid.pk)
    assert "Johansson" not in event.target_label + json.dumps(event.details)
    tombstone = Tombstone.objects.get()
    assert tombstone.names == [NAME] and tombstone.email == "ingrid.johansson@regeringskansliet.se"
    assert {field.name for field in Tombstone._meta.fields if field.is_relation} == set()


def test_after_erasure_the_name_is_still_removed_from_the_summary_and_the_exports(
    ingrid, secretariat, chair, chair_client
):
    from participants.services.erasure import erase_participant

    round_ = make_round()
    submit(round_, ingrid, {**GOOD_ANSWERS, "comments": f"Pre-fill saves a week. {NAME}, Sweden"})
    for number in range(2):
        colleague = factories.make_participant(full_name=f"Colleague Number{number}")
        submit(round_, colleague, {**GOOD_ANSWERS, "comments": f"As Ms Johansson said, pre-fill is {number}x faster."})
    erase_participant(participant_id=ingrid.pk, by=secretariat)
    move_round(round_, RoundState.CLOSED)

    summary = summary_services.generate_now(round_id=round_.pk, by=chair)
    markdown = summary_services.export(summary=summary, fmt="md", by=chair).decode()
    answers = chair_client.get(reverse("feedback:export_answers", args=[round_.pk, "csv"])).content.decode()

    assert summary.content["respondents"] == 3  # still counted
    for text in (json.dumps(summary.content, ensure_ascii=False), markdown, answers):
        assert "Johansson" not in text and "Ingrid" not in text
    assert "Pre-fill saves a week" in answers  # the substance stays
    assert NAME in {identity.full_name for identity in registry.identities()}


def test_erasing_twice_is_refused(ingrid, secretariat):
    from participants.services.erasure import AlreadyErased, erase_participant

    erase_participant(participant_id=ingrid.pk, by=secretariat)

    with pytest.raises(AlreadyErased):
        erase_participant(participant_id=ingrid.pk, by=secretariat)
