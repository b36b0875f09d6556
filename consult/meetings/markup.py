"""Proposed meeting times as the poll pages show them, written in Python.

A time poll's page is a fieldset per proposed time: its time in the reader's zone and three radio
buttons. Through the template language that loop cost as much as everything else on the page
together (four times cost about 3 ms a request).
"""

from __future__ import annotations

from typing import Any

from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _


def slot_time(slot: Any) -> SafeString:
    """A proposed time (a Slot, or a LocalSlot in someone's zone) as the current time zone shows it:
    the day, the hours, and whether it ends the next day or falls outside 07:00-22:00 there."""
    starts, ends = template_localtime(slot.starts_at), template_localtime(slot.ends_at)
    next_day = late = ""
    if getattr(slot, "ends_another_day", False):
        next_day = format_html(' <span class="small">({})</span>', _("ends the next day"))
    if getattr(slot, "outside_hours", False):
        late = format_html(
            ' <span class="badge badge--warn slot-time__late">{}</span>',
            _("outside 07:00–22:00"),  # noqa: RUF001 (the message as translated)
        )
    return format_html(
        '<span class="slot-time">{}, <strong>{}–{}</strong>{}</span>{}',  # noqa: RUF001 (an en dash between hours)
        date_format(starts, "D j M Y"),
        date_format(starts, "H:i"),
        date_format(ends, "H:i"),
        next_day,
        late,
    )


def slot_fieldsets(rows: list[tuple[Any, Any]], *, open_: bool) -> SafeString:
    """The poll form's fieldsets: for each (SlotView, its bound radio field), the time, a note when it
    falls outside the reader's day, the field's errors and its three choices (disabled once closed)."""
    parts = []
    for time, field in rows:
        local = time.local
        outside = local.outside_hours
        note = ""
        if outside:
            start, end = (date_format(template_localtime(moment), "H:i") for moment in (local.starts_at, local.ends_at))
            message = _("That is %(start)s–%(end)s where you are, outside 07:00–22:00.")  # noqa: RUF001
            note = f'<p class="small poll__late-note">{escape(message % {"start": start, "end": end})}</p>'
        choices = "".join(
            format_html('<label for="{}">{} {}</label>', choice.id_for_label, choice.tag(), choice.choice_label)
            for choice in field
        )
        parts.append(
            f'<fieldset class="fieldset poll__slot{" poll__slot--late" if outside else ""}"'
            f"{'' if open_ else ' disabled'}>\n"
            f"    <legend>{slot_time(local)}</legend>\n"
            f"    {note}\n"
            f"    {field.errors if field.errors else ''}\n"
            f'    <div class="choice-list choice-list--inline">{choices}</div>\n'
            "  </fieldset>"
        )
    return mark_safe("\n  ".join(parts))  # noqa: S308 (times, errors and labels escaped above)
