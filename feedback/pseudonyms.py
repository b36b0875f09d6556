"""Random pseudonyms, unique within a round: "Respondent 17".

Numbers are drawn with `secrets` from 1..N where N is at least 50 and at least twice the number of
responses already in the round. The range stays small enough to read and say aloud, grows with the
round, and always leaves at least half of it free, so the number says nothing about when a response
was started or by whom. Uniqueness is the database's job (a unique constraint on round and
pseudonym); the caller retries on the rare collision between two concurrent first saves.
"""

from __future__ import annotations

import secrets
from collections.abc import Collection

MINIMUM_RANGE = 50


def pseudonym_range(taken_count: int) -> int:
    """The highest number that may be drawn when `taken_count` pseudonyms are already in use."""
    return max(MINIMUM_RANGE, 2 * (taken_count + 1))


def draw_pseudonym(taken: Collection[int]) -> int:
    """A random number not in `taken`, from a range that keeps at least half of it free."""
    highest = pseudonym_range(len(taken))
    free = [number for number in range(1, highest + 1) if number not in taken]
    return secrets.choice(free)


def label(pseudonym: int) -> str:
    from django.utils.translation import gettext

    return gettext("Respondent %(number)s") % {"number": pseudonym}
