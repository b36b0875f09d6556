"""One form markup for the whole site: labels, help text, errors next to the field."""

from django.forms.renderers import TemplatesSetting


class SiteFormRenderer(TemplatesSetting):
    form_template_name = "_partials/form.html"
    field_template_name = "_partials/field.html"
