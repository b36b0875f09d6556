"""Answers as the Chair reads them on a page of responses, prepared in Python.

A page shows twenty respondents by five or more questions; rendering each cell through template
filters cost more than everything else on the page together.
"""

from __future__ import annotations

from typing import Any

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from consult.models import Question
from feedback.selectors import Respondent
from feedback.templatetags.summary_marks import marked
from feedback.validation import TEXT, display_value, is_empty

TEXT_PREVIEW = 400
QUESTION_PREVIEW = 90


def cell(question: Question, value: Any) -> SafeString:
    """One answer: free text shortened with its redactions highlighted, closed answers by label."""
    if is_empty(value):
        return format_html('<span class="muted">{}</span>', _("Not answered"))
    if question.kind == TEXT:
        return mark_safe(marked(Truncator(str(value)).chars(TEXT_PREVIEW)))  # noqa: S308 (marked escapes)
    return escape(display_value(question, value))


def response_cards(respondents: list[Respondent], questions: list[Question]) -> list[tuple[Respondent, SafeString]]:
    """(respondent, the <dt>/<dd> pairs of their answers) for each respondent on the page: a hundred
    cells looped over in the template cost more than the rest of the page."""
    headings = [Truncator(question.text).chars(QUESTION_PREVIEW) for question in questions]
    return [
        (
            respondent,
            format_html_join(
                "",
                "<dt>{}</dt><dd>{}</dd>",
                (
                    (heading, cell(question, respondent.answers.get(question.key)))
                    for heading, question in zip(headings, questions, strict=True)
                ),
            ),
        )
        for respondent in respondents
    ]
