import datetime as dt

from envcoop.core.formatting import (
    display_year,
    format_money,
    format_number,
    format_partial_date,
    format_period,
)
from envcoop.core.partial_date import PartialDate as P


def test_thai_readers_see_buddhist_era_years():
    assert format_partial_date(P.parse("2023"), "th") == "พ.ศ. 2566"
    assert format_partial_date(P.parse("2023-08-22"), "th") == "22 ส.ค. 2566"
    assert format_partial_date(P.parse("2023-08"), "th") == "สิงหาคม 2566"
    assert display_year(2021, "th") == "พ.ศ. 2564"


def test_english_and_vietnamese_keep_the_common_era():
    assert format_partial_date(P.parse("2023-08-22"), "en") == "22 Aug 2023"
    assert format_partial_date(P.parse("2023-08"), "en") == "August 2023"
    assert format_partial_date(P.parse("2023-08"), "vi") == "tháng 8 năm 2023"
    assert format_partial_date(P.parse("2023"), "vi") == "2023"


def test_periods():
    assert format_period(P.parse("2023-08-22"), P.parse("2023-08-24"), "en") == "22–24 Aug 2023"
    assert format_period(P.parse("2023-08-22"), P.parse("2023-08-24"), "th") == "22–24 ส.ค. 2566"
    assert format_period(P.parse("2021"), P.parse("2025"), "en") == "2021–2025"
    assert format_period(P.parse("2021"), P.parse("2025"), "th") == "พ.ศ. 2564–2568"
    assert format_period(P.parse("2017"), None, "en") == "2017 –"
    assert format_period(None, None, "en") == ""
    # mixed precision: each side as precise as it is
    assert format_period(P.parse("2023"), P.parse("2024-03"), "en") == "2023 – March 2024"
    # a range over a year end keeps both years
    text = format_period(P.parse("2023-12-30"), P.parse("2024-01-02"), "th")
    assert "2566" in text and "2567" in text


def test_range_dashes_follow_our_house_style_not_the_cldr_release():
    """Babel 2.19 put thin spaces around the dash; what we print is decided here."""
    days = (P.parse("2023-08-22"), P.parse("2023-08-24"))
    across = (P.parse("2023-08-22"), P.parse("2023-09-03"))
    months = (P.parse("2023-08"), P.parse("2023-10"))
    for lang in ("en", "th", "vi", "id", "ms"):
        assert "–" in format_period(*days, lang)
        assert " –" not in format_period(*days, lang)  # two days of one month: no space
        assert format_period(*across, lang).count(" – ") == 1
        assert format_period(*months, lang).count(" – ") == 1
    assert format_period(*across, "vi") == "22 thg 8 – 3 thg 9, 2023"
    for text in (
        format_period(*pair, lang) for pair in (days, across, months) for lang in ("en", "vi")
    ):
        assert "\u2009" not in text and "\u202f" not in text


def test_numbers_and_money_follow_the_locale():
    assert format_number(1234567, "en") == "1,234,567"
    assert format_number(1234567, "vi") == "1.234.567"
    assert "1,500,000.00" in format_money(1500000, "USD", "th")
    assert format_partial_date(P.parse(dt.date(2000, 1, 1)), "th") == "1 ม.ค. 2543"
