"""The Chair's workflow: generate (by the worker), edit, the leak gate, approve, export, publish."""

from __future__ import annotations

import io
import json

import pytest
from django.urls import reverse
from docx import Document

from consult.models import RoundState
from feedback import generation
from feedback.models import GenerationStatus, Summary, SummaryState
from feedback.summary import services
from participants.models import AuditEvent
from tests import factories
from tests.feedback.helpers import make_round
from tests.feedback.summary_data import answer, close, open_round, respondents

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_with_answers():
    round_ = open_round()
    factories.make_participant(full_name="Ingrid Johansson", country="SE")
    for person, text in zip(
        respondents(3),
        ["Pre-filling from last year saves hours.", "The CSV export needs UTF-8.", "Guidance in French, please."],
        strict=True,
    ):
        answer(round_, person, {"ease": 4, "improve": text})
    close(round_)
    return round_


@pytest.fixture
def summary(round_with_answers, chair, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.request_summary(round_id=round_with_answers.pk, by=chair)


def test_generation_runs_in_the_worker_and_reports_done(summary):
    summary.refresh_from_db()

    assert summary.generation_status == GenerationStatus.DONE
    assert summary.generation_progress == 100
    assert summary.content["respondents"] == 3


def test_a_round_that_has_not_closed_cannot_be_summarised(round_with_answers, chair):
    not_closed = make_round(state=RoundState.DRAFT, title="Still a draft")

    with pytest.raises(services.SummaryNeedsClosedRound, match="once it is closed"):
        services.request_summary(round_id=not_closed.pk, by=chair)


def test_a_chair_edit_that_names_a_participant_blocks_approval_and_export(summary, chair):
    summary.refresh_from_db()

    result = services.save_edits(
        summary_id=summary.pk,
        by=chair,
        expected_version=summary.version,
        narrative="Ingrid Johansson made the strongest case for pre-filling.",
    )

    assert [leak.text for leak in result.leaks] == ["Ingrid Johansson"]
    with pytest.raises(services.SummaryBlocked, match="Ingrid Johansson"):
        services.approve(summary_id=summary.pk, by=chair)
    with pytest.raises(services.SummaryBlocked):
        services.export(summary=Summary.objects.get(pk=summary.pk), fmt="docx", by=chair)


def test_removing_the_name_unblocks_approval_which_marks_the_round_summarised(summary, chair):
    summary.refresh_from_db()
    first = services.save_edits(
        summary_id=summary.pk, by=chair, expected_version=summary.version, narrative="Mr Johansson said so."
    )

    services.save_edits(
        summary_id=summary.pk,
        by=chair,
        expected_version=first.summary.version,
        narrative="Experts made a strong case for pre-filling.",
    )
    approved = services.approve(summary_id=summary.pk, by=chair)

    assert approved.state == SummaryState.APPROVED
    approved.round.refresh_from_db()
    assert approved.round.state == "summarised"
    assert AuditEvent.objects.filter(action="summary.approve", actor=chair).exists()


def test_a_stale_edit_is_refused_not_silently_overwritten(summary, chair):
    summary.refresh_from_db()
    services.save_edits(summary_id=summary.pk, by=chair, expected_version=summary.version, narrative="First.")

    with pytest.raises(services.StaleSummary):
        services.save_edits(summary_id=summary.pk, by=chair, expected_version=summary.version, narrative="Second.")

    assert Summary.objects.get(pk=summary.pk).narrative == "First."


def test_quoted_answers_can_be_shortened_or_removed(summary, chair):
    summary.refresh_from_db()
    groups = summary.content["questions"][3]["groups"]
    first, second = groups[0]["id"], groups[1]["id"]

    result = services.save_edits(
        summary_id=summary.pk,
        by=chair,
        expected_version=summary.version,
        excerpts={first: "Shorter.", second: ""},
    )

    improve = result.summary.content["questions"][3]
    assert [group["text"] for group in improve["groups"]][:1] == ["Shorter."]
    assert len(improve["groups"]) == 2
    assert second not in improve["points"]


def test_an_approved_summary_cannot_be_edited_until_reopened(summary, chair):
    summary.refresh_from_db()
    services.approve(summary_id=summary.pk, by=chair)
    approved = Summary.objects.get(pk=summary.pk)

    with pytest.raises(services.SummaryLocked):
        services.save_edits(summary_id=summary.pk, by=chair, expected_version=approved.version, narrative="x")
    services.reopen(summary_id=summary.pk, by=chair)

    assert Summary.objects.get(pk=summary.pk).state == SummaryState.DRAFT


def test_the_chair_downloads_word_and_json_from_the_page(summary, chair_client):
    summary.refresh_from_db()
    round_id = summary.round_id

    word = chair_client.get(reverse("summary:export", kwargs={"round_id": round_id, "fmt": "docx"}))
    data = chair_client.get(reverse("summary:export", kwargs={"round_id": round_id, "fmt": "json"}))

    assert word.status_code == 200
    assert word["Content-Disposition"].startswith('attachment; filename="summary-online-reporting-tool')
    doc = Document(io.BytesIO(word.content))
    assert any(p.text == "Guidance in French, please." for p in doc.paragraphs)
    assert json.loads(data.content)["respondents"] == 3


def test_the_summary_page_shows_highlights_and_the_gate(summary, chair_client, chair):
    summary.refresh_from_db()
    services.save_edits(summary_id=summary.pk, by=chair, expected_version=summary.version, narrative="Per Sweden.")

    page = chair_client.get(reverse("summary:detail", kwargs={"round_id": summary.round_id})).content.decode()

    assert "The leak gate found 1 identifying detail" in page
    assert '<mark class="leak">Sweden</mark>' in page
    assert "Approve for the report" in page


def test_participants_cannot_reach_the_summary(summary, client_for):
    participant = factories.make_participant()

    response = client_for(participant.user).get(reverse("summary:detail", kwargs={"round_id": summary.round_id}))

    assert response.status_code == 403


class WorkerStopped(BaseException):
    """The worker's process killed mid-generation: no `except Exception` in our code sees it."""


def test_a_generation_left_running_by_a_stopped_worker_can_be_started_again(
    round_with_answers, chair, chair_client, django_capture_on_commit_callbacks
):
    summary = services.request_summary(round_id=round_with_answers.pk, by=chair)  # its task is queued on commit

    def stopped_at_forty(_summary, progress):
        progress(40)
        raise WorkerStopped

    with pytest.raises(WorkerStopped):  # the worker's run, dying where nothing can record it
        generation.run(Summary, summary.pk, stopped_at_forty)
    assert Summary.objects.get(pk=summary.pk).generation_status == GenerationStatus.RUNNING
    page = chair_client.get(reverse("summary:detail", kwargs={"round_id": round_with_answers.pk}))
    assert "Start the generation again" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        chair_client.post(reverse("summary:generate", kwargs={"round_id": round_with_answers.pk}))

    assert Summary.objects.get(round=round_with_answers).generation_status == GenerationStatus.DONE


def test_the_summary_is_reachable_from_the_chairs_pages(round_with_answers, chair_client):
    pages = [
        reverse("feedback:chair_dashboard"),
        reverse("feedback:round_progress", kwargs={"round_id": round_with_answers.pk}),
        reverse("consult:round_detail", kwargs={"round_id": round_with_answers.pk}),
    ]
    link = reverse("summary:detail", kwargs={"round_id": round_with_answers.pk})

    for page in pages:
        assert link in chair_client.get(page).content.decode(), page
