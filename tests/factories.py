"""Test data, made through the services: people by registration or invitation and the Secretariat's
decisions (make_participant); staff accounts and second factors as an administrator sets them up."""

from __future__ import annotations

import itertools
import re

from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client, TestCase
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from participants import services as participant_services
from participants.eligibility import may_self_register, must_name_instrument
from participants.models import Category, OutboundEmail, Participant, Status, ThrottleHit, User
from participants.permissions import CHAIR, SECRETARIAT
from participants.services.registration import Application, confirmation_token

_sequence = itertools.count(1)

PASSWORD = "correct horse battery staple"


def make_user(*, email: str | None = None, name: str = "", password: str = PASSWORD, **extra) -> User:
    number = next(_sequence)
    return User.objects.create_user(email or f"user{number}@example.org", password, name=name, **extra)


def make_secretariat(*, email: str | None = None, name: str = "Sam Secretariat") -> User:
    user = make_user(email=email or f"secretariat{next(_sequence)}@thearmstradetreaty.org", name=name, is_staff=True)
    user.groups.add(Group.objects.get(name=SECRETARIAT))
    return user


def make_chair(*, email: str | None = None, name: str = "Chris Chair") -> User:
    user = make_user(email=email or f"chair{next(_sequence)}@example.org", name=name)
    user.groups.add(Group.objects.get(name=CHAIR))
    return user


def spelled(number: int) -> str:
    """A number written in letters ("12" -> "bc"): names hold no digits, yet each must differ."""
    return "".join("abcdefghij"[int(digit)] for digit in str(number))


# A realistic §4 statement, so every factory participant could be approved as the Annex requires.
STATEMENT = (
    "Ten years preparing my country's annual reports on exports and imports of conventional arms; "
    "I can give two days a month to consultations."
)


def make_participant(
    *,
    email: str | None = None,
    full_name: str | None = None,
    category: str = Category.STATE_PARTY,
    status: str = Status.APPROVED,
    country: str = "",
    organisation: str = "",
    notifications: list[str] | None = None,
    email_confirmed: bool = True,
    **application_fields,
) -> Participant:
    """A participant in `status`, brought there the way people get there: registration (or an invitation,
    for the categories that join only so, §6) and the Secretariat's decisions, as the system (by=None).
    The e-mail those steps sent counts as delivered before the test began: it is neither in the outbox
    nor queued, and counts against no address's hourly limit."""
    number = next(_sequence)
    full_name = full_name or f"Expert Number{spelled(number)}"
    email = email or f"expert{number}@example.org"
    is_state = category in (Category.STATE_PARTY, Category.SIGNATORY_STATE, Category.OBSERVER_STATE)
    application = Application(
        full_name=full_name,
        category=category,
        country=country or ("NO" if is_state else ""),
        organisation=organisation or ("" if is_state else f"Organisation {number}"),
        personal_capacity=True,
        confidentiality=True,
        **{
            "statement": STATEMENT,
            "instrument": "A reporting instrument like the Treaty's" if must_name_instrument(category) else "",
            **application_fields,
        },
    )
    outbox, queued, hits = list(mail.outbox), _last_pk(OutboundEmail), _last_pk(ThrottleHit)
    try:
        participant = _join(email, application, invited_only=status == Status.INVITED, confirm=email_confirmed)
        with TestCase.captureOnCommitCallbacks(execute=True):  # the e-mails go now, not at the test's end
            for step in STEPS_TO[status]:
                step(participant)
            if notifications is not None:
                participant_services.set_notifications(participant_id=participant.pk, notifications=notifications)
    finally:
        mail.outbox[:] = outbox
        OutboundEmail.objects.filter(pk__gt=queued).delete()
        ThrottleHit.objects.filter(pk__gt=hits).delete()
    return Participant.objects.select_related("user").get(pk=participant.pk)


def _last_pk(model) -> int:
    return model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _join(email: str, application: Application, *, invited_only: bool, confirm: bool) -> Participant:
    if may_self_register(application.category) and not invited_only:
        participant = participant_services.register_participant(email=email, password=PASSWORD, application=application)
        if confirm:
            participant_services.confirm_email(token=confirmation_token(participant, timezone.now()))
        return participant
    with TestCase.captureOnCommitCallbacks(execute=True):  # the link is read from the e-mail it sends
        invitation = participant_services.invite_participant(
            request=participant_services.InvitationRequest(
                email=email,
                category=application.category,
                full_name=application.full_name,
                country=application.country,
                organisation=application.organisation,
            ),
            by=_inviter(),
        )
    if invited_only:
        return invitation.participant
    link = re.search(r"/invitation/([^/\s]+)/", mail.outbox[-1].body)
    return participant_services.accept_invitation(token=link[1], password=PASSWORD, application=application)


def _inviter() -> User:
    """The Secretariat member who invites for the builders (one, so the Secretariat does not grow)."""
    return User.objects.filter(email="builder-secretariat@thearmstradetreaty.org").first() or make_secretariat(
        email="builder-secretariat@thearmstradetreaty.org", name="Builder Secretariat"
    )


def _approve(participant: Participant) -> None:
    participant_services.approve_participant(participant_id=participant.pk, by=None)


STEPS_TO = {
    Status.INVITED: [],
    Status.REGISTERED: [],
    Status.APPROVED: [_approve],
    Status.DECLINED: [
        lambda p: participant_services.decline_participant(participant_id=p.pk, by=None, reason="Not eligible.")
    ],
    Status.WITHDRAWN: [
        _approve,
        lambda p: participant_services.withdraw_participant(participant_id=p.pk, by=p.user, reason="Moved on."),
    ],
    Status.REMOVED: [
        _approve,
        lambda p: participant_services.remove_participant(participant_id=p.pk, by=None, reason="Left the post."),
    ],
}


def verify_second_factor(client: Client, user: User) -> TOTPDevice:
    """Give the session a verified second factor, as logging in with a TOTP code would."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="Authenticator app", confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def confirm_totp_device(user: User) -> TOTPDevice:
    """A confirmed authenticator app, as if the user had set it up."""
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
