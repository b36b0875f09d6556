"""Look at the words around a hit in the original text: case, punctuation and titles survive there."""

from __future__ import annotations

import re

from feedback.anonymizer.lexicon import STRONG_TITLES, WEAK_TITLES

SENTENCE_BREAKS = frozenset(".!?:;\n•*\u2022")
NAME_BREAKS = frozenset(';:!?()[]{}"“”/\\|<>*•=+')

# Upper- and lower-case letters, since Python's re has no \p{Lu}.
UPPER = "A-Z" + "".join(chr(c) for c in range(0xC0, 0x250) if chr(c).isupper())
LOWER = "a-z" + "".join(chr(c) for c in range(0xDF, 0x250) if chr(c).islower())


_CASUAL = frozenset({"Mr", "Mrs", "Ms", "Dr", "Prof", "Mme"})  # also typed in lower case


def _title_alternation(titles: list[str]) -> str:
    """Return a regex alternation of titles in their usual, lower- and upper-case spellings."""
    spellings = set(titles)
    for title in titles:
        if title in _CASUAL:
            spellings.add(title.lower())
            if title != "Ms":  # "MS. Word" is more likely Microsoft's than a Ms
                spellings.add(title.upper() + ".")
        if len(title) > 4:
            spellings.add(title.upper())
    return "|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True))


_STRONG = _title_alternation([*STRONG_TITLES, "His Excellency", "Her Excellency", "Excellency"])
_ALL = _title_alternation([*STRONG_TITLES, *WEAK_TITLES, "His Excellency", "Her Excellency"])

TITLE_HEAD = re.compile(rf"(?<![\w.\-])(?P<title>{_ALL})(?:\.|(?=[ \t\u00a0]))")
STRONG_TITLE_WORDS = frozenset(re.sub(r"\\", "", _STRONG).split("|"))
TITLE_SPELLINGS = frozenset(re.sub(r"\\", "", _ALL).split("|"))
TITLE_WORDS = frozenset(word.rstrip(".") for word in re.sub(r"\\", "", _ALL).split("|") if " " not in word)
_TITLE_GAPS = frozenset({" ", ". ", "\u00a0", ".\u00a0", "  ", ".  "})
NAME_TOKEN = re.compile(
    r"[ \t\u00a0]*+(?:\r?\n[ \t]*+)?"
    r"(?P<token>[^\W\d_](?:[\w'’\-]|\.(?=[^\W\d_]))*+)(?P<dot>\.)?"  # noqa: RUF001
)


_NEXT_WORD = re.compile(r"([\W_]*+)([^\W_]*+)")


def prev_word(text: str, start: int) -> tuple[str, str]:
    """Return the word before start and the characters between them ("", "" at the beginning)."""
    window = text[max(0, start - 48) : start]
    # read backwards: one anchored match (a starred pattern always matches)
    gap, word = _NEXT_WORD.match(window[::-1]).groups()  # type: ignore[union-attr]
    if len(word) + len(gap) == len(window) and start > 48:
        i = start  # a word or gap longer than the window: walk back by hand
        while i > 0 and not text[i - 1].isalnum():
            i -= 1
        j = i
        while j > 0 and text[j - 1].isalnum():
            j -= 1
        return text[j:i], text[i:start]
    return word[::-1], gap[::-1]


def next_word(text: str, end: int) -> tuple[str, str]:
    """Return the characters after end up to the next word, and that word."""
    return _NEXT_WORD.match(text, end).groups()  # type: ignore[union-attr,return-value]  # * always matches


def breaks_sentence(separator: str) -> bool:
    """Tell whether the characters between two words end a sentence or a line item."""
    return any(ch in SENTENCE_BREAKS for ch in separator)


def has_title_before(text: str, start: int) -> int:
    """Return where a run of titles right before start begins, or -1 ("H.E. Ambassador Dr ")."""
    found, position = -1, start
    for _ in range(4):
        word, gap = prev_word(text, position)
        if not word or gap not in _TITLE_GAPS:
            break
        word_start = position - len(gap) - len(word)
        if word == "E" and text[word_start - 2 : word_start] == "H.":
            word_start -= 2  # "H.E."
        elif word not in TITLE_WORDS:
            break
        elif word == "Excellency" and prev_word(text, word_start)[0] in ("His", "Her"):
            word_start -= 4
        found = position = word_start
    return found


def is_titlecase(word: str) -> bool:
    """Tell "May" or "McDonald" from "MAY" and "may"."""
    return word[:1].isupper() and not word.isupper()
