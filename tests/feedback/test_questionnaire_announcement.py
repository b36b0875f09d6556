"""On request, a round's announcement carries its questionnaire as Word and Excel files."""

from __future__ import annotations

import io

import docx
import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from consult import services as consult_services
from consult.models import Mode
from participants.models import Notification, Participant
from participants.services import set_notifications
from tests import factories
from tests.consult.helpers import make_round
from tests.feedback.questionnaire_helpers import controls

pytestmark = pytest.mark.django_db

ASKED = [Notification.ROUND_SCHEDULED, Notification.MEETING_INVITATIONS, Notification.QUESTIONNAIRE_FILES]


def questioned_round(**options):
    round_ = make_round(**options)
    consult_services.add_question(by=None, round_id=round_.pk, key="ease", text="How easy?", kind="rating")
    consult_services.add_question(by=None, round_id=round_.pk, key="ideas", text="What would you change?")
    return round_


def announce(round_, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        consult_services.schedule_round(round_id=round_.pk, by=None)


def message_to(participant: Participant):
    return next(message for message in mail.outbox if message.to == [participant.email])


def files_of(message) -> dict[str, tuple[bytes, str]]:
    return {name: (content, mimetype) for name, content, mimetype in message.attachments}


@pytest.mark.parametrize("mode", [Mode.WRITTEN, Mode.ONLINE])
def test_who_asked_gets_the_questionnaire_attached_as_word_and_excel(django_capture_on_commit_callbacks, mode):
    asked = factories.make_participant(notifications=ASKED)
    round_ = questioned_round(mode=mode)

    announce(round_, django_capture_on_commit_callbacks)

    message = message_to(asked)
    files = files_of(message)
    word = next(content for name, (content, _type) in files.items() if name.endswith(".docx"))
    sheet = next(content for name, (content, _type) in files.items() if name.endswith(".xlsx"))
    assert set(controls(word)) == {"ease", "ideas"}
    assert docx.Document(io.BytesIO(word)).core_properties.title == round_.title
    assert [row[0] for row in load_workbook(io.BytesIO(sheet))["Questionnaire"].iter_rows(values_only=True)] == [
        "key",
        "ease",
        "ideas",
    ]
    assert "the questionnaire is attached as a Word document and an Excel workbook" in message.body


def test_who_did_not_ask_gets_the_announcement_without_files(django_capture_on_commit_callbacks):
    other = factories.make_participant()
    round_ = questioned_round()

    announce(round_, django_capture_on_commit_callbacks)

    message = message_to(other)
    assert message.attachments == []
    assert "questionnaire is attached" not in message.body


def test_a_round_without_questions_attaches_nothing(django_capture_on_commit_callbacks):
    asked = factories.make_participant(notifications=ASKED)
    round_ = make_round()

    announce(round_, django_capture_on_commit_callbacks)

    assert message_to(asked).attachments == []


def test_the_files_are_asked_for_in_the_profile_and_are_off_until_then(client_for):
    participant = factories.make_participant()
    assert not participant.wants(Notification.QUESTIONNAIRE_FILES)
    profile = client_for(participant.user).get(reverse("participants:profile")).content.decode()
    assert "attach its questionnaire as Word and Excel files" in profile

    set_notifications(participant_id=participant.pk, notifications=ASKED)

    participant.refresh_from_db()
    assert participant.wants(Notification.QUESTIONNAIRE_FILES)
