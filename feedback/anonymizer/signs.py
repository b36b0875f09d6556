"""Short forms people sign or address each other with: initials ("H.T.", "HT said", "/TB") and handles ("@jdoe").

The registry holds full names; these forms are derived from them (see derived.py) and looked for with
regular expressions over the original text, since their case and dots are what tell them from words.
"""

from __future__ import annotations

import re

from feedback.anonymizer.context import UPPER, breaks_sentence, next_word, prev_word
from feedback.anonymizer.lexicon import KNOWN_ACRONYMS, REPORTING_VERBS
from feedback.anonymizer.types import PARTICIPANT, PERSON

Candidate = tuple[int, int, str, str, int]
PRIORITY_SIGN = 4

# Initials as written: "H.T.", "H. T.", "J.-P.", "HT", "MRK", "J-P". The pattern starts with its capital
# (no look-behind), so the regex engine skips straight to capitals; the character before is checked after.
_CAPITAL = f"[{UPPER}]"
_INITIALS = re.compile(
    rf"{_CAPITAL}(?:\.(?:[ \u00a0]?-?{_CAPITAL}\.){{1,4}}|{_CAPITAL}{{1,4}}(?![\w\-])|-{_CAPITAL}(?![\w\-]))"
)
_NOT_BEFORE = frozenset(".-\u2010\u2011")
_HANDLE = re.compile(r"@[A-Za-z][\w.]{1,30}")
_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[._][A-Za-z0-9]+)+")
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
    for match in _INITIALS.finditer(text):
        start, end = match.span()
        if start and (text[start - 1].isalnum() or text[start - 1] in _NOT_BEFORE):
            continue  # inside a word or a longer abbreviation
        written = match.group()
        letters = written.translate(_LETTERS_ONLY)
        if letters not in registered:
            continue
        if ("." in written and letters not in _ABBREVIATIONS) or _in_name_context(text, start, end, letters):
            found.append((start, end, "person", PARTICIPANT, PRIORITY_SIGN))
    return found


_LETTERS_ONLY = str.maketrans("", "", ". -\u00a0")


def _in_name_context(text: str, start: int, end: int, letters: str) -> bool:
    """Tell "HT said", "per HT", "HT's" and a sign-off ("/TB", "— MRK" at a line's end) from an acronym."""
    if _signs_off(text, start, end):
        return True
    if letters.lower() in KNOWN_ACRONYMS and "." not in text[start:end]:
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


def handles(text: str, forms: frozenset[str], dots: list[int]) -> list[Candidate]:
    """Return social-media handles ("@jdoe", "@JDoe_XY") and name-built local parts ("jane.doe", "j_doe").

    Any handle names an account, so every one goes; a dotted or underscored word only when it is
    built from a registered name.
    """
    found = []
    if "@" in text:
        for match in _HANDLE.finditer(text):
            if match.start() and (text[match.start() - 1].isalnum() or text[match.start() - 1] in "._@-+'"):
                continue  # the domain of an e-mail address
            end = match.end()
            while text[end - 1] == ".":
                end -= 1
            placeholder = PARTICIPANT if _built_from(match.group()[1:], forms) else PERSON
            found.append((match.start(), end, "person", placeholder, PRIORITY_SIGN))
    if forms:
        seen = -1
        for position in _glue_positions(text, dots):  # "jane.doe", "jdoe_xy": a dot or underscore inside a word
            if position <= seen or not position or not text[position - 1].isalnum():
                continue
            start, end = _token_around(text, position)
            seen = end
            identifier = _IDENTIFIER.fullmatch(text, start, end)
            if identifier and _built_from(identifier.group(), forms):
                found.append((start, end, "person", PARTICIPANT, PRIORITY_SIGN))
    return found


def _glue_positions(text: str, dots: list[int]) -> list[int]:
    """Return where a dot or an underscore inside a word comes right before an ASCII letter, in order.

    dots are the dots joining two words (patterns.word_dots); underscores are rare, found with str.find.
    """
    positions = [position for position in dots if text[position + 1] in _ASCII_LETTERS]
    if "_" in text:
        position = text.find("_")
        while position >= 0:
            if text[position + 1 : position + 2] in _ASCII_LETTERS:
                positions.append(position)
            position = text.find("_", position + 1)
        positions.sort()
    return positions


_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _token_around(text: str, position: int) -> tuple[int, int]:
    """Return the run of letters, digits, dots and underscores around position, without a final dot."""
    window = text[max(0, position - 64) : position]
    # read backwards: one anchored match (a starred pattern always matches)
    start = position - _TOKEN_CHARS.match(window[::-1]).end()  # type: ignore[union-attr]
    end = _TOKEN_CHARS.match(text, position).end()  # type: ignore[union-attr]
    while end > position + 1 and text[end - 1] in "._":
        end -= 1
    while start < position and text[start] in "._":
        start += 1
    return start, end


_TOKEN_CHARS = re.compile(r"[\w.]*")


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
