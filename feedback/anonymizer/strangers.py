"""People the registry does not know: names after a title, and UN-style upper-case surnames."""

from __future__ import annotations

import re

from feedback.anonymizer.context import (
    LOWER,
    NAME_TOKEN,
    STRONG_TITLE_WORDS,
    TITLE_SPELLINGS,
    TITLE_WORDS,
    UPPER,
    is_titlecase,
    next_word,
    prev_word,
)
from feedback.anonymizer.index import country_tokens
from feedback.anonymizer.lexicon import COMMON_WORDS, KNOWN_ACRONYMS, MONTHS, PARTICLES, SUBSTANCE_TOKENS
from feedback.anonymizer.types import PERSON

Candidate = tuple[int, int, str, str, int]  # start, end, kind, placeholder, priority
PRIORITY_PERSON = 2


def titled_person(text: str, start: int, lexicon: frozenset[str]) -> Candidate | None:
    """Return the name a title at start introduces, registered or not ("Ambassador Okonkwo")."""
    match = _TITLE_AT.match(text, start)
    if not match or (start and (text[start - 1].isalnum() or text[start - 1] in ".-")):
        return None
    title = match.group("title")
    if title in ("His", "Her"):
        following = _TITLE_AT.match(text, match.end())
        if not following or following.group("title") != "Excellency":
            return None
        title, match = "Excellency", following
    elif title not in TITLE_SPELLINGS and not (title.endswith(".") and title[:-1] in TITLE_SPELLINGS):
        return None  # "Dr", "Dr." and "DR." are titles; "DR Congo" is not
    end = _titled_name_end(text, match.end(), title, lexicon)
    if end <= match.end():
        return None
    return (start, end, "person", PERSON, PRIORITY_PERSON)


# A title as written: "Dr", "Dr.", "H.E.", "Vice-President", then a dot or a space.
_TITLE_AT = re.compile(
    r"(?P<title>(?:[^\W\d_]\.){2}|[^\W\d_][^\W\d_\-]*+(?:-[^\W\d_]++)?\.?)(?=[ \t\u00a0])[ \t\u00a0]*"
)


def _titled_name_end(text: str, pos: int, title: str, lexicon: frozenset[str]) -> int:
    """Return where the name after a title ends, or pos when no name follows."""
    strong = title in STRONG_TITLE_WORDS or title.rstrip(".") in STRONG_TITLE_WORDS
    end, names, particles = pos, 0, 0
    for _ in range(8):
        match = NAME_TOKEN.match(text, pos)
        if not match:
            break
        token, dot = match.group("token"), match.group("dot")
        folded = token.lower()
        if token in TITLE_WORDS or token + (dot or "") in ("H.E.", "H.E"):
            pos = end = match.end()
            continue
        if token.isupper() and _is_initials(token):  # initials are upper case: most names are not
            pos = end = match.end()
            continue
        if folded in PARTICLES and token.islower():
            pos, particles = match.end(), particles + 1
            continue
        if not token[0].isupper() or not _may_follow_title(folded, token, strong, names, lexicon):
            break
        names += 1
        pos = end = match.end("token")
        if dot:
            break  # "Ms Johansson." ends the sentence
        if names >= 4:
            break
    return end if names else -1


def _may_follow_title(folded: str, token: str, strong: bool, names: int, lexicon: frozenset[str]) -> bool:
    """Tell whether a capitalised word after a title is part of the name."""
    if folded in lexicon:
        return True
    ordinary = folded in COMMON_WORDS or folded in SUBSTANCE_TOKENS or folded in MONTHS
    if names == 0:
        if strong:
            return folded not in KNOWN_ACRONYMS or not token.isupper()
        return not ordinary and folded not in KNOWN_ACRONYMS and folded not in country_tokens()
    return not ordinary and folded not in country_tokens()


def _is_initials(token: str) -> bool:
    """Tell "I", "I.M", "J-P" and "JP" (initials) from a name."""
    letters = token.replace(".", "").replace("-", "")
    if not letters.isalpha() or not letters.isupper():
        return False
    return len(letters) == 1 or (
        ("." in token or "-" in token) and all(len(part) == 1 for part in re.split(r"[.\-]", token) if part)
    )


