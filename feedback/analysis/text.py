"""Normalising answers so that the same point written twice compares equal."""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[^\w]+")
_WORD = re.compile(r"\w+")


def normalise(text: str) -> str:
    """Case, spacing, punctuation and accents ignored: "Add XML!" and "add  xml" are the same answer.

    A text with no letters or digits at all (an answer of only punctuation) keeps its folded form,
    so it still has a key of its own.
    """
    if text.isascii():
        folded = text.lower()
    else:
        folded = unicodedata.normalize("NFKD", text).casefold()
        folded = "".join(char for char in folded if not unicodedata.combining(char))
    words = _NOT_WORD.sub(" ", folded).strip()
    return words or " ".join(folded.split())


def words_of(normalised: str) -> list[str]:
    return _WORD.findall(normalised)
