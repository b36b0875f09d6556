"""Create a whole round from a checked JSON definition (`manage.py create_round`), all or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format

from consult.definition import DefinitionInvalid, RoundDefinition
from consult.models import AttMeeting, Cycle, Round, Tool
from consult.rules import find_cycle, period
from consult.services.questions import QuestionInvalid, add_question
from consult.services.rounds import RoundInvalid, create_round, open_round, schedule_round
from consult.services.setup import CycleInvalid, save_cycle
from participants import audit
from participants.identifiers import fold_identifier
from participants.models import User
from participants.permissions import SECRETARIAT
from participants.policy import require

# Where each model field comes from in the JSON, so errors point at what the author wrote.
JSON_PLACES = {
    "meeting_starts_at": "meeting.starts_at",
    "meeting_ends_at": "meeting.ends_at",
    "meeting_link": "meeting.link",
    "venue": "meeting.location",
    "att_meeting": "meeting.att_meeting",
    "justification": "meeting.justification",
    "help_text": "help",
    "restricted": "restricted",
    "show_if_question": "show_if.question",
    "show_if_values": "show_if.in",
    "min_value": "min",
    "max_value": "max",
    "rows_text": "rows",
}
CYCLE_PLACES = {"name": "cycle.name", "starts_on": "cycle.starts_on", "ends_on": "cycle.ends_on"}


@dataclass
class CreatedRound:
    round: Round
    notes: list[str] = field(default_factory=list)


@transaction.atomic
def create_round_from_definition(
    *, definition: RoundDefinition, by: User | None = None, now: datetime | None = None
) -> CreatedRound:
    """Create the cycle, tool and ATT meeting if missing, the round and its questions, then schedule it
    (an online or in-person round takes a cap place) and open it when its opening time has passed.

    The cycle is found by name however it is spelled (case, spaces, dashes); a new name whose dates
    overlap an existing cycle is refused with that cycle's name.

    Raises DefinitionInvalid, CycleCapReached; on any error nothing is created.
    """
    require(by, SECRETARIAT)
    now = now or timezone.now()
    notes = list(definition.notes)
    cycle = _cycle(definition, notes, by)
    tool = _tool(definition, notes, by)
    meeting = definition.meeting
    att_meeting = _att_meeting(meeting, notes, by) if meeting and meeting.att_meeting else None
    try:
        round_ = create_round(
            by=by,
            cycle=cycle,
            tool=tool,
            title=definition.title,
            stage=definition.stage,
            mode=definition.mode,
            restricted=definition.restricted,
            unrestricted_reason=definition.unrestricted_reason,
            opens_at=definition.opens_at,
            closes_at=definition.closes_at,
            description=definition.description,
            meeting_starts_at=meeting.starts_at if meeting else None,
            meeting_ends_at=meeting.ends_at if meeting else None,
            meeting_link=meeting.link if meeting else "",
            venue=meeting.location if meeting else "",
            att_meeting=att_meeting,
            justification=meeting.justification if meeting else "",
            **({"reminder_days": definition.reminder_days} if definition.reminder_days is not None else {}),
        )
    except RoundInvalid as error:
        raise DefinitionInvalid(_places(error, "")) from error
    for index, question in enumerate(definition.questions):
        try:
            add_question(
                by=by,
                round_id=round_.pk,
                key=question.key,
                text=question.text,
                kind=question.kind,
                help_text=question.help,
                choices=question.choices,
                rows=question.rows,
                required=question.required,
                other=question.other,
                min_value=question.min_value,
                max_value=question.max_value,
                show_if=question.show_if,
            )
        except QuestionInvalid as error:
            raise DefinitionInvalid(_places(error, f"questions[{index}].")) from error
    ended = round_.closes_at <= now  # recording a consultation already held: nobody is told about it
    try:
        round_ = schedule_round(round_id=round_.pk, by=by, now=now, notify=not ended, past_closing_allowed=True)
    except RoundInvalid as error:
        raise DefinitionInvalid(_places(error, "")) from error
    if round_.slot is not None:
        notes.append(
            f"Scheduled “{round_.title}” in {cycle.name}: consultation {round_.slot} of the cycle's "
            f"{settings.ROUNDS_PER_CYCLE}, online and in person together (Annex 1 §10)."
        )
    else:
        notes.append(
            f"Scheduled “{round_.title}” in {cycle.name}: a request for written input, which takes no "
            "consultation place (Annex 1 §10)."
        )
    if round_.restricted:
        notes.append("Restricted to States Parties' representatives (Annex 1 §9).")
    if round_.opens_at <= now:
        round_ = open_round(round_id=round_.pk, by=by, now=now, notify=not ended)
        notes.append("Opened it now, because its opening time has passed.")
    if ended:
        notes.append(
            "Its closing time has passed: answers on the site are refused; import the written ones with "
            "import_feedback, then close it with close_round (the worker also closes it within a minute)."
        )
    audit.record(actor=by, action="round.create_from_definition", target=round_)
    return CreatedRound(round=round_, notes=notes)


def _places(error: RoundInvalid | QuestionInvalid, prefix: str) -> list[str]:
    return [
        f"{prefix}{JSON_PLACES.get(name, name)}: {message}"
        for name, messages in error.message_dict.items()
        for message in messages
    ]


DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63", "-"))


def name_key(name: str) -> str:
    """A name as `create_round` compares it: case and look-alike letters folded, spaces and the kind of
    dash ignored ("CSP12 \u2013 CSP13" is "csp12-csp13")."""
    return "".join(fold_identifier(name).translate(DASHES).split())


def _named(queryset: QuerySet[Any], name: str) -> Any:
    """The object of that name, compared in Python: the database's own case-insensitive match differs
    between SQLite and PostgreSQL for letters like the dotless i and the long s. Cycles, tools and ATT
    meetings are a few dozen rows."""
    wanted = name_key(name)
    return next((obj for obj in queryset.order_by("pk") if name_key(obj.name) == wanted), None)


def _cycle(definition: RoundDefinition, notes: list[str], by: User | None) -> Cycle:
    cycle = find_cycle(definition.cycle_name)
    if cycle is None:
        try:
            cycle = save_cycle(
                by=by,
                name=definition.cycle_name,
                starts_on=definition.cycle_starts_on,
                ends_on=definition.cycle_ends_on,
            )
        except CycleInvalid as error:
            raise DefinitionInvalid(_cycle_places(error)) from error
        notes.append(f"Created cycle {cycle.name} ({cycle.starts_on} to {cycle.ends_on}).")
    elif cycle.name != definition.cycle_name:
        notes.append(f"“{definition.cycle_name}” is the existing cycle {period(cycle)}; the round goes there.")
    elif (cycle.starts_on, cycle.ends_on) != (definition.cycle_starts_on, definition.cycle_ends_on):
        notes.append(f"Using the existing cycle {cycle.name}; its dates stay {cycle.starts_on} to {cycle.ends_on}.")
    return cycle


def _cycle_places(error: CycleInvalid) -> list[str]:
    return [
        f"{CYCLE_PLACES.get(name, name)}: {message}"
        for name, messages in error.message_dict.items()
        for message in messages
    ]


def _tool(definition: RoundDefinition, notes: list[str], by: User | None) -> Tool:
    tool = _named(Tool.objects.all(), definition.tool)
    if tool is None:
        tool = Tool.objects.create(name=definition.tool)
        audit.record(actor=by, action="tool.create", target=tool)
        notes.append(f"Created tool “{tool.name}”; tag the Articles it serves on the Cycles and tools page.")
    return tool


def _att_meeting(meeting, notes: list[str], by: User | None) -> AttMeeting:
    found = _named(AttMeeting.objects.all(), meeting.att_meeting)
    if found is not None:
        return found
    zone = timezone.get_default_timezone()
    found = AttMeeting.objects.create(
        name=meeting.att_meeting,
        location=meeting.location,
        starts_on=timezone.localtime(meeting.starts_at, zone).date() if meeting.starts_at else timezone.now().date(),
        ends_on=timezone.localtime(meeting.ends_at, zone).date() if meeting.ends_at else timezone.now().date(),
    )
    audit.record(actor=by, action="att_meeting.create", target=found)
    notes.append(
        f"Created ATT meeting “{found.name}” spanning the meeting's dates "
        f"({date_format(found.starts_on, 'j F Y')} to {date_format(found.ends_on, 'j F Y')}); "
        "correct its dates if needed."
    )
    return found
