"""Accept and Decline links: signed, one per answer, carrying no secret of their own.

The token names the round, the participant and the one answer it gives, signed with SECRET_KEY (old
keys in SECRET_KEY_FALLBACKS keep working while keys rotate). It stays valid while the meeting can
still be answered; the service checks that when it is used, and the page asks for a POST to act.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing

SALT = "meetings.reply"
ANSWERS = ("accepted", "declined")


@dataclass(frozen=True)
class ReplyLink:
    round_id: int
    participant_id: int
    answer: str


def make(*, round_id: int, participant_id: int, answer: str) -> str:
    if answer not in ANSWERS:
        raise ValueError(f"A link accepts or declines, not {answer!r}.")
    return signing.dumps([round_id, participant_id, answer[0]], salt=SALT, compress=True)


def read(token: str) -> ReplyLink | None:
    """The link's content, or None when it was not made by us (forged, cut short, or for another purpose)."""
    if not token or len(token) > 200:
        return None
    try:
        round_id, participant_id, letter = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    answer = next((answer for answer in ANSWERS if answer[0] == letter), None)
    if answer is None or not isinstance(round_id, int) or not isinstance(participant_id, int):
        return None
    return ReplyLink(round_id, participant_id, answer)
