"""The admin's import form, checking the file before django-import-export reads it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from import_export.forms import ImportForm

from participants.safe_files import UnsafeFile, check_spreadsheet, read_upload


class SafeImportForm(ImportForm):
    """Refuse a file over IMPORT_MAX_BYTES, or a package that would unpack to something absurd, up front.

    The check follows the file's content and the format chosen in the form, never its name: a zip bomb
    named `people.csv` with the format "xlsx" is refused like one named `people.xlsx`."""

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
