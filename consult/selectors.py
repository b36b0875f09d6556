"""Reads that depend on who is asking. Every round list and lookup goes through here."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from consult.models import Round, RoundState
from participants.eligibility import may_see_restricted
from participants.permissions import approved_participant, is_chair, is_secretariat

# What participants and the Chair see: announced rounds and later, never drafts or cancelled ones.
PUBLISHED_STATES = (RoundState.SCHEDULED, RoundState.OPEN, RoundState.CLOSED, RoundState.SUMMARISED)


def rounds_visible_to(user: Any) -> QuerySet[Round]:
    """The rounds this user may see: all for the Secretariat; published ones for the Chair;
    published ones for approved participants, restricted ones only for State Parties (§9)."""
    rounds = Round.objects.select_related("cycle", "tool")
    if is_secretariat(user):
        return rounds
    if is_chair(user):
        return rounds.filter(state__in=PUBLISHED_STATES)
    participant = approved_participant(user)
    if participant is None:
        return rounds.none()
    rounds = rounds.filter(state__in=PUBLISHED_STATES)
    return rounds if may_see_restricted(participant) else rounds.filter(restricted=False)


def access_round(user: Any, round_id: int) -> Round:
    """The round, or 404 when it does not exist or the user may not see it (no hint which)."""
    return get_object_or_404(rounds_visible_to(user), pk=round_id)
