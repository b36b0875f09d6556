"""Compiled regexes for what has a shape rather than a registry entry: e-mails, websites, phones."""

from __future__ import annotations

import re

from feedback.anonymizer.lexicon import COMMON_WORDS
from participants.countries import COUNTRIES

_GENERIC_TLDS = (
    "com org net int gov edu mil info biz eu io co ngo ong app dev xyz me tv uk online site tech"
    " global news media swiss berlin paris africa asia ac museum coop aero name pro one world"
)
# Country codes double as top-level domains ("mfa.no", "gob.pe"); a few also end file names.
TLDS = frozenset(_GENERIC_TLDS.split()) | {country.code.lower() for country in COUNTRIES}
FILE_EXTENSIONS = frozenset(["md", "py", "sh", "ps", "rs", "so", "ai", "pl", "cs", "ts", "js", "rb", "go", "ml"])
# The treaty's own website is substance, not a participant's.
SAFE_DOMAINS = frozenset({"thearmstradetreaty.org", "www.thearmstradetreaty.org"})

EMAIL = re.compile(r"[\w.+'\-]++@[\w\-]++(?:\.[\w\-]++)++")
_LOCAL_PART = re.compile(r"[\w.+'\-]*+")  # what EMAIL takes before its "@"


def email_matches(text: str, ats: list[int]) -> list[re.Match]:
    """Return what EMAIL.finditer would, reading back from each "@" (ats, in order) to its local part.

    EMAIL tried at every letter of a text costs more than all the rest of the address rules.
    """
    matches, end = [], 0
    for at in ats:
        if at < end:
            continue  # inside the last address
        start = at - _LOCAL_PART.match(text[end:at][::-1]).end()  # type: ignore[union-attr]  # * always matches
        match = EMAIL.match(text, start) if start < at else None
        if match:
            matches.append(match)
            end = match.end()
    return matches


_AT = r"(?:\s*+(?:\(at\)|\[at\]|\{at\}|<at>|\(@\)|\[@\]|@)\s*+|\s++at\s++)"
_DOT = r"(?:\s*+(?:\(dot\)|\[dot\]|\{dot\}|<dot>|\(\.\)|\[\.\])\s*+|\s++dot\s++|\.)"
OBFUSCATED_EMAIL = re.compile(
    rf"(?<![\w.@])(?P<local>[\w+\-]++(?:{_DOT}[\w+\-]++)*+)(?P<at>{_AT})"
    rf"(?P<domain>[\w\-]++(?:{_DOT}[\w\-]++)++)",
    re.IGNORECASE,
)
_AT_MARKS = ("@", "(at)", "[at]", "{at}", "<at>", " at ")


def obfuscated_matches(text: str) -> list[re.Match]:
    """Return "j.doe at example dot org" and the like, running the regex only around each "at"."""
    lowered = text.lower()
    aligned = len(lowered) == len(text)  # no character lowered to two: positions in lowered are the text's
    anchors = []
    for mark in _AT_MARKS:
        position = lowered.find(mark)
        while position >= 0:
            if mark != " at " or not aligned or _may_hold_address(text, position):
                anchors.append(position)
            position = lowered.find(mark, position + 1)
    matches, seen = [], set()
    for anchor in sorted(anchors):
        for match in OBFUSCATED_EMAIL.finditer(text, max(0, anchor - 80), min(len(text), anchor + 160)):
            if match.end() <= anchor:
                continue
            if match.start() <= anchor and match.span() not in seen:
                seen.add(match.span())
                matches.append(match)
            break  # matches come in order and never overlap: none after this one holds the anchor
    return matches


def _may_hold_address(text: str, anchor: int) -> bool:
    """Tell whether the word "at" after the space at anchor may be inside an obfuscated address.

    Plain "at" is common ("at the meeting") and the address regex is costly to run around each one.
    The space can only be inside an address as whitespace before its "at" (then a domain, with at
    least one dot, follows), or after an "at", an "@", a bracketed "(at)", "(dot)"... or a spelt-out
    "dot" (then the address goes on with a word "at..."). Anything else cannot match: skip it.
    """
    if _DOMAIN_AHEAD.match(text, anchor + 3):
        return True
    start = anchor
    while start > 0 and text[start - 1].isspace():
        start -= 1
    before = text[max(0, start - 3) : start].lower()
    return before[-1:] in _BRACKET_ENDS or before == "dot" or before[-2:] == "at"


_BRACKET_ENDS = frozenset(")]}>@")
_DOMAIN_AHEAD = re.compile(rf"\s*+[\w\-]++{_DOT}[\w\-]", re.IGNORECASE)  # how a domain starts
_SPLIT_DOTS = re.compile(_DOT, re.IGNORECASE)

URL = re.compile(
    r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"'()\[\]{}]++"
    r"|(?<![\w@.\-])(?:[a-z0-9]++(?:-++[a-z0-9]++)*+\.)+[a-z]{2,12}\b(?:/[^\s<>\"'()\[\]{}]*+)?",
    re.IGNORECASE,
)
_SCHEME = re.compile("://")
_NON_SPACE = re.compile(r"[^\s<>\"'()\[\]{}]*")
DOT_LETTER = re.compile(r"\.[^\W\d_]")
_TOKEN_STOPS = frozenset(" \t\n\r\u00a0<>\"'()[]{}")

