"""Small display helpers for the feedback pages: times with their zone named, answers as people read them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template
from django.utils import dateformat, timezone

from feedback.validation import display_value

register = template.Library()


@register.filter
def zoned(value: datetime | None, style: str = "datetime") -> str:
    """A time in the viewer's zone, with the zone named: "3 March 2027, 17:00 (Europe/Zurich)"."""
    if not value:
        return ""
    local = timezone.localtime(value)
    zone = timezone.get_current_timezone_name()
    if style == "time":
        return f"{dateformat.format(local, 'H:i')} ({zone})"
    return f"{dateformat.format(local, 'j F Y, H:i')} ({zone})"


@register.filter
def day(value: datetime | None) -> str:
    """The day only (enough for the participant's own records; never a time for the Chair)."""
    return dateformat.format(timezone.localtime(value), "j F Y") if value else ""


@register.filter
def answer_display(value: Any, question: Any) -> str:
    return display_value(question, value)


@register.filter
def get_item(mapping: dict, key: Any) -> Any:
    return mapping.get(key) if mapping else None
