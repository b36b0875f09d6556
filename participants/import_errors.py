"""The one way every import names a problem: its spreadsheet row, its column, what is wrong.

Shared by the participant list and offline feedback imports, so the Secretariat reads the same form
of message whichever file it loads.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class RowError:
    """One problem: the row number as a spreadsheet shows it (the header is row 1; 0 for the file as a
    whole), the column ("" for the whole row) and a message that says what to do."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if not self.row:
            return self.message
        if not self.column:
            return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return _("Row %(row)s, column “%(column)s”: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }
