"""The gazetteer of countries and territories (ISO 3166 alpha-2), read from data/countries.json.

Pure Python with no Django import, so the country picker in forms and the anonymizer share it.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

DATA_FILE = Path(__file__).with_name("data") / "countries.json"


@dataclass(frozen=True)
class Country:
    """One State or territory, with every way feedback may name it."""

    code: str
    name: str
    official_name: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    demonym_plurals: tuple[str, ...] = ()
    language_terms: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Return the short name, official name and aliases, without repeats."""
        return tuple(dict.fromkeys((self.name, self.official_name, *self.aliases)))

    @property
    def terms(self) -> tuple[str, ...]:
        """Return every name and demonym, since all of them identify the State."""
        return tuple(dict.fromkeys((*self.names, *self.demonyms, *self.demonym_plurals)))


def sort_key(text: str) -> str:
    """Fold accents and case so "Côte d'Ivoire" sorts beside "Costa Rica", not after "Zimbabwe"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _load(path: Path = DATA_FILE) -> tuple[Country, ...]:
    """Read the JSON gazetteer once at import; it is small and never changes at run time."""
    rows = json.loads(path.read_text(encoding="utf-8"))
    return tuple(
        Country(
            code=row["code"],
            name=row["name"],
            official_name=row.get("official_name") or row["name"],
            aliases=tuple(row.get("aliases", ())),
            demonyms=tuple(row.get("demonyms", ())),
            demonym_plurals=tuple(row.get("demonym_plurals", ())),
            language_terms=tuple(row.get("language_terms", ())),
        )
        for row in rows
    )


COUNTRIES: tuple[Country, ...] = _load()
COUNTRIES_BY_CODE: dict[str, Country] = {country.code: country for country in COUNTRIES}
COUNTRY_CHOICES: list[tuple[str, str]] = sorted(
    ((country.code, country.name) for country in COUNTRIES), key=lambda choice: sort_key(choice[1])
)


def get_country(code: str) -> Country | None:
    """Return the country for an ISO alpha-2 code in any case, or None when unknown."""
    return COUNTRIES_BY_CODE.get((code or "").strip().upper())


def is_country_code(code: str) -> bool:
    """Tell whether a code is in the gazetteer, for form and import validation."""
    return get_country(code) is not None


def country_name(code: str) -> str:
    """Return the short English name for display; an unknown code comes back as given."""
    country = get_country(code)
    return country.name if country else (code or "")
