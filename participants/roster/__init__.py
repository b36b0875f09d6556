"""The participant list as a file (docs/command-line.md): one set of columns and rules for commands and admin."""

from participants.roster.columns import EXPORT_COLUMNS, IMPORT_COLUMNS, CleanRow, RowError, guard_formula
from participants.roster.exporting import export_participants, export_rows
from participants.roster.files import (
    CONTENT_TYPES,
    EXPORT_FORMATS,
    FORMATS,
    UnreadableFile,
    load_dataset,
    load_path,
)
from participants.roster.importing import ImportFailed, ImportPlan, apply_import, import_participants, plan_import

__all__ = [
    "CONTENT_TYPES",
    "EXPORT_COLUMNS",
    "EXPORT_FORMATS",
    "FORMATS",
    "IMPORT_COLUMNS",
    "CleanRow",
    "ImportFailed",
    "ImportPlan",
    "RowError",
    "UnreadableFile",
    "apply_import",
    "export_participants",
    "export_rows",
    "guard_formula",
    "import_participants",
    "load_dataset",
    "load_path",
    "plan_import",
]
