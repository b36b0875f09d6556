"""Demo: the approved notes of the meeting consult.meetings.demo held (idempotent; called by seed_demo)."""

from __future__ import annotations

from datetime import timedelta

from consult.models import Round
from feedback.meeting_notes import services
from feedback.models import MeetingNotes
from participants.models import User
from participants.permissions import CHAIR

# Names and States on purpose: the anonymizer replaces them before the points are stored.
POINTS = [
    "Ana Torres asked that the prototype keep last year's figures as a starting point for the new report.",
    "Several experts found the validation messages too vague and asked that each name the field concerned.",
    "The Peruvian delegation wanted an Excel import for States that keep their records in spreadsheets.",
    "Participants agreed the step-by-step layout works, but asked for a summary page before submission.",
]


def seed(held: Round | None) -> MeetingNotes | None:
    """Record and approve the held meeting's notes once; later runs leave them as they are."""
    if held is None:
        return None
    existing = MeetingNotes.objects.filter(round=held).first()
    chair = User.objects.filter(groups__name=CHAIR).order_by("pk").first()
    if existing is not None or chair is None:
        return existing
    after = held.meeting_starts_at + timedelta(hours=4)
    services.save_points(round_id=held.pk, by=chair, points=POINTS, expected_version=1, now=after)
    return services.approve_notes(round_id=held.pk, by=chair, now=after)
