"""The rules a round's details must follow (Annex 1 §10), shared by forms, services and commands.

Pure checks on an unsaved or saved Round: they return problems by field, so a form can show each
next to its field and the command line can print them all at once.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from consult.models import Mode, Round

# An in-person meeting sits on the margins of an ATT meeting: its dates, a day either side.
MARGIN = timedelta(days=1)


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
