"""Answer validation per question kind: pure functions, no database, shared by the web form and imports.

A draft may be incomplete but never ill-formed: a rating of 9 or an unknown choice is refused even in a
draft. Completeness (required answers) and the length limit of free text are checked on submission, so
a participant can save a long answer while cutting it down; drafts are still capped at twice the limit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from participants.domain_errors import DomainError

TEXT, RATING, CHOICE, MULTI_CHOICE, YES_NO = "text", "rating", "choice", "multi_choice", "yes_no"
RATING_RANGE = range(1, 6)
# How a rating reads wherever it is offered: the web form, the Word and Excel questionnaires.
RATING_LABELS = {
    1: gettext_lazy("1 · very poor"),
    2: gettext_lazy("2"),
    3: gettext_lazy("3"),
    4: gettext_lazy("4"),
    5: gettext_lazy("5 · very good"),
}
YES_WORDS = frozenset({"yes", "y", "true", "1", "on"})
NO_WORDS = frozenset({"no", "n", "false", "0", "off"})
# One cell of an imported file may hold several choices, separated by any of these.
MULTI_SEPARATORS = (";", "|", "\n")


class QuestionSpec(Protocol):
    key: str
    kind: str
    choices: Any
    required: bool
    max_length: int


@dataclass(frozen=True)
class Cleaned:
    """Well-formed values by question key, and one specific message per question that failed."""

    values: dict[str, Any]
    errors: dict[str, str]


class AnswerError(DomainError, ValueError):
    """A value that does not fit its question; the message is shown next to the field."""


def choice_options(question: QuestionSpec) -> list[tuple[str, str]]:
    """The question's choices as (value, label) pairs, whether stored as strings, pairs or dicts."""
    options = []
    for choice in question.choices or []:
        if isinstance(choice, dict):
            value = str(choice.get("value", choice.get("label", "")))
            options.append((value, str(choice.get("label", value))))
        elif isinstance(choice, list | tuple) and choice:
            options.append((str(choice[0]), str(choice[-1])))
        else:
            options.append((str(choice), str(choice)))
    return options


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _as_text(raw: Any) -> str:
    return raw if isinstance(raw, str) else str(raw)


def _rating(raw: Any) -> int:
    if isinstance(raw, bool):
        raise AnswerError(_("Choose a rating from 1 to 5."))
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    try:
        value = int(_as_text(raw).strip())
    except ValueError:
        raise AnswerError(
            _("“%(value)s” is not a rating: choose a whole number from 1 to 5.") % {"value": raw}
        ) from None
    if value not in RATING_RANGE:
        raise AnswerError(_("A rating goes from 1 to 5; %(value)s is outside that range.") % {"value": value})
    return value


def _match_choice(question: QuestionSpec, raw: Any) -> str:
    """The stored value of a choice, matched on its value or label, case and spacing aside."""
    wanted = " ".join(_as_text(raw).split()).casefold()
    for value, label in choice_options(question):
        if wanted in (value.casefold(), " ".join(label.split()).casefold()):
            return value
    allowed = "; ".join(label for _value, label in choice_options(question))
    raise AnswerError(_("“%(value)s” is not one of the choices (%(allowed)s).") % {"value": raw, "allowed": allowed})


def split_multi(raw: Any) -> list[Any]:
    """A list as given, or one imported cell split on ';', '|' or new lines."""
    if isinstance(raw, list | tuple):
        return list(raw)
    text = _as_text(raw)
    for separator in MULTI_SEPARATORS[1:]:
        text = text.replace(separator, MULTI_SEPARATORS[0])
    return [part for part in (piece.strip() for piece in text.split(MULTI_SEPARATORS[0])) if part]


def _multi_choice(question: QuestionSpec, raw: Any) -> list[str]:
    chosen = {_match_choice(question, item) for item in split_multi(raw) if not is_empty(item)}
    return [value for value, _label in choice_options(question) if value in chosen]  # the questionnaire's order


def _yes_no(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    word = _as_text(raw).strip().casefold()
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise AnswerError(_("“%(value)s” is not an answer to a yes-or-no question: use yes or no.") % {"value": raw})


def _text(question: QuestionSpec, raw: Any, *, final: bool) -> str:
    text = _as_text(raw).replace("\r\n", "\n").strip()
    limit = question.max_length * (1 if final else 2)
    if len(text) > limit:
        raise AnswerError(
            ngettext(
                "Keep this answer to %(limit)d character; it has %(count)d. Shorten it by %(over)d.",
                "Keep this answer to %(limit)d characters; it has %(count)d. Shorten it by %(over)d.",
                question.max_length,
            )
            % {"limit": question.max_length, "count": len(text), "over": len(text) - question.max_length}
        )
    return text


def clean_value(question: QuestionSpec, raw: Any, *, final: bool = False) -> Any:
    """The well-formed value for one question, or None when unanswered. Raises AnswerError."""
    if isinstance(raw, str):
        raw = raw.strip()
    if is_empty(raw):
        return None
    kind = question.kind
    if kind == TEXT:
        value: Any = _text(question, raw, final=final)
    elif kind == RATING:
        value = _rating(raw)
    elif kind == CHOICE:
        value = _match_choice(question, raw)
    elif kind == MULTI_CHOICE:
        value = _multi_choice(question, raw)
    elif kind == YES_NO:
        value = _yes_no(raw)
    else:
        raise AnswerError(_("This question cannot be answered (unknown kind %(kind)s).") % {"kind": kind})
    return None if is_empty(value) else value


def clean_answers(
    questions: Iterable[QuestionSpec], raw: Mapping[str, Any], *, final: bool, complete: bool | None = None
) -> Cleaned:
    """Check every question's raw answer; on submission (`final`) also the length limit and, unless
    `complete` is False (a written submission recorded as sent), that required questions are answered."""
    complete = final if complete is None else complete
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for question in questions:
        try:
            value = clean_value(question, raw.get(question.key), final=final)
        except AnswerError as exc:
            errors[question.key] = str(exc)
            continue
        if value is None:
            if complete and question.required:
                errors[question.key] = _("This question needs an answer before you submit.")
            continue
        values[question.key] = value
    return Cleaned(values=values, errors=errors)


def display_value(question: QuestionSpec, value: Any) -> str:
    """A stored value as people read it: labels for choices, Yes/No, the rating out of 5."""
    if is_empty(value):
        return ""
    labels = dict(choice_options(question))
    if question.kind == YES_NO:
        return _("Yes") if value else _("No")
    if question.kind == RATING:
        return _("%(value)s of 5") % {"value": value}
    if question.kind == CHOICE:
        return labels.get(str(value), str(value))
    if question.kind == MULTI_CHOICE:
        return "; ".join(labels.get(str(item), str(item)) for item in value)
    return str(value)
