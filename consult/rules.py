"""The rules a cycle's and a round's details must follow (Annex 1 §10), shared by forms, services and
commands.

Pure checks on an unsaved or saved Round: they return problems by field, so a form can show each
next to its field and the command line can print them all at once.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from consult.models import Cycle, Mode, Round, RoundState

# An in-person meeting sits on the margins of an ATT meeting: its dates, a day either side.
MARGIN = timedelta(days=1)
# Hyphens, en and em dashes, minus signs...: an en dash in "CSP12-CSP13" names the same cycle.
DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
ROUND_MOMENTS = ("opens_at", "closes_at", "meeting_starts_at", "meeting_ends_at")


def cycle_name_key(name: str) -> str:
    """A cycle name as compared: case, spaces and the kind of dash do not matter."""
    return re.sub(r"\s+", "", DASHES.sub("-", name)).casefold()


def find_cycle(name: str) -> Cycle | None:
    """The cycle with this name, however it is spelled (see cycle_name_key)."""
    key = cycle_name_key(name)
    return next((cycle for cycle in Cycle.objects.all() if cycle_name_key(cycle.name) == key), None)


def period(cycle: Cycle) -> str:
    return _("%(name)s (%(starts)s to %(ends)s)") % {
        "name": cycle.name,
        "starts": date_format(cycle.starts_on, "j F Y"),
        "ends": date_format(cycle.ends_on, "j F Y"),
    }


def cycle_problems(cycle: Cycle) -> dict[str, str]:
    """A cycle runs from one CSP to the next: it never overlaps another, and holds its rounds' dates."""
    problems: dict[str, str] = {}
    if not (cycle.starts_on and cycle.ends_on):
        return problems
    if cycle.ends_on < cycle.starts_on:
        return {"ends_on": _("The cycle must end on or after the day it starts.")}
    others = Cycle.objects.exclude(pk=cycle.pk) if cycle.pk else Cycle.objects.all()
    same_name = next((other for other in others if cycle_name_key(other.name) == cycle_name_key(cycle.name)), None)
    if same_name is not None:
        problems["name"] = _(
            "%(name)s already exists; a cycle's name may differ only by more than case, spaces or dashes."
        ) % {"name": same_name.name}
    overlapping = others.filter(starts_on__lte=cycle.ends_on, ends_on__gte=cycle.starts_on).order_by("starts_on")
    if overlapping:
        problems["starts_on"] = _(
            "Cycles run from one Conference of States Parties to the next and may not overlap: these dates "
            "overlap %(cycles)s."
        ) % {"cycles": ", ".join(period(other) for other in overlapping)}
    if cycle.pk:
        outside = [
            round_.title for round_ in cycle.rounds.exclude(state=RoundState.CANCELLED) if _outside(round_, cycle)
        ]
        if outside:
            problems["ends_on"] = _("These dates would leave rounds of the cycle outside it: %(titles)s.") % {
                "titles": ", ".join(f"“{title}”" for title in outside)
            }
    return problems


def _local_day(moment: datetime) -> date:
    # Cycles are dated where the Secretariat works (Geneva), like ATT meetings.
    return timezone.localtime(moment, timezone.get_default_timezone()).date()


def _outside(round_: Round, cycle: Cycle) -> list[str]:
    """The round's moments (opening, closing, meeting) that fall outside the cycle's dates."""
    return [
        name
        for name in ROUND_MOMENTS
        if getattr(round_, name) is not None
        and not cycle.starts_on <= _local_day(getattr(round_, name)) <= cycle.ends_on
    ]


def _cycle_date_problems(round_: Round) -> dict[str, str]:
    if not round_.cycle_id:
        return {}
    cycle = round_.cycle
    message = _("Must fall within the cycle, %(period)s.") % {"period": period(cycle)}
    return dict.fromkeys(_outside(round_, cycle), message)


def round_problems(round_: Round) -> dict[str, str]:
    """Every broken rule, as {field name: message}; empty when the round is consistent."""
    problems: dict[str, str] = {}
    if round_.opens_at and round_.closes_at and round_.closes_at <= round_.opens_at:
        problems["closes_at"] = _("The closing time must be after the opening time.")
    if round_.mode in (Mode.ONLINE, Mode.IN_PERSON):
        problems.update(_meeting_time_problems(round_))
    if round_.mode == Mode.ONLINE and not round_.meeting_link:
        problems["meeting_link"] = _("An online meeting needs the link participants will use to join.")
    if round_.mode == Mode.IN_PERSON:
        problems.update(_in_person_problems(round_))
    for name, message in _cycle_date_problems(round_).items():
        problems.setdefault(name, message)
    return problems


def _meeting_time_problems(round_: Round) -> dict[str, str]:
    problems = {}
    if round_.meeting_starts_at is None:
        problems["meeting_starts_at"] = _("A meeting needs a start time.")
    if round_.meeting_ends_at is None:
        problems["meeting_ends_at"] = _("A meeting needs an end time.")
    elif round_.meeting_starts_at and round_.meeting_ends_at <= round_.meeting_starts_at:
        problems["meeting_ends_at"] = _("The meeting must end after it starts.")
    return problems


def _in_person_problems(round_: Round) -> dict[str, str]:
    problems = {}
    if not round_.justification.strip():
        problems["justification"] = _(
            "Explain why meeting in person is absolutely necessary (Annex 1 §10 prefers online and written work)."
        )
    if not round_.venue.strip():
        problems["venue"] = _("Give the venue where participants should go.")
    meeting = round_.att_meeting
    if meeting is None:
        problems["att_meeting"] = _("Choose the ATT meeting on whose margins it takes place (Annex 1 §10).")
    elif round_.meeting_starts_at and round_.meeting_ends_at and not within_margins(round_, meeting):
        problems["meeting_starts_at"] = _(
            "An in-person meeting must take place during %(meeting)s (%(starts)s to %(ends)s) or a day either side."
        ) % {
            "meeting": meeting.name,
            "starts": date_format(meeting.starts_on, "j F Y"),
            "ends": date_format(meeting.ends_on, "j F Y"),
        }
    return problems


def within_margins(round_: Round, meeting: object) -> bool:
    """Both meeting days fall within the ATT meeting's dates, a day either side allowed."""
    first: date = meeting.starts_on - MARGIN
    last: date = meeting.ends_on + MARGIN
    # ATT meetings are dated where they happen; the Secretariat's zone (Geneva) is the reference.
    starts_on = timezone.localtime(round_.meeting_starts_at, timezone.get_default_timezone()).date()
    ends_on = timezone.localtime(round_.meeting_ends_at, timezone.get_default_timezone()).date()
    return first <= starts_on and ends_on <= last
