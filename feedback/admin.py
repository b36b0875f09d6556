"""Admin for the Secretariat: responses under pseudonyms only, and the bulk import of written submissions.

The admin never shows who gave a response (no participant column, filter or search): linking a pseudonym
to a person happens only through the audited "Who answered" page.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportMixin
from import_export.forms import ConfirmImportForm

from consult.models import Round
from feedback.models import Submission
from feedback.resources import OfflineFeedbackResource
from feedback.services.offline import RECORDABLE_STATES
from participants.forms.imports import SafeImportForm


def _recordable_rounds() -> Any:
    return Round.objects.filter(state__in=RECORDABLE_STATES).order_by("-opens_at")


class OfflineImportForm(SafeImportForm):
    round = forms.ModelChoiceField(
        queryset=Round.objects.none(),
        label=_("Consultation"),
        help_text=_(
            "Open or closed consultations only. The file needs the columns email, question, answer (one row per "
            "answer; several choices in one cell separated by “;”). Rows are numbered as in your spreadsheet, "
            "the header being row 1. Any bad row imports nothing."
        ),
    )
    field_order = ["round", "resource", "import_file", "format"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = _recordable_rounds()


class OfflineConfirmForm(ConfirmImportForm):
    round = forms.ModelChoiceField(queryset=Round.objects.none(), widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = _recordable_rounds()


@admin.register(Submission)
class SubmissionAdmin(ImportMixin, admin.ModelAdmin):
    resource_classes = [OfflineFeedbackResource]
    skip_admin_log = True  # the audit trail records the import (services.import_feedback)
    import_form_class = OfflineImportForm
    confirm_form_class = OfflineConfirmForm
    list_display = ["label", "round", "state", "source", "has_unsubmitted_changes"]
    list_filter = ["round", "state", "source"]
    ordering = ["round", "pseudonym"]
    fields = ["round", "label", "state", "source", "working_answers", "version"]
    readonly_fields = fields

    @admin.display(description=_("Respondent"), ordering="pseudonym")
    def label(self, submission: Submission) -> str:
        return submission.label

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Submission | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Submission | None = None) -> bool:
        return False

    def has_import_permission(self, request: HttpRequest) -> bool:
        from participants.permissions import is_secretariat

        return is_secretariat(request.user)

    def get_confirm_form_initial(self, request: HttpRequest, import_form: Any) -> dict[str, Any]:
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["round"] = import_form.cleaned_data["round"].pk
        return initial

    def get_import_data_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        form = kwargs.get("form")
        kwargs = super().get_import_data_kwargs(**kwargs)
        if form is not None and form.is_valid():
            kwargs["round_id"] = form.cleaned_data["round"].pk
        return kwargs
