"""The time zones people choose from: their country (and area, where a country has several clocks),
grouped by region, current zone names only.

Read from the IANA database's zone.tab (shipped with the tzdata package), which lists the current zones
by country; places of one country keeping the same clocks today are offered once. The hundreds of old
aliases (US/Eastern, Asia/Calcutta, Europe/Kiev...) stay valid for accounts that already have one but
are not offered.
"""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta
from functools import cache
from importlib import resources
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participants.countries import country_name

REGIONS = {
    "Africa": _("Africa"),
    "America": _("Americas"),
    "Antarctica": _("Antarctica"),
    "Arctic": _("Arctic"),
    "Asia": _("Asia"),
    "Atlantic": _("Atlantic Ocean"),
    "Australia": _("Australia"),
    "Europe": _("Europe"),
    "Indian": _("Indian Ocean"),
    "Pacific": _("Pacific Ocean"),
}
SYSTEM_ZONE_TAB = Path("/usr/share/zoneinfo/zone.tab")


def _zone_tab() -> str:
    try:
        return resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return SYSTEM_ZONE_TAB.read_text(encoding="utf-8")


def _offsets(name: str, year: int) -> tuple[timedelta | None, ...]:
    """The zone's offset from UTC in January and in July: two places with the same keep the same clocks."""
    zone = zoneinfo.ZoneInfo(name)
    return tuple(datetime(year, month, 15, 12, tzinfo=zone).utcoffset() for month in (1, 7))


def _places(year: int) -> dict[str, list[tuple[str, str]]]:
    """Region -> (zone, label): one place per country and distinct clock, the database's first for it."""
    rows = [line.split("\t") for line in _zone_tab().splitlines() if line and not line.startswith("#")]
    per_country: dict[str, int] = {}
    for row in rows:
        per_country[row[0]] = per_country.get(row[0], 0) + 1
    grouped: dict[str, list[tuple[str, str]]] = {}
    seen: set[tuple[str, tuple]] = set()
    for country, _coordinates, name, *comment in rows:
        region, clocks = name.split("/", 1)[0], (country, _offsets(name, year))
        if region not in REGIONS or clocks in seen:
            continue
        seen.add(clocks)
        label = country_name(country)
        if per_country[country] > 1:
            label = f"{label}: {comment[0] if comment else name.rsplit('/', 1)[-1].replace('_', ' ')}"
        grouped.setdefault(region, []).append((name, label))
    return grouped


@cache
def zone_choices() -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """(region, ((zone, “Country” or “Country: area”), ...)) for a grouped select, in alphabetical order."""
    grouped = _places(timezone.now().year)
    regions = [
        (str(REGIONS[region]), tuple(sorted(zones, key=lambda item: item[1].casefold())))
        for region, zones in sorted(grouped.items(), key=lambda item: str(REGIONS[item[0]]))
    ]
    return (*regions, (str(_("Universal time")), (("UTC", "UTC"),)))


def is_offered(name: str) -> bool:
    return any(name == zone for _region, zones in zone_choices() for zone, _label in zones)


def is_known(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def validate_time_zone(name: str) -> None:
    """Any name the time-zone database knows, old aliases included (accounts may already have one)."""
    if name and not is_known(name):
        raise ValidationError(_("“%(name)s” is not a time zone."), params={"name": name})
