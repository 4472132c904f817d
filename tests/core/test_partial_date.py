import datetime as dt

import pytest

from envcoop.core.partial_date import PartialDate, PartialDateError, Precision


@pytest.mark.parametrize(
    ("text", "precision", "earliest", "latest"),
    [
        ("2024", Precision.YEAR, dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        ("2023-08", Precision.MONTH, dt.date(2023, 8, 1), dt.date(2023, 8, 31)),
        ("2024-02", Precision.MONTH, dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2023-08-22", Precision.DAY, dt.date(2023, 8, 22), dt.date(2023, 8, 22)),
    ],
)
def test_parse_keeps_exactly_the_precision_given(text, precision, earliest, latest):
    value = PartialDate.parse(text)
    assert value.precision is precision
    assert value.earliest() == earliest
    assert value.latest() == latest
    assert value.isoformat() == text


def test_no_precision_is_invented():
    assert PartialDate.parse("2023-08").as_date() is None
    assert PartialDate.parse("2023").as_date() is None
    assert PartialDate.parse("2023-08-22").as_date() == dt.date(2023, 8, 22)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "23",
        "2023-8",
        "2023-13",
        "2023-02-29",
        "2023-04-31",
        "August 2023",
        "2023/08/22",
        "1850",
        "2023-08-22T10:00",
        "２０２３",
    ],
)
def test_rejects_what_is_not_a_date(text):
    with pytest.raises(PartialDateError):
        PartialDate.parse(text)


def test_day_without_month_is_refused():
    with pytest.raises(PartialDateError):
        PartialDate(2023, None, 5)


def test_sorting_puts_a_year_before_its_months_and_days():
    values = [PartialDate.parse(t) for t in ["2023-08-22", "2022", "2023", "2023-08", "2023-01-05"]]
    assert [v.isoformat() for v in sorted(values)] == [
        "2022",
        "2023",
        "2023-01-05",
        "2023-08",
        "2023-08-22",
    ]
    # the text form sorts the same way, which is what the database relies on
    assert sorted(v.isoformat() for v in values) == [v.isoformat() for v in sorted(values)]


def test_dates_pass_through_and_contains():
    value = PartialDate.parse(dt.date(2022, 6, 24))
    assert value == PartialDate(2022, 6, 24)
    assert PartialDate.parse("2022-06").contains(dt.date(2022, 6, 24))
    assert not PartialDate.parse("2022-06").contains(dt.date(2022, 7, 1))


def test_parse_optional():
    assert PartialDate.parse_optional(None) is None
    assert PartialDate.parse_optional("  ") is None
    assert PartialDate.parse_optional("2021") == PartialDate(2021)
