"""What rounds are planned in: cycles, the tools consulted on (§7), and ATT meetings (§10)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, OperationalError, models, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from consult.models import ARTICLES, AttMeeting, Cycle, Tool
from consult.rules import cycle_problems
from participants import audit
from participants.domain_errors import DomainError
from participants.models import User
from participants.permissions import SECRETARIAT
from participants.policy import require


class CycleInvalid(ValidationError):
    """Broken cycle rules by field ({field: message}): overlapping dates, a name already used..."""


class AttMeetingInvalid(ValidationError):
    """Broken ATT meeting rules by field: it ends before it starts."""


class StillInUse(DomainError):
    """A cycle, tool or ATT meeting that rounds (or a cycle's report) still point to cannot be deleted."""

    def __init__(self, thing: models.Model) -> None:
        super().__init__(
            _(
                "“%(name)s” cannot be deleted: consultations (or a cycle report) still refer to it. "
                "Move them elsewhere first."
            )
            % {"name": thing}
        )


@transaction.atomic
def save_cycle(*, by: User | None, name: str, starts_on: date, ends_on: date, cycle_id: int | None = None) -> Cycle:
    """Create a cycle, or change one (its rounds keep their places). Raises CycleInvalid.

    Cycles never overlap: checked here for the message, and by an exclusion constraint on PostgreSQL,
    which also decides between two requests racing for the same period.
    """
    require(by, SECRETARIAT)
    cycle = Cycle.objects.select_for_update().get(pk=cycle_id) if cycle_id else Cycle()
    cycle.name, cycle.starts_on, cycle.ends_on = name.strip(), starts_on, ends_on
    problems = cycle_problems(cycle)
    if problems:
        raise CycleInvalid(problems)
    try:
        with transaction.atomic():
            cycle.save()
    except (IntegrityError, OperationalError) as error:
        if not _lost_race(error):
            raise
        raise CycleInvalid(
            cycle_problems(cycle) or {"starts_on": _("Another cycle was saved for these dates.")}
        ) from error
    audit.record(actor=by, action="cycle.update" if cycle_id else "cycle.create", target=cycle)
    return cycle


DEADLOCK_DETECTED = "40P01"  # PostgreSQL's SQLSTATE


def _lost_race(error: DatabaseError) -> bool:
    """Another request saved an overlapping cycle or the same name first; or, several saving at once,
    PostgreSQL ended a deadlock between their exclusion-constraint checks by stopping this one."""
    return isinstance(error, IntegrityError) or getattr(error.__cause__, "sqlstate", None) == DEADLOCK_DETECTED


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
    require(by, SECRETARIAT)
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
    require(by, SECRETARIAT)
    if ends_on < starts_on:
        raise AttMeetingInvalid({"ends_on": _("The meeting must end on or after the day it starts.")})
    meeting = AttMeeting.objects.select_for_update().get(pk=meeting_id) if meeting_id else AttMeeting()
    meeting.name, meeting.location, meeting.starts_on, meeting.ends_on = name.strip(), location, starts_on, ends_on
    meeting.save()
    audit.record(actor=by, action="att_meeting.update" if meeting_id else "att_meeting.create", target=meeting)
    return meeting


def _delete(thing: models.Model, *, by: User | None, action: str) -> None:
    """Delete and audit in one transaction; refused while anything still refers to it (PROTECT)."""
    audit.record(actor=by, action=action, target=thing)
    try:
        with transaction.atomic():
            thing.delete()
    except ProtectedError as error:
        raise StillInUse(thing) from error


@transaction.atomic
def delete_cycle(*, by: User | None, cycle_id: int) -> None:
    """Delete a cycle nothing was planned in. Raises StillInUse."""
    require(by, SECRETARIAT)
    _delete(Cycle.objects.select_for_update().get(pk=cycle_id), by=by, action="cycle.delete")


@transaction.atomic
def delete_tool(*, by: User | None, tool_id: int) -> None:
    """Delete a tool or initiative no consultation is about. Raises StillInUse."""
    require(by, SECRETARIAT)
    _delete(Tool.objects.select_for_update().get(pk=tool_id), by=by, action="tool.delete")


@transaction.atomic
def delete_att_meeting(*, by: User | None, meeting_id: int) -> None:
    """Delete an ATT meeting no consultation sits beside. Raises StillInUse."""
    require(by, SECRETARIAT)
    _delete(AttMeeting.objects.select_for_update().get(pk=meeting_id), by=by, action="att_meeting.delete")
