"""The points raised at a meeting: anonymized before they are stored, gated, approved, and in the summary."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
from django.test import override_settings
from docx import Document

from consult.meetings import services as meeting_services
from consult.models import Mode, RoundState
from feedback.meeting_notes import services
from feedback.meeting_notes.check import split_points
from feedback.models import MeetingNotes
from feedback.registry import build_anonymizer
from feedback.summary import writers
from feedback.summary.builder import build_content
from participants.models import AuditEvent
from tests import factories
from tests.consult.helpers import make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def held():
    """An online meeting that has taken place (its round closed)."""
    return make_round(mode=Mode.ONLINE, state=RoundState.CLOSED, title="Testing session")


def after(round_):
    return round_.meeting_starts_at + timedelta(hours=3)


def save(round_, points, *, by=None, version=None):
    by = by or factories.make_chair()
    current = MeetingNotes.objects.filter(round=round_).first()
    return services.save_points(
        round_id=round_.pk,
        by=by,
        points=points,
        expected_version=version or (current.version if current else 1),
        now=after(round_),
    )


def test_names_and_states_are_replaced_before_the_points_are_stored(held):
    factories.make_participant(full_name="Ingrid Johansson", country="SE")

    saved = save(held, ["Ingrid Johansson asked for an Excel import, as Sweden does for Article 13."])

    stored = MeetingNotes.objects.get(round=held).points
    assert stored == ["[a person] asked for an Excel import, as [a State] does for Article 13."]
    assert sum(saved.replaced.values()) == 2
    assert "Johansson" not in json.dumps(list(AuditEvent.objects.values_list("details", flat=True)))


def test_a_name_is_replaced_the_same_whether_or_not_it_is_registered(held):
    factories.make_participant(full_name="Ingrid Johansson", country="SE")

    registered = save(held, ["Ingrid Johansson asked for an Excel import."])
    unregistered = save(held, ["Pedro Alvarado asked for an Excel import."])

    assert registered.notes.points == unregistered.notes.points == ["[a person] asked for an Excel import."]
    assert registered.replaced == unregistered.replaced


def test_points_cannot_be_recorded_before_the_meeting():
    upcoming = make_round(mode=Mode.ONLINE, state=RoundState.SCHEDULED)

    with pytest.raises(services.NotesInvalid, match="once the meeting has taken place"):
        services.save_points(round_id=upcoming.pk, by=factories.make_chair(), points=["x"], expected_version=1)


def test_a_stale_editor_is_told_and_overwrites_nothing(held):
    save(held, ["First version."])

    with pytest.raises(services.NotesInvalid, match="Someone else saved"):
        save(held, ["Overwrite?"], version=1)

    assert MeetingNotes.objects.get(round=held).points == ["First version."]


@pytest.mark.parametrize("registered", [True, False])
def test_approval_runs_the_leak_gate_again_without_the_registry(held, registered):
    save(held, ["Built-in guidance next to each field."])
    older = ["Thandiwe Okonkwo suggested built-in guidance."]  # stored before the rules of today
    MeetingNotes.objects.filter(round=held).update(points=older)
    if registered:
        factories.make_participant(full_name="Thandiwe Okonkwo")

    with pytest.raises(services.NotesBlocked) as blocked:
        services.approve_notes(round_id=held.pk, by=factories.make_chair(), now=after(held))

    assert [(leak.location, leak.text) for leak in blocked.value.leaks] == [
        ("Points raised at the meeting, point 1", "Thandiwe Okonkwo")
    ]
    assert MeetingNotes.objects.get(round=held).state == "draft"


def test_the_round_s_own_words_may_be_repeated_in_the_points(held):
    save(held, [f"The {held.title} went well."])

    assert MeetingNotes.objects.get(round=held).points == [f"The {held.title} went well."]


def test_approved_notes_are_locked_until_reopened(held):
    chair = factories.make_chair()
    save(held, ["Validation messages should name the field."], by=chair)
    services.approve_notes(round_id=held.pk, by=chair, now=after(held))

    with pytest.raises(services.NotesError, match="reopen"):
        save(held, ["Changed."], by=chair)
    services.reopen_notes(round_id=held.pk, by=chair)

    save(held, ["Changed."], by=chair)


def test_points_are_one_per_line_without_their_bullets():
    assert split_points("- Pre-fill reports\n\n2. Offline editing\n  * Guidance  \n") == [
        "Pre-fill reports",
        "Offline editing",
        "Guidance",
    ]


# --- In the summary ---------------------------------------------------------------------------------------


def approved(round_, points):
    chair = factories.make_chair()
    save(round_, points, by=chair)
    services.approve_notes(round_id=round_.pk, by=chair, now=after(round_))


@override_settings(ANONYMITY_MIN_CELL=3)
def test_the_summary_has_the_approved_points_and_how_many_attended(held):
    people = [factories.make_participant() for _ in range(4)]
    meeting_services.record_attendance(
        round_id=held.pk, attended=[person.pk for person in people], by=None, now=after(held)
    )
    approved(held, ["Experts asked for CSV and XML exports.", "Several wanted guidance in plain English."])

    content = build_content(held, anonymizer=build_anonymizer(), min_cell=3)
    document = writers.SummaryDocument(content=content)

    assert content["meeting"]["points"] == [
        "Experts asked for CSV and XML exports.",
        "Several wanted guidance in plain English.",
    ]
    markdown = writers.write(document, "md").decode()
    assert "## Points raised at the meeting" in markdown
    assert "4 participants attended" in markdown
    assert "- Experts asked for CSV and XML exports." in markdown
    assert "<h2>Points raised at the meeting</h2>" in writers.write(document, "html").decode()
    word = Document(io.BytesIO(writers.write(document, "docx")))
    assert "Points raised at the meeting" in [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert "Several wanted guidance in plain English." in [p.text for p in word.paragraphs]
    assert json.loads(writers.write(document, "json"))["meeting"]["attended"] == 4


@override_settings(ANONYMITY_MIN_CELL=3)
def test_a_small_attendance_is_shown_as_fewer_than_the_minimum_cell(held):
    two = [factories.make_participant() for _ in range(2)]
    meeting_services.record_attendance(round_id=held.pk, attended=[p.pk for p in two], by=None, now=after(held))

    content = build_content(held, anonymizer=build_anonymizer(), min_cell=3)

    assert content["meeting"]["attended"] is None
    assert (
        "fewer than 3 participants attended" in writers.write(writers.SummaryDocument(content=content), "md").decode()
    )


def test_draft_notes_stay_out_of_the_summary(held):
    save(held, ["Not approved yet."])

    content = build_content(held, anonymizer=build_anonymizer(), min_cell=3)

    assert content["meeting"] is None


def test_a_written_round_has_no_meeting_section():
    written = make_round(state=RoundState.CLOSED)

    assert build_content(written, anonymizer=build_anonymizer(), min_cell=3)["meeting"] is None


# --- The page ---------------------------------------------------------------------------------------------


def test_the_chair_records_points_on_the_page_and_sees_what_was_replaced(client_for):
    from django.utils import timezone

    started = timezone.now() - timedelta(hours=2)
    round_ = make_round(
        mode=Mode.ONLINE,
        state=RoundState.OPEN,
        opens_at=started - timedelta(days=1),
        meeting_starts_at=started,
        meeting_ends_at=started + timedelta(hours=1),
        now=started - timedelta(days=2),
    )
    factories.make_participant(full_name="Kwame Mensah")
    client = client_for(factories.make_chair())

    response = client.post(
        f"/feedback/rounds/{round_.pk}/meeting-notes/",
        {"points": "- Kwame Mensah asked for offline editing.\n- Guidance next to each field.", "version": 1},
        follow=True,
    )

    assert "1 identifying detail was replaced" in response.text
    assert "Kwame" not in response.text
    assert '<mark class="redaction"' in response.text
    assert MeetingNotes.objects.get(round=round_).points[1] == "Guidance next to each field."


def test_typing_a_name_on_the_page_tells_nothing_about_the_registry(client_for):
    """The meeting notes page must not answer "is this person registered?": same message, same stored text."""
    from django.utils import timezone

    started = timezone.now() - timedelta(hours=2)
    round_ = make_round(
        mode=Mode.ONLINE,
        state=RoundState.OPEN,
        opens_at=started - timedelta(days=1),
        meeting_starts_at=started,
        meeting_ends_at=started + timedelta(hours=1),
        now=started - timedelta(days=2),
    )
    factories.make_participant(full_name="Kwame Mensah", organisation="Sahel Arms Research Network", acronym="SARN")
    client = client_for(factories.make_chair())

    def record(name: str, acronym: str, version: int) -> tuple[list[str], list[str]]:
        response = client.post(
            f"/feedback/rounds/{round_.pk}/meeting-notes/",
            {"points": f"- {name} ({acronym}) asked for offline editing.", "version": version},
            follow=True,
        )
        said = [str(message) for message in response.context["messages"]]
        return said, MeetingNotes.objects.get(round=round_).points

    registered = record("Kwame Mensah", "SARN", 1)
    unregistered = record("Kofi Asante", "KASN", 2)

    assert registered == unregistered
    assert registered[1] == ["[a person] ([an organisation]) asked for offline editing."]


@override_settings(ANONYMITY_MIN_CELL=3)
def test_the_summary_shows_the_approved_points_as_stored_whoever_registers_since(held):
    approved(held, ["Colleagues from the hope project asked for CSV exports."])
    factories.make_participant(full_name="Hope Project")  # an ordinary phrase registered afterwards

    content = build_content(held, anonymizer=build_anonymizer(), min_cell=3)

    assert content["meeting"]["points"] == ["Colleagues from the hope project asked for CSV exports."]
