"""Answering online: drafts, submission, resubmission with history, the deadline, replays, conflicts."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from consult.models import RoundState
from feedback import services
from feedback.models import Answer, Source, Submission, SubmissionRevision, SubmissionState
from feedback.pseudonyms import FIRST, LAST
from participants.models import AuditEvent, Category, Status
from tests import factories
from tests.feedback.helpers import GOOD_ANSWERS, draft, make_round, submit

pytestmark = pytest.mark.django_db


def test_a_draft_keeps_incomplete_answers_without_submitting_them():
    round_ = make_round()
    participant = factories.make_participant()

    submission = draft(round_, participant, {"usability": "3"})

    assert submission.state == SubmissionState.DRAFT
    assert submission.working_answers == {"usability": 3}
    assert submission.version == 1
    assert not Answer.objects.filter(submission=submission).exists()


def test_a_draft_refuses_an_ill_formed_rating_and_saves_nothing():
    round_ = make_round()
    participant = factories.make_participant()

    with pytest.raises(services.InvalidAnswers) as caught:
        draft(round_, participant, {"usability": "9", "comments": "kept?"})

    assert caught.value.errors == {"usability": "A rating goes from 1 to 5; 9 is outside that range."}
    assert not Submission.objects.exists()


def test_an_autosave_with_nothing_new_does_not_change_the_version():
    round_ = make_round()
    participant = factories.make_participant()
    first = draft(round_, participant, {"usability": "3"})

    again = draft(round_, participant, {"usability": "3"})

    assert again.version == first.version == 1


def test_a_save_from_a_stale_version_is_refused_not_silently_applied():
    round_ = make_round()
    participant = factories.make_participant()
    draft(round_, participant, {"comments": "From my laptop"})  # version 1
    draft(round_, participant, {"comments": "From my phone"})  # version 2

    with pytest.raises(services.VersionConflict) as caught:
        services.save_draft(round_id=round_.pk, participant=participant, answers={"comments": "Old tab"}, version=1)

    assert caught.value.current_version == 2
    assert Submission.objects.get().working_answers == {"comments": "From my phone"}


def test_two_first_saves_from_two_tabs_make_one_response_and_one_conflict():
    round_ = make_round()
    participant = factories.make_participant()
    services.save_draft(round_id=round_.pk, participant=participant, answers={"usability": "2"}, version=services.NEW)

    with pytest.raises(services.VersionConflict):
        services.save_draft(
            round_id=round_.pk, participant=participant, answers={"usability": "5"}, version=services.NEW
        )

    assert Submission.objects.count() == 1


def test_submitting_requires_every_required_answer():
    round_ = make_round()
    participant = factories.make_participant()

    with pytest.raises(services.InvalidAnswers) as caught:
        services.submit_response(
            round_id=round_.pk,
            participant=participant,
            answers={"usability": "4"},
            version=services.NEW,
            confirm_personal_capacity=True,
        )

    assert caught.value.errors == {"format": "This question needs an answer before you submit."}


def test_submitting_enforces_the_text_length_limit_that_a_draft_tolerates():
    round_ = make_round()
    participant = factories.make_participant()
    long_text = "x" * 250  # the limit is 200
    draft(round_, participant, {"comments": long_text})

    with pytest.raises(services.InvalidAnswers) as caught:
        submit(round_, participant, {**GOOD_ANSWERS, "comments": long_text})

    assert caught.value.errors["comments"] == ("Keep this answer to 200 characters; it has 250. Shorten it by 50.")


def test_submitting_asks_for_the_personal_capacity_confirmation_once_per_response():
    round_ = make_round()
    participant = factories.make_participant()
    now = timezone.now()

    with pytest.raises(services.PersonalCapacityNotConfirmed):
        services.submit_response(
            round_id=round_.pk,
            participant=participant,
            answers=GOOD_ANSWERS,
            version=services.NEW,
            confirm_personal_capacity=False,
        )
    submission = submit(round_, participant, now=now)
    draft(round_, participant, {**GOOD_ANSWERS, "usability": "2"})
    resubmitted = services.submit_response(
        round_id=round_.pk,
        participant=participant,
        answers={**GOOD_ANSWERS, "usability": "2"},
        version=Submission.objects.get().version,
        confirm_personal_capacity=False,
    )

    assert submission.personal_capacity_confirmed_at == now
    assert resubmitted.changed
    assert resubmitted.submission.personal_capacity_confirmed_at == now


def test_submission_records_the_answers_and_a_first_revision():
    round_ = make_round()
    participant = factories.make_participant()

    submission = submit(round_, participant)

    assert submission.state == SubmissionState.SUBMITTED
    assert submission.source == Source.WEB
    answers = dict(Answer.objects.filter(submission=submission).values_list("question__key", "value"))
    assert answers == {
        "usability": 4,
        "format": "Excel template",
        "topics": ["Article 13", "Nil reports"],
        "prefill": True,
        "comments": "Pre-filling saves a week of work.",
    }
    assert list(submission.revisions.values_list("number", flat=True)) == [1]


def test_editing_a_submitted_response_leaves_the_submitted_answers_until_resubmission():
    round_ = make_round()
    participant = factories.make_participant()
    submission = submit(round_, participant)

    edited = draft(round_, participant, {**GOOD_ANSWERS, "usability": "1"})

    assert edited.state == SubmissionState.SUBMITTED
    assert edited.has_unsubmitted_changes
    assert Answer.objects.get(submission=submission, question__key="usability").value == 4


def test_resubmitting_before_the_deadline_keeps_the_history():
    round_ = make_round()
    participant = factories.make_participant()
    submit(round_, participant)
    draft(round_, participant, {**GOOD_ANSWERS, "usability": "1"})

    submission = submit(round_, participant, {**GOOD_ANSWERS, "usability": "1"})

    assert Answer.objects.get(submission=submission, question__key="usability").value == 1
    assert not submission.has_unsubmitted_changes
    revisions = {rev.number: rev.answers["usability"] for rev in SubmissionRevision.objects.all()}
    assert revisions == {1: 4, 2: 1}


def test_a_replayed_or_double_clicked_submission_records_nothing_new():
    round_ = make_round()
    participant = factories.make_participant()
    services.submit_response(
        round_id=round_.pk,
        participant=participant,
        answers=GOOD_ANSWERS,
        version=services.NEW,
        confirm_personal_capacity=True,
    )

    replay = services.submit_response(
        round_id=round_.pk,
        participant=participant,
        answers=GOOD_ANSWERS,
        version=services.NEW,
        confirm_personal_capacity=True,
    )

    assert not replay.changed
    assert Submission.objects.count() == 1
    assert SubmissionRevision.objects.count() == 1
    assert AuditEvent.objects.filter(action__startswith="feedback.").count() == 1


def test_discarding_changes_restores_the_submitted_answers():
    round_ = make_round()
    participant = factories.make_participant()
    submit(round_, participant)
    edited = draft(round_, participant, {**GOOD_ANSWERS, "usability": "1"})

    restored = services.discard_changes(round_id=round_.pk, participant=participant, version=edited.version)

    assert restored.working_answers["usability"] == 4
    assert not restored.has_unsubmitted_changes


@pytest.mark.parametrize(
    ("offset", "accepted"),
    [(timedelta(seconds=-1), True), (timedelta(0), False), (timedelta(seconds=1), False)],
    ids=["one second before the deadline", "at the deadline", "after the deadline"],
)
def test_the_deadline_is_enforced_by_the_server_clock(offset, accepted):
    closes_at = timezone.now() + timedelta(days=1)
    round_ = make_round(closes_at=closes_at)
    participant = factories.make_participant()
    saved = draft(round_, participant, {"usability": "3"}, now=closes_at - timedelta(hours=1))

    def attempt():
        return services.submit_response(
            round_id=round_.pk,
            participant=participant,
            answers=GOOD_ANSWERS,
            version=saved.version,
            confirm_personal_capacity=True,
            now=closes_at + offset,
        )

    if accepted:
        assert attempt().submission.state == SubmissionState.SUBMITTED
    else:
        with pytest.raises(services.RoundNotAcceptingAnswers):
            attempt()
        assert Submission.objects.get().working_answers == {"usability": 3}  # the draft is kept
        assert Submission.objects.get().state == SubmissionState.DRAFT


def test_no_draft_can_be_saved_after_the_round_closed():
    round_ = make_round(state=RoundState.CLOSED)
    participant = factories.make_participant()

    with pytest.raises(services.RoundNotAcceptingAnswers):
        draft(round_, participant, {"usability": "3"})


def test_a_round_not_yet_open_refuses_answers_and_says_so():
    round_ = make_round(
        state=RoundState.SCHEDULED,
        opens_at=timezone.now() + timedelta(days=1),
        closes_at=timezone.now() + timedelta(days=8),
    )
    participant = factories.make_participant()

    with pytest.raises(services.RoundNotAcceptingAnswers) as caught:
        draft(round_, participant, {"usability": "3"})

    assert caught.value.not_yet_open


@pytest.mark.parametrize(
    ("category", "allowed"),
    [(Category.STATE_PARTY, True), (Category.SIGNATORY_STATE, False), (Category.CIVIL_SOCIETY, False)],
)
def test_only_state_party_participants_answer_a_restricted_round(category, allowed):
    round_ = make_round(restricted=True)
    participant = factories.make_participant(category=category)

    if allowed:
        assert submit(round_, participant).state == SubmissionState.SUBMITTED
    else:
        with pytest.raises(services.NotEligible):
            submit(round_, participant)


def test_a_withdrawn_participant_can_no_longer_answer():
    round_ = make_round()
    participant = factories.make_participant(status=Status.WITHDRAWN)

    with pytest.raises(services.NotEligible):
        draft(round_, participant, {"usability": "3"})


def test_pseudonyms_are_unique_within_a_round_and_random():
    round_ = make_round()
    participants = [factories.make_participant() for _ in range(30)]

    pseudonyms = [draft(round_, participant, {"usability": "3"}).pseudonym for participant in participants]

    assert len(set(pseudonyms)) == 30
    assert all(FIRST <= number <= LAST for number in pseudonyms)  # one fixed range, whatever the round's size
    assert pseudonyms != sorted(pseudonyms)


def test_submission_is_audited_against_the_round_never_the_pseudonym():
    round_ = make_round()
    participant = factories.make_participant()

    submission = submit(round_, participant)

    event = AuditEvent.objects.get(action="feedback.submit")
    assert event.target_type == "consult.round"
    assert event.target_label == str(round_)  # the round's title, never "Respondent N"
    assert str(submission.pseudonym) not in re.findall(r"\d+", json.dumps(event.details))
