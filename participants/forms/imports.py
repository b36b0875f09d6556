"""The admin's import forms: the file checked before django-import-export reads it, and why it is imported."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from import_export.forms import ConfirmImportForm, ImportForm

from participants.safe_files import UnsafeFile, check_spreadsheet, read_upload
from participants.validators import validate_free_text


def import_reason_field() -> forms.CharField:
    """What `import_participants --reason` asks: recorded, with who imported, for each person added."""
    return forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        validators=[validate_free_text],
        help_text=_(
            "Why these people are added without applying (e.g. “nominated by their governments, letter of "
            "3 March”). Kept in the audit trail with your name, for each person added."
        ),
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
    )


class SafeImportForm(ImportForm):
    """Refuse a file over IMPORT_MAX_BYTES, or a package that would unpack to something absurd, up front.

    The check follows the file's content and the format chosen in the form, never its name: a zip bomb
    named `people.csv` with the format "xlsx" is refused like one named `people.xlsx`."""

    reason = import_reason_field()

    def __init__(self, formats: Any, resources: Any, **kwargs: Any) -> None:
        super().__init__(formats, resources, **kwargs)
        self.format_classes = list(formats)

    def chosen_format(self) -> str:
        index = self.cleaned_data.get("format")
        try:
            return self.format_classes[int(index)]().get_extension()
        except (TypeError, ValueError, IndexError):
            return ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        upload = cleaned.get("import_file")
        if upload is not None:
            try:
                content = read_upload(upload, max_bytes=settings.IMPORT_MAX_BYTES)
                check_spreadsheet(content, name=upload.name, fmt=self.chosen_format())
            except UnsafeFile as unsafe:
                self.add_error("import_file", str(unsafe))
        return cleaned


class ReasonConfirmImportForm(ConfirmImportForm):
    """The confirm step carries the reason given with the upload, shown so it can still be corrected."""

    reason = import_reason_field()
