"""The plain data the anonymizer takes and gives back."""

from __future__ import annotations

from dataclasses import dataclass

PARTICIPANT = "[a participant]"
PERSON = "[a person]"
ORGANISATION = "[an organisation]"
STATE = "[a State]"
NATIONAL = "[national]"
NATIONALS = "[nationals]"
EMAIL = "[e-mail]"
PHONE = "[phone]"
WEBSITE = "[website]"
PLACE_PLACEHOLDER = "[a place]"
PLACEHOLDERS = (PARTICIPANT, PERSON, ORGANISATION, STATE, NATIONAL, NATIONALS, EMAIL, PHONE, WEBSITE, PLACE_PLACEHOLDER)


@dataclass(frozen=True)
class Identity:
    """One registered participant, whatever their status; blank fields are simply skipped."""

    full_name: str = ""
    email: str = ""
    phone: str = ""
    website: str = ""
    organisation: str = ""
    acronym: str = ""
    country: str = ""


@dataclass(frozen=True)
class Finding:
    """One span of the original text that identifies someone, and what replaces it."""

    kind: str
    start: int
    end: int
    text: str
    placeholder: str
    certain: bool = True


@dataclass(frozen=True)
class Redaction:
    """The anonymized text and everything that was replaced, in order."""

    text: str
    findings: tuple[Finding, ...]
