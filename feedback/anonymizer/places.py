"""Capital cities and regions: softer signals than a State's name, removed when they point at a participant's State.

A capital of a State that has a registered participant names that State as surely as its name does. A
region ("West Africa", "the Nordic countries") identifies when fewer than min_cell registered States lie in
it. Every other capital or region stays in the text and is reported for the Chair to review.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from feedback.anonymizer.lexicon import COMMON_WORDS
from feedback.anonymizer.text import fold_tokens

DATA = Path(__file__).with_name("data") / "places.json"


@cache
def _places() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Return (capital key -> its State, region key -> its States), keys folded."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    capitals: dict[str, frozenset[str]] = {}
    for code, names in data["capitals"].items():
        for name in names:
            key = " ".join(fold_tokens(name))
            if key and key not in COMMON_WORDS:  # "Male" (Maldives) is mostly an adjective
                capitals[key] = capitals.get(key, frozenset()) | {code}
    regions: dict[str, frozenset[str]] = {}
    for region in data["regions"]:
        for name in region["names"]:
            key = " ".join(fold_tokens(name.removeprefix("the ")))
            regions[key] = frozenset(region["states"])
    return capitals, regions


def entries(countries: set[str], min_cell: int) -> dict[str, bool]:
    """Return every place's folded key and whether it must go for a registry from these States."""
    capitals, regions = _places()
    found = {key: bool(states & countries) for key, states in capitals.items()}
    for key, states in regions.items():
        present = len(states & countries)
        found[key] = 0 < present < min_cell
    return found
