"""Short forms people sign or address each other with: initials ("H.T.", "HT said", "/TB") and handles ("@jdoe").

The registry holds full names; these forms are derived from them (see derived.py) and looked for with
regular expressions over the original text, since their case and dots are what tell them from words.
"""

from __future__ import annotations

import re

from feedback.anonymizer.context import breaks_sentence, next_word, prev_word
from feedback.anonymizer.lexicon import KNOWN_ACRONYMS, REPORTING_VERBS
from feedback.anonymizer.types import PARTICIPANT, PERSON

Candidate = tuple[int, int, str, str, int]
PRIORITY_SIGN = 4

_DOTTED = re.compile(r"(?<![\w.])[A-Z]\.(?:[ \u00a0]?-?[A-Z]\.){1,4}")
_PLAIN = re.compile(r"(?<![\w.\-])(?:[A-Z]{2,5}|[A-Z]-[A-Z])(?![\w\-])")
_HANDLE = re.compile(r"(?<![\w.@])@[A-Za-z][\w.]{1,30}")
_IDENTIFIER = re.compile(r"(?<![\w@.])[A-Za-z][A-Za-z0-9]*(?:[._][A-Za-z0-9]+)+(?![\w@])")
_PARTS = re.compile(r"[A-Za-z]+")
# Dotted abbreviations that are never a person's initials.
_ABBREVIATIONS = frozenset(
    ["UK", "US", "EU", "UN", "AM", "PM", "EG", "IE", "NB", "PS", "BC", "AD", "DC", "OK", "ID", "CV"]
)
_INTRODUCERS = frozenset(["per", "by", "from", "cc", "signed", "initials", "initialled", "to", "with", "and"])
_SIGN_MARKS = ("/", "\u2014", "\u2013", "-", "--", "~")


def initials(text: str, registered: dict[str, frozenset[int]]) -> list[Candidate]:
    """Return a registered person's initials written in a name context ("HT said", "— M.R.K.", "/TB")."""
    if not registered:
        return []
    found = []
    for pattern in (_DOTTED, _PLAIN):
        for match in pattern.finditer(text):
            letters = "".join(ch for ch in match.group() if ch.isalpha())
            if letters not in registered:
                continue
            dotted = "." in match.group()
            start, end = match.span()
            if (dotted and letters not in _ABBREVIATIONS) or _in_name_context(text, start, end, letters):
                found.append((start, end, "person", PARTICIPANT, PRIORITY_SIGN))
    return found


def _in_name_context(text: str, start: int, end: int, letters: str) -> bool:
    """Tell "HT said", "per HT", "HT's" and a sign-off ("/TB", "— MRK" at a line's end) from an acronym."""
    if _signs_off(text, start, end):
        return True
    if letters.lower() in KNOWN_ACRONYMS:
        return False  # "the UN said": only a sign-off makes a known acronym someone's initials
    if text.startswith(("'s", "\u2019s"), end):
        return True
    separator, following = next_word(text, end)
    if following in REPORTING_VERBS and not breaks_sentence(separator):
        return True
    before, gap = prev_word(text, start)
    return before.lower() in _INTRODUCERS and gap.strip() in ("", ":") and "\n" not in gap


def _signs_off(text: str, start: int, end: int) -> bool:
    """Tell initials closing a message: after a dash or slash, or alone, with nothing after on the line."""
    rest = text[end : text.find("\n", end) if "\n" in text[end:] else len(text)]
    if rest.strip(" .,;)\t"):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    lead = text[line_start:start].rstrip(" \t\u00a0")
    return not lead or lead.endswith(_SIGN_MARKS)


def handles(text: str, forms: frozenset[str]) -> list[Candidate]:
    """Return social-media handles ("@jdoe", "@JDoe_XY") and name-built local parts ("jane.doe", "j_doe").

    Any handle names an account, so every one goes; a dotted or underscored word only when it is
    built from a registered name.
    """
    found = []
    if "@" in text:
        for match in _HANDLE.finditer(text):
            end = match.end()
            while text[end - 1] == ".":
                end -= 1
            placeholder = PARTICIPANT if _built_from(match.group()[1:], forms) else PERSON
            found.append((match.start(), end, "person", placeholder, PRIORITY_SIGN))
    if forms and ("_" in text or "." in text):
        for match in _IDENTIFIER.finditer(text):
            if _built_from(match.group(), forms):
                found.append((*match.span(), "person", PARTICIPANT, PRIORITY_SIGN))
    return found


def _built_from(token: str, forms: frozenset[str]) -> bool:
    """Tell whether some run of a token's letter groups spells a name's handle ("JDoe_XY" -> "jdoe")."""
    parts = [part.lower() for part in _PARTS.findall(token)]
    for first in range(len(parts)):
        glued = ""
        for part in parts[first:]:
            glued += part
            if glued in forms:
                return True
    return False
