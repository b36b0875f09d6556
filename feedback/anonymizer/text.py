"""Fold text for matching (case, accents, punctuation) and map folded offsets back to the original."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

DELETED = "\x00"

# Letters with no decomposition that people still type without the diacritic.
_SPECIAL = {
    "ß": "s",
    "ẞ": "s",
    "æ": "a",
    "Æ": "a",
    "œ": "o",
    "Œ": "o",
    "ø": "o",
    "Ø": "o",
    "ł": "l",
    "Ł": "l",
    "đ": "d",
    "Đ": "d",
    "ð": "d",
    "Ð": "d",
    "þ": "t",
    "Þ": "t",
    "ı": "i",  # noqa: RUF001
    "ħ": "h",
    "Ħ": "h",
    "ŀ": "l",
    "Ŀ": "l",
    "ŋ": "n",
    "Ŋ": "n",
    "ĸ": "k",
}
# Spellings of the same letters with two characters ("Müller" is also written "Mueller").
_TRANSLITERATIONS = {
    "ä": "ae",
    "ö": "oe",
    "ü": "ue",
    "ß": "ss",
    "ẞ": "ss",
    "æ": "ae",
    "œ": "oe",
    "ø": "oe",
    "å": "aa",
    "þ": "th",
    "ð": "dh",
}


def _fold_char(ch: str) -> str:
    """Fold one character to one: a lower-case unaccented letter or digit, a space, or DELETED."""
    if ch in _SPECIAL:
        return _SPECIAL[ch]
    if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return DELETED  # combining accents, soft hyphens and zero-width characters vanish
    if not ch.isalnum():
        return " "
    decomposed = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    base = "".join(c for c in base if c.isalnum())
    return base[0] if base else " "


class _FoldTable(dict):
    """A str.translate table that folds each character the first time it is seen."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


FOLD_TABLE = _FoldTable()
for _code in range(0x250):  # warm the table for Latin scripts
    FOLD_TABLE[_code]
_ASCII_TABLE = bytes([ord(FOLD_TABLE[code]) for code in range(128)]) + bytes(range(128, 256))
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def fold_characters(text: str) -> str:
    """Fold every character to one (see _fold_char); ASCII goes through bytes.translate, much faster."""
    if text.isascii():
        return text.encode().translate(_ASCII_TABLE).decode()
    encoded = text.encode("ascii", "replace")  # one byte per character: "?" for each non-ASCII one
    folded = encoded.translate(_ASCII_TABLE).decode()
    parts, last = [], 0
    if encoded.count(_QUESTION_MARK) > _FEW:  # a text in another script: fold its runs
        for match in _NON_ASCII.finditer(text):
            parts.append(folded[last : match.start()])
            parts.append(match.group().translate(FOLD_TABLE))
            last = match.end()
    else:  # a few accented letters: find them with bytes.find, faster than scanning with a regex
        position = encoded.find(_QUESTION_MARK)
        while position >= 0:
            character = text[position]
            if character != "?":
                parts.append(folded[last:position])
                parts.append(FOLD_TABLE[ord(character)])
                last = position + 1
            position = encoded.find(_QUESTION_MARK, position + 1)
    parts.append(folded[last:])
    return "".join(parts)


_QUESTION_MARK = ord("?")
_FEW = 24


_GAPS = re.compile("[ \x00]{2,}|\x00")
_LINE_BREAK_HYPHEN = re.compile(r"(?<=[^\W\d_])[-\u2010\u2011\u00ad][ \t]*\r?\n[ \t]*(?=[^\W\d_])")


def fold_tokens(text: str) -> list[str]:
    """Return the folded words of a text: "Jean-Pierre O'Brien" gives jean, pierre, o, brien."""
    return fold_characters(text).replace(DELETED, "").split()


def transliterate(text: str) -> str:
    """Spell umlauts and ligatures with two letters, the other way people write them."""
    lowered = text.lower()
    return "".join(_TRANSLITERATIONS.get(ch, ch) for ch in lowered)


def spelling_variants(word: str, limit: int = 4) -> set[str]:
    """Return a word's folded spellings, each umlaut as one letter or two ("Öztürk": ozturk, oeztuerk...)."""
    variants = [""]
    for count, ch in enumerate(word.lower()):
        options = {_fold_char(ch).replace(DELETED, "")}
        if ch in _TRANSLITERATIONS and count < 40:
            options.add(_TRANSLITERATIONS[ch])
        if len(options) > 1 and len(variants) >= 2**limit:
            options = {_fold_char(ch)}
        variants = [v + o for v in variants for o in options]
    return {" ".join(v.split()) for v in variants if v.strip()}


