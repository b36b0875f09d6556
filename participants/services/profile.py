"""A participant's own profile: details, acknowledgements, notifications, and affiliation changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from participants import audit, policy
from participants.eligibility import is_state_category, must_name_instrument
from participants.models import Notification, Participant, User
from participants.permissions import SECRETARIAT
from participants.services import notify
from participants.services.errors import NoPendingChange, ReasonRequired

# Fields that change who someone represents: an approved participant's change goes back to vetting.
AFFILIATION_FIELDS = ("category", "country", "organisation", "acronym", "website")


@dataclass(frozen=True)
class ProfileDetails:
    full_name: str
    phone: str
    expertise: list[str]
    statement: str
    time_zone: str


@dataclass(frozen=True)
class AffiliationChange:
    category: str
    country: str = ""
    organisation: str = ""
    acronym: str = ""
    website: str = ""

    def as_fields(self) -> dict[str, str]:
        if is_state_category(self.category):
            return {
                "category": self.category,
                "country": self.country,
                "organisation": "",
                "acronym": "",
                "website": "",
            }
        return {
            "category": self.category,
            "country": "",
            "organisation": self.organisation,
            "acronym": self.acronym,
            "website": self.website,
        }


def _former(changed: list[str]) -> list[str]:
    """A new name keeps the old one among the former names (the anonymizer still removes it)."""
    return ["former_names"] if "full_name" in changed else []


def _lock(participant_id: int) -> Participant:
    return Participant.objects.select_for_update().select_related("user").get(pk=participant_id)


@transaction.atomic
def update_profile(*, participant_id: int, details: ProfileDetails) -> Participant:
    """Save what the participant may change alone (not who they represent)."""
    participant = _lock(participant_id)
    changed = [
        name
        for name in ("full_name", "phone", "expertise", "statement")
        if getattr(participant, name) != getattr(details, name)
    ]
    for name in changed:
        if name == "full_name":
            participant.rename(details.full_name)
        else:
            setattr(participant, name, getattr(details, name))
    participant.save(update_fields=[*changed, *_former(changed), "updated_at"])
    user = participant.user
    user.name, user.time_zone = details.full_name, details.time_zone
    user.save(update_fields=["name", "time_zone"])
    if changed:
        audit.record(actor=user, action="participant.profile_update", target=participant, fields=changed)
    return participant


@transaction.atomic
def request_affiliation_change(
    *, participant_id: int, change: AffiliationChange, now: datetime | None = None
) -> Participant:
    """Ask the Secretariat to vet a new category or affiliation; nothing changes until it accepts."""
    now = now or timezone.now()
    participant = _lock(participant_id)
    wanted = change.as_fields()
    if all(getattr(participant, name) == value for name, value in wanted.items()):
        participant.pending_changes = {}
    else:
        participant.pending_changes = {**wanted, "requested_at": now.isoformat()}
    participant.save(update_fields=["pending_changes", "updated_at"])
    if participant.pending_changes:
        audit.record(actor=participant.user, action="participant.change_request", target=participant, **wanted)
        notify.change_requested(participant)
    return participant


@transaction.atomic
def review_affiliation_change(
    *, participant_id: int, accept: bool, by: User, reason: str = "", now: datetime | None = None
) -> Participant:
    """Accept or decline a requested change of category or affiliation. Raises NotAllowed, NoPendingChange."""
    policy.require(by, SECRETARIAT)
    if not accept and not reason.strip():
        raise ReasonRequired
    participant = _lock(participant_id)
    wanted = {name: participant.pending_changes.get(name) for name in AFFILIATION_FIELDS}
    if not participant.pending_changes or wanted["category"] is None:
        raise NoPendingChange
    if accept:
        for name, value in wanted.items():
            setattr(participant, name, value or "")
        if not must_name_instrument(participant.category):
            participant.instrument = ""  # §3's answer belongs to the organisation categories only
    participant.pending_changes = {}
    participant.save(update_fields=[*AFFILIATION_FIELDS, "instrument", "pending_changes", "updated_at"])
    action = "participant.change_accept" if accept else "participant.change_decline"
    audit.record(actor=by, action=action, target=participant, reason=reason.strip(), **wanted)
    notify.change_reviewed(participant, accepted=accept, reason=reason.strip())
    return participant


@transaction.atomic
def acknowledge(*, participant_id: int, now: datetime | None = None) -> Participant:
    """Record anew the acknowledgements: personal capacity (§11) and confidentiality (§12)."""
    now = now or timezone.now()
    participant = _lock(participant_id)
    participant.personal_capacity_acknowledged_at = now
    participant.confidentiality_acknowledged_at = now
    participant.save(
        update_fields=["personal_capacity_acknowledged_at", "confidentiality_acknowledged_at", "updated_at"]
    )
    audit.record(actor=participant.user, action="participant.acknowledge", target=participant)
    return participant


@transaction.atomic
def set_notifications(*, participant_id: int, notifications: list[str]) -> Participant:
    """Choose which optional e-mails to receive (unknown values are ignored)."""
    participant = _lock(participant_id)
    participant.notifications = [value for value in Notification.values if value in set(notifications)]
    participant.save(update_fields=["notifications", "updated_at"])
    return participant


# Fields the Secretariat may correct in the admin; the status never (only the vetting services change it).
SECRETARIAT_EDITABLE = (
    "full_name",
    "phone",
    "category",
    "country",
    "organisation",
    "acronym",
    "website",
    "instrument",
    "expertise",
    "statement",
    "notifications",
)


@transaction.atomic
def correct_participant(*, participant_id: int, by: User, changes: dict[str, object]) -> Participant:
    """Apply the Secretariat's corrections to a participant's record (from the admin). Raises NotAllowed."""
    policy.require(by, SECRETARIAT)
    participant = _lock(participant_id)
    changed = [name for name in SECRETARIAT_EDITABLE if name in changes and getattr(participant, name) != changes[name]]
    for name in changed:
        if name == "full_name":
            participant.rename(str(changes[name]))
        else:
            setattr(participant, name, changes[name])
    participant.save(update_fields=[*changed, *_former(changed), "updated_at"])
    if "full_name" in changed:
        participant.user.name = participant.full_name
        participant.user.save(update_fields=["name"])
    if changed:
        audit.record(actor=by, action="participant.correct", target=participant, fields=changed)
    return participant
