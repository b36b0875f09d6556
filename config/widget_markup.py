"""The markup of the common form widgets, written in Python: the same bytes as their templates, faster.

A questionnaire or a time poll renders dozens of inputs and options, and each one through the template
language cost more than the rest of the page's own work. The templates in
templates/django/forms/widgets/ (input, textarea, multiple_input) stay the specification:
tests/site/test_widget_markup.py renders every widget both ways and compares the output.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.template.base import render_value_in_context
from django.template.context import Context
from django.utils.html import escape
from django.utils.safestring import SafeData

_CONTEXT = Context(autoescape=True)


def show(value: Any) -> str:
    """`{{ value }}`: localized and escaped as the template language does."""
    return render_value_in_context(value, _CONTEXT)


def _formatted(value: Any) -> str:
    """`{{ value|stringformat:'s' }}`: the filter keeps safe strings safe, everything else is escaped."""
    text = "%s" % (value,)  # noqa: UP031 (the filter's own formatting, tuples included)
    return text if isinstance(value, SafeData) else escape(text)


def _attributes(attrs: dict[str, Any]) -> str:
    return "".join(
        f" {show(name)}" if value is True else f' {show(name)}="{_formatted(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict[str, Any]) -> str:
    value = f' value="{_formatted(widget["value"])}"' if widget["value"] is not None else ""
    return f'<input type="{show(widget["type"])}" name="{show(widget["name"])}"{value}{_attributes(widget["attrs"])}>'


def _option(option: dict[str, Any]) -> str:
    attrs = option["attrs"]
    opening = closing = ""
    if option.get("wrap_label"):
        target = f' for="{show(attrs["id"])}"' if attrs.get("id") else ""
        opening, closing = f"<label{target}>", f" {show(option['label'])}</label>"
    return f"<div>\n    {opening}{_input(option)}{closing}</div>"


def _clearable_file_input(widget: dict[str, Any]) -> str | None:
    """A file input with no file given yet (the template's usual case); None: the template writes it."""
    if widget.get("is_initial"):
        return None
    return f'<input type="{show(widget["type"])}" name="{show(widget["name"])}"{_attributes(widget["attrs"])}>'


def _input_option(option: dict[str, Any]) -> str:
    """django/forms/widgets/input_option.html (one radio or checkbox of a choice, as `{{ choice.tag }}`
    writes it): its include of input.html leaves a line break after the input."""
    if not option.get("wrap_label"):
        return _input(option)
    attrs = option["attrs"]
    target = f' for="{show(attrs["id"])}"' if attrs.get("id") else ""
    return f"<label{target}>{_input(option)}\n {show(option['label'])}</label>"


def _multiple_input(widget: dict[str, Any]) -> str:
    attrs = widget["attrs"]
    parts = ["<div"]
    if attrs.get("id"):
        parts.append(f' id="{show(attrs["id"])}"')
    if attrs.get("class"):
        parts.append(f' class="{show(attrs["class"])}"')
    parts.append(">")
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{show(group)}</label>")
        parts.extend(_option(option) for option in options)
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>")
    return "".join(parts)


def _textarea(widget: dict[str, Any]) -> str:
    value = show(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{show(widget["name"])}"{_attributes(widget["attrs"])}>\n{value}</textarea>'


_INPUTS = ("checkbox", "color", "date", "datetime", "email", "file", "hidden", "number", "password", "search")
_INPUTS += ("tel", "text", "time", "url")
# By template name. Django's per-type templates only include the shared one (the renderer strips the
# line break they add).
MARKUP: dict[str, Callable[[dict[str, Any]], str | None]] = {
    "django/forms/widgets/input.html": _input,
    **{f"django/forms/widgets/{name}.html": _input for name in _INPUTS},
    "django/forms/widgets/multiple_input.html": _multiple_input,
    "django/forms/widgets/radio.html": _multiple_input,
    "django/forms/widgets/checkbox_select.html": _multiple_input,
    "django/forms/widgets/textarea.html": _textarea,
    "django/forms/widgets/clearable_file_input.html": _clearable_file_input,
    "django/forms/widgets/input_option.html": _input_option,
    "django/forms/widgets/radio_option.html": _input_option,
    "django/forms/widgets/checkbox_option.html": _input_option,
}