PHONE = re.compile(
    r"(?<![\w/+.,\-])(?:\+\s?)?(?:\(\+?\d++\)\s?)?\d++"
    r"(?:(?:[ \u00a0]?[.\-\u2013\u2010\u2011][ \u00a0]?|[ \u00a0]|(?<=\)))\(?\d++\)?)*+"
    r"(?![\w/]|[.,\-]\d)"
)
_PHONE_GROUPS = re.compile(r"\d+")
PHONE_CUE = re.compile(
    r"(?:\b(?:tel|tel\.|telephone|phone|mobile|mob|cell|cellphone|fax|whatsapp|signal|call|ring"
    r"|number|no|reach\s+me\s+(?:at|on)|contact(?:ed)?\s+(?:at|on))\b\.?:?\s*(?:\+)?)$",
    re.IGNORECASE,
)


def word_dots(text: str) -> list[int]:
    """Return where a dot joins two words ("pcsab.org", "e.g", "U.K"), in order."""
    if "." not in text:
        return []
    return [m.start() for m in DOT_LETTER.finditer(text) if m.start() and text[m.start() - 1].isalnum()]


def dotted_positions(text: str, dots: list[int]) -> list[int]:
    """Return where a website may be: the dots joining two words (word_dots), and any "://"."""
    positions = dots
    if "://" in text:
        positions = sorted(positions + [m.start() for m in _SCHEME.finditer(text)])
    return positions


def website_matches(text: str, positions: list[int]) -> list[re.Match]:
    """Return URL matches, starting the regex only at words with a dot inside (few per text)."""
    matches, seen = [], -1
    for position in positions:
        if position < seen:
            continue
        token_start = position
        while token_start > 0 and position - token_start < 300 and text[token_start - 1] not in _TOKEN_STOPS:
            token_start -= 1
        token_end = _NON_SPACE.match(text, position).end()  # type: ignore[union-attr]  # * always matches
        if "://" not in text[token_start:token_end] and not _ends_in_a_domain(text[token_start:token_end]):
            continue  # "CSP12.WGTR/2026", "U.K.", "e.g.": no top-level domain, no website
        for match in URL.finditer(text, token_start, token_end):
            if match.start() > position:
                break
            if position < match.end():
                matches.append(match)
                seen = match.end()
                break
    return matches


def _ends_in_a_domain(token: str) -> bool:
    """Tell whether some dotted part of a word ends in a top-level domain ("pcsab.org/x", "www.x.int")."""
    lowered = token.lower()
    return "www." in lowered or any(part in TLDS for part in _DOTTED_LABELS.findall(lowered))


_DOTTED_LABELS = re.compile(r"\.([a-z]{2,12})(?![a-z0-9])")


def clean_url(text: str) -> str:
    """Drop sentence punctuation that a URL match swallowed at its end."""
    return text.rstrip(".,;:!?'\"")


def is_website(match_text: str) -> bool:
    """Tell a bare domain from a file name, an abbreviation or the treaty's own site."""
    lowered = match_text.lower()
    if lowered.startswith(("http://", "https://", "ftp://", "www.")):
        host = lowered.split("://", 1)[-1].split("/", 1)[0]
        return host not in SAFE_DOMAINS
    host = lowered.split("/", 1)[0]
    labels = host.split(".")
    tld = labels[-1]
    if tld not in TLDS or host in SAFE_DOMAINS or len(labels) < 2:
        return False
    if len(labels) == 2 and (tld in FILE_EXTENSIONS or len(labels[0]) == 1):
        return False  # "README.md", "e.g"
    return not all(label.isdigit() for label in labels[:-1])


def is_phone(text: str, before: str, registered_suffixes: frozenset[str] | set[str]) -> bool:
    """Tell a phone number from years, dates, amounts, versions and article numbers."""
    groups = _PHONE_GROUPS.findall(text)
    digits = "".join(groups)
    count = len(digits)
    if count < 7 or count > 15:
        return False
    if digits[-7:] in registered_suffixes or digits[-9:] in registered_suffixes:
        return True
    if text.startswith("+") or (text.startswith("00") and count >= 10):
        return count >= 8
    if PHONE_CUE.search(before):
        return True
    if _looks_like_date(groups) or all(len(g) == 4 and g[:2] in ("19", "20") for g in groups):
        return False
    if "(" in text and count >= 8:
        return True
    if len(groups) == 1:
        return count >= 9
    if _looks_like_thousands(text, groups):
        return False
    if digits[0] == "0" and count >= 9:
        return True
    if [len(g) for g in groups] == [3, 3, 4]:
        return True
    return len(groups) >= 3 and count >= 8 and max(len(g) for g in groups) >= 3


def _looks_like_date(groups: list[str]) -> bool:
    """Tell 2027-05-31, 31.05.2027 and 05/31/2027 apart from a number."""
    if len(groups) != 3:
        return False
    lengths = [len(g) for g in groups]
    if lengths[0] == 4:
        year, a, b = groups
    elif lengths[2] == 4:
        a, b, year = groups
    else:
        return False
    return year[:2] in ("19", "20") and 1 <= int(a) <= 31 and 1 <= int(b) <= 31


def _looks_like_thousands(text: str, groups: list[str]) -> bool:
    """Tell "1 200 000" and "12.500.000" (amounts) from a phone number."""
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def split_obfuscated(local: str, at: str, domain: str) -> tuple[bool, str]:
    """Decide whether "x at y dot z" is an address; return (is_address, normalised domain)."""
    labels = [label for label in _SPLIT_DOTS.split(domain) if label]
    host = ".".join(labels).lower()
    if not labels or labels[-1].lower() not in TLDS:
        return False, host
    plain_at = at.strip().lower() == "at"
    plain_dots = "." in domain and not re.search(r"\bdot\b|\[|\(|\{|<", domain, re.IGNORECASE)
    if plain_at and plain_dots:
        first = _SPLIT_DOTS.split(local)[0].lower()
        if first in COMMON_WORDS and "." not in local:
            return False, host  # "look at pcsab.org": only the domain is personal
    return True, host
