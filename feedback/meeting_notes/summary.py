"""The meeting notes' part of the round's summary: content["meeting"] (written by summary.meeting_section).

Attendance is a single count under the small-cell rule; the points are the approved notes as stored:
the Chair's own words, anonymized on save without the registry and checked by the leak gate like the
narrative (cleaning them again with the registry would show the Chair who registered since).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from consult.meetings import cells
from consult.meetings.models import Attendance, Meeting
from consult.models import Mode, Round
from feedback.models import MeetingNotes, NotesState


def build(round_: Round, *, min_cell: int) -> dict[str, Any] | None:
    """The section's data, or None for a written round or a meeting with neither notes nor attendance."""
    if not round_.is_meeting or round_.meeting_starts_at is None:
        return None
    notes = MeetingNotes.objects.filter(round=round_, state=NotesState.APPROVED).first()
    taken = Meeting.objects.filter(round=round_, attendance_taken_at__isnull=False).exists()
    if notes is None and not taken:
        return None
    attended = Attendance.objects.filter(round=round_, attended=True).count() if taken else 0
    return {
        "online": round_.mode == Mode.ONLINE,
        "held_on": timezone.localdate(round_.meeting_starts_at).isoformat(),  # the day only
        "attendance_taken": taken,
        "attended": cells.shown(attended, min_cell=min_cell) if taken else None,
        "min_cell": min_cell,
        "points": list(notes.points) if notes else [],
        "notes_version": notes.version if notes else 0,
    }


def stale(round_: Round, content: dict[str, Any]) -> bool:
    """The approved notes changed (or were approved) after the summary was generated."""
    notes = MeetingNotes.objects.filter(round=round_, state=NotesState.APPROVED).values_list("version", flat=True)
    version = notes.first()
    section = content.get("meeting") or {}
    return version is not None and version != section.get("notes_version")
