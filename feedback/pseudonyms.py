"""Random pseudonyms, unique within a round: "Respondent 17".

Numbers are drawn with `secrets` from 1..N where N is at least 50 and at least twice the number of
responses already in the round. The range stays small enough to read and say aloud, grows with the
round, and always leaves at least half of it free, so the number says nothing about when a response
was started or by whom. Uniqueness is the database's job (a unique constraint on round and
pseudonym); the caller retries on the rare collision between two concurrent first saves.
"""

from __future__ import annotations

import secrets

MINIMUM_RANGE = 50


def pseudonym_range(taken_count: int) -> int:
    """The highest number that may be drawn when `taken_count` pseudonyms are already in use."""
    return max(MINIMUM_RANGE, 2 * (taken_count + 1))


def draw_candidate(taken_count: int) -> int:
    """A random number from the range for a round with `taken_count` responses, possibly taken.

    At least half the range is free, so a caller that lets the database refuse duplicates needs two
    draws on average, without reading every pseudonym of a large round.
    """
    return secrets.randbelow(pseudonym_range(taken_count)) + 1


def label(pseudonym: int) -> str:
    from django.utils.translation import gettext

    return gettext("Respondent %(number)s") % {"number": pseudonym}
