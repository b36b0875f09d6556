"""Who has answered a round, as consult needs to know it (reminders, response rates).

Answers belong to feedback, which builds on consult; consult must not import it. Feedback registers
its reader here when it starts (FeedbackConfig.ready), so the dependency points one way.
"""

from __future__ import annotations

from typing import Protocol

from django.db.models import QuerySet


class ResponseReader(Protocol):
    def submitted_participants(self, round_id: int) -> QuerySet:
        """The ids of participants with a submitted response to the round (a subquery)."""

    def submitted_counts(self, round_ids: list[int]) -> dict[int, int]:
        """Submitted responses per round (drafts do not count)."""


_reader: ResponseReader | None = None


def register(reader: ResponseReader) -> None:
    global _reader
    _reader = reader


def _registered() -> ResponseReader:
    if _reader is None:
        raise RuntimeError("No response reader is registered: is the feedback app installed?")
    return _reader


def submitted_participants(round_id: int) -> QuerySet:
    return _registered().submitted_participants(round_id)


def submitted_counts(round_ids: list[int]) -> dict[int, int]:
    return _registered().submitted_counts(round_ids)
