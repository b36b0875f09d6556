"""`{% field_group field %}`: the site's field markup (templates/_partials/field.html) written in Python."""

from __future__ import annotations

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString, mark_safe

from config.field_markup import field_group as markup

register = template.Library()


@register.simple_tag
def field_group(field: BoundField) -> SafeString:
    """The same bytes as `{% include "_partials/field.html" with field=field %}`, faster (a questionnaire
    shows one per question)."""
    return mark_safe(markup(field))  # noqa: S308 (config.field_markup escapes as the template does)
