"""Field rules shared by the forms and the participant-list import, so both say the same thing."""

from __future__ import annotations

import re
import unicodedata

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


# Names are read by people and matched by the anonymizer in everyone's text, so they hold letters and the
# punctuation names really use, never markup or invisible characters (a name made of "<img onerror=…>"
# would otherwise turn its fragments into words redacted from every answer).
_NAME_PUNCTUATION = frozenset(" '’ʼ-‐‑.")  # noqa: RUF001
_ORGANISATION_PUNCTUATION = _NAME_PUNCTUATION | frozenset(",&()/+:!?")
_ACRONYM_PUNCTUATION = frozenset(" '’-.&/")  # noqa: RUF001
_INVISIBLE_ALLOWED = frozenset("\u200c\u200d")  # zero-width (non-)joiners belong in Persian and Indic names


def is_control(ch: str, *, allow_line_breaks: bool = False) -> bool:
    """Tell control, format and direction-override characters (invisible, or reorder what is shown)."""
    if allow_line_breaks and ch in "\n\r\t":
        return False
    category = unicodedata.category(ch)
    return category in ("Cc", "Cs", "Co", "Cn") or (category == "Cf" and ch not in _INVISIBLE_ALLOWED)


def _describe(ch: str) -> str:
    if ch.isprintable() and not ch.isspace():
        return f"“{ch}”"
    return f"U+{ord(ch):04X}"


def _check_characters(value: str, allowed: frozenset[str], *, digits: bool, what: str) -> None:
    if not (value[0].isalpha() or (digits and value[0].isdigit())):
        raise ValidationError(
            _("%(what)s must begin with a letter%(digits)s (this begins with %(char)s)."),
            params={"what": what, "char": _describe(value[0]), "digits": _(" or a digit") if digits else ""},
            code="name",
        )
    for ch in value:
        category = unicodedata.category(ch)
        if category[0] in "LM" or ch in allowed or (digits and category[0] == "N"):
            continue
        if is_control(ch):
            message = _("%(what)s contains an invisible control character (%(char)s). Type it again without it.")
        else:
            message = _("%(what)s cannot contain %(char)s: use letters%(digits)s and ordinary punctuation only.")
        raise ValidationError(
            message,
            params={"what": what, "char": _describe(ch), "digits": _(", digits") if digits else ""},
            code="name",
        )
    if sum(ch.isalpha() for ch in value) < 2:
        raise ValidationError(_("%(what)s needs at least two letters."), params={"what": what}, code="name")


def validate_person_name(value: str) -> None:
    """Letters (any script), spaces, hyphens, apostrophes and full stops: "Aoife Ní Bhriain", "J.-P. O'Brien"."""
    if value:
        _check_characters(value, _NAME_PUNCTUATION, digits=False, what=_("A name"))


def validate_organisation_name(value: str) -> None:
    """Letters, digits, spaces and the punctuation organisation names use ("Bosch & Co. (Europe)")."""
    if value:
        _check_characters(value, _ORGANISATION_PUNCTUATION, digits=True, what=_("An organisation's name"))


def validate_acronym(value: str) -> None:
    """Letters and digits with dots, hyphens, "&" or "/" ("UNODA", "U.N.", "R&D"); two letters at least."""
    if value:
        _check_characters(value, _ACRONYM_PUNCTUATION, digits=True, what=_("An acronym"))


def validate_free_text(value: str) -> None:
    """Free text keeps its line breaks but no control or direction-override characters."""
    for ch in value or "":
        if is_control(ch, allow_line_breaks=True):
            raise ValidationError(
                _("The text contains an invisible control character (%(char)s). Remove it and try again."),
                params={"char": _describe(ch)},
                code="control_character",
            )
