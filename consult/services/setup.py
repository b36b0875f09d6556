"""What rounds are planned in: cycles, the tools consulted on (§7), and ATT meetings (§10)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from consult.models import ARTICLES, AttMeeting, Cycle, Tool
from consult.rules import cycle_problems
from participants import audit
from participants.models import User


class CycleInvalid(ValidationError):
    """Broken cycle rules by field ({field: message}): overlapping dates, a name already used..."""


@transaction.atomic
def save_cycle(*, by: User | None, name: str, starts_on: date, ends_on: date, cycle_id: int | None = None) -> Cycle:
    """Create a cycle, or change one (its rounds keep their places). Raises CycleInvalid.

    Cycles never overlap: checked here for the message, and by an exclusion constraint on PostgreSQL,
    which also decides between two requests racing for the same period.
    """
    cycle = Cycle.objects.select_for_update().get(pk=cycle_id) if cycle_id else Cycle()
    cycle.name, cycle.starts_on, cycle.ends_on = name.strip(), starts_on, ends_on
    problems = cycle_problems(cycle)
    if problems:
        raise CycleInvalid(problems)
    try:
        with transaction.atomic():
            cycle.save()
    except IntegrityError as error:  # another request saved an overlapping cycle or the same name first
        raise CycleInvalid(
            cycle_problems(cycle) or {"starts_on": _("Another cycle was saved for these dates.")}
        ) from error
    audit.record(actor=by, action="cycle.update" if cycle_id else "cycle.create", target=cycle)
    return cycle


@transaction.atomic
def save_tool(
    *,
    by: User | None,
    name: str,
    articles: list[int],
    description: str = "",
    restricted_area: bool = False,
    tool_id: int | None = None,
) -> Tool:
    """Create or change a tool or initiative, tagged with the Articles it serves (11, 13, 15, 17), and
    whether it is hosted in the restricted area of the ATT website (§9: its rounds are then restricted)."""
    tool = Tool.objects.select_for_update().get(pk=tool_id) if tool_id else Tool()
    tool.name, tool.description, tool.restricted_area = name.strip(), description, restricted_area
    tool.articles = sorted({int(number) for number in articles if int(number) in ARTICLES})
    tool.save()
    audit.record(
        actor=by,
        action="tool.update" if tool_id else "tool.create",
        target=tool,
        articles=tool.articles,
        restricted_area=tool.restricted_area,
    )
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
