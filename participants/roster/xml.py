"""The participant list as XML (schema: static/schemas/participants-1.xsd). Pure: rows in, bytes out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from participants.xml_files import Writer, to_bytes

NAMESPACE = "urn:x-wgtr-advisory:participants:1"
SCHEMA = "schemas/participants-1.xsd"  # under the static files
TIMESTAMPS = frozenset(
    {
        "email_confirmed_at",
        "personal_capacity_acknowledged_at",
        "confidentiality_acknowledged_at",
        "status_changed_at",
        "created_at",
    }
)


def to_xml(
    rows: Iterable[dict[str, object]], columns: Iterable[str], *, exported_at: dt.datetime, schema_url: str = ""
) -> bytes:
    """One <participant> per row, its elements the export's columns in order; unset timestamps left out."""
    writer = Writer(NAMESPACE)
    rows = list(rows)
    root = writer.root(
        "participants", schema_url=schema_url, version="1", exported=exported_at.isoformat(), count=len(rows)
    )
    for row in rows:
        person = writer.add(root, "participant")
        for column in columns:
            value = row.get(column)
            if column == "expertise":
                areas = writer.add(person, "expertise")
                for area in value or []:
                    writer.add(areas, "area", area)
            elif column not in TIMESTAMPS or value:
                writer.add(person, column, "" if value is None else value)
    return to_bytes(root)
