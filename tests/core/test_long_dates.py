"""Dates written out in full (reports), dates the sources disagree on, and place names from
CLDR. Month and city names are checked against Babel itself, so a new CLDR release does not
break the tests; what is asserted is our own form (order, dashes, "or", the Vietnamese
official words, Buddhist-era years)."""

import datetime as dt

from babel.dates import format_date, get_timezone_location

from envcoop.core.long_dates import format_date_alternatives, format_long_date, format_long_period
from envcoop.core.partial_date import PartialDate as P
from envcoop.core.places import place_in


def month(number: int, locale: str) -> str:
    return format_date(dt.date(2023, number, 1), "LLLL", locale=locale)


def test_vietnamese_long_dates_are_in_the_official_form():
    assert format_long_date(P.parse("2023-08-22"), "vi") == "ngày 22 tháng 8 năm 2023"
    assert format_long_date(P.parse("2023-08"), "vi") == "tháng 8 năm 2023"
    assert format_long_date(P.parse("2023"), "vi") == "năm 2023"
    assert (
        format_long_period(P.parse("2023-08-22"), P.parse("2023-08-24"), "vi")
        == "ngày 22–24 tháng 8 năm 2023"
    )
    assert (
        format_long_period(P.parse("2023-08-30"), P.parse("2023-09-02"), "vi")
        == "ngày 30 tháng 8 đến ngày 2 tháng 9 năm 2023"
    )
    assert (
        format_long_period(P.parse("2023-12-30"), P.parse("2024-01-02"), "vi")
        == "ngày 30 tháng 12 năm 2023 đến ngày 2 tháng 1 năm 2024"
    )
    assert format_long_period(P.parse("2017"), None, "vi") == "từ năm 2017"
    for text in (
        format_long_date(P.parse("2023-08-22"), "vi"),
        format_long_period(P.parse("2023-08-22"), P.parse("2023-09-24"), "vi"),
    ):
        assert "thg" not in text and "," not in text  # not CLDR's abbreviated form


def test_english_and_thai_long_dates_spell_the_month_and_thai_counts_buddhist_era():
    august, september = month(8, "en_GB"), month(9, "en_GB")
    assert format_long_date(P.parse("2023-08-22"), "en") == f"22 {august} 2023"
    assert (
        format_long_period(P.parse("2023-08-22"), P.parse("2023-08-24"), "en")
        == f"22–24 {august} 2023"
    )
    assert (
        format_long_period(P.parse("2023-08-30"), P.parse("2023-09-02"), "en")
        == f"30 {august} – 2 {september} 2023"
    )
    thai_august = month(8, "th_TH")
    assert format_long_date(P.parse("2023-08-22"), "th") == f"22 {thai_august} 2566"
    assert format_long_date(P.parse("2023"), "th") == "พ.ศ. 2566"
    assert (
        format_long_period(P.parse("2023-08-22"), P.parse("2023-08-24"), "th")
        == f"22–24 {thai_august} 2566"
    )
    span = format_long_period(P.parse("2023-12-30"), P.parse("2024-01-02"), "th")
    assert "2566" in span and "2567" in span and "2023" not in span


def test_dates_sources_disagree_on_are_joined_with_the_readers_or():
    days = [(P.parse("2023-08-21"), None), (P.parse("2023-08-22"), None)]
    assert format_date_alternatives(days, "en") == f"21 or 22 {month(8, 'en_GB')} 2023"
    assert format_date_alternatives(days, "vi") == "ngày 21 hoặc 22 tháng 8 năm 2023"
    assert format_date_alternatives(days, "th") == f"21 หรือ 22 {month(8, 'th_TH')} 2566"
    spans = [
        (P.parse("2025-10-13"), P.parse("2025-10-14")),
        (P.parse("2025-10-14"), P.parse("2025-10-15")),
    ]
    october = month(10, "en_GB")
    assert format_date_alternatives(spans, "en") == f"13–14 {october} 2025 or 14–15 {october} 2025"
    years = [(P.parse("2017"), None), (P.parse("2018-03"), None)]
    assert format_date_alternatives(years, "en") == f"2017 or {month(3, 'en_GB')} 2018"


def test_places_cldr_knows_are_written_in_the_readers_language():
    for lang, locale in (("th", "th"), ("vi", "vi"), ("en", "en")):
        expected = get_timezone_location("Asia/Vientiane", locale=locale, return_city=True)
        assert place_in("Vientiane", lang, "LA") == expected
        assert place_in("เวียงจันทน์", lang, "LA") == expected  # from any language it knows
    assert place_in("Vientiane", "th") != "Vientiane"  # without a country too
    assert place_in("Vientiane", "th", "TH") == "Vientiane"  # not a place in that country
    assert place_in("ตราด", "en", "TH") == "ตราด"  # unknown to CLDR: as written
    assert place_in("", "th") == ""
