"""The site's field markup (label, help, errors, input) written in Python: the same bytes as its template.

A questionnaire shows a field group per question, and each through templates/_partials/field.html cost
more than the question's own input. The template stays the specification:
tests/site/test_field_markup.py renders fields both ways and compares the output.
"""

from __future__ import annotations

from django.forms import BoundField
from django.utils.html import conditional_escape
from django.utils.translation import gettext

from config.widget_markup import show

_REQUIRED = ' <span class="field__required" aria-hidden="true">*</span>'


def field_group(field: BoundField) -> str:
    """What `{% include "_partials/field.html" with field=field %}` writes (line break at the end included)."""
    errors = str(field.errors) if field.errors else ""
    checkbox = field.widget_type == "checkbox"
    required = field.field.required
    help_text = field.help_text
    helps = f'<span class="field__help" id="{show(field.auto_id)}_helptext">{help_text}</span>' if help_text else ""
    label = show(field.label)
    classes = "field" + (" field--error" if errors else "") + (" field--checkbox" if checkbox else "")
    if checkbox:
        body = (
            f"\n  {errors}\n"
            f'  <label class="checkbox" for="{show(field.id_for_label)}">{field} <span>{label}'
            f"{_REQUIRED if required else ''}</span></label>\n  {helps}\n"
        )
    elif field.use_fieldset:
        described = field.aria_describedby
        aria = f' aria-describedby="{show(described)}"' if described else ""
        body = (
            f"\n  <fieldset{aria}>\n    <legend>{label}{_REQUIRED if required else ''}</legend>\n"
            f"    {helps}\n    {errors}\n    {field}\n  </fieldset>\n"
        )
    else:
        marker = (
            f'{_REQUIRED}<span class="visually-hidden">{conditional_escape(gettext("(required)"))}</span>'
            if required
            else ""
        )
        body = (
            f'\n  <label for="{show(field.id_for_label)}">{label}{marker}</label>\n  {helps}\n  {errors}\n  {field}\n'
        )
    return f'<div class="{classes}">\n{body}\n</div>\n'
