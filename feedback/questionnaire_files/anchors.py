"""Hidden bookmarks that name an answer box where its tag may be lost.

LibreOffice 7.4 drops the `w:tag` of every content control when it saves a Word file, but keeps
bookmarks. Each answer box therefore sits inside a bookmark whose name is derived from its tag. Names
start with "_" (Word hides such bookmarks) and stay within Word's 40 characters, whatever the key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

PREFIX = "_wgtr_"


def name_for(tag: str) -> str:
    return PREFIX + hashlib.sha256(tag.encode("utf-8")).hexdigest()[:20]


def names_for(tags: Iterable[str]) -> dict[str, str]:
    """{bookmark name: tag} for the tags a file was made with."""
    return {name_for(tag): tag for tag in tags}
