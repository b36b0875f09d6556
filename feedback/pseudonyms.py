"""Random pseudonyms, unique within a round: "Respondent 4817".

Numbers are drawn with `secrets` from one fixed range, 1000 to 9999, whatever the round's size and
whenever the response is started: a range that grew with the round would let a high number say that
its response came late (for instance a written answer recorded after closing). Four digits are still
easy to read and say aloud, and the range stays more than half free for any group this size.
Uniqueness is the database's job (a unique constraint on round and pseudonym); the caller retries on
the rare collision.
"""

from __future__ import annotations

import secrets

FIRST, LAST = 1000, 9999


def draw_candidate() -> int:
    """A random number from the fixed range, possibly taken already (the database refuses duplicates)."""
    return FIRST + secrets.randbelow(LAST - FIRST + 1)


def label(pseudonym: int) -> str:
    from django.utils.translation import gettext

    return gettext("Respondent %(number)s") % {"number": pseudonym}
