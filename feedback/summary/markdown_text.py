"""Markdown that shows every word as text, wherever the file is rendered.

Markdown passes HTML through, so an answer reading `<img src=x onerror=…>` or a link to `javascript:`
would become live markup in any viewer that renders the summary (a wiki, a repository, an e-mail
client). The writer runs the whole document through `neutralise` once it is assembled: our own
Markdown never uses `<`, `&` or link brackets, so only quoted text is changed, and it still reads the
same once rendered.
"""

from __future__ import annotations

import re

_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")  # "&amp;" or "&#60;" would render as a character
_LINK = re.compile(r"\]([(:\[])")  # "](url)", "]: url" and "][ref]" make links and images


def neutralise(markdown: str) -> str:
    """The document with no raw HTML, entity or link syntax left; "R&D" and "[a State]" stay readable."""
    text = _ENTITY.sub("&amp;", markdown).replace("<", "&lt;")
    return _LINK.sub(r"]\\\1", text)


def cell(text: object) -> str:
    """Text for one table cell: on one line, with its own pipes and backslashes escaped."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")
