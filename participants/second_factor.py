"""Two-factor authentication (TOTP with backup codes): required for staff, optional for participants."""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass
from typing import Any

import qrcode
import qrcode.image.svg
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from participants import audit
from participants.models import User
from participants.permissions import SECOND_FACTOR_SESSION_FLAG

BACKUP_CODE_COUNT = 10


@receiver(user_logged_in)
def remember_whether_second_factor_is_needed(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SECOND_FACTOR_SESSION_FLAG] = user_has_device(user)


def pending_totp_device(user: User) -> TOTPDevice:
    """The unconfirmed device being set up (created once, so reloading shows the same QR code)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


def readable_secret(device: TOTPDevice) -> str:
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def confirm_totp_device(*, user: User, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the app with a first code; returns fresh backup codes, or None if the code is wrong."""
    if not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    codes = regenerate_backup_codes(user=user)
    audit.record(actor=user, action="account.two_factor_enabled", target=user)
    return codes


@transaction.atomic
def regenerate_backup_codes(*, user: User) -> list[str]:
    static, _ = StaticDevice.objects.get_or_create(user=user, name="Backup codes")
    static.token_set.all().delete()
    codes = [f"{secrets.randbelow(10**8):08d}" for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    return codes


def match_device(user: User, token: str) -> Any:
    """The confirmed device (app or backup code) that accepts this token, if any."""
    for device in devices_for_user(user, confirmed=True):
        if device.verify_is_allowed()[0] and device.verify_token(token):
            return device
    return None


@transaction.atomic
def reset_second_factor(*, user: User, by: User | None) -> None:
    """Recovery by the Secretariat (or, with no actor, the command line): remove the user's devices so they
    set up a new one at next login."""
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    audit.record(
        actor=by, action="account.two_factor_reset", target=user, source="web" if by is not None else "command line"
    )


@dataclass(frozen=True)
class SecondFactorStatus:
    app: bool  # an authenticator app is confirmed
    backup_codes_left: int


def status(user: User) -> SecondFactorStatus:
    """What the account page says about the user's second factor."""
    app = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    left = StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
    return SecondFactorStatus(app=app, backup_codes_left=left)
