"""Who may register themselves, and who may see what (Annex 1 §3, §6, §9). Used everywhere."""

from __future__ import annotations

from participants.models import SELF_REGISTRATION_CATEGORIES, STATE_CATEGORIES, Category, Participant, Status


def may_self_register(category: str) -> bool:
    """§3: States Parties, Signatory States, international and regional organisations."""
    return category in SELF_REGISTRATION_CATEGORIES


def needs_invitation(category: str) -> bool:
    """§6: observer States, other organisations, civil society and industry join only when invited."""
    return not may_self_register(category)


def is_state_category(category: str) -> bool:
    """State categories give a country as their affiliation; the others an organisation."""
    return category in STATE_CATEGORIES


def may_see_restricted(participant: Participant | None) -> bool:
    """§9: restricted activities are limited to approved States Parties' representatives."""
    return (
        participant is not None
        and participant.status == Status.APPROVED
        and participant.category == Category.STATE_PARTY
    )


def may_take_part(participant: Participant | None, *, restricted: bool) -> bool:
    """An approved participant may see and answer a round; a restricted one only as a State Party."""
    if participant is None or participant.status != Status.APPROVED:
        return False
    return may_see_restricted(participant) if restricted else True


def explain_category(category: str) -> str:
    """How this category may join and what it may see, completing “<Category>: …” on the vetting pages."""
    from django.utils.translation import gettext as _

    if category == Category.STATE_PARTY:
        return _("may register themselves (§3) and, once approved, take part in restricted activities (§9).")
    if may_self_register(category):
        return _("may register themselves (§3); restricted activities are for States Parties only (§9).")
    return _("join by invitation only (§6); restricted activities are for States Parties only (§9).")
