"""The questionnaire of a round as answered today (shared by services, selectors and exports)."""

from __future__ import annotations

from consult.models import Question, Round


def active_questions(round_: Round) -> list[Question]:
    """The round's current questions, in order (retired versions are kept only for their answers)."""
    return list(Question.objects.filter(round=round_, retired=False).order_by("order", "id"))
