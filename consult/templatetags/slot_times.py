"""{% slot_time slot %}: a proposed meeting time in the reader's zone (consult/meetings/markup.py)."""

from django import template

from consult.meetings.markup import slot_time

register = template.Library()
register.simple_tag(slot_time, name="slot_time")
