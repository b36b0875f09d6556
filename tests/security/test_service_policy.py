"""The one authorization policy (participants/policy.py): every state-changing service checks who acts.

For each service family, a real user without the role the pages require is refused with NotAllowed and
nothing is written (no row, no audit event, no e-mail); the system (`by=None`) and the roles the pages
allow may act.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.apps import apps
from django.utils import timezone

from consult import services as consult
from consult.meetings import services as meetings
from consult.models import Mode, RoundState, Stage
from consult.notifications import queue_reminders
from feedback import services as answers
from feedback.analysis import services as analysis
from feedback.meeting_notes import services as notes
from feedback.report import services as report
from feedback.report.services import FollowUpData
from feedback.summary import services as summary
from participants import policy
from participants.models import Status
from participants.permissions import CHAIR, SECRETARIAT
from participants.services import NotAllowed, vetting
from tests import factories
from tests.consult.helpers import PDF, add_document, make_att_meeting, make_round, make_tool

pytestmark = pytest.mark.django_db

Call = Callable[[Any, dict[str, Any]], Any]


@pytest.fixture
def world() -> dict[str, Any]:
    draft = make_round(questions=1)
    return {
        "cycle": draft.cycle,
        "tool": draft.tool,
        "round": draft,
        "question": draft.questions.first(),
        "document": add_document(draft),
        "meeting": make_att_meeting(date(2034, 8, 20), date(2034, 8, 24)),
        "participant": factories.make_participant(),
        "applicant": factories.make_participant(status=Status.REGISTERED),
        "unused_tool": make_tool("Unused"),
    }


SECRETARIAT_ONLY: dict[str, Call] = {
    # consult: rounds, questionnaires, documents, planning set-up
    "create_round": lambda by, w: consult.create_round(
        by=by,
        cycle=w["cycle"],
        tool=w["tool"],
        title="Sneaky",
        stage=Stage.DESIGN,
        opens_at=timezone.now() + timedelta(days=1),
        closes_at=timezone.now() + timedelta(days=9),
        mode=Mode.WRITTEN,
    ),
    "update_round": lambda by, w: consult.update_round(round_id=w["round"].pk, by=by, title="Renamed"),
    "schedule_round": lambda by, w: consult.schedule_round(round_id=w["round"].pk, by=by, notify=False),
    "cancel_round": lambda by, w: consult.cancel_round(round_id=w["round"].pk, by=by, reason="no", notify=False),
    "add_question": lambda by, w: consult.add_question(by=by, round_id=w["round"].pk, key="q9", text="Why?"),
    "revise_question": lambda by, w: consult.revise_question(by=by, question_id=w["question"].pk, text="Changed?"),
    "delete_question": lambda by, w: consult.delete_question(by=by, question_id=w["question"].pk),
    "add_document": lambda by, w: consult.add_document(
        by=by, round_id=w["round"].pk, title="Sneaky", filename="n.pdf", content=PDF, notify=False
    ),
    "update_document": lambda by, w: consult.update_document(by=by, document_id=w["document"].pk, title="Renamed"),
    "remove_document": lambda by, w: consult.remove_document(by=by, document_id=w["document"].pk, reason="x"),
    "save_cycle": lambda by, w: consult.save_cycle(
        by=by, name="CSP30", starts_on=date(2044, 1, 1), ends_on=date(2044, 12, 31)
    ),
    "save_tool": lambda by, w: consult.save_tool(by=by, name="Sneaky tool", articles=[11]),
    "save_att_meeting": lambda by, w: consult.save_att_meeting(
        by=by, name="CSP30", starts_on=date(2044, 1, 1), ends_on=date(2044, 1, 2)
    ),
    "delete_tool": lambda by, w: consult.delete_tool(by=by, tool_id=w["unused_tool"].pk),
    "delete_att_meeting": lambda by, w: consult.delete_att_meeting(by=by, meeting_id=w["meeting"].pk),
    "queue_reminders": lambda by, w: queue_reminders(round_id=w["round"].pk, by=by),
    # meetings: polls and attendance
    "set_capacity": lambda by, w: meetings.set_capacity(round_id=w["round"].pk, capacity=3, by=by),
    "open_poll": lambda by, w: meetings.open_poll(
        round_id=w["round"].pk, by=by, slots=[], closes_at=timezone.now() + timedelta(days=1)
    ),
    # feedback: written answers recorded on a participant's behalf, imports, identities, answer files
    "record_offline_submission": lambda by, w: answers.record_offline_submission(
        round_id=w["round"].pk, participant_id=w["participant"].pk, answers={"q1": "Hello"}, by=by
    ),
    "import_feedback": lambda by, w: answers.import_feedback(round_id=w["round"].pk, rows=[], by=by),
    "reveal_identities": lambda by, w: answers.reveal_identities(round_id=w["round"].pk, by=by),
    "export_answers_with_identities": lambda by, w: answers.export_answers_with_identities(
        round_=w["round"], fmt="csv", by=by
    ),
    # the cycle report and its follow-up
    "request_report": lambda by, w: report.request_report(cycle_id=w["cycle"].pk, by=by),
    "save_follow_up": lambda by, w: report.save_follow_up(
        follow_up_id=None,
        data=FollowUpData(rounds=[w["round"]], themes=[], tool=None, action="Done", status="planned"),
        by=by,
    ),
    # participants (already checked before this policy; now through the same function)
    "approve_participant": lambda by, w: vetting.approve_participant(participant_id=w["applicant"].pk, by=by),
}

CHAIR_AND_SECRETARIAT: dict[str, Call] = {
    "request_summary": lambda by, w: summary.request_summary(round_id=w["round"].pk, by=by),
    "mark_round_summarised": lambda by, w: consult.mark_round_summarised(round_id=w["round"].pk, by=by),
    "create_theme": lambda by, w: analysis.create_theme(round_id=w["round"].pk, by=by, name="Sneaky theme"),
    "save_points": lambda by, w: notes.save_points(round_id=w["round"].pk, by=by, points=["x"], expected_version=0),
    "export_answers": lambda by, w: answers.export_answers(round_=w["round"], fmt="csv", by=by),
    "report_export": lambda by, w: report.export(report=None, fmt="docx", by=by),
}

WRITES = [
    "participants.AuditEvent",
    "participants.OutboundEmail",
    "participants.Participant",
    "consult.Round",
    "consult.Question",
    "consult.Document",
    "consult.Cycle",
    "consult.Tool",
    "consult.AttMeeting",
    "meetings.Poll",
    "feedback.Submission",
    "feedback.Summary",
    "feedback.MeetingNotes",
    "feedback.Theme",
    "feedback.CycleReport",
    "feedback.FollowUp",
]


def snapshot() -> dict[str, list[tuple]]:
    """Every row of the models a refused call could write, field by field."""
    return {label: list(apps.get_model(label).objects.order_by("pk").values_list()) for label in WRITES}


def refused(call: Call, by, world: dict[str, Any]) -> None:
    before = snapshot()
    with pytest.raises(NotAllowed):
        call(by, world)
    assert snapshot() == before


@pytest.mark.parametrize("name", sorted(SECRETARIAT_ONLY))
def test_secretariat_services_refuse_the_chair_and_participants(name, world, chair):
    refused(SECRETARIAT_ONLY[name], chair, world)
    refused(SECRETARIAT_ONLY[name], world["participant"].user, world)


@pytest.mark.parametrize("name", sorted(CHAIR_AND_SECRETARIAT))
def test_chair_and_secretariat_services_refuse_participants(name, world):
    refused(CHAIR_AND_SECRETARIAT[name], world["participant"].user, world)
    refused(CHAIR_AND_SECRETARIAT[name], factories.make_user(is_staff=True), world)  # staff flag is no role


def test_a_participant_resets_only_their_own_calendar_address(world):
    owner, other = world["participant"], factories.make_participant()
    token = owner.feed_token

    refused(lambda by, w: consult.reset_feed_token(participant_id=owner.pk, by=by), other.user, world)
    assert consult.reset_feed_token(participant_id=owner.pk, by=owner.user).feed_token != token


def test_the_system_and_the_roles_the_pages_allow_may_act(world, chair, secretariat):
    assert policy.holds(None, SECRETARIAT)  # the worker, the clock, commands, the demo
    assert policy.holds(secretariat, SECRETARIAT)
    assert policy.holds(factories.make_user(is_superuser=True), SECRETARIAT)
    assert policy.holds(chair, CHAIR, SECRETARIAT)
    assert not policy.holds(chair, SECRETARIAT)

    policy.require(chair, CHAIR, SECRETARIAT)

    assert consult.save_tool(by=secretariat, name="Allowed tool", articles=[13]).pk
    assert consult.save_tool(by=None, name="System tool", articles=[13]).pk
    closed = make_round(title="Another", state=RoundState.CLOSED)
    assert consult.mark_round_summarised(round_id=closed.pk, by=chair).is_summarised  # the Chair's approval
