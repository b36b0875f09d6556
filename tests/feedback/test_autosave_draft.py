"""The autosave path: one conditional UPDATE when it can, the full save path's answers when it cannot."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consult.models import RoundState
from feedback import services
from feedback.models import Submission, SubmissionState
from tests import factories
from tests.feedback.helpers import draft, make_round, move_round, submit

pytestmark = pytest.mark.django_db


def autosave(round_, participant, answers, version):
    return services.autosave_draft(
        round_=round_,
        participant=participant,
        answers=answers,
        version=version,
        questions=list(round_.questions.active()),
    )


def test_a_draft_at_the_editors_version_is_saved_in_one_statement():
    round_ = make_round()
    participant = factories.make_participant()
    first = draft(round_, participant, {"comments": "Started"})
    questions = list(round_.questions.active())

    with CaptureQueriesContext(connection) as captured:
        saved = services.autosave_draft(
            round_=round_, participant=participant, answers={"comments": "More"}, version=1, questions=questions
        )

    assert [query["sql"].split()[0] for query in captured] == ["UPDATE"]
    assert saved.version == first.version + 1 == 2
    assert not saved.unsubmitted_changes
    stored = Submission.objects.get()
    assert stored.working_answers == {"comments": "More"}
    assert stored.version == 2
    assert stored.updated_at == saved.updated_at


def test_the_first_save_creates_the_draft():
    round_ = make_round()
    participant = factories.make_participant()

    saved = autosave(round_, participant, {"usability": "4"}, services.NEW)

    assert saved.version == 1
    assert Submission.objects.get().working_answers == {"usability": 4}


def test_a_stale_version_is_a_conflict_and_changes_nothing():
    round_ = make_round()
    participant = factories.make_participant()
    draft(round_, participant, {"comments": "Laptop"})
    draft(round_, participant, {"comments": "Phone"})  # version 2

    with pytest.raises(services.VersionConflict) as caught:
        autosave(round_, participant, {"comments": "Old tab"}, 1)

    assert caught.value.current_version == 2
    assert Submission.objects.get().working_answers == {"comments": "Phone"}


def test_nothing_new_keeps_the_version():
    round_ = make_round()
    participant = factories.make_participant()
    draft(round_, participant, {"comments": "Same"})

    saved = autosave(round_, participant, {"comments": "Same"}, 1)

    assert saved.version == 1
    assert Submission.objects.get().version == 1


def test_editing_a_submitted_response_is_flagged_as_not_submitted_yet():
    round_ = make_round()
    participant = factories.make_participant()
    submission = submit(round_, participant)

    saved = autosave(
        round_, participant, {**submission.working_answers, "comments": "A second thought"}, submission.version
    )

    assert saved.unsubmitted_changes
    stored = Submission.objects.get()
    assert stored.state == SubmissionState.SUBMITTED
    assert stored.has_unsubmitted_changes
    assert stored.version == submission.version + 1


def test_an_ill_formed_value_is_refused_before_anything_is_written():
    round_ = make_round()
    participant = factories.make_participant()
    draft(round_, participant, {"comments": "Kept"})

    with pytest.raises(services.InvalidAnswers):
        autosave(round_, participant, {"usability": "9"}, 1)

    assert Submission.objects.get().working_answers == {"comments": "Kept"}


def test_a_closed_round_refuses_the_save_and_keeps_the_draft():
    round_ = make_round()
    participant = factories.make_participant()
    draft(round_, participant, {"comments": "Kept"})
    round_ = move_round(round_, RoundState.CLOSED)

    with pytest.raises(services.RoundNotAcceptingAnswers):
        autosave(round_, participant, {"comments": "Too late"}, 1)

    assert Submission.objects.get().working_answers == {"comments": "Kept"}
