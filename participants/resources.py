"""django-import-export for the admin, delegating every rule to participants.roster (the command's rules).

The admin keeps its upload, dry-run preview and confirm pages; what a row means, whether it is valid and
how it is saved come from the same code as `manage.py import_participants` and `export_participants`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from import_export import fields, resources
from import_export.results import Result, RowResult

from participants import roster
from participants.models import Participant
from participants.roster.exporting import as_row
from participants.roster.files import records


def _column(name: str) -> fields.Field:
    return fields.Field(column_name=name, attribute=None, readonly=True)


class ParticipantResource(resources.ModelResource):
    email = _column("email")
    full_name = _column("full_name")
    category = _column("category")
    affiliation = _column("affiliation")
    country = _column("country")
    phone = _column("phone")
    website = _column("website")
    acronym = _column("acronym")

    class Meta:
        model = Participant
        fields = roster.IMPORT_COLUMNS
        name = "Participant list"

    def import_data(self, dataset: tablib.Dataset, dry_run: bool = False, **kwargs: Any) -> Result:
        """Validate with the roster's rules; apply all rows, or none when any is bad."""
        result = Result()
        result.diff_headers = list(roster.IMPORT_COLUMNS)
        plan = roster.plan_import(dataset)
        values = dict(records(dataset))
        if plan.errors:
            _add_invalid_rows(result, plan.errors, values)
            return result
        _add_preview_rows(result, plan, values)
        if not dry_run:
            roster.apply_import(
                plan,
                by=kwargs.get("user"),
                source=kwargs.get("file_name") or "admin import",
                reason=kwargs.get("reason", ""),
            )
        return result


def _add_invalid_rows(result: Result, errors: list[roster.RowError], values: dict[int, dict[str, str]]) -> None:
    by_row: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for error in errors:
        by_row[error.row][error.column or NON_FIELD_ERRORS].append(error.message)
    for number, messages in sorted(by_row.items()):
        result.append_invalid_row(number, values.get(number, {}), ValidationError(dict(messages)))
        result.totals[RowResult.IMPORT_TYPE_INVALID] += 1


def _row(import_type: str, cells: list[str]) -> RowResult:
    row = RowResult()
    row.import_type = import_type
    row.diff = cells
    return row


def _add_preview_rows(result: Result, plan: roster.ImportPlan, values: dict[int, dict[str, str]]) -> None:
    """One preview line per row: new, updated (showing old → new) or skipped (unchanged)."""
    columns = roster.IMPORT_COLUMNS
    rows = [
        (clean.row, _row(RowResult.IMPORT_TYPE_NEW, [values[clean.row].get(c, "") for c in columns]))
        for clean in plan.new
    ]
    for clean, participant, changed in plan.updates:
        current = as_row(participant)
        cells = []
        for column in columns:
            new = values[clean.row].get(column, "")
            old = str(current.get(column) or "")
            cells.append(f"{old} → {new}" if _changes(column, changed) and old != new else new)
        rows.append((clean.row, _row(RowResult.IMPORT_TYPE_UPDATE, cells)))
    for clean, _participant in plan.unchanged:
        rows.append((clean.row, _row(RowResult.IMPORT_TYPE_SKIP, [values[clean.row].get(c, "") for c in columns])))
    for _number, row in sorted(rows, key=lambda item: item[0]):
        result.append_row_result(row)
        result.increment_row_result_total(row)


def _changes(column: str, changed: list[str]) -> bool:
    field = {"affiliation": "organisation"}.get(column, column)
    return field in changed or (column == "affiliation" and "country" in changed)
