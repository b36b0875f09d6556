"""The summary's meeting section, “Points raised at the meeting”, written from content["meeting"]. Pure.

Kept apart so that the writers change by one line each (`markdown`, `html`, `docx`) and the leak gate
by one (`texts`). The data comes from feedback.meeting_notes.summary.
"""

from __future__ import annotations

import datetime
import html as html_lib
from collections.abc import Callable, Iterator
from typing import Any

TITLE = "Points raised at the meeting"


def texts(content: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(location, text) of every point, for the leak gate."""
    for number, point in enumerate((content.get("meeting") or {}).get("points", []), start=1):
        yield f"{TITLE}, point {number}", point


def meta_line(section: dict[str, Any]) -> str:
    """“Online meeting held on 8 December 2026; 12 participants attended.”"""
    kind = "Online meeting" if section["online"] else "In-person meeting"
    day = datetime.date.fromisoformat(section["held_on"])
    line = f"{kind} held on {day.day} {day:%B %Y}"
    if section["attendance_taken"]:
        attended = section["attended"]
        if attended is None:
            line += f"; fewer than {section['min_cell']} participants attended"
        else:
            line += f"; {attended} participant{'s' if attended != 1 else ''} attended"
    return line + "."


def markdown(content: dict[str, Any]) -> list[str]:
    section = content.get("meeting")
    if not section:
        return []
    lines = [f"## {TITLE}", "", f"*{meta_line(section)}*", ""]
    lines += [f"- {' '.join(point.split())}" for point in section["points"]]
    return [*lines, ""] if section["points"] else lines


def html(content: dict[str, Any]) -> list[str]:
    section = content.get("meeting")
    if not section:
        return []
    escape = html_lib.escape
    parts = [f"<h2>{TITLE}</h2>", f'<p class="meta">{escape(meta_line(section))}</p>']
    if section["points"]:
        parts.append("<ul>" + "".join(f"<li>{escape(point)}</li>" for point in section["points"]) + "</ul>")
    return parts


def docx(doc: Any, content: dict[str, Any], clean_xml: Callable[[str], str]) -> None:
    section = content.get("meeting")
    if not section:
        return
    doc.add_heading(TITLE, level=2)
    doc.add_paragraph().add_run(meta_line(section)).italic = True
    for point in section["points"]:
        doc.add_paragraph(clean_xml(point), style="List Bullet")