class Folded:
    """Folded words separated by single spaces, padded with a space, plus offsets to the original.

    The offset map holds, for each run of spaces folding collapsed, where the folded and the original
    text start again in step. In the usual case each folded word is its original word, letter for
    letter, so the end of a one-word hit is its start plus its length (`words_are_whole`).
    """

    __slots__ = ("_norm_starts", "_orig_starts", "text", "words_are_whole")

    def __init__(self, text: str, norm_starts: list[int], orig_starts: list[int], words_are_whole: bool = False):
        self.text = text
        self._norm_starts = norm_starts
        self._orig_starts = orig_starts
        self.words_are_whole = words_are_whole

    def offsets(self) -> tuple[list[int], list[int]]:
        """Return (folded starts, original starts) of the runs folding kept aligned, for inlined lookups."""
        return self._norm_starts, self._orig_starts

    def start(self, index: int) -> int:
        """Return the original offset of the folded character at index."""
        k = bisect_right(self._norm_starts, index) - 1
        return self._orig_starts[k] + index - self._norm_starts[k]

    def end(self, index: int) -> int:
        """Return the original end offset for a folded end offset (exclusive)."""
        return self.start(index - 1) + 1


def fold(text: str, *, join_line_breaks: bool = False, blanks: tuple = ()) -> Folded:
    """Fold text into single-space separated words; optionally glue words hyphenated over a line."""
    folded = fold_characters(text)
    for start, end in blanks:
        folded = folded[:start] + " " * (end - start) + folded[end:]
    if not join_line_breaks and DELETED not in folded:
        return _collapse(folded)
    return _fold_with_deletions(text, folded, join_line_breaks)


def _collapse(spaced: str) -> Folded:
    """Collapse each run of spaces to one, and map the folded offsets back, in one pass.

    Runs of two spaces or more are few (", " and ". " mostly): str.find finds them faster than a
    regex, and the same pass gives the words between them and the offset map.
    """
    lead = len(spaced) - len(spaced.lstrip(" "))
    norm_starts, orig_starts = [1], [lead]
    behind = lead - 1  # each run of n spaces became one: the folded text falls n - 1 further behind
    parts = []
    last = lead
    find = spaced.find
    start = find("  ", lead)
    while start >= 0:
        end = start + 2
        while spaced[end : end + 1] == " ":
            end += 1
        parts.append(spaced[last:start])
        behind += end - start - 1
        orig_starts.append(end)
        norm_starts.append(end - behind)
        last = end
        start = find("  ", end)
    parts.append(spaced[last:])
    return Folded(" " + " ".join(parts).rstrip(" ") + " ", norm_starts, orig_starts, True)


def _fold_with_deletions(text: str, folded: str, join_line_breaks: bool) -> Folded:
    """Fold the rare text with zero-width characters or words hyphenated over a line break."""
    joins = {m.start() for m in _LINE_BREAK_HYPHEN.finditer(text)} if join_line_breaks else ()
    parts = [" "]
    norm_starts, orig_starts = [1], [0]
    npos, pos = 1, 0
    for match in _GAPS.finditer(folded):
        start, end = match.span()
        parts.append(folded[pos:start])
        npos += start - pos
        if npos > 1 and start not in joins and folded.find(" ", start, end) != -1:
            parts.append(" ")
            npos += 1
        pos = end
        norm_starts.append(npos)
        orig_starts.append(pos)
    parts.append(folded[pos:])
    parts.append(" ")
    return Folded("".join(parts), norm_starts, orig_starts)


def has_line_break_hyphen(text: str) -> bool:
    """Tell whether a word is split over a line with a hyphen ("Johans-\\nson")."""
    position = text.find("\n")
    while position >= 0:  # a text may start with a line break and split a name further on
        before = text[max(0, position - 4) : position].rstrip(" \t\r")
        if before[-1:] in ("-", "\u2010", "\u2011", "\u00ad"):
            return _LINE_BREAK_HYPHEN.search(text) is not None
        position = text.find("\n", position + 1)
    return False
