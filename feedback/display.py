"""Answers as the Chair reads and codes them, prepared in Python.

A page shows twenty respondents by five or more questions; rendering each cell through template
filters cost more than everything else on the page together. The coding page's theme checkboxes,
opened once per answer coded, cost as much through the template's loop as its queries.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils.html import conditional_escape, escape, format_html
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


def response_cards(respondents: list[Respondent], questions: list[Question], round_id: int) -> SafeString:
    """The page's respondent cards, each its pseudonym linking to the response and the <dt>/<dd>
    pairs of its answers; the same bytes the template's loop wrote (one URL reversal a page, not one a
    card). Closed questions have few distinct answers: each is rendered once per page."""
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

    link = _response_link(round_id)
    return mark_safe(  # noqa: S308 (every part escaped here or above)
        "".join(
            f'\n<article class="card respondent-card" aria-labelledby="respondent-{respondent.pseudonym}">\n'
            f'  <h2 class="card__title" id="respondent-{respondent.pseudonym}"><a href="{link(respondent.pseudonym)}">'
            f"{conditional_escape(respondent.label)}</a></h2>\n"
            f'  <dl class="answers-list answers-list--compact">{card(respondent)}</dl>\n</article>\n'
            for respondent in respondents
        )
    )


def _response_link(round_id: int) -> Callable[[int], str]:
    """The escaped address of a response by pseudonym, from one reversal (only the number differs)."""
    placeholder = 987654321
    url = reverse("feedback:response_detail", kwargs={"round_id": round_id, "pseudonym": placeholder})
    url = conditional_escape(url)
    head, _number, tail = url.rpartition(str(placeholder))
    return lambda pseudonym: f"{head}{int(pseudonym)}{tail}"


THEME_DESCRIPTION_PREVIEW = 90
KEYED_THEMES = 9  # the keys 1-9 tick the first nine themes (static/js/analysis-coding.js)


def theme_choices(themes: list[Any], ticked: set[int]) -> SafeString:
    """The coding form's list items, one checkbox per theme: ticked if the answer has it, the first one
    focused, the first nine with their keyboard key."""
    items = []
    for number, theme in enumerate(themes, start=1):
        keyed = number <= KEYED_THEMES
        attributes = (" checked" if theme.pk in ticked else "") + (" autofocus" if number == 1 else "")
        attributes += f' data-key="{number}"' if keyed else ""
        key = f'<kbd aria-hidden="true">{number}</kbd> ' if keyed else ""
        description = theme.description and format_html(
            ' <span class="small muted">— {}</span>', Truncator(theme.description).chars(THEME_DESCRIPTION_PREVIEW)
        )
        items.append(
            f'<li><label class="checkbox" for="theme-{theme.pk}"><input type="checkbox" name="theme" '
            f'value="{theme.pk}" id="theme-{theme.pk}"{attributes}>\n'
            f"          <span>{key}{escape(theme.name)}{description}</span></label></li>"
        )
    return mark_safe("\n        ".join(items))  # noqa: S308 (names and descriptions escaped above)
