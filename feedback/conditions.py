"""Follow-up questions: a question with `show_if` is asked only when an earlier answer matches.

`show_if` is {"question": the key of an earlier closed question, "in": [stored values that show it]}:
choice values, "yes"/"no" for a yes-or-no question, "1" to "5" for a rating. A follow-up of a question
that is itself not asked is not asked either. Pure: the web form, the files, imports and the summary
all decide with these functions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

from feedback import validation


def condition(question: Any) -> tuple[str, list[str]] | None:
    """(the controlling key, the values that show the question), or None for a question always asked."""
    show_if = getattr(question, "show_if", None) or {}
    key = show_if.get("question")
    return (str(key), [str(value) for value in show_if.get("in") or []]) if key else None


def tokens(value: Any) -> set[str]:
    """A stored answer as the values a condition compares with."""
    if validation.is_empty(value):
        return set()
    if isinstance(value, bool):
        return {"yes" if value else "no"}
    if isinstance(value, list):
        return {str(item) for item in value}
    return {str(value)}


def is_asked(question: Any, shown: Mapping[str, Any]) -> bool:
    """Whether the question is asked, given the answers of the questions asked above it."""
    rule = condition(question)
    if rule is None:
        return True
    key, wanted = rule
    return bool(tokens(shown.get(key)) & set(wanted))


def asked_keys(questions: Sequence[Any], answers: Mapping[str, Any]) -> set[str]:
    """The keys of the questions asked of a response with these stored answers."""
    shown: dict[str, Any] = {}
    asked = set()
    for question in questions:
        if is_asked(question, shown):
            asked.add(question.key)
            if question.key in answers:
                shown[question.key] = answers[question.key]
    return asked


def value_labels(controller: Any) -> dict[str, str]:
    if controller.kind == validation.YES_NO:
        return {"yes": _("Yes"), "no": _("No")}
    if controller.kind == validation.RATING:
        return {str(number): str(number) for number in validation.RATING_RANGE}
    return dict(validation.choice_options(controller))


def _controller(question: Any, questions: Sequence[Any]) -> Any:
    rule = condition(question)
    return next((item for item in questions if rule and item.key == rule[0]), None)


def condition_text(question: Any, questions: Sequence[Any]) -> str:
    """How the condition reads under the question: Asked only if “…” is answered Yes (or No)."""
    rule = condition(question)
    controller = _controller(question, questions)
    if rule is None or controller is None:
        return ""
    labels = value_labels(controller)
    wanted = _(" or ").join(f"“{labels.get(value, value)}”" for value in rule[1])
    return _("Asked only if “%(question)s” is answered %(values)s.") % {
        "question": controller.text,
        "values": wanted,
    }


def why_not_asked(question: Any, questions: Sequence[Any], shown: Mapping[str, Any]) -> str:
    """Why an answer to a follow-up that is not asked cannot be recorded."""
    controller = _controller(question, questions)
    key = condition(question)[0] if condition(question) else ""
    given = shown.get(key)
    if validation.is_empty(given) or controller is None:
        answered = _("it is not answered (or not asked)")
    else:
        answered = _("the answer is “%(value)s”") % {"value": validation.display_value(controller, given)}
    return _("This question is asked only when “%(key)s” is answered %(values)s, and %(answered)s.") % {
        "key": key,
        "values": _(" or ").join(
            f"“{value_labels(controller).get(value, value) if controller else value}”"
            for value in condition(question)[1]
        ),
        "answered": answered,
    }
