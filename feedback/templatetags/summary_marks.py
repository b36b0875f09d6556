"""Show the Chair what the anonymizer did: redactions highlighted, doubtful words flagged."""

from __future__ import annotations

import re
from collections.abc import Sequence

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from feedback.anonymizer.types import PLACEHOLDERS

register = template.Library()

PLACEHOLDER = re.compile("|".join(re.escape(placeholder) for placeholder in PLACEHOLDERS))


@register.filter
def marked(text: str, flags: Sequence[Sequence[int]] = ()) -> SafeString:
    """Escape the text, wrapping placeholders in <mark class="redaction"> and flagged spans in <mark class="flag">."""
    spans = [(m.start(), m.end(), "redaction") for m in PLACEHOLDER.finditer(text)]
    spans += [(int(start), int(end), "flag") for start, end in flags or ()]
    spans.sort()
    out, position = [], 0
    for start, end, kind in spans:
        if start < position:
            continue
        out.append(escape(text[position:start]))
        title = "Removed by the anonymizer" if kind == "redaction" else "Check: this may identify someone"
        out.append(f'<mark class="{kind}" title="{title}">{escape(text[start:end])}</mark>')
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out).replace("\n", "<br>"))  # noqa: S308 (every piece is escaped above)
