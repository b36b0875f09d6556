"""Guidance under a question, shown as plain text: whatever the Secretariat, a `create_round` file or a
copied questionnaire puts there is escaped, line breaks are kept and web addresses become links.

No markup is passed through (not even a "safe" subset): help text reaches the participant's answer
form, where a stray `<button formaction=…>` could send their answers elsewhere.
"""

from __future__ import annotations

from django.utils.html import urlize
from django.utils.safestring import SafeString, mark_safe


def render_help_text(text: str) -> SafeString:
    """Escaped text with `<br>` for line breaks and http(s) and www. addresses as links."""
    linked = urlize((text or "").strip(), nofollow=True, autoescape=True)
    lines = linked.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return mark_safe("<br>".join(lines))  # noqa: S308 - urlize escaped every character of the text
