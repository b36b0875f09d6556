"""Text a spreadsheet cell can hold. XLSX is XML 1.0, which has no place for most control characters
(openpyxl refuses them, so one stray character in a name or answer would make the whole export fail).
Every XLSX writer passes its cells through `xlsx_text`; names and statements refuse them at input
(participants.validators), but answers, imports and older rows may still carry them.
"""

from __future__ import annotations

import re
from typing import Any

NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
REPLACEMENT = "\ufffd"  # the "unknown character" sign: the reader sees something was there


def xlsx_text(value: Any) -> Any:
    """The value with every character XLSX cannot hold replaced by U+FFFD; anything not text unchanged."""
    if isinstance(value, str):
        return NOT_IN_XML.sub(REPLACEMENT, value)
    return value
