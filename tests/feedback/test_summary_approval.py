"""“Approve for the report” asks first when the narrative is empty or words are left to check."""

from __future__ import annotations

import pytest
from django.urls import reverse

from feedback.models import Summary, SummaryState
from feedback.summary import services
from tests.feedback.summary_data import answer, close, open_round, respondents

pytestmark = pytest.mark.django_db


@pytest.fixture
def summary(chair, django_capture_on_commit_callbacks):
    round_ = open_round()
    for person, text in zip(
        respondents(3),
        ["Pre-filling saves hours.", "The CSV export needs UTF-8.", "Our colleagues in Nairobi use the template."],
        strict=True,
    ):
        answer(round_, person, {"ease": 4, "improve": text})
    close(round_)
    with django_capture_on_commit_callbacks(execute=True):
        summary = services.request_summary(round_id=round_.pk, by=chair)
    return Summary.objects.get(pk=summary.pk)


def approve(client, summary, **data):
    return client.post(reverse("summary:approve", args=[summary.round_id]), data)


def flags(summary) -> int:
    return sum(len(g.get("flags", [])) for q in summary.content["questions"] for g in q.get("groups", []))


def test_an_empty_narrative_is_pointed_out_and_nothing_is_approved_yet(chair_client, summary):
    response = approve(chair_client, summary)

    page = response.content.decode()
    assert "Approve the summary for the report?" in page
    assert "Your narrative is empty." in page
    assert "no more written submissions can be recorded" in page
    assert Summary.objects.get(pk=summary.pk).state == SummaryState.DRAFT


def test_words_left_to_check_are_counted(chair_client, summary, chair):
    assert flags(summary) >= 1  # "Nairobi": the capital of no participant's State, flagged rather than removed
    services.save_edits(summary_id=summary.pk, by=chair, expected_version=summary.version, narrative="Useful.")

    page = approve(chair_client, summary).content.decode()

    assert "still flagged for you to check" in page
    assert "Your narrative is empty." not in page


def test_approving_anyway_approves(chair_client, summary):
    response = approve(chair_client, summary, confirmed="1")

    assert response.status_code == 302
    assert Summary.objects.get(pk=summary.pk).state == SummaryState.APPROVED


def test_a_written_narrative_with_nothing_flagged_approves_at_once(chair_client, chair):
    round_ = open_round()
    for person in respondents(3):
        answer(round_, person, {"ease": 4, "improve": "please add an export to spreadsheets."})
    close(round_)
    summary = services.generate_now(round_id=round_.pk, by=chair)
    services.save_edits(summary_id=summary.pk, by=chair, expected_version=summary.version, narrative="Useful.")

    response = approve(chair_client, summary)

    assert response.status_code == 302
    assert Summary.objects.get(pk=summary.pk).state == SummaryState.APPROVED
