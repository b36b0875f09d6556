"""Setting up a new second factor needs a fresh link e-mailed to the account's address.

Without it, a password alone was enough to enrol a device: after the Secretariat reset a lost second
factor (or for a new staff account), whoever logged in first with the password would set up their own
app and keep it. The link proves the person also reads the account's mailbox. It is signed, bound to the
account and its current password, valid for an hour, works only in a session logged in to that account,
and is used up once a device is confirmed (the set-up page is only reachable without one).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.http import HttpRequest
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

from participants.mail import Secret, queue_email
from participants.throttle import may_email

SALT = "participants.second_factor_enrolment"
VALID_SECONDS = 60 * 60
SESSION_KEY = "second_factor_enrolment"  # {"user": pk, "at": timestamp} once the link was opened


def _password_mark(user: AbstractBaseUser) -> str:
    return salted_hmac(SALT, user.password, algorithm="sha256").hexdigest()[:20]


def make_token(user: AbstractBaseUser) -> str:
    return signing.dumps({"u": user.pk, "p": _password_mark(user)}, salt=SALT, compress=True)


def token_is_valid(user: AbstractBaseUser, token: str) -> bool:
    """Whether the link was made for this account, with its current password, within the hour."""
    try:
        data = signing.loads(token, salt=SALT, max_age=VALID_SECONDS)
    except signing.BadSignature:
        return False
    return data.get("u") == user.pk and constant_time_compare(str(data.get("p", "")), _password_mark(user))


def send_link(user: AbstractBaseUser) -> bool:
    """E-mail a set-up link to the account's address; False when it had three this hour (nothing sent)."""
    if not may_email(action="second_factor_enrolment", address=user.email):
        return False
    url = settings.SITE_URL + reverse("two_factor_enrol", kwargs={"token": make_token(user)})
    queue_email(
        template="participants/emails/two_factor_enrolment",
        to=user.email,
        context={"user": user, "enrol_url": Secret(url), "valid_minutes": VALID_SECONDS // 60},
    )
    return True


def confirm_in_session(request: HttpRequest) -> None:
    request.session[SESSION_KEY] = {"user": request.user.pk, "at": int(time.time())}


def confirmed_in_session(request: HttpRequest) -> bool:
    """Whether this session opened a valid link for the logged-in account within the hour."""
    mark = request.session.get(SESSION_KEY) or {}
    return mark.get("user") == request.user.pk and time.time() - mark.get("at", 0) < VALID_SECONDS


def forget(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
