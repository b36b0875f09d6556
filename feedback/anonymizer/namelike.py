"""Find what looks like a person's or an organisation's name without asking the registry.

The leak gate uses this on the Chair's own text (narrative, edited excerpts): if it consulted the
registry there, typing a name and watching whether the gate objects would tell the Chair who is
registered. Everything here depends on the text alone, so the answer is the same for a registered
name and an unregistered one.
"""

from __future__ import annotations

import re
from functools import cache

from feedback.anonymizer.engine import Anonymizer
from feedback.anonymizer.index import country_tokens
from feedback.anonymizer.lexicon import GIVEN_WORDS, KNOWN_ACRONYMS, NAME_LEXICON
from feedback.anonymizer.types import ORGANISATION, PERSON, Finding, Redaction

_CAPITALISED_RUN = re.compile(r"(?<![\w'’])([A-Z][a-z]+)((?:[ \t]+(?:[A-Z][\w'’\-]*))+)")  # noqa: RUF001
_WORD = re.compile(r"[^\W\d_]+")


@cache
def blind() -> Anonymizer:
    """The anonymizer of an empty registry: States, titles, upper-case surnames, addresses, handles."""
    return Anonymizer.build([])


def scan(text: str, vocabulary: frozenset[str] = frozenset()) -> tuple[Finding, ...]:
    """Return every span shaped like a name, a State or a contact detail; vocabulary words are allowed.

    vocabulary: folded words the consultation itself uses (its title, tool, questions), which the
    Chair may repeat.
    """
    anonymizer = blind()
    found = list(anonymizer.scan(text))
    found += [f for f in anonymizer.suspicious(text) if f.kind != "place" and not _allowed(f.text, vocabulary)]
    found += _given_name_runs(text, vocabulary)
    return _merged(text, found)


def redact(text: str, vocabulary: frozenset[str] = frozenset()) -> Redaction:
    """Replace everything scan finds: the Chair's own text anonymized without the registry.

    Used where the Chair's words are stored already anonymized (the meeting notes): replacing a
    registered name and leaving an unregistered one would tell the Chair who registered.
    """
    findings = scan(text, vocabulary)
    parts, position = [], 0
    for finding in findings:
        parts += [text[position : finding.start], finding.placeholder]
        position = finding.end
    parts.append(text[position:])
    return Redaction("".join(parts), findings)


def _allowed(word: str, vocabulary: frozenset[str]) -> bool:
    return bool(vocabulary) and all(part.lower() in vocabulary for part in _WORD.findall(word))


def _given_name_runs(text: str, vocabulary: frozenset[str]) -> list[Finding]:
    """Return "Hope Young", "Grant Field": a given name followed by capitalised words is a name."""
    found = []
    for match in _CAPITALISED_RUN.finditer(text):
        given = match.group(1).lower()
        following = match.group(2).split()[0].lower()
        if following in country_tokens() or following in KNOWN_ACRONYMS:
            continue  # "Per Sweden": a preposition before a State, which the States rule flags anyway
        if (given in GIVEN_WORDS or given in NAME_LEXICON) and not _allowed(match.group(), vocabulary):
            found.append(Finding("person", match.start(), match.end(), match.group(), PERSON))
    return found


def _merged(text: str, findings: list[Finding]) -> tuple[Finding, ...]:
    """Merge overlapping findings into one certain finding each (person or organisation, by shape)."""
    merged: list[list] = []
    for finding in sorted(findings, key=lambda f: (f.start, -f.end)):
        if merged and finding.start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], finding.end)
            continue
        merged.append([finding.start, finding.end, finding.kind, finding.placeholder])
    result = []
    for start, end, kind, placeholder in merged:
        if kind == "organisation" or placeholder == ORGANISATION:
            kind, placeholder = "organisation", ORGANISATION
        result.append(Finding(kind, start, end, text[start:end], placeholder))
    return tuple(result)
