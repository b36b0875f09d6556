"""One way to compare what people type as an identifier (an e-mail address, a cycle or tool name).

Case-insensitive matching is not the same everywhere: PostgreSQL's UPPER() turns the long s (U+017F)
into "S" and the dotless i (U+0131) into "I", Python's lower() leaves both alone, SQLite folds ASCII
only, and Django's e-mail validator accepts both, and the Kelvin sign (U+212A), as the letters they
resemble. When the lockout counted one spelling and the login matched another, "ingr\\u0131d@example.org"
got five fresh guesses at Ingrid's password. So every identifier is folded here, in Python, once: stored
in this form, looked up in this form (exact matches, never `__iexact`), and counted by the lockout in
this form.
"""

from __future__ import annotations

import unicodedata

# Letters that case-fold onto an ASCII letter in some but not all of Python, PostgreSQL and Django's
# validators, and that NFKC leaves alone (NFKC already maps the long s to "s", the Kelvin sign to "K"
# and full-width letters to ASCII): the dotless i and the dotted capital I.
_LOOK_ALIKES = str.maketrans({"\u0131": "i", "\u0130": "I"})


def fold_identifier(value: str) -> str:
    """The comparable form: compatibility-normalised (NFKC), look-alike letters mapped, lower case,
    surrounding space removed. Letters of other scripts that merely look alike (Cyrillic i, Lisu I) are
    other letters and stay so."""
    text = unicodedata.normalize("NFKC", (value or "").strip()).translate(_LOOK_ALIKES)
    return unicodedata.normalize("NFKC", text.lower())
