"""How the Treaty Articles a tool serves are named in text (pure)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _


def articles_label(numbers: Iterable[int]) -> str:
    """“Article 13”, “Articles 11 and 13”, “Articles 11, 13 and 15”; empty for none."""
    items = [str(number) for number in sorted(set(numbers))]
    if not items:
        return ""
    if len(items) == 1:
        return _("Article %(number)s") % {"number": items[0]}
    return _("Articles %(first)s and %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}
