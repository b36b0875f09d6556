"""What a question must look like, kind by kind: shared by the questionnaire editor and the JSON
round definition (`create_round`), so both refuse the same things with the same words.

Pure: plain values in, {field: message} out. The field names are those of the JSON definition
(`choices`, `min`, `max`, `show_if`); callers translate them to their own places.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from consult.models import QuestionKind

CHOICE_KINDS = (QuestionKind.CHOICE, QuestionKind.MULTI_CHOICE)
# The kinds whose `choices` are needed: the options, the items to rank, or a grid's scale.
WITH_CHOICES = (*CHOICE_KINDS, QuestionKind.RANKING, QuestionKind.GRID)
# The kinds whose answer can decide whether a follow-up question is asked.
CONTROLLING_KINDS = (QuestionKind.CHOICE, QuestionKind.MULTI_CHOICE, QuestionKind.YES_NO, QuestionKind.RATING)
YES_NO_VALUES = {"yes": "yes", "y": "yes", "true": "yes", "no": "no", "n": "no", "false": "no"}


@dataclass(frozen=True)
class Earlier:
    """A question above the one being checked, as far as a follow-up needs to know it."""

    key: str
    kind: str
    choices: Sequence[str]


def controller_value(controller: Earlier, value: Any) -> str | None:
    """The stored form of a value that shows a follow-up, or None when the controller cannot have it."""
    text = " ".join(str(value).split())
    if isinstance(value, bool):
        text = "yes" if value else "no"
    if controller.kind == QuestionKind.YES_NO:
        return YES_NO_VALUES.get(text.casefold())
    if controller.kind == QuestionKind.RATING:
        return text if text in {"1", "2", "3", "4", "5"} else None
    return next((choice for choice in controller.choices if choice.casefold() == text.casefold()), None)


def clean_show_if(show_if: Any, earlier: Sequence[Earlier]) -> tuple[dict[str, Any], dict[str, str]]:
    """The condition in stored form ({} for none) and the problems found, by field."""
    if not show_if:
        return {}, {}
    if not isinstance(show_if, Mapping):
        return {}, {"show_if": _('must be an object: {"question": "an earlier key", "in": ["a value"]}.')}
    key = str(show_if.get("question") or "").strip()
    values = show_if.get("in")
    if isinstance(values, str | bool | int):
        values = [values]
    controller = next((item for item in earlier if item.key == key), None)
    if not key:
        return {}, {"show_if.question": _("give the key of an earlier question.")}
    if controller is None:
        return {}, {
            "show_if.question": _("“%(key)s” is not an earlier question; a follow-up must come after it.")
            % {"key": key}
        }
    if controller.kind not in CONTROLLING_KINDS:
        return {}, {
            "show_if.question": _(
                "“%(key)s” is a %(kind)s question; only a choice, several-choices, yes-or-no or rating "
                "question can decide a follow-up."
            )
            % {"key": key, "kind": QuestionKind(controller.kind).label.lower()}
        }
    if not isinstance(values, list) or not values:
        return {}, {"show_if.in": _("list the answers of “%(key)s” that show this question.") % {"key": key}}
    stored, unknown = [], []
    for value in values:
        found = controller_value(controller, value)
        if found is None:
            unknown.append(str(value))
        elif found not in stored:
            stored.append(found)
    if unknown:
        return {}, {
            "show_if.in": _("%(values)s is not an answer of “%(key)s”.")
            % {"values": ", ".join(f"“{value}”" for value in unknown), "key": key}
        }
    return {"question": key, "in": stored}, {}


def clean_texts(values: Any) -> list[str]:
    """Trimmed, non-empty, without duplicates, in the given order."""
    seen: list[str] = []
    for value in values or []:
        text = " ".join(str(value).split())
        if text and text not in seen:
            seen.append(text)
    return seen


def rows_problems(kind: str, rows: Sequence[str]) -> dict[str, str]:
    if kind == QuestionKind.GRID and not rows:
        return {"rows": _("a grid needs at least one statement to rate.")}
    return {}


def number_bounds_problems(low: float | None, high: float | None) -> dict[str, str]:
    if low is not None and high is not None and high < low:
        return {"max": _("must not be smaller than the smallest number allowed (%(low)s).") % {"low": low}}
    return {}


def dependants(key: str, questions: Sequence[Any]) -> list[str]:
    """The keys of the questions that are asked only after an answer to `key`."""
    return [q.key for q in questions if (getattr(q, "show_if", None) or {}).get("question") == key]
