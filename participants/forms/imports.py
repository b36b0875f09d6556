"""The admin's import form, checking the file before django-import-export reads it."""

from __future__ import annotations

from django import forms
from django.conf import settings
from import_export.forms import ImportForm

from participants.safe_files import UnsafeFile, check_spreadsheet, read_upload


class SafeImportForm(ImportForm):
    """Refuse a file over IMPORT_MAX_BYTES, or an XLSX that would unpack to something absurd, up front."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        try:
            check_spreadsheet(read_upload(upload, max_bytes=settings.IMPORT_MAX_BYTES), name=upload.name)
        except UnsafeFile as unsafe:
            raise forms.ValidationError(str(unsafe)) from None
        return upload
