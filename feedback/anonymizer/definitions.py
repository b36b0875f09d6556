"""Acronyms a text defines itself: "the Regional Reporting Network (RRN)" makes every "RRN" in it the organisation."""

from __future__ import annotations

import re

from feedback.anonymizer.types import ORGANISATION

Candidate = tuple[int, int, str, str, int]
PRIORITY_DEFINED = 3
_AFTER = re.compile(r"[ \t\u00a0]*\((?P<acronym>[A-Z][A-Za-z&.\-]{1,11})\)")
_BEFORE = re.compile(r"(?P<acronym>(?<![\w.])[A-Z][A-Za-z&.\-]{1,11})[ \t\u00a0]*\(\Z")


def defined_acronyms(text: str, organisations: list[Candidate]) -> list[Candidate]:
    """Return every use of an acronym the text defines for a removed organisation, at any length from two."""
    acronyms = set()
    for start, end, *_ in organisations:
        after = _AFTER.match(text, end)
        if after:
            acronyms.add(after.group("acronym"))
        if text[end : end + 1] == ")":  # "RRN (Regional Reporting Network)"
            before = _BEFORE.search(text, max(0, start - 14), start)
            if before:
                acronyms.add(before.group("acronym"))
    found = []
    for acronym in acronyms:
        if sum(ch.isupper() for ch in acronym) < 2:
            continue  # the text's own definition wins even over a known acronym ("… Bureau (GB)")
        for match in re.finditer(rf"(?<![\w.\-]){re.escape(acronym)}(?![\w\-])", text):
            found.append((*match.span(), "organisation", ORGANISATION, PRIORITY_DEFINED))
    return found
