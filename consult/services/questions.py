"""Questionnaires: questions are added, edited, ordered and copied until the round closes.

A question that has answers never changes (the answers would silently mean something else): a
revision makes a new version that replaces it, and the old one is retired, keeping its answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from consult.models import Question, QuestionKind, Round
from consult.question_shape import (
    WITH_CHOICES,
    Earlier,
    clean_show_if,
    clean_texts,
    dependants,
    number_bounds_problems,
    rows_problems,
)
from participants import audit
from participants.domain_errors import DomainError
from participants.models import User
from participants.permissions import SECRETARIAT
from participants.policy import require

CHOICE_KINDS = WITH_CHOICES  # the kinds that keep their `choices`
QUESTION_FIELDS = frozenset(
    {"key", "text", "help_text", "kind", "choices", "required", "max_length", "other", "min_value", "max_value"}
    | {"show_if", "rows"}
)
# The editor's fields for the places the shared shape rules name.
FORM_FIELDS = {"show_if": "show_if_question", "show_if.question": "show_if_question", "show_if.in": "show_if_values"}
FORM_FIELDS |= {"min": "min_value", "max": "max_value", "rows": "rows_text", "choices": "choices"}


class QuestionnaireClosed(DomainError):
    def __init__(self, round_: Round) -> None:
        super().__init__(
            _("The questionnaire of “%(title)s” can no longer change: the round is %(state)s.")
            % {"title": round_.title, "state": round_.get_state_display().lower()}
        )


class QuestionAnswered(DomainError):
    def __init__(self, question: Question) -> None:
        super().__init__(
            _("“%(key)s” already has answers, so it cannot change or be deleted. Make a new version or retire it.")
            % {"key": question.key}
        )


class QuestionInvalid(ValidationError):
    """Broken rules by field ({field: message})."""


@dataclass(frozen=True)
class CopyResult:
    copied: int
    skipped: list[str]


def clean_choices(choices: Any) -> list[str]:
    """Trimmed, non-empty, without duplicates, in the given order."""
    seen: list[str] = []
    for choice in choices or []:
        text = str(choice).strip()
        if text and text not in seen:
            seen.append(text)
    return seen


class QuestionNeeded(Exception):
    """A question that follow-up questions depend on cannot go, or move below them."""


def earlier_questions(round_: Round, *, before: int | None, exclude_pk: int | None = None) -> list[Earlier]:
    """The active questions above position `before` (all of them when None), as follow-ups see them."""
    questions = round_.questions.active().exclude(pk=exclude_pk)
    if before is not None:
        questions = questions.filter(order__lt=before)
    return [Earlier(q.key, q.kind, list(q.choices)) for q in questions]


def shape_problems(question: Question, earlier: list[Earlier]) -> dict[str, str]:
    """Kind-specific rules (other, number bounds, show_if); the stored show_if is normalised in place."""
    problems: dict[str, str] = {}
    if question.kind not in (QuestionKind.CHOICE, QuestionKind.MULTI_CHOICE):
        question.other = False
    question.rows = clean_texts(question.rows) if question.kind == QuestionKind.GRID else []
    problems.update(rows_problems(question.kind, question.rows))
    if question.kind != QuestionKind.NUMBER:
        question.min_value = question.max_value = None
    problems.update(number_bounds_problems(question.min_value, question.max_value))
    question.show_if, show_if_problems = clean_show_if(question.show_if, earlier)
    problems.update(show_if_problems)
    return {FORM_FIELDS.get(name, name): message[:1].upper() + message[1:] for name, message in problems.items()}


def question_problems(*, round_: Round, key: str, text: str, kind: str, choices: list[str], exclude_pk=None) -> dict:
    problems = {}
    if not key or slugify(key) != key.lower() or len(key) > 60:
        problems["key"] = _("Use letters, digits, hyphens or underscores only, for example q1 or data-quality.")
    elif round_.questions.filter(key=key).exclude(pk=exclude_pk).exists():
        problems["key"] = _("Another question of this round already uses the key “%(key)s”.") % {"key": key}
    if not text.strip():
        problems["text"] = _("Write the question.")
    if kind not in QuestionKind.values:
        problems["kind"] = _("Choose one of: %(kinds)s.") % {"kinds": ", ".join(QuestionKind.values)}
    elif kind in CHOICE_KINDS and len(choices) < 2:
        problems["choices"] = (
            _("Give the grid's scale: at least two choices, one per line.")
            if kind == QuestionKind.GRID
            else _("Give at least two choices, one per line.")
        )
    return problems


def _editable_round(round_id: int) -> Round:
    round_ = Round.objects.select_for_update().get(pk=round_id)
    if not round_.is_editable:
        raise QuestionnaireClosed(round_)
    return round_


def has_answers(question: Question) -> bool:
    return question.answers.exists()


@transaction.atomic
def add_question(
    *,
    by: User | None,
    round_id: int,
    key: str,
    text: str,
    kind: str = QuestionKind.TEXT,
    help_text: str = "",
    choices: list[str] | None = None,
    required: bool = False,
    max_length: int = 5000,
    rows: list[str] | None = None,
    other: bool = False,
    min_value: float | None = None,
    max_value: float | None = None,
    show_if: dict[str, Any] | None = None,
) -> Question:
    """Add a question at the end. Raises QuestionnaireClosed, QuestionInvalid."""
    require(by, SECRETARIAT)
    round_ = _editable_round(round_id)
    choices = clean_choices(choices) if kind in CHOICE_KINDS else []
    last = round_.questions.aggregate(last=Max("order"))["last"]
    question = Question(
        round=round_,
        key=key,
        text=text.strip(),
        help_text=help_text.strip(),
        kind=kind,
        choices=choices,
        required=required,
        max_length=max_length,
        rows=rows or [],
        other=other,
        min_value=min_value,
        max_value=max_value,
        show_if=show_if or {},
        order=0 if last is None else last + 1,
    )
    problems = question_problems(round_=round_, key=key, text=text, kind=kind, choices=choices)
    problems |= shape_problems(question, earlier_questions(round_, before=None))
    if problems:
        raise QuestionInvalid(problems)
    question.save()
    audit.record(actor=by, action="question.add", target=question, round_id=round_.pk)
    return question


@transaction.atomic
def update_question(*, by: User | None, question_id: int, **changes: Any) -> Question:
    """Change an unanswered question in place. Raises QuestionAnswered, QuestionnaireClosed, QuestionInvalid."""
    require(by, SECRETARIAT)
    question = Question.objects.select_for_update().get(pk=question_id)
    round_ = _editable_round(question.round_id)
    if has_answers(question):
        raise QuestionAnswered(question)
    _apply(question, round_, changes, exclude_pk=question.pk)
    question.save()
    audit.record(actor=by, action="question.update", target=question, changed=sorted(changes))
    return question


@transaction.atomic
def new_question_version(*, by: User | None, question_id: int, **changes: Any) -> Question:
    """Replace a question by a new version with the same key; the old one is retired under a new key."""
    require(by, SECRETARIAT)
    old = Question.objects.select_for_update().get(pk=question_id)
    round_ = _editable_round(old.round_id)
    old_key = old.key
    old.key = _retired_key(round_, old_key)
    old.retired = True
    old.save(update_fields=["key", "retired"])
    new = Question(
        round=round_,
        key=old_key,
        text=old.text,
        help_text=old.help_text,
        kind=old.kind,
        choices=old.choices,
        required=old.required,
        max_length=old.max_length,
        rows=list(old.rows),
        other=old.other,
        min_value=old.min_value,
        max_value=old.max_value,
        show_if=dict(old.show_if),
        order=old.order,
        replaces=old,
    )
    _apply(new, round_, changes, exclude_pk=old.pk)
    new.save()
    audit.record(actor=by, action="question.new_version", target=new, replaces=old.pk, retired_key=old.key)
    return new


@transaction.atomic
def revise_question(*, by: User | None, question_id: int, **changes: Any) -> tuple[Question, bool]:
    """Edit in place when unanswered, otherwise make a new version. Returns (question, made_new_version)."""
    require(by, SECRETARIAT)
    question = Question.objects.select_for_update().get(pk=question_id)
    if has_answers(question):
        return new_question_version(by=by, question_id=question_id, **changes), True
    return update_question(by=by, question_id=question_id, **changes), False


def _apply(question: Question, round_: Round, changes: dict[str, Any], *, exclude_pk: int | None) -> None:
    unknown = set(changes) - QUESTION_FIELDS
    if unknown:
        raise TypeError(f"Not question fields: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(question, name, value)
    question.text, question.help_text = question.text.strip(), question.help_text.strip()
    question.choices = clean_choices(question.choices) if question.kind in CHOICE_KINDS else []
    problems = question_problems(
        round_=round_,
        key=question.key,
        text=question.text,
        kind=question.kind,
        choices=question.choices,
        exclude_pk=exclude_pk,
    )
    problems |= shape_problems(question, earlier_questions(round_, before=question.order, exclude_pk=exclude_pk))
    if problems:
        raise QuestionInvalid(problems)


def _check_not_needed(question: Question, round_: Round) -> None:
    following = dependants(question.key, round_.questions.active().exclude(pk=question.pk))
    if following:
        raise QuestionNeeded(
            _("Follow-up questions depend on “%(key)s” (%(keys)s): change or remove their condition first.")
            % {"key": question.key, "keys": ", ".join(following)}
        )


def _retired_key(round_: Round, key: str) -> str:
    number = 1
    while round_.questions.filter(key=f"{key}-v{number}").exists():
        number += 1
    return f"{key}-v{number}"


@transaction.atomic
def delete_question(*, by: User | None, question_id: int) -> None:
    """Delete an unanswered question. Raises QuestionAnswered, QuestionnaireClosed."""
    require(by, SECRETARIAT)
    question = Question.objects.select_for_update().get(pk=question_id)
    round_ = _editable_round(question.round_id)
    if has_answers(question):
        raise QuestionAnswered(question)
    _check_not_needed(question, round_)
    audit.record(actor=by, action="question.delete", target=question, round_id=question.round_id)
    question.delete()


@transaction.atomic
def retire_question(*, by: User | None, question_id: int) -> Question:
    """Stop asking a question but keep its answers. Raises QuestionnaireClosed."""
    require(by, SECRETARIAT)
    question = Question.objects.select_for_update().get(pk=question_id)
    round_ = _editable_round(question.round_id)
    _check_not_needed(question, round_)
    question.retired = True
    question.save(update_fields=["retired"])
    audit.record(actor=by, action="question.retire", target=question, round_id=question.round_id)
    return question


@transaction.atomic
def move_question(*, by: User | None, question_id: int, up: bool) -> None:
    """Swap a question with its neighbour above (up) or below. Raises QuestionnaireClosed."""
    require(by, SECRETARIAT)
    question = Question.objects.select_for_update().get(pk=question_id)
    round_ = _editable_round(question.round_id)
    ordered = list(round_.questions.active())
    index = next(i for i, item in enumerate(ordered) if item.pk == question.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(ordered):
        return
    upper, lower = (ordered[other], question) if up else (question, ordered[other])
    if (lower.show_if or {}).get("question") == upper.key:
        raise QuestionNeeded(
            _("“%(follow)s” is asked only after an answer to “%(key)s”, so it must stay below it.")
            % {"follow": lower.key, "key": upper.key}
        )
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, item in enumerate(ordered):
        item.order = position
    Question.objects.bulk_update(ordered, ["order"])


@transaction.atomic
def copy_questionnaire(*, by: User | None, source_round_id: int, target_round_id: int) -> CopyResult:
    """Append an earlier round's current questions; a key already used in the target is skipped."""
    require(by, SECRETARIAT)
    target = _editable_round(target_round_id)
    source = Round.objects.get(pk=source_round_id)
    taken = set(target.questions.values_list("key", flat=True))
    last = target.questions.aggregate(last=Max("order"))["last"]
    order = 0 if last is None else last + 1
    copied, skipped = [], []
    for question in source.questions.active():
        if question.key in taken:
            skipped.append(question.key)
            continue
        copied.append(
            Question(
                round=target,
                key=question.key,
                text=question.text,
                help_text=question.help_text,
                kind=question.kind,
                choices=list(question.choices),
                required=question.required,
                max_length=question.max_length,
                rows=list(question.rows),
                other=question.other,
                min_value=question.min_value,
                max_value=question.max_value,
                # a follow-up whose question was skipped (its key is taken here) would follow another one
                show_if=dict(question.show_if) if question.show_if.get("question") not in skipped else {},
                order=order,
            )
        )
        order += 1
    Question.objects.bulk_create(copied)
    audit.record(actor=by, action="questionnaire.copy", target=target, source_round=source.pk, copied=len(copied))
    return CopyResult(copied=len(copied), skipped=skipped)
