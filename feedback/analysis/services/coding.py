"""Coding: the themes given to one answer, and the quotes the Chair picks for a theme."""

from __future__ import annotations

from django.db import transaction

from consult.models import Question, Round
from feedback.analysis.models import Theme, ThemeTag
from feedback.analysis.selectors import WRITTEN
from feedback.analysis.services.errors import (
    AnswerNotFound,
    NotAFreeTextQuestion,
    ThemeNotInRound,
    ThemeOfAnotherQuestion,
    TooManyQuotes,
)
from feedback.analysis.services.themes import create_theme
from feedback.models import Answer, Submission
from feedback.selectors import linkable_submissions
from participants import audit
from participants.models import User
from participants.permissions import CHAIR, SECRETARIAT
from participants.policy import require

MAX_QUOTES = 3


def _answer(round_: Round, question_key: str, pseudonym: int) -> tuple[Submission, Question]:
    question = round_.questions.active().filter(WRITTEN, key=question_key).first()
    if question is None:
        raise NotAFreeTextQuestion
    submission = linkable_submissions(round_).filter(pseudonym=pseudonym).first()
    if submission is None or not Answer.objects.filter(submission=submission, question=question).exists():
        raise AnswerNotFound
    return submission, question


def usable_themes(round_: Round, question: Question, theme_ids: set[int]) -> list[Theme]:
    """The themes, checked to belong to the round and to fit the question. Raises ThemeNotInRound,
    ThemeOfAnotherQuestion."""
    themes = list(Theme.objects.filter(round=round_, pk__in=theme_ids))
    if len(themes) != len(theme_ids):
        raise ThemeNotInRound
    for theme in themes:
        if theme.question_id not in (None, question.pk):
            raise ThemeOfAnotherQuestion(theme.name)
    return themes


@transaction.atomic
def set_answer_themes(
    *,
    round_id: int,
    by: User | None,
    pseudonym: int,
    question_key: str,
    theme_ids: set[int],
    new_theme: str = "",
) -> list[Theme]:
    """Give one answer exactly these themes (and a new one, created on the way, when named).

    Quotes picked among kept themes stay picked. Raises NotAFreeTextQuestion, AnswerNotFound,
    ThemeNotInRound, ThemeOfAnotherQuestion, and the errors of create_theme.
    """
    require(by, CHAIR, SECRETARIAT)
    round_ = Round.objects.get(pk=round_id)
    submission, question = _answer(round_, question_key, pseudonym)
    themes = usable_themes(round_, question, set(theme_ids))
    if new_theme.strip():
        existing = Theme.objects.filter(round=round_, name__iexact=" ".join(new_theme.split())).first()
        themes.append(existing or create_theme(round_id=round_.pk, by=by, name=new_theme))
    tags = ThemeTag.objects.select_for_update().filter(submission=submission, question=question)
    wanted = {theme.pk for theme in themes}
    had = set(tags.values_list("theme_id", flat=True))
    tags.exclude(theme_id__in=wanted).delete()
    ThemeTag.objects.bulk_create(
        [ThemeTag(theme_id=theme_id, submission=submission, question=question) for theme_id in wanted - had]
    )
    audit.record(
        actor=by,
        action="theme.tag",
        target=round_,
        respondent=pseudonym,
        question=question.key,
        themes=sorted(theme.name for theme in themes),
    )
    return themes


@transaction.atomic
def set_quotes(*, theme_id: int, by: User | None, question_key: str, pseudonyms: list[int]) -> int:
    """Pick the answers (by pseudonym) the summary quotes for this theme and question; none restores
    the default. Only answers that carry the theme can be picked. Raises TooManyQuotes."""
    require(by, CHAIR, SECRETARIAT)
    theme = Theme.objects.select_for_update().select_related("round").get(pk=theme_id)
    if len(set(pseudonyms)) > MAX_QUOTES:
        raise TooManyQuotes(MAX_QUOTES)
    tags = ThemeTag.objects.filter(theme=theme, question__key=question_key, question__round=theme.round)
    tags.update(quoted=False)
    picked = tags.filter(submission__pseudonym__in=pseudonyms).update(quoted=True)
    audit.record(
        actor=by, action="theme.quotes", target=theme.round, theme=theme.name, question=question_key, quotes=picked
    )
    return picked
