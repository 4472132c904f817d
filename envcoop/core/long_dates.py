"""Dates written out in full, as a report or a letter writes them, and dates the sources
disagree on.

"22 August 2023", "22 สิงหาคม 2566", and in Vietnamese the official form of
administrative texts: "ngày 22 tháng 8 năm 2023", "tháng 8 năm 2023", "năm 2023"
(CLDR's own long Vietnamese pattern is "22 tháng 8, 2023"). Ranges keep that style:
"22–24 August 2023", "22 August – 2 September 2023", "ngày 22–24 tháng 8 năm 2023",
"ngày 30 tháng 8 đến ngày 2 tháng 9 năm 2023". Dates the sources disagree on are listed
with the reader's "or" (CLDR list patterns): "21 or 22 August 2023", "ngày 21 hoặc 22
tháng 8 năm 2023". Thai years are Buddhist-era, as everywhere else (see formatting).
"""

from __future__ import annotations

from babel.dates import format_date, format_skeleton
from babel.lists import format_list

from envcoop.core.formatting import (
    babel_locale,
    display_year,
    format_period,
    to_buddhist_era,
    uses_buddhist_era,
)
from envcoop.core.partial_date import PartialDate, Precision

_DASH = "–"


def _vietnamese(value: PartialDate, *, year: bool = True) -> str:
    """ "ngày 22 tháng 8 năm 2023", or without the year ("ngày 30 tháng 8") when the end
    of a range gives it."""
    parts: list[str] = []
    if value.precision is Precision.DAY:
        parts += ["ngày", str(value.day)]
    if value.precision >= Precision.MONTH:
        parts += ["tháng", str(value.month)]
    if year:
        parts += ["năm", str(value.year)]
    return " ".join(parts)


def _day_first(lang: str) -> bool:
    """Whether the language writes the day before the month ("22 August 2023")."""
    sample = format_skeleton(
        "yMMMMd", PartialDate(2023, 8, 22).earliest(), locale=babel_locale(lang)
    )
    return sample.startswith("22")


def format_long_date(value: PartialDate | None, lang: str) -> str:
    """ "22 August 2023" / "August 2023" / "2023", never more precise than known."""
    if value is None:
        return ""
    if lang.split("-")[0] == "vi":
        return _vietnamese(value)
    if value.precision is Precision.YEAR:
        return display_year(value.year, lang)
    skeleton = "yMMMMd" if value.precision is Precision.DAY else "yMMMM"
    text = format_skeleton(skeleton, value.earliest(), locale=babel_locale(lang))
    return to_buddhist_era(text) if uses_buddhist_era(lang) else text


def _without_year(value: PartialDate, lang: str) -> str:
    if value.precision is Precision.DAY:
        return format_skeleton("MMMMd", value.earliest(), locale=babel_locale(lang))
    return format_date(value.earliest(), "LLLL", locale=babel_locale(lang))  # the full month


def format_long_period(start: PartialDate | None, end: PartialDate | None, lang: str) -> str:
    """A span written out: "22–24 August 2023", "ngày 22–24 tháng 8 năm 2023"; an open end
    shows as "2017 –" ("từ năm 2017" in Vietnamese)."""
    vietnamese = lang.split("-")[0] == "vi"
    if start is None and end is None:
        return ""
    if start is None:
        return (
            f"đến {format_long_date(end, lang)}"
            if vietnamese
            else f"{_DASH} {format_long_date(end, lang)}"
        )
    if end is None:
        return (
            f"từ {format_long_date(start, lang)}"
            if vietnamese
            else f"{format_long_date(start, lang)} {_DASH}"
        )
    if start == end:
        return format_long_date(start, lang)
    if start.precision is Precision.YEAR and end.precision is Precision.YEAR:
        if vietnamese:
            return f"năm {start.year}{_DASH}{end.year}"
        return format_period(start, end, lang)
    if start.precision != end.precision or start.year != end.year:
        return _joined(format_long_date(start, lang), format_long_date(end, lang), lang)
    same_month = start.month == end.month
    if vietnamese:
        if start.precision is Precision.DAY and same_month:
            return f"ngày {start.day}{_DASH}{end.day} tháng {end.month} năm {end.year}"
        return f"{_vietnamese(start, year=False)} đến {_vietnamese(end)}"
    if not _day_first(lang):
        return format_period(start, end, lang)
    if start.precision is Precision.DAY and same_month:
        return f"{start.day}{_DASH}{format_long_date(end, lang)}"
    return f"{_without_year(start, lang)} {_DASH} {format_long_date(end, lang)}"


def _joined(first: str, last: str, lang: str) -> str:
    if lang.split("-")[0] == "vi":
        return f"{first} đến {last}"
    return f"{first} {_DASH} {last}"


def format_date_alternatives(
    values: list[tuple[PartialDate, PartialDate | None]], lang: str
) -> str:
    """Dates (or spans) that sources disagree on, as one phrase: "21 or 22 August 2023",
    "13–14 October 2025 or 14–15 October 2025". A span without an end is one date."""
    spans = [(start, end if end != start else None) for start, end in values]
    singles = [start for start, end in spans if end is None]
    locale = babel_locale(lang)
    if (
        len(singles) == len(spans) > 1
        and all(day.precision is Precision.DAY for day in singles)
        and len({(day.year, day.month) for day in singles}) == 1
    ):
        days = format_list([str(day.day) for day in singles], style="or", locale=locale)
        month = PartialDate(singles[0].year, singles[0].month)
        if lang.split("-")[0] == "vi":
            return f"ngày {days} {_vietnamese(month)}"
        if _day_first(lang):
            return f"{days} {format_long_date(month, lang)}"
    shown = [
        format_long_period(start, end, lang) if end else format_long_date(start, lang)
        for start, end in spans
    ]
    return format_list(shown, style="or", locale=locale)
