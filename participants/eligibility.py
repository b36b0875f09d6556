"""Who may register themselves, and who may see and answer what (Annex 1 §3, §6, §9). Used everywhere.

Who takes part in a round is written here once, twice over: as a Python predicate (`may_take_part`,
`in_audience`) for one participant in hand, and as a query expression (`taking_part`, `audience_of`)
for the database. A property test generates participants and checks that both forms agree.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q

from participants.models import SELF_REGISTRATION_CATEGORIES, STATE_CATEGORIES, Category, Participant, Status

# Approved participants leave by withdrawing or being removed; their answers stay with the round.
LEFT_STATUSES = (Status.WITHDRAWN, Status.REMOVED)


def may_self_register(category: str) -> bool:
    """§3: States Parties, Signatory States, international and regional organisations."""
    return category in SELF_REGISTRATION_CATEGORIES


# §3 admits international and regional organisations "that manage reporting or information exchange under
# similar instruments": registering themselves, they say which instrument.
INSTRUMENT_CATEGORIES = frozenset({Category.INTERNATIONAL_ORGANISATION, Category.REGIONAL_ORGANISATION})


def must_name_instrument(category: str) -> bool:
    """§3: an international or regional organisation registering itself names the instrument under which it
    manages reporting or information exchange. Only self-registration asks; invited people (§6) do not."""
    return category in INSTRUMENT_CATEGORIES


def needs_invitation(category: str) -> bool:
    """§6: observer States, other organisations, civil society and industry join only when invited."""
    return not may_self_register(category)


def is_state_category(category: str) -> bool:
    """State categories give a country as their affiliation; the others an organisation."""
    return category in STATE_CATEGORIES


def registration_complete(participant: Participant) -> bool:
    """§4, §11, §12: both acknowledgements and a statement given. Everyone who applied has them; a person
    added by import gives them after logging in, and sees nothing of the group's work before."""
    return (
        participant.personal_capacity_acknowledged_at is not None
        and participant.confidentiality_acknowledged_at is not None
        and participant.statement != ""
    )


REGISTRATION_COMPLETE = Q(
    personal_capacity_acknowledged_at__isnull=False, confidentiality_acknowledged_at__isnull=False
) & ~Q(statement="")
"""The query form of registration_complete."""


def may_see_restricted(participant: Participant | None) -> bool:
    """§9: restricted activities are limited to approved States Parties' representatives."""
    return may_take_part(participant, restricted=True)


def _addressed(participant: Participant, *, restricted: bool) -> bool:
    """Approved, and a State Party when the round is restricted: whom a round is addressed to."""
    return participant.status == Status.APPROVED and (participant.category == Category.STATE_PARTY or not restricted)


def may_take_part(participant: Participant | None, *, restricted: bool) -> bool:
    """An approved participant who completed their registration may see and answer a round; a restricted
    one only as a State Party (§9)."""
    return (
        participant is not None
        and _addressed(participant, restricted=restricted)
        and registration_complete(participant)
    )


def may_be_answered_for(participant: Participant, *, restricted: bool) -> bool:
    """Whether the Secretariat may record a written answer from this person's letter: as may_take_part,
    but before they complete their registration too (recording the letter is the Secretariat's statement
    that it was given in personal capacity)."""
    return _addressed(participant, restricted=restricted)


def _addressed_query(*, restricted: bool) -> Q:
    condition = Q(status=Status.APPROVED)
    return condition & Q(category=Category.STATE_PARTY) if restricted else condition


def taking_part(*, restricted: bool) -> Q:
    """The query form of may_take_part."""
    return _addressed_query(restricted=restricted) & REGISTRATION_COMPLETE


def in_audience(participant: Participant, *, restricted: bool, opened_at: datetime | None) -> bool:
    """Whether the participant counts in a round's audience: one the round is addressed to now, or was
    while it was open and has left since. Counting those who left keeps every figure the same whether or
    not a departing person had answered (leaving must not reveal who answered). Participants who have not
    completed their registration count: the round is addressed to them and the Secretariat may record
    their letter, so the figures never show more answers than people."""
    if _addressed(participant, restricted=restricted):
        return True
    return (
        opened_at is not None
        and participant.status in LEFT_STATUSES
        and participant.status_changed_at >= opened_at
        and (participant.category == Category.STATE_PARTY or not restricted)
    )


def audience_of(*, restricted: bool, opened_at: datetime | None) -> Q:
    """The query form of in_audience."""
    condition = _addressed_query(restricted=restricted)
    if opened_at is None:
        return condition
    left = Q(status__in=LEFT_STATUSES, status_changed_at__gte=opened_at)
    return condition | (left & Q(category=Category.STATE_PARTY) if restricted else left)


def explain_category(category: str) -> str:
    """How this category may join and what it may see, completing “<Category>: …” on the vetting pages."""
    from django.utils.translation import gettext as _

    if category == Category.STATE_PARTY:
        return _("may register themselves (§3) and, once approved, take part in restricted activities (§9).")
    if may_self_register(category):
        return _("may register themselves (§3); restricted activities are for States Parties only (§9).")
    return _("join by invitation only (§6); restricted activities are for States Parties only (§9).")
