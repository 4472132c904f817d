"""Dates, periods and numbers written the way a reader of each interface language expects.

Everything goes through CLDR (Babel). Thai readers count years in the Buddhist
era (2023 CE = 2566 BE); Babel formats the Gregorian calendar only, so years in
Thai output are shifted by 543 after formatting: a formatted date holds no other
four-digit number, so the shift cannot touch a day or a month.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from babel.dates import format_interval, format_skeleton
from babel.numbers import format_currency, format_decimal

from envcoop.core.partial_date import BUDDHIST_ERA_OFFSET, PartialDate, Precision

# The CLDR locale used to format for each interface language. English follows the
# day-month-year order used across the region rather than the US order.
_LOCALES = {"en": "en_GB", "th": "th_TH", "vi": "vi_VN", "id": "id_ID", "ms": "ms_MY"}

_SKELETON = {Precision.DAY: "yMMMd", Precision.MONTH: "yMMMM", Precision.YEAR: "y"}
_FOUR_DIGITS = re.compile(r"(?<!\d)(\d{4})(?!\d)")
# CLDR changes the spacing of its range patterns between releases (thin spaces around the
# dash since Babel 2.19, plain spaces or none before). Our house style does not follow it:
# no space between two days of one month ("22–24 Aug 2023"), one plain space otherwise
# ("22 Aug – 3 Sept 2023"), never a space in Chinese and Japanese.
_RANGE_DASH = re.compile(r"\s*[–-]\s*")
_NO_SPACE_LANGUAGES = {"zh", "ja"}


def babel_locale(lang: str) -> str:
    return _LOCALES.get(lang.split("-")[0], lang.replace("-", "_"))


def uses_buddhist_era(lang: str) -> bool:
    return lang.split("-")[0] == "th"


def to_buddhist_era(text: str) -> str:
    return _FOUR_DIGITS.sub(lambda m: str(int(m.group(1)) + BUDDHIST_ERA_OFFSET), text)


def display_year(year: int, lang: str) -> str:
    """A year on its own: "2023", or "พ.ศ. 2566" for Thai readers."""
    if uses_buddhist_era(lang):
        return f"พ.ศ. {year + BUDDHIST_ERA_OFFSET}"
    return str(year)


def format_partial_date(value: PartialDate | None, lang: str) -> str:
    """ "2023" / "Aug 2023" / "22 Aug 2023", in the reader's language, never more precise."""
    if value is None:
        return ""
    if value.precision is Precision.YEAR:
        return display_year(value.year, lang)
    text = format_skeleton(_SKELETON[value.precision], value.earliest(), locale=babel_locale(lang))
    return to_buddhist_era(text) if uses_buddhist_era(lang) else text


def format_date(value: dt.date | dt.datetime | None, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    return format_partial_date(PartialDate.parse(value), lang)


def format_period(start: PartialDate | None, end: PartialDate | None, lang: str) -> str:
    """A span such as "22–24 Aug 2023" or "2021–2025"; an open end shows as "2017 –"."""
    if start is None and end is None:
        return ""
    if start is None:
        return f"– {format_partial_date(end, lang)}"
    if end is None:
        return f"{format_partial_date(start, lang)} –"
    if start == end:
        return format_partial_date(start, lang)
    if start.precision is Precision.YEAR and end.precision is Precision.YEAR:
        if uses_buddhist_era(lang):
            offset = BUDDHIST_ERA_OFFSET
            return f"พ.ศ. {start.year + offset}–{end.year + offset}"
        return f"{start.year}–{end.year}"
    if start.precision == end.precision:
        text = format_interval(
            start.earliest(),
            end.earliest(),
            _SKELETON[start.precision],
            locale=babel_locale(lang),
        )
        same_month = start.precision is Precision.DAY and (start.year, start.month) == (
            end.year,
            end.month,
        )
        text = _tidy_range(text, tight=same_month, lang=lang)
        return to_buddhist_era(text) if uses_buddhist_era(lang) else text
    return f"{format_partial_date(start, lang)} – {format_partial_date(end, lang)}"


def _tidy_range(text: str, *, tight: bool, lang: str) -> str:
    """The dash of a formatted range in our house style, whatever CLDR's spacing of the day."""
    dash = "–" if tight or lang.split("-")[0] in _NO_SPACE_LANGUAGES else " – "
    return _RANGE_DASH.sub(dash, text, count=1)


def format_number(value: int | float | Decimal | None, lang: str) -> str:
    if value is None:
        return ""
    return format_decimal(value, locale=babel_locale(lang))


def format_money(amount: Decimal | int | float | None, currency: str, lang: str) -> str:
    if amount is None:
        return ""
    return format_currency(amount, currency, locale=babel_locale(lang))
