"""{% site_header %} and {% site_footer %}: the layout's header and footer (participants/layout.py)."""

from django import template

from participants.layout import site_footer, site_header

register = template.Library()
register.simple_tag(site_header, takes_context=True, name="site_header")
register.simple_tag(site_footer, takes_context=True, name="site_footer")
