"""Answers as the Chair reads them on a page of responses, prepared in Python.

A page shows twenty respondents by five or more questions; rendering each cell through template
filters cost more than everything else on the page together.
"""

from __future__ import annotations

from typing import Any

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from consult.models import Question
from feedback import conditions
from feedback.selectors import Respondent
from feedback.templatetags.summary_marks import marked
from feedback.validation import TEXT, display_value, is_empty, other_answer

TEXT_PREVIEW = 400
QUESTION_PREVIEW = 90


def cell(question: Question, value: Any) -> SafeString:
    """One answer: free text shortened with its redactions highlighted, closed answers by label."""
    if is_empty(value):
        return format_html('<span class="muted">{}</span>', _("Not answered"))
    if question.kind == TEXT:
        text = str(value)
        shortened = text if len(text) <= TEXT_PREVIEW else Truncator(text).chars(TEXT_PREVIEW)
        return marked(shortened)
    if other_answer(question, value):
        return marked(display_value(question, value))  # the "Other" words carry redaction marks
    return escape(display_value(question, value))


def _not_asked() -> SafeString:
    return format_html('<span class="muted">{}</span>', _("Not asked (follow-up)"))


def response_cards(respondents: list[Respondent], questions: list[Question]) -> list[tuple[Respondent, SafeString]]:
    """(respondent, the <dt>/<dd> pairs of their answers) for each respondent on the page. Closed
    questions have few distinct answers: each is rendered once per page."""
    headings = [escape(Truncator(question.text).chars(QUESTION_PREVIEW)) for question in questions]
    rendered: dict[tuple[str, str], SafeString] = {}

    def cached_cell(question: Question, value: Any) -> SafeString:
        key = (question.key, repr(value))
        if key not in rendered:
            rendered[key] = cell(question, value)
        return rendered[key]

    def card(respondent: Respondent) -> SafeString:
        asked = conditions.asked_keys(questions, respondent.answers)
        cells = (
            cached_cell(question, respondent.answers.get(question.key)) if question.key in asked else _not_asked()
            for question in questions
        )
        return mark_safe(  # noqa: S308 (headings and cells are escaped above)
            "".join(f"<dt>{heading}</dt><dd>{value}</dd>" for heading, value in zip(headings, cells, strict=True))
        )

    return [(respondent, card(respondent)) for respondent in respondents]
