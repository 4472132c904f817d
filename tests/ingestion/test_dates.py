"""Dates in the five languages: every form of the contract, ranges, partial dates, relative dates,
and the numbers that are not dates."""

import pytest

from envcoop.core.partial_date import PartialDate
from envcoop.ingestion.extractors.dates import find_dateline, find_dates
from envcoop.ingestion.normalise import Reading


def found(text: str, language: str, dateline: str | None = None) -> list[tuple[str, str | None]]:
    reading = Reading.of(text)
    line = PartialDate.parse(dateline) if dateline else None
    return [
        (str(m.value), str(m.end_value) if m.end_value else None)
        for m in find_dates(reading.text, language, line)
    ]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # Thai: Buddhist era, abbreviated and full months, Thai digits, ranges
        ("th", "18 มิ.ย. 2566", [("2023-06-18", None)]),
        ("th", "๑๘ มิ.ย. ๒๕๖๖", [("2023-06-18", None)]),
        ("th", "เมื่อวันที่ 22 - 24 มิถุนายน 2565", [("2022-06-22", "2022-06-24")]),
        ("th", "พ.ศ. 2564 - 2568", [("2021", "2025")]),
        ("th", "ในปี พ.ศ. 2560", [("2017", None)]),
        ("th", "ระหว่างวันที่ 30 พ.ย. - 12 ธ.ค. 2566", [("2023-11-30", "2023-12-12")]),
        ("th", "เดือนมกราคม - เมษายน 2566", [("2023-01", "2023-04")]),
        ("th", "ต.ค. 2566", [("2023-10", None)]),
        (
            "th",
            "ASEAN - China Environmental Cooperation Week 2022",
            [("2022", None)],
        ),  # CE year stays
        ("th", "ไตรมาสแรกของ ปี พ.ศ. 2564", [("2021-01", "2021-03")]),
        # Vietnamese
        ("vi", "ngày 22-24/8/2023", [("2023-08-22", "2023-08-24")]),
        ("vi", "15-16/8/2018", [("2018-08-15", "2018-08-16")]),
        ("vi", "ngày 22-24 tháng 8 năm 2023", [("2023-08-22", "2023-08-24")]),
        ("vi", "ngày 5 tháng 6 năm 2023", [("2023-06-05", None)]),
        ("vi", "tháng 8 năm 2023", [("2023-08", None)]),
        ("vi", "cuối tháng 7 năm 2023", [("2023-07", None)]),
        ("vi", "giai đoạn 2021-2025", [("2021", "2025")]),
        ("vi", "từ tháng 3/2022 đến tháng 12/2024", [("2022-03", "2024-12")]),
        ("vi", "Từ ngày 29/11 đến ngày 1/12/2023", [("2023-11-29", "2023-12-01")]),
        ("vi", "quý I năm 2024", [("2024-01", "2024-03")]),
        # Indonesian and Malay
        ("id", "22-24 Agustus 2023", [("2023-08-22", "2023-08-24")]),
        ("id", "Selasa (22/8/2023)", [("2023-08-22", None)]),
        ("id", "tahun 2024", [("2024", None)]),
        ("id", "semester kedua 2024", [("2024-07", "2024-12")]),
        ("ms", "22 hingga 24 Ogos 2023", [("2023-08-22", "2023-08-24")]),
        ("ms", "Ogos 2023", [("2023-08", None)]),
        ("ms", "Mac 2024", [("2024-03", None)]),
        ("ms", "antara 14 dan 15 September 2023", [("2023-09-14", "2023-09-15")]),
        ("ms", "pada 14 dan 15 September 2023", [("2023-09-14", "2023-09-15")]),
        ("en", "on 14 and 15 September 2023", [("2023-09-14", "2023-09-15")]),
        # English
        ("en", "22–24 August 2023", [("2023-08-22", "2023-08-24")]),
        ("en", "August 22-24, 2023", [("2023-08-22", "2023-08-24")]),
        ("en", "from 30 November to 12 December 2023", [("2023-11-30", "2023-12-12")]),
        ("en", "22 August 2023 – 2 September 2024", [("2023-08-22", "2024-09-02")]),
        ("en", "6 Sep 2024 and 7 Sept 2024", [("2024-09-06", None), ("2024-09-07", None)]),
        ("en", "in 2021", [("2021", None)]),
        ("en", "the 2021–2025 plan", [("2021", "2025")]),
        ("en", "between 2019 and 2022", [("2019", "2022")]),
        ("en", "in the first half of 2024", [("2024-01", "2024-06")]),
        ("en", "Q1 2025", [("2025-01", "2025-03")]),
        ("en", "in mid-2024", [("2024", None)]),
        ("en", "2023-08-22", [("2023-08-22", None)]),
        # capitals in letterheads, "s.d." (sampai dengan), month ranges with one year
        ("ms", "25 OGOS 2023", [("2023-08-25", None)]),
        ("id", "2 Mei s.d. 31 Mei 2025", [("2025-05-02", "2025-05-31")]),
        ("id", "1 Juni s/d 5 Juni 2025", [("2025-06-01", "2025-06-05")]),
        ("vi", "trong tháng 3-4/2002", [("2002-03", "2002-04")]),
        ("th", "เดือนเมษายน 2566 ถึงมีนาคม 2568", [("2023-04", "2025-03")]),
    ],
)
def test_written_dates(language, text, expected):
    assert found(text, language) == expected


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "the 17th AMME and the 33rd ASOEN"),
        ("en", "1,200 participants, 2500 ha of peatland, US$ 2,500 and 45%"),
        ("en", "at 9:30 a.m., Room 2023, COP28 and COP 28"),
        ("en", "call +62 21 2023 4567"),
        ("en", "Decision No. 2016/QĐ-BTNMT"),
        ("th", "ครั้งที่ 17 เป็นเวลา 30 ปี จำนวน 2500 ตัว"),
        ("th", "1120 คน"),
        ("vi", "Hội nghị lần thứ 34 với 1.200 đại biểu, Quyết định số 2016/QĐ-BTNMT"),
        ("id", "Pertemuan ke-24 pukul 14.00 WIB dengan 2.500 hektar"),
        ("ms", "Mesyuarat Ke-17 pada pukul 9.30 pagi"),
        ("en", "the meeting may consider it"),
    ],
)
def test_numbers_that_are_not_dates(language, text):
    assert found(text, language) == []


