"""The questionnaire of a round as answered today (shared by services, selectors and exports)."""

from __future__ import annotations

from consult.models import Question, Round
from consult.selectors import current_questions


def active_questions(round_: Round) -> list[Question]:
    """The round's current questions, in order."""
    return list(current_questions().filter(round=round_))
