"""Place names in the reader's language, where CLDR knows the place.

CLDR (Babel) names the cities of its time zones in every locale: Vientiane is
"เวียงจันทน์" in Thai and "Viêng Chăn" in Vietnamese, Ho Chi Minh City "นครโฮจิมินห์".
A place written as any of those names (in any of the languages below) is shown in the
reader's; any other place is shown as it was written. A country's own name is the
registry's business (``Country.name_in``), not this module's.
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale
from babel.core import get_global

from envcoop.core.folding import fold
from envcoop.core.formatting import babel_locale

# The languages a place may be written in (the region's, as CLDR spells its cities).
_SOURCE_LANGUAGES = ("en", "th", "vi", "id", "ms", "fil", "km", "lo", "my", "zh")


def _root_city(zone: str) -> str:
    """The city CLDR's root locale derives from the zone's id ("Asia/Ho_Chi_Minh")."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def _city(zone: str, lang: str) -> str:
    zones = Locale.parse(babel_locale(lang)).time_zones
    return zones.get(zone, {}).get("city") or _root_city(zone)


@lru_cache(maxsize=1)
def _zones_by_name() -> dict[str, tuple[str, str]]:
    """A folded city name -> (time zone, territory), over every zone CLDR places."""
    territories: dict[str, str] = get_global("zone_territories")
    index: dict[str, tuple[str, str]] = {}
    for zone, territory in territories.items():
        if "/" not in zone or zone.startswith("Etc/"):
            continue
        for lang in _SOURCE_LANGUAGES:
            index.setdefault(fold(_city(zone, lang)), (zone, territory))
    return index


def place_in(place: str, lang: str, country: str | None = None) -> str:
    """``place`` as a reader of ``lang`` writes it when CLDR knows it (and it lies in
    ``country``, an ISO code, when one is given); else ``place`` unchanged."""
    if not place:
        return place
    found = _zones_by_name().get(fold(place))
    if found is None or (country and found[1] != country.upper()):
        return place
    return _city(found[0], lang)


def same_place(first: str, second: str) -> bool:
    """Whether two written places are one city CLDR knows ("Vientiane", "เวียงจันทน์" and
    "Viêng Chăn"), or are written alike."""
    if fold(first) == fold(second):
        return True
    one, other = _zones_by_name().get(fold(first)), _zones_by_name().get(fold(second))
    return one is not None and one == other
