"""The codebook: create, change, merge and delete a round's themes."""

from __future__ import annotations

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from consult.models import Question, Round
from feedback.analysis.models import Theme, ThemeTag
from feedback.analysis.selectors import WRITTEN
from feedback.analysis.services.errors import NotAFreeTextQuestion, ThemeNameMissing, ThemeNameTaken
from participants import audit
from participants.models import User
from participants.permissions import CHAIR, SECRETARIAT
from participants.policy import require


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())[:80]
    if not cleaned:
        raise ThemeNameMissing
    return cleaned


def _question(round_: Round, question_key: str | None) -> Question | None:
    if not question_key:
        return None
    question = round_.questions.active().filter(WRITTEN, key=question_key).first()
    if question is None:
        raise NotAFreeTextQuestion
    return question


def _check_name_free(round_: Round, name: str, *, except_id: int | None = None) -> None:
    taken = Theme.objects.filter(round=round_).annotate(lowered=Lower("name")).filter(lowered=name.lower())
    if taken.exclude(pk=except_id).exists():
        raise ThemeNameTaken(name)


@transaction.atomic
def create_theme(
    *,
    round_id: int,
    by: User | None,
    name: str,
    description: str = "",
    question_key: str | None = None,
    key_terms: list[str] | None = None,
) -> Theme:
    """Add a theme to the round's codebook. Raises ThemeNameMissing, ThemeNameTaken, NotAFreeTextQuestion."""
    require(by, CHAIR, SECRETARIAT)
    round_ = Round.objects.select_for_update().get(pk=round_id)
    name = _clean_name(name)
    _check_name_free(round_, name)
    theme = Theme.objects.create(
        round=round_,
        name=name,
        description=description.strip(),
        question=_question(round_, question_key),
        key_terms=list(key_terms or []),
        created_by=by,
    )
    audit.record(actor=by, action="theme.create", target=round_, theme=theme.name)
    return theme


@transaction.atomic
def update_theme(
    *, theme_id: int, by: User | None, name: str, description: str = "", question_key: str | None = None
) -> Theme:
    """Rename or redescribe a theme, or tie it to a question (or none).

    Tags on answers to other questions are removed when the theme is tied to one question.
    Raises ThemeNameMissing, ThemeNameTaken, NotAFreeTextQuestion.
    """
    require(by, CHAIR, SECRETARIAT)
    theme = Theme.objects.select_for_update().select_related("round").get(pk=theme_id)
    name = _clean_name(name)
    _check_name_free(theme.round, name, except_id=theme.pk)
    previous = theme.name
    theme.name, theme.description = name, description.strip()
    theme.question = _question(theme.round, question_key)
    theme.updated_at = timezone.now()
    theme.save(update_fields=["name", "description", "question", "updated_at"])
    untagged = 0
    if theme.question is not None:
        untagged, _ = ThemeTag.objects.filter(theme=theme).exclude(question=theme.question).delete()
    audit.record(actor=by, action="theme.update", target=theme.round, theme=name, previous=previous, untagged=untagged)
    return theme


@transaction.atomic
def delete_theme(*, theme_id: int, by: User | None) -> None:
    """Remove a theme and every tag it gave."""
    require(by, CHAIR, SECRETARIAT)
    theme = Theme.objects.select_for_update().select_related("round").get(pk=theme_id)
    tags = theme.tags.count()
    audit.record(actor=by, action="theme.delete", target=theme.round, theme=theme.name, tags=tags)
    theme.delete()


@transaction.atomic
def merge_themes(*, into_id: int, merged_ids: list[int], by: User | None) -> Theme:
    """Fold other themes of the same round into one: their tags move over, they disappear.

    A merged theme tied to another question than the target loses nothing: the target is then
    untied from its question, since it now covers both.
    """
    require(by, CHAIR, SECRETARIAT)
    target = Theme.objects.select_for_update().select_related("round").get(pk=into_id)
    merged = list(Theme.objects.select_for_update().filter(round=target.round, pk__in=merged_ids).exclude(pk=into_id))
    if any(theme.question_id != target.question_id for theme in merged) and target.question_id is not None:
        target.question = None
        target.save(update_fields=["question"])
    existing = set(ThemeTag.objects.filter(theme=target).values_list("submission_id", "question_id"))
    moved = []
    for tag in ThemeTag.objects.filter(theme__in=merged).order_by("pk"):
        if (tag.submission_id, tag.question_id) not in existing:
            existing.add((tag.submission_id, tag.question_id))
            moved.append(ThemeTag(theme=target, submission_id=tag.submission_id, question_id=tag.question_id))
    ThemeTag.objects.bulk_create(moved)
    names = [theme.name for theme in merged]
    Theme.objects.filter(pk__in=[theme.pk for theme in merged]).delete()
    audit.record(actor=by, action="theme.merge", target=target.round, theme=target.name, merged=names)
    return target
