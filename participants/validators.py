"""Field rules shared by the forms and the participant-list import, so both say the same thing."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ().\-/]+(?:\s*(?:ext\.?|x)\s*[0-9]+)?$", re.IGNORECASE)


def validate_phone(value: str) -> None:
    """International or national formats: digits, spaces, + ( ) . - /, and an optional extension."""
    if not value:
        return
    digits = sum(ch.isdigit() for ch in value)
    if not PHONE_CHARACTERS.match(value) or not 6 <= digits <= 20:
        raise ValidationError(
            _(
                "“%(value)s” does not look like a phone number. "
                "Use digits with an international prefix, e.g. +41 22 555 01 23."
            ),
            params={"value": value},
            code="phone",
        )


def normalise_website(value: str) -> str:
    """Accept “example.org” as well as “https://example.org”."""
    value = value.strip()
    if value and "://" not in value:
        value = f"https://{value}"
    return value


def validate_website(value: str) -> None:
    if not value:
        return
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError as exc:
        raise ValidationError(
            _("“%(value)s” is not a web address. Write it like https://www.example.org."),
            params={"value": value},
            code="website",
        ) from exc
