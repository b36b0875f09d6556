"""Round e-mails: one per recipient, never naming others, in their time zone, as each participant chose."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from consult import services
from consult.models import Mode, RoundState
from consult.notifications import send_reminders
from feedback.services import NEW, save_draft, submit_response
from participants.models import AuditEvent, Category, Notification, Status
from participants.services import approve_participant
from tests import factories
from tests.consult.helpers import PDF, add_document, make_round

pytestmark = pytest.mark.django_db


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_scheduling_tells_each_eligible_participant_separately(django_capture_on_commit_callbacks):
    ingrid = factories.make_participant(email="ingrid@example.org")
    kwame = factories.make_participant(email="kwame@example.org", category=Category.REGIONAL_ORGANISATION)
    factories.make_participant(email="pending@example.org", status=Status.REGISTERED)
    round_ = make_round()

    with django_capture_on_commit_callbacks(execute=True):
        services.schedule_round(round_id=round_.pk, by=None)

    assert recipients() == [ingrid.email, kwame.email]
    for message in mail.outbox:
        assert len(message.to) == 1 and message.cc == [] and message.bcc == []
        other = kwame.email if message.to == [ingrid.email] else ingrid.email
        assert other not in message.body
        assert "New consultation" in message.subject


def test_a_restricted_round_is_announced_to_state_party_participants_only(django_capture_on_commit_callbacks):
    state_party = factories.make_participant(category=Category.STATE_PARTY)
    factories.make_participant(category=Category.SIGNATORY_STATE)
    factories.make_participant(category=Category.CIVIL_SOCIETY)
    round_ = make_round(restricted=True)

    with django_capture_on_commit_callbacks(execute=True):
        services.schedule_round(round_id=round_.pk, by=None)

    assert recipients() == [state_party.email]


def test_a_participant_who_chose_no_announcements_gets_none(django_capture_on_commit_callbacks):
    factories.make_participant(notifications=[Notification.REMINDER])
    round_ = make_round()

    with django_capture_on_commit_callbacks(execute=True):
        services.schedule_round(round_id=round_.pk, by=None)

    assert mail.outbox == []


def test_nothing_is_sent_when_the_change_rolls_back(django_capture_on_commit_callbacks):
    factories.make_participant()
    round_ = make_round(title="First", mode=Mode.ONLINE)
    make_round(state=RoundState.SCHEDULED, title="Second", mode=Mode.ONLINE)
    make_round(state=RoundState.SCHEDULED, title="Third", mode=Mode.ONLINE)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(services.CycleCapReached):
        services.schedule_round(round_id=round_.pk, by=None)

    assert mail.outbox == []


def test_opening_links_to_the_questionnaire(django_capture_on_commit_callbacks):
    factories.make_participant()
    round_ = make_round(state=RoundState.SCHEDULED, questions=2)

    with django_capture_on_commit_callbacks(execute=True):
        services.open_round(round_id=round_.pk, by=None)

    assert mail.outbox[0].subject == f"Now open: {round_.title}"
    assert f"/rounds/{round_.pk}/answer/" in mail.outbox[0].body


def test_closing_thanks_participants(django_capture_on_commit_callbacks):
    factories.make_participant()
    round_ = make_round(state=RoundState.OPEN)

    with django_capture_on_commit_callbacks(execute=True):
        services.close_round(round_id=round_.pk, by=None)

    assert mail.outbox[0].subject == f"Closed: {round_.title}"


def test_times_are_written_in_the_recipients_time_zone(django_capture_on_commit_callbacks):
    participant = factories.make_participant()
    participant.user.time_zone = "America/Lima"
    participant.user.save(update_fields=["time_zone"])
    opens_at = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)
    round_ = make_round(opens_at=opens_at, now=opens_at - timedelta(days=3))

    with django_capture_on_commit_callbacks(execute=True):
        services.schedule_round(round_id=round_.pk, by=None, now=opens_at - timedelta(days=3))

    assert "1 December 2026, 09:00 -05" in mail.outbox[0].body


def test_a_new_document_in_an_open_round_is_announced(django_capture_on_commit_callbacks):
    factories.make_participant()
    round_ = make_round(state=RoundState.OPEN)

    with django_capture_on_commit_callbacks(execute=True):
        services.add_document(by=None, round_id=round_.pk, title="Field list", filename="fields.pdf", content=PDF)

    assert mail.outbox[0].subject == f"Documents updated: {round_.title}"
    assert "Field list" in mail.outbox[0].body


def test_a_new_version_says_what_changed(django_capture_on_commit_callbacks):
    factories.make_participant()
    round_ = make_round(state=RoundState.SCHEDULED)
    document = add_document(round_, title="Field list")

    with django_capture_on_commit_callbacks(execute=True):
        services.add_document_version(
            by=None, document_id=document.pk, filename="fields.pdf", content=PDF, change_note="Two fields added"
        )

    assert "Field list (version 2): Two fields added" in mail.outbox[0].body


def test_documents_added_to_a_draft_are_not_announced(django_capture_on_commit_callbacks):
    factories.make_participant()
    round_ = make_round()

    with django_capture_on_commit_callbacks(execute=True):
        services.add_document(by=None, round_id=round_.pk, title="Early", filename="early.pdf", content=PDF)

    assert mail.outbox == []


# --- Reminders ------------------------------------------------------------------------------------------


def _open_round_with_question():
    round_ = make_round(state=RoundState.OPEN, questions=1)
    return round_


def test_reminders_go_to_those_who_have_not_submitted_including_drafts(secretariat, django_capture_on_commit_callbacks):
    round_ = _open_round_with_question()
    submitted = factories.make_participant(email="submitted@example.org")
    drafting = factories.make_participant(email="drafting@example.org")
    silent = factories.make_participant(email="silent@example.org")
    factories.make_participant(email="no-reminders@example.org", notifications=[Notification.ROUND_OPENED])
    submit_response(
        round_id=round_.pk, participant=submitted, answers={"q1": "Yes"}, version=NEW, confirm_personal_capacity=True
    )
    save_draft(round_id=round_.pk, participant=drafting, answers={"q1": "Maybe"}, version=NEW)

    with django_capture_on_commit_callbacks(execute=True):
        count = send_reminders(round_id=round_.pk, by=secretariat)

    assert count == 2
    assert recipients() == [drafting.email, silent.email]
    event = AuditEvent.objects.get(action="round.remind")
    assert (event.actor, event.details["sent"]) == (secretariat, 2)
    assert submitted.email not in "".join(message.body for message in mail.outbox)


def test_reminders_are_sent_only_while_a_round_is_open(django_capture_on_commit_callbacks):
    factories.make_participant()
    round_ = make_round(state=RoundState.CLOSED)

    with django_capture_on_commit_callbacks(execute=True):
        count = send_reminders(round_id=round_.pk)

    assert count == 0
    assert mail.outbox == []


def test_reminders_after_the_deadline_send_nothing():
    factories.make_participant()
    round_ = _open_round_with_question()

    assert send_reminders(round_id=round_.pk, now=round_.closes_at + timedelta(minutes=1)) == 0


def test_reminders_respect_restricted_eligibility(django_capture_on_commit_callbacks):
    state_party = factories.make_participant(category=Category.STATE_PARTY)
    factories.make_participant(category=Category.INDUSTRY)
    round_ = make_round(state=RoundState.OPEN, restricted=True, questions=1)

    with django_capture_on_commit_callbacks(execute=True):
        send_reminders(round_id=round_.pk, now=timezone.now())

    assert recipients() == [state_party.email]


def test_a_participant_approved_after_a_meeting_was_announced_gets_its_invitation(
    secretariat, django_capture_on_commit_callbacks
):
    online = make_round(state=RoundState.SCHEDULED, mode=Mode.ONLINE, title="Platform walkthrough")
    make_round(
        state=RoundState.SCHEDULED,
        mode=Mode.ONLINE,
        title="Restricted walkthrough",
        restricted=True,
    )
    newcomer = factories.make_participant(status=Status.REGISTERED, category="civil_society", email="new@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        approve_participant(participant_id=newcomer.pk, by=secretariat)

    invitations = [m for m in mail.outbox if m.to == ["new@example.org"] and m.attachments]
    assert len(invitations) == 1  # the restricted meeting is for State Parties only
    ics = Calendar.from_ical(invitations[0].attachments[0][1])
    event = ics.walk("VEVENT")[0]
    assert str(ics["METHOD"]) == "REQUEST"
    assert str(event["UID"]).startswith(str(online.calendar_uid))
