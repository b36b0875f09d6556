"""The site's form renderer writes inputs, text areas and choices in Python: byte for byte what the
widget templates give, tricky values included (quotes, markup, safe strings, booleans, groups, numbers)."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.safestring import mark_safe

from config.forms import SiteFormRenderer
from config.widget_markup import MARKUP
from feedback.forms import AnswerForm
from tests.feedback.helpers import unsaved_questions

TRICKY = 'He said "<b>hi</b>" & left'
CHOICES = [("a&b", TRICKY), ("2", mark_safe("<em>safe</em> label")), (3, 3)]
GROUPED = [("Group <one>", [("x", "Ex"), ("y", "Why")]), ("z", "Zed")]


class GivenFile(str):
    """A file already given, as a FileField's initial value (the template writes the link to it)."""

    url = "/files/report.pdf?a=1&b=2"


class EveryWidget(forms.Form):
    text = forms.CharField(widget=forms.TextInput(attrs={"placeholder": TRICKY, "data-n": 7, "autofocus": True}))
    number = forms.IntegerField()
    email = forms.EmailField(required=False, disabled=True)
    hidden = forms.CharField(widget=forms.HiddenInput)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True))
    when = forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    day = forms.DateField(widget=forms.DateInput)
    tick = forms.BooleanField(required=False)
    upload = forms.FileField(required=False)
    given = forms.FileField(required=False, initial=GivenFile("answers/report.pdf"))
    required_upload = forms.FileField(widget=forms.ClearableFileInput(attrs={"accept": ".pdf,<x>"}))
    link = forms.URLField(required=False)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "aria-describedby": "a b"}))
    empty_note = forms.CharField(widget=forms.Textarea, required=False)
    one = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect(attrs={"class": "rating"}))
    several = forms.MultipleChoiceField(choices=CHOICES, widget=forms.CheckboxSelectMultiple)
    grouped = forms.ChoiceField(choices=GROUPED, widget=forms.RadioSelect)
    no_id = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect)


class Templates(TemplatesSetting):
    """The same templates, always rendered by the template language."""


DATA = {
    "text": TRICKY,
    "number": "12",
    "hidden": "<x>",
    "secret": 'p"w',
    "when": "2026-12-01T09:00",
    "day": "2026-12-01",
    "tick": "on",
    "link": "https://example.org/?a=1&b=2",
    "note": "Line one\n<script>alert(1)</script> & more",
    "one": "a&b",
    "several": ["2", "3"],
    "grouped": "y",
}


def rendered(form: forms.Form, renderer) -> dict[str, str]:
    form.renderer = renderer
    return {name: str(form[name]) for name in form.fields}


@pytest.mark.parametrize("data", [None, DATA], ids=["unbound", "bound"])
def test_every_widget_renders_as_its_template(data):
    form = EveryWidget(data, auto_id="id_%s")
    form.fields["no_id"].widget.attrs["id"] = ""

    fast, slow = rendered(form, SiteFormRenderer()), rendered(form, Templates())

    assert fast == slow
    assert any(name in MARKUP for name in ("django/forms/widgets/radio.html", "django/forms/widgets/text.html"))
    assert "&lt;b&gt;" in fast["text"] and "<em>safe</em>" in fast["one"]
    assert 'href="/files/report.pdf?a=1&amp;b=2"' in fast["given"]  # written by the template


@pytest.mark.parametrize("data", [None, DATA], ids=["unbound", "bound"])
@pytest.mark.parametrize("wrap_label", [False, True])
def test_each_choice_renders_as_its_template(data, wrap_label):
    """`{{ choice.tag }}` in a page's own loop over a choice field (the time poll's answers)."""
    form = EveryWidget(data, auto_id="id_%s")
    form.fields["no_id"].widget.attrs["id"] = ""

    def tags(renderer) -> list[str]:
        form.renderer = renderer
        return [
            choice.tag(wrap_label=wrap_label)
            for name in ("one", "several", "grouped", "no_id")
            for choice in form[name]
        ]

    fast, slow = tags(SiteFormRenderer()), tags(Templates())

    assert fast == slow
    assert "django/forms/widgets/radio_option.html" in MARKUP and len(fast) == 12


def test_the_questionnaire_renders_as_its_templates(db):
    questions = unsaved_questions()
    answers = {question.key: None for question in questions}

    fast = rendered(AnswerForm(questions=questions, answers=answers), SiteFormRenderer())
    slow = rendered(AnswerForm(questions=questions, answers=answers), Templates())

    assert fast == slow
