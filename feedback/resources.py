"""django-import-export resource for written submissions imported in the admin.

It does not save rows one by one: the whole file goes through services.import_feedback, the same
all-or-nothing path as `manage.py import_feedback`, and its row errors become the admin's row errors.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from import_export import resources
from import_export.results import Result, RowResult

from feedback import services
from feedback.importing import rows_from_table
from feedback.models import Answer
from participants.models import normalise_email

COLUMNS = ["email", "question", "answer"]


class OfflineFeedbackResource(resources.ModelResource):
    class Meta:
        model = Answer
        fields = ()
        name = "Written submissions (email, question, answer)"

    def get_user_visible_fields(self) -> list[Any]:
        return [_Column(name) for name in COLUMNS]

    def import_data(self, dataset: Any, dry_run: bool = False, raise_errors: bool = False, **kwargs: Any) -> Result:
        result = self.get_result_class()()
        result.diff_headers = list(COLUMNS)
        result.total_rows = len(dataset)
        table = [list(dataset.headers or []), *[list(row) for row in dataset]]
        try:
            rows = rows_from_table(table)
            report = services.import_feedback(
                round_id=kwargs["round_id"], rows=rows, by=kwargs.get("user"), dry_run=dry_run
            )
        except services.ImportRejected as rejected:
            _invalid_rows(result, table, rejected.errors)
            return result
        except services.RoundNotRecordable as error:
            result.append_invalid_row(0, {}, ValidationError(str(error)))
            return result
        replaced = set(report.emails) if report.replaced else set()
        for row in rows:
            row_result = RowResult()
            row_result.import_type = (
                RowResult.IMPORT_TYPE_UPDATE if normalise_email(row.email) in replaced else RowResult.IMPORT_TYPE_NEW
            )
            row_result.diff = [row.email, row.question, "" if row.answer is None else str(row.answer)]
            result.append_row_result(row_result)
            result.increment_row_result_total(row_result)
        return result


class _Column:
    """The bits of an import-export Field that the admin's "expected columns" list reads."""

    def __init__(self, name: str) -> None:
        self.column_name = name


def _invalid_rows(result: Result, table: list[list[Any]], errors: list[services.RowError]) -> None:
    header = [str(name or "").strip().lower() for name in table[0]] if table else []
    by_row: dict[int, dict[str, list[str]]] = {}
    for error in errors:
        field = error.column if error.column in COLUMNS else NON_FIELD_ERRORS
        by_row.setdefault(error.row, {}).setdefault(field, []).append(error.message)
    for number, messages in sorted(by_row.items()):
        line = table[number - 1] if 1 <= number <= len(table) else []
        values = {
            name: line[header.index(name)] if name in header and header.index(name) < len(line) else ""
            for name in COLUMNS
        }
        result.append_invalid_row(number, values, ValidationError(messages))
