"""The audit trail reads as sentences, filters by readable names, and never shows everything by mistake."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from consult import services as consult_services
from consult.models import Mode
from participants import audit, services
from participants.audit.phrases import describe
from participants.models import AuditEvent
from tests import factories
from tests.consult.helpers import make_round

pytestmark = pytest.mark.django_db

TRAIL = reverse("participants:audit_trail")


def test_a_decision_reads_as_a_sentence_naming_who_did_what_to_whom(secretariat_client):
    amina = factories.make_secretariat(name="Amina Okafor")
    applicant = factories.make_participant(full_name="Ingrid Johansson", status="registered")
    services.approve_participant(participant_id=applicant.pk, by=amina)

    page = secretariat_client.get(TRAIL).content.decode()

    detail = reverse("participants:participant_detail", args=[applicant.pk])
    assert f'Amina Okafor approved the application of <a href="{detail}">Ingrid Johansson</a>' in page
    assert "participant.approve" not in page.split("<tbody>")[1]


def test_scheduling_a_meeting_says_which_consultation_place_it_took(secretariat):
    round_ = make_round(mode=Mode.ONLINE)

    consult_services.schedule_round(round_id=round_.pk, by=secretariat)

    event = AuditEvent.objects.get(action="round.schedule")
    assert describe(event).text == (
        f"Sam Secretariat scheduled and announced “{round_.title}”; it took consultation place 1 of 2"
    )


def test_what_the_worker_did_reads_without_a_person():
    event = audit.record(actor=None, action="round.close", target=None)
    event.target_label = "Guidance review"

    assert describe(event).text == "“Guidance review” closed at its deadline"


def test_an_action_nobody_described_still_reads_plainly(secretariat):
    event = audit.record(actor=secretariat, action="poll.frobnicate")

    assert describe(event).text == "Sam Secretariat: poll.frobnicate"


def test_details_the_sentence_does_not_say_are_listed_in_words_without_checksums(secretariat):
    event = audit.record(actor=secretariat, action="feedback.record_offline", replaced=True, with_file=False)

    sentence = describe(event)

    assert sentence.extra == ["Replaced: yes", "With file: no"]


def test_the_filter_offers_readable_names_grouped_by_area(secretariat_client, secretariat):
    audit.record(actor=secretariat, action="participant.approve")

    page = secretariat_client.get(TRAIL).content.decode()

    assert '<optgroup label="Participants">' in page
    assert '<option value="participant.approve">Application approved</option>' in page
    assert '<option value="round.schedule">Consultation scheduled</option>' in page


@pytest.mark.parametrize(
    "dates",
    [{"since": "2026-13-45"}, {"since": "2026-03-02", "until": "2026-03-01"}],
    ids=["not a date", "reversed"],
)
def test_wrong_dates_list_nothing_and_say_what_to_fix(secretariat_client, secretariat, dates):
    audit.record(actor=secretariat, action="participant.approve")

    page = secretariat_client.get(TRAIL, dates).content.decode()

    assert "Nothing is listed until the filters are fixed" in page
    assert "approved the application" not in page
    assert "Enter the start date as a date" in page or "The end date is before the start date" in page


def test_wrong_dates_download_an_empty_file_not_everything(secretariat_client, secretariat):
    audit.record(actor=secretariat, action="participant.approve")

    response = secretariat_client.get(reverse("participants:audit_trail_csv"), {"until": "yesterday"})

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows == []


def test_the_csv_carries_the_sentence_too(secretariat_client):
    amina = factories.make_secretariat(name="Amina Okafor")
    applicant = factories.make_participant(full_name="Ingrid Johansson", status="registered")
    services.approve_participant(participant_id=applicant.pk, by=amina)

    response = secretariat_client.get(reverse("participants:audit_trail_csv"), {"action": "participant.approve"})

    [row] = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    assert row["what_happened"] == "Amina Okafor approved the application of Ingrid Johansson"
    assert row["action"] == "participant.approve"


def test_a_tool_s_articles_are_named_in_words(secretariat):
    consult_services.save_tool(by=secretariat, name="Initial report template", articles=[13])
    consult_services.save_tool(by=secretariat, name="Platform", articles=[11, 13, 15])

    texts = [describe(event).text for event in AuditEvent.objects.filter(action="tool.create").order_by("id")]

    assert texts == [
        "Sam Secretariat added the tool or initiative “Initial report template” (Article 13)",
        "Sam Secretariat added the tool or initiative “Platform” (Articles 11, 13 and 15)",
    ]
