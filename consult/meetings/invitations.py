"""What each meeting invitation carries for its one recipient: Accept and Decline links, their answer."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from consult.meetings import tokens
from consult.meetings.models import Attendance, Response
from consult.models import Round
from participants.models import Participant

# The answer as the ATTENDEE's PARTSTAT of an update, so calendars keep showing what was said.
PARTSTATS = {Response.ACCEPTED: "ACCEPTED", Response.TENTATIVE: "TENTATIVE", Response.DECLINED: "DECLINED"}


@dataclass(frozen=True)
class Personal:
    accept_url: str
    decline_url: str
    response: str  # "" when no reply yet

    @property
    def partstat(self) -> str:
        return PARTSTATS.get(self.response, "NEEDS-ACTION")

    @property
    def declined(self) -> bool:
        return self.response == Response.DECLINED


def reply_url(round_: Round, participant: Participant, answer: str) -> str:
    token = tokens.make(round_id=round_.pk, participant_id=participant.pk, answer=answer)
    return settings.SITE_URL + reverse("meetings:reply", kwargs={"token": token})


def personal(round_: Round, participant: Participant) -> Personal:
    response = (
        Attendance.objects.filter(round=round_, participant=participant).values_list("response", flat=True).first()
    )
    return Personal(
        accept_url=reply_url(round_, participant, "accepted"),
        decline_url=reply_url(round_, participant, "declined"),
        response=response or "",
    )
