"""What rounds are planned in: cycles, the tools consulted on (§7), and ATT meetings (§10)."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from consult.models import ARTICLES, AttMeeting, Cycle, Tool
from participants import audit
from participants.models import User


@transaction.atomic
def save_cycle(*, by: User | None, name: str, starts_on: date, ends_on: date, cycle_id: int | None = None) -> Cycle:
    """Create a cycle, or change one (its rounds keep their places)."""
    cycle = Cycle.objects.select_for_update().get(pk=cycle_id) if cycle_id else Cycle()
    cycle.name, cycle.starts_on, cycle.ends_on = name.strip(), starts_on, ends_on
    cycle.save()
    audit.record(actor=by, action="cycle.update" if cycle_id else "cycle.create", target=cycle)
    return cycle


@transaction.atomic
def save_tool(
    *, by: User | None, name: str, articles: list[int], description: str = "", tool_id: int | None = None
) -> Tool:
    """Create or change a tool or initiative, tagged with the Articles it serves (11, 13, 15, 17)."""
    tool = Tool.objects.select_for_update().get(pk=tool_id) if tool_id else Tool()
    tool.name, tool.description = name.strip(), description
    tool.articles = sorted({int(number) for number in articles if int(number) in ARTICLES})
    tool.save()
    audit.record(actor=by, action="tool.update" if tool_id else "tool.create", target=tool, articles=tool.articles)
    return tool


@transaction.atomic
def save_att_meeting(
    *,
    by: User | None,
    name: str,
    starts_on: date,
    ends_on: date,
    location: str = "",
    meeting_id: int | None = None,
) -> AttMeeting:
    """Create or change an ATT meeting beside which an in-person consultation may sit."""
    meeting = AttMeeting.objects.select_for_update().get(pk=meeting_id) if meeting_id else AttMeeting()
    meeting.name, meeting.location, meeting.starts_on, meeting.ends_on = name.strip(), location, starts_on, ends_on
    meeting.save()
    audit.record(actor=by, action="att_meeting.update" if meeting_id else "att_meeting.create", target=meeting)
    return meeting
