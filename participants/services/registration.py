"""Self-registration (§3, §5) and e-mail confirmation: an application reaches vetting once confirmed."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime

from django.contrib.auth.hashers import make_password
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participants import audit
from participants.eligibility import is_state_category, may_self_register, must_name_instrument
from participants.models import Participant, Status, User, normalise_email
from participants.services import notify
from participants.services.errors import (
    AcknowledgementMissing,
    AffiliationMissing,
    DuplicateEmail,
    InstrumentMissing,
    InvalidConfirmationLink,
    JoinsByInvitationOnly,
)
from participants.throttle import may_email

CONFIRMATION_SALT = "participants.confirm_email"
CONFIRMATION_VALID_DAYS = 7
EXPIRED_MESSAGE = _("This confirmation link has expired. Log in and ask for a new one on your application page.")


@dataclass(frozen=True)
class Application:
    """What a person tells the Secretariat about themselves when registering or accepting an invitation."""

    full_name: str
    category: str
    phone: str = ""
    country: str = ""
    organisation: str = ""
    acronym: str = ""
    website: str = ""
    instrument: str = ""  # §3, asked on self-registration only (must_name_instrument)
    expertise: list[str] = field(default_factory=list)
    statement: str = ""
    personal_capacity: bool = False
    confidentiality: bool = False

    def profile_fields(self) -> dict[str, object]:
        """The Participant fields, with the affiliation (and the §3 instrument) kept to what the category uses."""
        values = asdict(self)
        values.pop("personal_capacity")
        values.pop("confidentiality")
        if is_state_category(self.category):
            values.update(organisation="", acronym="", website="")
        else:
            values["country"] = ""
        values["instrument"] = self.instrument.strip() if must_name_instrument(self.category) else ""
        return values

    def check(self) -> None:
        """Raise AcknowledgementMissing or AffiliationMissing when the application is incomplete."""
        if not (self.personal_capacity and self.confidentiality):
            raise AcknowledgementMissing
        if (is_state_category(self.category) and not self.country) or (
            not is_state_category(self.category) and not self.organisation
        ):
            raise AffiliationMissing


def apply_to_register(*, email: str, password: str, application: Application, now: datetime | None = None) -> None:
    """What the registration form does: register a new applicant or, when the address already has an
    account (participant, invited, staff), tell its owner by e-mail. The caller answers the same either
    way, so the form tells nobody who has an account. Audited.

    Raises JoinsByInvitationOnly, AcknowledgementMissing, AffiliationMissing, InstrumentMissing (about the form,
    never the address).
    """
    try:
        register_participant(email=email, password=password, application=application, now=now)
    except DuplicateEmail:
        make_password(password)  # the same work as creating the account: the time taken tells nothing either
        _notice_existing_account(email)


@transaction.atomic
def _notice_existing_account(email: str) -> None:
    user = User.objects.select_related("participant").filter(email=normalise_email(email)).first()
    if user is None:  # erased between the check and now: nothing to tell
        return
    sent = may_email(action="register", address=user.email)
    if sent:
        notify.already_registered(user)
    target = getattr(user, "participant", None) or user
    audit.record(actor=None, action="participant.register_existing", target=target, emailed=sent)


def email_taken(email: str) -> bool:
    return User.objects.filter(email=normalise_email(email)).exists()


@transaction.atomic
def register_participant(
    *, email: str, password: str, application: Application, now: datetime | None = None
) -> Participant:
    """Create a self-registered applicant, waiting for their e-mail confirmation before vetting.

    Raises JoinsByInvitationOnly, DuplicateEmail, AcknowledgementMissing, AffiliationMissing, InstrumentMissing.
    """
    now = now or timezone.now()
    if not may_self_register(application.category):
        raise JoinsByInvitationOnly
    application.check()
    if must_name_instrument(application.category) and not application.instrument.strip():
        raise InstrumentMissing
    if email_taken(email):
        raise DuplicateEmail
    try:
        with transaction.atomic():
            user = User.objects.create_user(email, password, name=application.full_name)
    except IntegrityError as exc:  # a concurrent registration with the same address won the race
        raise DuplicateEmail from exc
    participant = Participant.objects.create(
        user=user,
        status=Status.REGISTERED,
        status_changed_at=now,
        personal_capacity_acknowledged_at=now,
        confidentiality_acknowledged_at=now,
        **application.profile_fields(),
    )
    audit.record(
        actor=user, action="participant.register", target=participant, to_state=Status.REGISTERED, source="self"
    )
    send_confirmation(participant, now)
    return participant


def confirmation_token(participant: Participant, now: datetime) -> str:
    """A signed token naming the participant, the address it confirms and when it was issued."""
    payload = {"p": participant.pk, "e": participant.user.email, "t": int(now.timestamp())}
    return signing.dumps(payload, salt=CONFIRMATION_SALT)


def send_confirmation(participant: Participant, now: datetime) -> bool:
    """E-mail a confirmation link, unless the address has had too many e-mails from the form this hour."""
    if not may_email(action="register", address=participant.user.email, now=now):
        return False
    notify.email_confirmation(participant, confirmation_token(participant, now), CONFIRMATION_VALID_DAYS)
    return True


@transaction.atomic
def resend_confirmation(*, participant_id: int, now: datetime | None = None) -> bool:
    """Send a fresh confirmation link (earlier ones keep working until they expire); False when the
    address has had too many this hour."""
    participant = Participant.objects.select_related("user").get(pk=participant_id)
    if participant.email_confirmed_at is None:
        return send_confirmation(participant, now or timezone.now())
    return True


@transaction.atomic
def confirm_email(*, token: str, now: datetime | None = None) -> Participant:
    """Mark the address confirmed and put the application in the vetting queue. Raises InvalidConfirmationLink."""
    now = now or timezone.now()
    try:
        data = signing.loads(token, salt=CONFIRMATION_SALT)
    except signing.BadSignature as exc:
        raise InvalidConfirmationLink from exc
    if now.timestamp() - data.get("t", 0) > CONFIRMATION_VALID_DAYS * 24 * 3600:
        raise InvalidConfirmationLink(EXPIRED_MESSAGE)
    participant = Participant.objects.select_for_update().select_related("user").filter(pk=data.get("p")).first()
    if participant is None or participant.user.email != data.get("e"):
        raise InvalidConfirmationLink
    if participant.email_confirmed_at is not None:
        return participant  # a second click changes nothing
    participant.email_confirmed_at = now
    participant.save(update_fields=["email_confirmed_at", "updated_at"])
    audit.record(actor=participant.user, action="participant.email_confirmed", target=participant)
    if participant.status == Status.REGISTERED:
        notify.new_application(participant)
    return participant
