"""One form markup for the whole site (labels, help text, errors next to the field, a summary on top),
and error messages that name the field and say how to fix it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from config.field_markup import field_group
from config.widget_markup import MARKUP


class SiteFormRenderer(TemplatesSetting):
    form_template_name = "_partials/form.html"
    field_template_name = "_partials/field.html"

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        """Field groups, inputs, text areas and choices in Python (config/field_markup.py,
        config/widget_markup.py), the rest by template."""
        if template_name == self.field_template_name:  # {{ field.as_field_group }}, as the template writes it
            return mark_safe(field_group(context["field"]).strip())  # noqa: S308 (escaped as a template would)
        markup = MARKUP.get(template_name)
        written = markup(context["widget"]) if markup is not None else None
        if written is None:
            return super().render(template_name, context, request=request)
        return mark_safe(written.strip())  # noqa: S308 (every value is escaped as a template would)


def _the(label: str) -> str:
    """“Meeting link” → “meeting link” in the middle of a sentence; “ATT meeting” stays as it is."""
    label = str(label or "").rstrip(" :?")
    return label[0].lower() + label[1:] if len(label) > 1 and label[1].islower() else label


def friendly_messages(field: forms.Field) -> dict[str, Any]:
    """Messages for the usual mistakes, naming the field (Django's own say “This field is required.”)."""
    name = _the(field.label)
    messages: dict[str, Any] = {}
    if isinstance(field, forms.BooleanField):
        messages["required"] = format_lazy(_("Tick “{}” to go on."), field.label)
    elif isinstance(field, forms.FileField):
        messages["required"] = _("Choose the file to upload.")
        messages["empty"] = _("The file you chose is empty: choose another one.")
    elif isinstance(field, forms.DateTimeField):
        messages["required"] = format_lazy(_("Enter a date and a time for “{}”."), field.label)
    elif isinstance(field, forms.DateField):
        messages["required"] = format_lazy(_("Enter a date for “{}”."), field.label)
    elif isinstance(field, forms.ChoiceField | forms.ModelChoiceField) or isinstance(field.widget, forms.Select):
        messages["required"] = format_lazy(_("Choose the {}."), name)
        messages["invalid_choice"] = format_lazy(_("Choose one of the options offered for the {}."), name)
    else:
        messages["required"] = format_lazy(_("Enter the {}."), name)
    messages.update(_invalid(field, name))
    if "max_length" in field.error_messages:
        messages["max_length"] = format_lazy(
            _("Shorten the {}: at most %(limit_value)d characters (it has %(show_value)d)."), name
        )
    return messages


def _invalid(field: forms.Field, name: str) -> dict[str, Any]:
    examples = [
        (forms.SlugField, _("The {} may use only letters, digits, hyphens and underscores, e.g. export-formats.")),
        (forms.URLField, _("Enter the {} as a full address, for example https://meet.example.org/att.")),
        (forms.EmailField, _("Enter the {} as an e-mail address, for example name@example.org.")),
        (forms.DateTimeField, _("Enter the {} as a date and a time, for example 2026-12-01 09:00.")),
        (forms.DateField, _("Enter the {} as a date, for example 2026-12-01.")),
        (forms.IntegerField, _("Enter the {} as a whole number, for example 3.")),
    ]
    for kind, message in examples:
        if isinstance(field, kind):
            return {"invalid": format_lazy(message, name)}
    return {}


def _default_messages(field: forms.Field) -> dict[str, Any]:
    messages: dict[str, Any] = {}
    for kind in reversed(type(field).__mro__):
        messages.update(getattr(kind, "default_error_messages", {}))
    return messages


class SiteErrors:
    """For the Secretariat's forms: messages that say what to fix, and a chosen file asked for again.

    A browser never shows a chosen file again after the page reloads, so when anything else is wrong the
    file field says so and names the file, instead of silently coming back empty.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            defaults = _default_messages(field)
            for key, message in friendly_messages(field).items():
                if field.error_messages.get(key, defaults.get(key)) == defaults.get(key):  # not a form's own wording
                    field.error_messages[key] = message

    def full_clean(self) -> None:
        super().full_clean()
        if not self.is_bound or not self._errors:
            return
        for name, field in self.fields.items():
            upload = self.files.get(self.add_prefix(name)) if self.files else None
            if isinstance(field, forms.FileField) and upload and name not in self._errors:
                self.add_error(
                    name,
                    _("You chose “%(name)s”: choose it again, a page shown again cannot keep a chosen file.")
                    % {"name": upload.name},
                )
