"""The columns of the participant list and the rules for each cell (no database: fast and testable alone).

One module for the command line, the admin import and the export, so they can never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from participants.countries import COUNTRIES, get_country, sort_key
from participants.import_errors import RowError
from participants.models import STATE_CATEGORIES, Category, normalise_email
from participants.validators import (
    normalise_website,
    validate_acronym,
    validate_organisation_name,
    validate_person_name,
    validate_phone,
    validate_website,
)

REQUIRED_COLUMNS = ("email", "full_name", "category", "affiliation", "country")
OPTIONAL_COLUMNS = ("phone", "website", "acronym")
IMPORT_COLUMNS = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
EXPORT_COLUMNS = (
    *IMPORT_COLUMNS,
    "status",
    "expertise",
    "statement",
    "email_confirmed_at",
    "personal_capacity_acknowledged_at",
    "confidentiality_acknowledged_at",
    "status_changed_at",
    "created_at",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CATEGORY_ALIASES: dict[str, str] = {}
for _code, _label in Category.choices:
    CATEGORY_ALIASES[_code] = _code
    CATEGORY_ALIASES[sort_key(str(_label)).replace(" ", "_")] = _code
COUNTRY_BY_NAME: dict[str, str] = {sort_key(name): country.code for country in COUNTRIES for name in country.names}


@dataclass(frozen=True)
class CleanRow:
    """A valid row, in Participant terms."""

    row: int
    email: str
    full_name: str
    category: str
    country: str
    organisation: str
    phone: str | None  # None: the column was absent, so the stored value is kept
    website: str | None
    acronym: str | None


def cell(value: object) -> str:
    """A cell as trimmed text: numbers without a spurious “.0”, and the export's formula guard undone."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        value = value.isoformat()
    if isinstance(value, list | tuple):  # JSON exports keep expertise as a list
        value = "; ".join(str(item) for item in value)
    text = str(value).strip()
    if text[:1] == "'" and text[1:2] in FORMULA_STARTS:
        text = text[1:]
    return text


def guard_formula(value: str) -> str:
    """Keep spreadsheets from running a cell as a formula (CSV injection): prefix a single quote."""
    return f"'{value}" if value[:1] in FORMULA_STARTS else value


def too_long(max_length: int, value: str) -> str:
    return _("At most %(limit)s characters (this one has %(length)s).") % {"limit": max_length, "length": len(value)}


def clean_category(value: str) -> str | None:
    return CATEGORY_ALIASES.get(sort_key(value).replace(" ", "_").replace("-", "_"))


class _Row:
    """Collects the errors of one row while cleaning it."""

    def __init__(self, number: int, values: dict[str, str]) -> None:
        self.number, self.values, self.errors = number, values, []

    def error(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.number, column, message))

    def email(self) -> str:
        email = normalise_email(self.values.get("email", ""))
        if not email:
            self.error("email", _("An e-mail address is required."))
            return ""
        try:
            validate_email(email)
        except ValidationError:
            self.error("email", _("“%(email)s” is not a valid e-mail address.") % {"email": email})
        return email

    def required(self, column: str, message: str, max_length: int, validator=None) -> str:
        value = self.values.get(column, "")
        if not value:
            self.error(column, message)
        elif len(value) > max_length:
            self.error(column, too_long(max_length, value))
        elif validator:
            self.validate(column, value, validator)
        return value

    def validate(self, column: str, value: str, validator) -> None:
        try:
            validator(value)
        except ValidationError as exc:
            self.error(column, " ".join(exc.messages))

    def category(self) -> str:
        raw = self.values.get("category", "")
        category = clean_category(raw) if raw else None
        if category is None:
            choices = ", ".join(Category.values)
            self.error(
                "category",
                _("“%(value)s” is not a category. Use one of: %(choices)s.") % {"value": raw, "choices": choices}
                if raw
                else _("Required. Use one of: %(choices)s.") % {"choices": choices},
            )
        return category or ""

    def country(self, category: str) -> str:
        code, affiliation = self.values.get("country", "").upper(), self.values.get("affiliation", "")
        if not code:
            if category in STATE_CATEGORIES:
                guess = COUNTRY_BY_NAME.get(sort_key(affiliation))
                hint = (
                    _("for %(name)s, that is %(code)s") % {"name": affiliation, "code": guess}
                    if guess
                    else _("for example SE for Sweden")
                )
                self.error(
                    "country",
                    _("Required for State categories: the ISO 3166 alpha-2 code (%(hint)s).") % {"hint": hint},
                )
            return ""
        country = get_country(code)
        if country is None:
            self.error(
                "country",
                _("“%(code)s” is not an ISO 3166 alpha-2 country code (for example NO for Norway).") % {"code": code},
            )
            return ""
        if (
            category in STATE_CATEGORIES
            and affiliation
            and sort_key(affiliation) not in {sort_key(n) for n in country.names}
        ):
            self.error(
                "affiliation",
                _(
                    "“%(affiliation)s” does not match country %(code)s (%(name)s). "
                    "For States, the affiliation is the country's name."
                )
                % {"affiliation": affiliation, "code": code, "name": country.name},
            )
        return country.code

    def optional(self, column: str, max_length: int) -> str | None:
        if column not in self.values:
            return None
        value = self.values[column]
        if column == "website":
            value = normalise_website(value)
        validator = {"phone": validate_phone, "website": validate_website, "acronym": validate_acronym}.get(column)
        try:
            if validator:
                validator(value)
            if len(value) > max_length:
                raise ValidationError(too_long(max_length, value))
        except ValidationError as exc:
            self.error(column, " ".join(exc.messages))
        return value


def clean_row(number: int, values: dict[str, str]) -> CleanRow | list[RowError]:
    """Check one row against the rules of docs/command-line.md; return the clean row or every error in it."""
    row = _Row(number, values)
    email = row.email()
    full_name = row.required("full_name", _("A full name is required."), 200, validate_person_name)
    category = row.category()
    country = row.country(category)
    is_state = category in STATE_CATEGORIES
    organisation = (
        ""
        if is_state
        else row.required("affiliation", _("The organisation's name is required."), 200, validate_organisation_name)
    )
    phone, website, acronym = row.optional("phone", 40), row.optional("website", 200), row.optional("acronym", 40)
    if row.errors:
        return row.errors
    return CleanRow(number, email, full_name, category, country, organisation, phone, website, acronym)


def header_errors(headers: list[str]) -> list[RowError]:
    missing = [column for column in REQUIRED_COLUMNS if column not in headers]
    if not missing:
        return []
    found = ", ".join(headers) or "nothing"
    message = _("The header has no “%(column)s” column (found: %(found)s).")
    return [RowError(1, column, message % {"column": column, "found": found}) for column in missing]