@pytest.mark.parametrize(
    ("language", "text", "dateline", "expected"),
    [
        ("en", "this October", "2023-08-25", [("2023-10", None)]),
        ("en", "last October", "2023-08-25", [("2022-10", None)]),
        ("en", "next month", "2024-09-06", [("2024-10", None)]),
        ("en", "yesterday", "2024-09-06", [("2024-09-05", None)]),
        ("en", "on Monday", "2023-08-25", [("2023-08-21", None)]),
        ("en", "last year", "2023-08-25", [("2022", None)]),
        ("en", "in early April", "2024-03-15", [("2024-04", None)]),
        ("th", "เมื่อวันจันทร์ที่ผ่านมา", "2023-06-18", [("2023-06-12", None)]),
        ("th", "ในเดือนตุลาคมนี้", "2023-06-18", [("2023-10", None)]),
        ("th", "ปีหน้า", "2023-06-18", [("2024", None)]),
        ("vi", "tháng 10 này", "2023-08-25", [("2023-10", None)]),
        ("vi", "vào thứ Ba tuần trước", "2023-08-25", [("2023-08-22", None)]),
        ("vi", "năm ngoái", "2023-08-25", [("2022", None)]),
        ("id", "pada hari Senin lalu", "2023-08-22", [("2023-08-21", None)]),
        ("id", "Oktober mendatang", "2023-08-22", [("2023-10", None)]),
        ("id", "tahun depan", "2023-08-22", [("2024", None)]),
        ("ms", "Isnin lepas", "2023-08-25", [("2023-08-21", None)]),
        ("ms", "22 hingga 24 Ogos", "2023-08-25", [("2023-08-22", "2023-08-24")]),
        # two days or a day range without a year, and a month of this or next year
        ("en", "met on 17 and 18 June", "2025-06-19", [("2025-06-17", "2025-06-18")]),
        ("vi", "Trong hai ngày 15-16/4, tại", "2025-04-17", [("2025-04-15", "2025-04-16")]),
        ("vi", "khai mạc lúc 8h00 sáng 15/4.", "2025-04-17", [("2025-04-15", None)]),
        ("vi", "vào tháng 10 năm nay", "2025-04-17", [("2025-10", None)]),
        ("en", "in October next year", "2025-04-17", [("2026-10", None)]),
        ("id", "pada Oktober tahun depan", "2025-04-17", [("2026-10", None)]),
        ("ms", "September tahun lepas", "2025-04-17", [("2024-09", None)]),
        ("th", "ในเดือนตุลาคมปีนี้", "2025-04-17", [("2025-10", None)]),
        # a day and month with "ที่ผ่านมา" is that day, not "last July"
        ("th", "เมื่อวันที่ 8 ก.ค. ที่ผ่านมา", "2025-07-14", [("2025-07-08", None)]),
    ],
)
def test_relative_dates_are_resolved_against_the_dateline(language, text, dateline, expected):
    assert found(text, language, dateline) == expected


def test_relative_dates_are_left_out_without_a_dateline():
    assert found("The meeting was held on Monday, this October and next year.", "en") == []


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("th", "ข่าวประชาสัมพันธ์\n1120 18 มิ.ย. 2566\n\nเนื้อหา", "2023-06-18"),
        ("en", "VIENTIANE, 24 August 2023 – The 17th AMME", "2023-08-24"),
        ("id", "Jakarta, Selasa (22/8/2023) - Pertemuan", "2023-08-22"),
        ("vi", "Thúc đẩy hợp tác\n\nNăm 2023 hợp tác ASEAN", None),
        # the time of day after the date, a labelled line of minutes, Markdown emphasis
        ("vi", "Đoàn Việt Nam tham dự\n\nThứ Sáu, 25/08/2023 16:40\n\nTrong", "2023-08-25"),
        ("th", "รายงานการประชุม\n\nวันที่ประชุม: วันพุธที่ 19 มิถุนายน 2567 เวลา 13.30 น.", "2024-06-19"),
        ("id", "# Buletin\n\n*Pontianak, 11 Juli 2025*\n\nPertemuan", "2025-07-11"),
        (
            "en",
            "SUMMARY RECORD\n\nWorkshop\n\nDate: 3–4 June 2025\nVenue: Hotel\nChair: KLH\nCirculated: 20 June 2025\n",
            "2025-06-20",
        ),
        # a letter signed at its foot
        (
            "id",
            "PENGUMUMAN\n\nPendaftaran dibuka.\n\nJakarta, 28 April 2025\nDirektur",
            "2025-04-28",
        ),
        ("en", "Notes\n\nThe plan runs to 2030.\n\nIt was adopted on 5 May 2025.", None),
    ],
)
def test_datelines(language, text, expected):
    dateline = find_dateline(Reading.of(text).text, language)
    assert (str(dateline) if dateline else None) == expected
