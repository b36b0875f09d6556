"""{{ question.help_text|help_text }}: guidance as escaped text with line breaks and links."""

from django import template

from consult.help_text import render_help_text

register = template.Library()
register.filter("help_text", render_help_text)
