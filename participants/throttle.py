"""Limits on the public forms that send e-mail (registration, password reset), per address and per client.

Per client: someone sending many requests from one address is told to wait (HTTP 429), whatever the
e-mail addresses they typed, so the answer reveals nothing about accounts. Per e-mail address: past the
limit the form answers exactly as before but sends nothing, so nobody can flood a person's inbox, and
nobody can tell from the answer whether a message went out. Counts live in the database (shared by
every web process) under keyed hashes, and are forgotten after a day.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from participants.models import ThrottleHit, normalise_email

WINDOW = timedelta(hours=1)
FORGET_AFTER = timedelta(days=1)


@dataclass(frozen=True)
class Limit:
    per_client: int
    per_address: int


LIMITS = {
    "register": Limit(per_client=10, per_address=3),
    "password_reset": Limit(per_client=10, per_address=3),
    "second_factor_enrolment": Limit(per_client=10, per_address=3),
}


def _key(action: str, kind: str, value: str) -> str:
    message = f"{action}:{kind}:{value}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _count(key: str, now: datetime) -> int:
    return ThrottleHit.objects.filter(key=key, at__gt=now - WINDOW).count()


def _hit(key: str, now: datetime) -> None:
    ThrottleHit.objects.filter(at__lt=now - FORGET_AFTER).delete()
    ThrottleHit.objects.create(key=key, at=now)


def client_may_proceed(*, action: str, client: str, now: datetime | None = None) -> bool:
    """Count one request from this client; False once it has sent the limit within the hour."""
    now = now or timezone.now()
    key = _key(action, "client", client)
    if _count(key, now) >= LIMITS[action].per_client:
        return False
    _hit(key, now)
    return True


def may_email(*, action: str, address: str, now: datetime | None = None) -> bool:
    """Count one e-mail to this address; False once the address has had the limit within the hour."""
    now = now or timezone.now()
    key = _key(action, "address", normalise_email(address))
    if _count(key, now) >= LIMITS[action].per_address:
        return False
    _hit(key, now)
    return True
