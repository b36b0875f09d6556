"""Forms of the Chair's analysis pages: they parse input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from consult.models import Question


class ThemeForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=80, help_text=_("Short, as it will read in the summary, e.g. “Pre-filling”.")
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What the theme covers, for whoever codes answers. Shown under the theme in the summary."),
    )
    question = forms.ChoiceField(label=_("Question"), required=False)

    def __init__(self, *args: object, questions: list[Question], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("Any free-text question"))]
        choices += [(question.key, f"{number}. {question.text[:70]}") for number, question in enumerate(questions, 1)]
        self.fields["question"].choices = choices


class ImportCodingForm(forms.Form):
    file = forms.FileField(
        label=_("Coded answers (CSV or XLSX)"),
        help_text=_("The file downloaded here, with the themes column edited. Columns: pseudonym, question, themes."),
    )