_UPPER_WORD = rf"[{UPPER}]{{2,}}(?:[\-'’][{UPPER}]{{2,}})?"  # noqa: RUF001
_GIVEN_WORD = rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?"
UPPER_SURNAME_FIRST = re.compile(
    rf"(?<![\w.])(?P<upper>{_UPPER_WORD}(?:[ \t]+{_UPPER_WORD}){{0,2}}),?[ \t]+(?P<given>{_GIVEN_WORD})(?![\w.'’])"  # noqa: RUF001
)
UPPER_SURNAME_LAST = re.compile(
    rf"(?<![\w.])(?P<given>{_GIVEN_WORD})[ \t]+(?P<upper>{_UPPER_WORD}(?:[ \t]+{_UPPER_WORD}){{0,2}})(?![\w'’])"  # noqa: RUF001
)
_UPPER_RUN = re.compile(rf"[{UPPER}][{UPPER}'’\-]+[{UPPER}]")  # noqa: RUF001
_VOWELS = frozenset("AEIOUYÀÁÂÃÄÅÆÈÉÊËÌÍÎÏÒÓÔÕÖØÙÚÛÜÝ")


def upper_case_names(text: str, lexicon: frozenset[str]) -> tuple[list[Candidate], list[tuple[int, int]]]:
    """Return UN-style names ("WINKELRIED SALAZAR Milagros"): sure ones, and doubtful spans."""
    sure: list[Candidate] = []
    doubtful: list[tuple[int, int]] = []
    if not any(_looks_like_surname(word) for word in _UPPER_RUN.findall(text)):
        return sure, doubtful
    for pattern in (UPPER_SURNAME_FIRST, UPPER_SURNAME_LAST):
        for match in pattern.finditer(text):
            if not all(_looks_like_surname(word) for word in match.group("upper").split()):
                continue
            given = match.group("given").lower()
            if given in lexicon and given not in COMMON_WORDS:
                sure.append((match.start(), match.end(), "person", PERSON, PRIORITY_PERSON))
            elif given not in COMMON_WORDS and given not in SUBSTANCE_TOKENS:
                doubtful.append(match.span())
    return sure, doubtful


def upper_case_neighbour(text: str, start: int, end: int, acronyms: frozenset[str] = frozenset()) -> Candidate | None:
    """Return a known given name with upper-case surnames beside it ("OKONKWO Chidi", "Chidi OKONKWO")."""
    given = text[start:end]
    if not is_titlecase(given) or given.lower() in COMMON_WORDS:
        return None
    left = start - 1
    while left > 0 and text[left] in " ,-\t\u00a0":
        left -= 1
    right_upper = text[end + 1 : end + 3].isupper() and text[end : end + 1] in (" ", "-", "\t", "\u00a0")
    if not right_upper and not (left >= 1 and text[left].isupper() and text[left - 1].isupper()):
        return None
    last = first = None
    position = end
    for _ in range(3):
        gap, word = next_word(text, position)
        if gap not in (" ", "-", "\t", "\u00a0") or not word.isupper() or not _looks_like_surname(word):
            break
        if word.lower() in acronyms:
            break
        last = position = position + len(gap) + len(word)
    position = start
    for _ in range(3):
        word, gap = prev_word(text, position)
        if gap not in (" ", ", ", "-", "\t", "\u00a0") or not word.isupper() or not _looks_like_surname(word):
            break
        if word.lower() in acronyms:
            break
        first = position = position - len(gap) - len(word)
    if last is None and first is None:
        return None
    return (first if first is not None else start, last or end, "person", PERSON, PRIORITY_PERSON)


def _looks_like_surname(word: str) -> bool:
    """Tell an upper-case surname from an acronym ("SALAZAR", not "WGTR", "UNODA" or "CSV")."""
    folded = word.lower()
    if folded in KNOWN_ACRONYMS or folded in SUBSTANCE_TOKENS or folded in country_tokens():
        return False
    if folded in COMMON_WORDS:
        return False
    return len(word) >= 3 and any(ch in _VOWELS for ch in word)
