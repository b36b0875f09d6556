"""Import the participant list: validate every row, then apply all of it or nothing, in bulk."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import tablib
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from participants import audit
from participants.models import AuditEvent, Participant, Status, User
from participants.roster.columns import CleanRow, RowError, clean_row, header_errors
from participants.roster.files import headers_of, records

LOOKUP_CHUNK = 5000  # e-mails per query when matching existing accounts
BATCH_SIZE = 1000
PROFILE_FIELDS = ("full_name", "category", "country", "organisation", "phone", "website", "acronym")


@dataclass
class ImportPlan:
    """What an import would do; `errors` empty means it may be applied."""

    errors: list[RowError] = field(default_factory=list)
    new: list[CleanRow] = field(default_factory=list)
    updates: list[tuple[CleanRow, Participant, list[str]]] = field(default_factory=list)
    unchanged: list[tuple[CleanRow, Participant]] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {"created": len(self.new), "updated": len(self.updates), "unchanged": len(self.unchanged)}


class ImportFailed(Exception):
    """The file has bad rows; nothing was imported. `errors` names every row and column."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__(_("%(count)s problem(s); nothing was imported.") % {"count": len(errors)})


def new_values(row: CleanRow) -> dict[str, str]:
    """The profile fields a row sets; optional columns absent from the file leave stored values alone."""
    values = {name: getattr(row, name) for name in PROFILE_FIELDS}
    return {name: value for name, value in values.items() if value is not None}


def existing_users(emails: list[str]) -> dict[str, User]:
    """Accounts matching the e-mails case-insensitively, with their participant, in a few queries."""
    found: dict[str, User] = {}
    for start in range(0, len(emails), LOOKUP_CHUNK):
        chunk = emails[start : start + LOOKUP_CHUNK]
        users = (
            User.objects.annotate(email_lower=Lower("email"))
            .filter(email_lower__in=chunk)
            .select_related("participant")
        )
        found.update({user.email_lower: user for user in users})
    return found


def plan_import(dataset: tablib.Dataset) -> ImportPlan:
    """Check every row and match it to existing participants by e-mail; change nothing."""
    plan = ImportPlan(errors=header_errors(headers_of(dataset)))
    if plan.errors:
        return plan
    rows: list[CleanRow] = []
    first_row_of: dict[str, int] = {}
    for number, values in records(dataset):
        result = clean_row(number, values)
        if isinstance(result, list):
            plan.errors.extend(result)
        elif result.email in first_row_of:
            plan.errors.append(
                RowError(
                    number,
                    "email",
                    _("%(email)s is already in row %(row)s; list each person once.")
                    % {"email": result.email, "row": first_row_of[result.email]},
                )
            )
        else:
            first_row_of[result.email] = number
            rows.append(result)
    users = existing_users([row.email for row in rows])
    for row in rows:
        _match(plan, row, users.get(row.email))
    plan.errors.sort(key=lambda error: error.row)
    return plan


def _match(plan: ImportPlan, row: CleanRow, user: User | None) -> None:
    if user is None:
        plan.new.append(row)
        return
    participant = getattr(user, "participant", None)
    if participant is None:
        plan.errors.append(
            RowError(
                row.row, "email", _("%(email)s belongs to a staff account, not a participant.") % {"email": row.email}
            )
        )
        return
    changed = [name for name, value in new_values(row).items() if getattr(participant, name) != value]
    if changed:
        plan.updates.append((row, participant, changed))
    else:
        plan.unchanged.append((row, participant))


@transaction.atomic
def apply_import(
    plan: ImportPlan, *, by: User | None, source: str, reason: str = "", now: datetime | None = None
) -> dict[str, int]:
    """Create the new participants as approved (the Secretariat vouches for them) and update the others.

    Each new participant gets an audit row saying who added them, from which file and why (`reason`).
    Raises ImportFailed when the plan has errors. Statuses of existing participants never change.
    """
    if plan.errors:
        raise ImportFailed(plan.errors)
    now = now or timezone.now()
    unusable = make_password(None)  # they choose a password through “Forgotten your password?”
    users = User.objects.bulk_create(
        [User(email=row.email, name=row.full_name, password=unusable, date_joined=now) for row in plan.new],
        batch_size=BATCH_SIZE,
    )
    created = Participant.objects.bulk_create(
        [
            Participant(user=user, status=Status.APPROVED, status_changed_at=now, **new_values(row))
            for user, row in zip(users, plan.new, strict=True)
        ],
        batch_size=BATCH_SIZE,
    )
    reason = reason.strip()
    _record_added(created, by=by, source=source, reason=reason, now=now)
    _apply_updates(plan, now)
    audit.record(actor=by, action="participants.import", reason=reason, source=source, **plan.counts)
    return plan.counts


def _record_added(participants: list[Participant], *, by: User | None, source: str, reason: str, now: datetime) -> None:
    """One audit row per person added, so each profile's history says who vouched for them and why."""
    actor = by if by is not None and by.is_authenticated else None
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                at=now,
                actor=actor,
                action="participant.import",
                target_type=participant._meta.label_lower,
                target_id=str(participant.pk),
                target_label=str(participant)[:300],
                to_state=Status.APPROVED,
                reason=reason,
                details={"source": source},
            )
            for participant in participants
        ],
        batch_size=BATCH_SIZE,
    )


def _apply_updates(plan: ImportPlan, now: datetime) -> None:
    participants, users, fields = [], [], set()
    for row, participant, changed in plan.updates:
        for name in changed:
            if name == "full_name":
                participant.rename(row.full_name)
                fields.add("former_names")
            else:
                setattr(participant, name, new_values(row)[name])
        participant.updated_at = now
        participants.append(participant)
        fields.update(changed)
        if "full_name" in changed:
            participant.user.name = row.full_name
            users.append(participant.user)
    if participants:
        Participant.objects.bulk_update(participants, [*sorted(fields), "updated_at"], batch_size=BATCH_SIZE)
    if users:
        User.objects.bulk_update(users, ["name"], batch_size=BATCH_SIZE)


def import_participants(
    *,
    dataset: tablib.Dataset,
    by: User | None,
    source: str,
    reason: str = "",
    dry_run: bool = False,
    now: datetime | None = None,
) -> ImportPlan:
    """Validate the list and, unless a dry run, apply it all. Raises ImportFailed naming every bad row."""
    plan = plan_import(dataset)
    if plan.errors:
        raise ImportFailed(plan.errors)
    if not dry_run:
        apply_import(plan, by=by, source=source, reason=reason, now=now)
    return plan
