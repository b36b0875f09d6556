"""The site's field group (label, help, errors, input) is written in Python: byte for byte what
templates/_partials/field.html gives, for every kind of field, bound or not, with errors and help."""

from __future__ import annotations

import pytest
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from config.field_markup import field_group
from config.forms import SiteFormRenderer
from feedback.forms import AnswerForm
from tests.feedback.helpers import unsaved_questions
from tests.site.test_widget_markup import DATA, TRICKY, EveryWidget


class WithHelp(EveryWidget):
    """Every widget again, with help text (plain, and safe markup) and a tricky label on some."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number, field in enumerate(self.fields.values()):
            field.help_text = mark_safe("<em>See</em> the guide") if number % 2 else TRICKY
            field.label = TRICKY if number % 3 == 0 else field.label


def by_template(field) -> str:
    return get_template("_partials/field.html").render({"field": field})


@pytest.mark.parametrize("form_class", [EveryWidget, WithHelp])
@pytest.mark.parametrize("data", [None, {}, DATA], ids=["unbound", "all-errors", "bound"])
def test_every_field_group_renders_as_its_template(form_class, data):
    form = form_class(data, auto_id="id_%s", renderer=SiteFormRenderer())
    form.fields["no_id"].widget.attrs["id"] = ""

    for name in form.fields:
        assert field_group(form[name]) == by_template(form[name]), name
        assert str(form[name].as_field_group()) == by_template(form[name]).strip(), name
    if data == {}:
        assert "field--error" in field_group(form["text"])


def test_the_questionnaire_field_groups_render_as_their_template(db):
    questions = unsaved_questions(help_text="Think of <last year>")
    form = AnswerForm(questions=questions, answers={question.key: None for question in questions})

    for name in form.fields:
        assert field_group(form[name]) == by_template(form[name]), name
