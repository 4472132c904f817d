"""Country codes and their names in any language, from CLDR (Babel) and ISO 3166 (pycountry).

envcoop uses ISO 3166-1 alpha-2 codes, plus ``EU`` for the European Union, which
takes part in cooperation as a party in its own right.
"""

from __future__ import annotations

from functools import lru_cache

import pycountry
from babel import Locale, UnknownLocaleError

REGIONS = {"EU"}

# CLDR writes some names with a former name in brackets ("Myanmar (Burma)"); ASEAN
# documents use the short form. For these the bracket is dropped from display names
# and kept as an alias.
_BRACKETED_FORMER_NAMES = {"MM"}


class CountryError(ValueError):
    """Not a country code envcoop accepts."""


def clean_country(value: str) -> str:
    """Upper-case ISO 3166-1 alpha-2 code (or EU); accepts alpha-3 too ("THA" -> "TH")."""
    if not isinstance(value, str) or not value.strip():
        raise CountryError("a country code is required (ISO 3166-1, e.g. TH, VN, CN)")
    code = value.strip().upper()
    if code in REGIONS:
        return code
    if len(code) == 2 and pycountry.countries.get(alpha_2=code):
        return code
    if len(code) == 3:
        record = pycountry.countries.get(alpha_3=code)
        if record:
            return record.alpha_2
    raise CountryError(f"{value!r} is not an ISO 3166-1 country code")


@lru_cache(maxsize=4096)
def country_name(code: str, in_language: str = "en") -> str:
    """The CLDR short name of ``code`` in ``in_language`` ("LA", "vi" -> "Lào")."""
    try:
        locale = Locale.parse(in_language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        locale = Locale("en")
    name = locale.territories.get(code) or Locale("en").territories.get(code, code)
    if code in _BRACKETED_FORMER_NAMES and " (" in name:
        return name.split(" (", 1)[0]
    if code in _BRACKETED_FORMER_NAMES and "（" in name:
        return name.split("（", 1)[0]
    return name


def former_name(code: str, in_language: str) -> str | None:
    """The bracketed former name CLDR gives (Burma, พม่า, Miến Điện), if any."""
    if code not in _BRACKETED_FORMER_NAMES:
        return None
    try:
        locale = Locale.parse(in_language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None
    full = locale.territories.get(code, "")
    for opening, closing in ((" (", ")"), ("（", "）")):
        if opening in full and full.endswith(closing):
            return full.split(opening, 1)[1][: -len(closing)]
    return None


def iso_names(code: str) -> list[str]:
    """The ISO 3166 English names (short and official) that differ from CLDR's short name.

    ("LA" -> ["Lao People's Democratic Republic"]; "VN" -> ["Viet Nam",
    "Socialist Republic of Viet Nam"]). Documents use these forms too.
    """
    record = pycountry.countries.get(alpha_2=code)
    if record is None:
        return []
    names = [record.name, getattr(record, "official_name", None)]
    short = country_name(code, "en")
    result: list[str] = []
    for name in names:
        if name and name != short and name not in result:
            result.append(name)
    return result
