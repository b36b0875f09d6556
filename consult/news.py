"""Who hears news of a round, and when: topic subscriptions and the weekly digest.

News is a new consultation (its announcement or calendar invitation), its opening, and documents added
or updated. A participant hears it now, in their weekly digest, or not at all when the round's tool
and Articles are outside the topics they chose. What concerns a round they already know of (a changed
or cancelled meeting, reminders, the closing) is not news and follows only their e-mail choices.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from consult.models import Frequency, Round, Subscription
from consult.selectors import eligible_participants
from participants.models import Notification, Participant

NOW = "now"
DIGEST = "digest"


def subscription_of(participant: Participant) -> Subscription | None:
    try:
        return participant.subscription
    except Subscription.DoesNotExist:
        return None


def hears_of(participant: Participant, round_: Round) -> str | None:
    """NOW, DIGEST, or None when the round is outside the participant's topics."""
    subscription = subscription_of(participant)
    if subscription is None:
        return NOW
    if not subscription.covers(round_):
        return None
    return DIGEST if subscription.frequency == Frequency.WEEKLY else NOW


def audience_of(round_: Round) -> QuerySet[Participant]:
    """Eligible participants with what deciding their news needs, loaded in three queries."""
    return eligible_participants(round_).select_related("subscription").prefetch_related("subscription__tools")


def scheduling_message(participant: Participant, round_: Round) -> str | None:
    """What scheduling the round sends this participant now: an e-mail template, DIGEST, or None."""
    timing = hears_of(participant, round_)
    if timing is None:
        return None
    if round_.is_meeting and participant.wants(Notification.MEETING_INVITATIONS):
        return "meeting_invitation"  # a calendar entry, so it goes at once even to digest readers
    if participant.wants(Notification.ROUND_SCHEDULED):
        return "round_scheduled" if timing == NOW else DIGEST
    return None


@dataclass(frozen=True)
class Announcement:
    """What "Schedule and announce" will do, person by person, counted for the confirmation page."""

    eligible: int
    invitations: int
    announcements: int
    in_digest: int

    @property
    def emailed_now(self) -> int:
        return self.invitations + self.announcements

    @property
    def not_told(self) -> int:
        return self.eligible - self.emailed_now - self.in_digest


def announcement_of(round_: Round) -> Announcement:
    messages = [scheduling_message(participant, round_) for participant in audience_of(round_)]
    return Announcement(
        eligible=len(messages),
        invitations=messages.count("meeting_invitation"),
        announcements=messages.count("round_scheduled"),
        in_digest=messages.count(DIGEST),
    )


def told_now(round_: Round, notification: str, *, news: bool) -> int:
    """How many eligible participants an event e-mails at once (for the Open now and Close now pages)."""
    return sum(
        1
        for participant in audience_of(round_)
        if participant.wants(notification) and (not news or hears_of(participant, round_) == NOW)
    )
