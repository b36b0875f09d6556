"""Capitalised words left in place that may be unknown names, for the Chair to review."""

from __future__ import annotations

import re

from feedback.anonymizer.index import country_tokens
from feedback.anonymizer.lexicon import (
    COMMON_WORDS,
    HYPHEN_PREFIXES,
    KNOWN_ACRONYMS,
    MONTHS,
    PURE_LANGUAGES,
    SUBSTANCE_TOKENS,
    WEEKDAYS,
)
from feedback.anonymizer.types import ORGANISATION, PERSON, PLACEHOLDERS, Finding

_WORD = re.compile(r"[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*")  # noqa: RUF001
_PLACEHOLDER_WORDS = frozenset(w for p in PLACEHOLDERS for w in re.findall(r"\w+", p.lower()))
_POSSESSIVE = re.compile(r"['’]s$")  # noqa: RUF001


def doubtful_tokens(
    text: str, covered: list[tuple[int, int]], doubtful: list[tuple[int, int]], lexicon: frozenset[str]
) -> tuple[Finding, ...]:
    """Return capitalised, unknown words outside what redact replaces (certain=False)."""
    covered = sorted(covered)
    findings = {}
    for start, end in doubtful:
        if not _overlaps(covered, start, end):
            findings[start] = Finding("person", start, end, text[start:end], PERSON, certain=False)
    for match in _WORD.finditer(text):
        word = _POSSESSIVE.sub("", match.group())
        start, end = match.start(), match.start() + len(word)
        if not word[:1].isupper() or _overlaps(covered, start, end) or _overlaps_found(findings, start, end):
            continue
        if _is_known(word):
            continue
        kind, placeholder = ("organisation", ORGANISATION) if word.isupper() else ("person", PERSON)
        findings[start] = Finding(kind, start, end, word, placeholder, certain=False)
    return tuple(findings[key] for key in sorted(findings))


def _is_known(word: str) -> bool:
    """Tell substance and ordinary words ("Excel", "Secretariat", "May", "CSV") from names."""
    parts = [part for part in word.lower().replace("’", "'").split("-") if part]  # noqa: RUF001
    while len(parts) > 1 and parts[0] in HYPHEN_PREFIXES:
        parts = parts[1:]
    return all(_is_known_part(part) for part in parts)


def _is_known_part(part: str) -> bool:
    part = part.split("'")[0] if "'" in part else part  # "I'm", "Peru's"
    return (
        len(part) <= 1
        or part in COMMON_WORDS
        or part in SUBSTANCE_TOKENS
        or part in KNOWN_ACRONYMS
        or part in MONTHS
        or part in WEEKDAYS
        or part in PURE_LANGUAGES
        or part in _PLACEHOLDER_WORDS
        or part in country_tokens()
        or part.rstrip("s") in COMMON_WORDS
        or any(ch.isdigit() for ch in part)
    )


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _overlaps_found(findings: dict[int, Finding], start: int, end: int) -> bool:
    return any(f.start < end and start < f.end for f in findings.values())
