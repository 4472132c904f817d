"""Dates, months, years and ranges in Thai, Vietnamese, English, Indonesian and Malay.

Month and weekday names come from CLDR (through each language's profile). A date is
kept exactly as precise as it is written: "2023", "August 2023", "22 August 2023".
Thai Buddhist-era years are converted (2566 -> 2023) when marked (พ.ศ., B.E.) or
when a Thai text writes a year in the Buddhist-era range; a Gregorian year in Thai
text stays as it is. Ranges give a start and an end, the end borrowing a missing
month or year from the other side ("22 - 24 มิถุนายน 2565"). Relative expressions
("this October", "last Tuesday", "hôm qua") are resolved against the document's
dateline and left out when it has none. Ordinals, counts, times of day, money and
phone numbers are not dates.

How it works: a handful of patterns, built per language from shared pieces (day,
month, year, range separator), find candidate spans; the longest non-overlapping
candidates win; bare years are looked for last, in what is left.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache

from envcoop.core.partial_date import BUDDHIST_ERA_OFFSET, PartialDate, PartialDateError
from envcoop.ingestion.extractors.base import Claim, Context
from envcoop.ingestion.languages import profile as language_profile
from envcoop.ingestion.languages.base import LanguageProfile
from envcoop.ingestion.spans import Spans

NAME = "dates"
VERSION = "1"

# Years a bare four-digit number may be (a date with a day or month may be any year from 1900).
BARE_YEARS = range(1945, 2101)
THAI_BARE_YEARS = range(
    BARE_YEARS.start + BUDDHIST_ERA_OFFSET, BARE_YEARS.stop + BUDDHIST_ERA_OFFSET
)

# Buddhist era: Thai พ.ศ., Khmer ព.ស., Lao ພ.ສ.; common era: ค.ศ., គ.ស., ຄ.ສ.
_ERA_BE = r"(?:พ\.\s?ศ\.?|ព\.\s?ស\.?|ພ\.\s?ສ\.?|B\.\s?E\.?|BE)"
_ERA_CE = r"(?:ค\.\s?ศ\.?|គ\.\s?ស\.?|ຄ\.\s?ສ\.?|C\.\s?E\.?|CE|AD|A\.D\.)"


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    value: PartialDate
    end_value: PartialDate | None = None
    relative: bool = False


# ------------------------------------------------------------------ pieces


def _month_alternation(names: dict[str, int], latin: bool) -> str:
    """A regex alternation of month names, longest first; Thai abbreviations tolerate spacing."""
    patterns = []
    for name in sorted(names, key=len, reverse=True):
        if not name:
            continue
        if latin:
            escaped = re.escape(name)
            if name[-1] != "." and len(name) <= 4:
                escaped += r"\.?"
            escaped = escaped.replace(r"\ ", r"\s+")
            patterns.append(escaped)
        else:
            pieces = [re.escape(piece) for piece in name.split(".")]
            escaped = r"\.\s?".join(pieces)
            if name.endswith("."):
                escaped = (
                    escaped[: -len(r"\.\s?")] + r"\.?" if escaped.endswith(r"\.\s?") else escaped
                )
            patterns.append(escaped)
    return "|".join(dict.fromkeys(patterns))


@dataclass(frozen=True)
class _Rule:
    """One way of writing a date.

    Patterns are written to start with a digit or a word so that the regular expression
    engine skips, in C, every position where they cannot start (a pattern opening with an
    optional word or a look-behind is tried at every character: several times slower).
    What may stand before the start is checked after a match instead:

    - ``lead``: words the date takes in when they precede it ("ngày", "วันที่", "เดือน"); with
      ``lead_required`` the date exists only after them ("in April", "Selasa (22/8)");
    - ``window``: patterns that must keep an opening assertion run only around the anchors
      they contain (``(anchor name, characters before, characters after)``).
    """

    name: str
    pattern: re.Pattern
    handler: Callable[..., tuple[PartialDate, PartialDate | None]]
    lead: re.Pattern | None = None
    lead_required: bool = False
    not_after: str = ""  # characters that may not stand right before the date
    window: tuple[str, int, int] | None = None
    at_months: bool = False  # starts with a month name: tried only where one is written


@dataclass
class _Grammar:
    profile: LanguageProfile
    month_lookup: dict[str, int]
    rules: list[_Rule]
    bare_year: re.Pattern
    relative: list[tuple[re.Pattern, Callable[..., tuple[PartialDate, PartialDate | None] | None]]]
    thai: bool
    month: re.Pattern  # a month name or "tháng 8": where the rules led by a month can start


@lru_cache(maxsize=4096)
def _key(text: str) -> str:
    """A month name as looked up: no spaces, lower case, no final full stop (cached: the
    same few names are looked up in every document)."""
    return _SPACES.sub("", text).lower().rstrip(".")


_SPACES = re.compile(r"\s+")


@cache
def _english_us_months() -> dict[str, int]:
    """American English abbreviations ("Sep") beside the British ones ("Sept") of the en profile."""
    from babel import Locale

    months = Locale("en").months["format"]
    return {
        name: number for width in ("wide", "abbreviated") for number, name in months[width].items()
    }


@cache
def grammar(language: str) -> _Grammar:
    profile = language_profile(language)
    thai = language == "th"
    english = language_profile("en")
    names = dict(profile.months)
    english_names = {**_english_us_months(), **english.months}
    names.update({name: number for name, number in english_names.items() if name not in names})
    latin = not profile.unspaced
    if latin:  # letterheads and minutes write dates in capitals: "25 OGOS 2023"
        names.update({name.upper(): number for name, number in list(names.items())})
    month_lookup = {_key(name): number for name, number in names.items()}
    months_re = _month_alternation(names, latin=latin)
    if language == "vi":
        numbered = r"h(?:áng|g)\s*(?:0?[1-9]|1[0-2])(?!\d)"
        months_re = f"T{numbered}|t{numbered}|" + months_re
    boundary_before = r"(?<![\w\d])" if latin else r"(?<![\d])"
    boundary_after = r"(?![\w\d])" if latin else r"(?![\d])"

    def either_case(word: str) -> str:
        """A prefix as written and capitalised ("ngày" and "Ngày" opening a sentence)."""
        variants = dict.fromkeys((word, word[:1].upper() + word[1:]))
        return "(?:" + "|".join(re.escape(variant) for variant in variants) + ")"

    month_prefix = rf"(?:{either_case(profile.month_prefix)}\s*)?" if profile.month_prefix else ""
    braced = months_re.replace("{", "{{").replace("}", "}}")
    month = rf"{month_prefix}(?P<{{name}}>{braced}){boundary_after if latin else ''}"
    bare_month = rf"(?P<{{name}}>{braced}){boundary_after if latin else ''}"
    # one or two digits not preceded by a digit (or by what ``not_after`` lists); _day()
    # keeps 1-31
    day = r"(?P<{name}>\d(?<![{not_after}]\d)\d?)(?:st|nd|rd|th)?(?!\d)"
    day_prefix = rf"(?:{either_case(profile.day_prefix)}\s*)?" if profile.day_prefix else ""
    year_prefix = rf"(?:{either_case(profile.year_prefix)}\s*)?" if profile.year_prefix else ""
    year = rf"{year_prefix}(?:(?P<{{name}}_be>{_ERA_BE})\s*|(?P<{{name}}_ce>{_ERA_CE})\s*)?(?P<{{name}}>\d{{{{4}}}})(?!\d)(?:\s*(?P<{{name}}_be2>BE|B\.E\.)(?![\w]))?"
    range_words = sorted(
        {*profile.range_words, *english.range_words[:2]} - {"and"}, key=len, reverse=True
    )
    words_re = "|".join(
        re.escape(word) + (r"\b" if latin and word[-1].isalnum() else "")  # "s.d.", "s/d"
        for word in range_words
        if word != "-"
    )
    sep = (
        rf"\s*(?:[-–—~]|\b(?:{words_re}))\s*(?:{day_prefix})?"
        if latin
        else rf"\s*(?:[-–—~]|{words_re})\s*(?:{day_prefix})?"
    )
    comma = r"\s*,?\s*"
    of_words = "|".join(re.escape(word) for word in ("of", *profile.of_words))
    of = rf"(?:\s*,?\s*(?:(?:{of_words})\s+)?)"

    def M(name: str) -> str:
        return month.format(name=name)

    def D(name: str, not_after: str = r"\d") -> str:
        return day.format(name=name, not_after=not_after)

    word_boundary = r"\w\d" if latin else r"\d"
    no_slash = r"\d/."  # not the second part of "8/22" or "1.5"

    def Y(name: str) -> str:
        return year.format(name=name)

    def year_digits(name: str) -> str:
        return (
            rf"(?P<{name}>\d(?<![{word_boundary}]\d)\d{{3}})(?!\d)"
            rf"(?:\s*(?P<{name}_be2>BE|B\.E\.)(?![\w]))?"
        )

    def era_year(name: str) -> str:
        return (
            rf"(?:(?P<{name}_be>{_ERA_BE})\s*|(?P<{name}_ce>{_ERA_CE})\s*)(?P<{name}>\d{{4}})(?!\d)"
            rf"(?:\s*(?P<{name}_be2>BE|B\.E\.)(?![\w]))?"
        )

    slash = r"\s*[/.]\s*"
    month_year = rf"(?:{comma}|\s*/\s*)"

    day_lead = either_case(profile.day_prefix) if profile.day_prefix else ""
    year_lead = either_case(profile.year_prefix) if profile.year_prefix else ""
    month_lead = either_case(profile.month_prefix) if profile.month_prefix else ""

    def ranges(prefix: str, separator: str, tag: str) -> list[tuple[str, str, str]]:
        """The range rules, for one way of writing "from ... to ..." (pattern, lead)."""
        # With a prefix ("between") the pattern starts with that word and keeps its optional
        # day or month word inside; without one, that word becomes the rule's lead.
        dp, mp = (day_prefix, month_prefix) if prefix else ("", "")
        dl, ml = ("", "") if prefix else (day_lead, month_lead)

        def first_month(name: str) -> str:
            return f"{mp}{bare_month.format(name=name)}"

        return [
            # 22 August 2023 - 2 September 2023 / 30 November to 12 December 2023
            (
                f"dmy-dmy{tag}",
                rf"{prefix}{dp}{D('d1')}{of}\s*{M('m1')}(?:{comma}{Y('y1')})?{separator}{D('d2')}{of}\s*{M('m2')}{comma}{Y('y2')}",
                dl,
            ),
            # August 22, 2023 - September 2, 2023
            (
                f"mdy-mdy{tag}",
                rf"{prefix}{first_month('m1')}\s+{D('d1')}(?:{comma}{Y('y1')})?{separator}{M('m2')}\s+{D('d2')}{comma}{Y('y2')}",
                ml,
            ),
            # 22 - 24 มิถุนายน 2565 / 22-24 August 2023 / ngày 22 đến 24 tháng 8 năm 2023
            (
                f"dd-my{tag}",
                rf"{prefix}{dp}{D('d1')}{separator}{D('d2')}{of}\s*{M('m')}{comma}{Y('y')}",
                dl,
            ),
            # August 22-24, 2023
            (
                f"m-dd-y{tag}",
                rf"{prefix}{first_month('m')}\s+{D('d1')}{separator}{D('d2')}{comma}{Y('y')}",
                ml,
            ),
            # 22-24/8/2023, 15-16/8/2018
            (
                f"dd/m/y{tag}",
                rf"{prefix}{dp}{D('d1', no_slash)}{separator}{D('d2')}{slash}(?P<mn>0?[1-9]|1[0-2]){slash}(?P<y>\d{{4}})(?!\d)",
                dl,
            ),
            # 30/11 - 2/12/2023
            (
                f"d/m-d/m/y{tag}",
                rf"{prefix}{dp}{D('d1', no_slash)}{slash}(?P<mn1>0?[1-9]|1[0-2]){separator}{D('d2')}{slash}(?P<mn2>0?[1-9]|1[0-2]){slash}(?P<y>\d{{4}})(?!\d)",
                dl,
            ),
            # June - August 2023 / tháng 3/2022 đến tháng 12/2024
            (
                f"m-my{tag}",
                rf"{prefix}{first_month('m1')}(?:{month_year}{Y('y1')})?{separator}{M('m2')}{month_year}{Y('y2')}",
                ml,
            ),
            # พ.ศ. 2564 - 2568, 2021–2025, giai đoạn 2021-2025
            *(
                [(f"y-y{tag}", rf"{prefix}{boundary_before}{Y('y1')}{separator}{Y('y2')}", "")]
                if prefix
                else [
                    # led by the year's digits (fast), or by an era word (run around years)
                    ("y-y", rf"{year_digits('y1')}{separator}{Y('y2')}", year_lead),
                    (
                        "y-y+era",
                        rf"{boundary_before}{era_year('y1')}{separator}{Y('y2')}",
                        year_lead,
                    ),
                ]
            ),
            # 22 - 24 มิถุนายน (no year: the dateline's)
            (
                f"dd-m{tag}",
                rf"{prefix}{dp}{D('d1', word_boundary)}{separator}{D('d2')}{of}\s*{M('m')}",
                dl,
            ),
        ]

    # (a language without such words gets a pattern that never matches)
    between_words = profile.between_date_words or r"(?!)"
    and_words = profile.and_date_words or r"(?!)"
    between = rf"(?:{between_words})\s+"
    and_sep = rf"\s*(?:{and_words}|[-–—])\s*(?:{day_prefix})?"
    first_m = bare_month.format(name="m")
    rules_spec: list[tuple[str, str, str]] = [
        *ranges(between, and_sep, "+between"),
        # "14 and 15 September 2023", "pada 14 dan 15 September 2023": two days of one event
        (
            "dd-my+and",
            rf"{D('d1')}\s*(?:{and_words})\s*{D('d2')}{of}\s*{M('m')}{comma}{Y('y')}",
            day_lead,
        ),
        # "on 17 and 18 June": two days of one event, the year the dateline's
        (
            "dd-m+and",
            rf"{D('d1', word_boundary)}\s*(?:{and_words})\s*{D('d2')}{of}\s*{M('m')}",
            day_lead,
        ),
        *ranges("", sep, ""),
        # 22 August 2023 / 18 มิ.ย. 2566 / ngày 5 tháng 6 năm 2023
        ("dmy", rf"{D('d')}{of}\s*{M('m')}{comma}{Y('y')}", day_lead),
        # August 22, 2023
        ("mdy", rf"{first_m}\s+{D('d')}{comma}{Y('y')}", month_lead),
        # 22/8/2023, 22.8.2023, 22-8-2023
        (
            "d/m/y",
            rf"{D('d', no_slash)}(?P<s>[/.\-])(?P<mn>0?[1-9]|1[0-2])(?P=s)(?P<y>\d{{4}})(?!\d)",
            day_lead,
        ),
        # 2023-08-22
        (
            "iso",
            r"(?P<y>(?:19|20|21)(?<![\d/.-]\d\d)\d\d)-(?P<mn>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\d])",
            "",
        ),
        # August 2023, tháng 8 năm 2023, tháng 8/2023, เดือนมิถุนายน พ.ศ. 2565
        ("my", rf"{first_m}{month_year}{Y('y')}", month_lead),
        # 22 August (no year), ngày 22/8 (no year)
        ("dm", rf"{D('d', word_boundary)}{of}\s*{M('m')}", day_lead),
        ("md", rf"{first_m}\s+{D('d')}(?![\d,]*\s*\d{{4}})", month_lead),
        # "September 2 to 4", "Sept. 26-28" (no year: the dateline's)
        ("m-dd", rf"{first_m}\s+{D('d1')}{sep}{D('d2')}(?![\d,]*\s*\d{{4}})", month_lead),
        # "antara Agustus hingga Oktober", "from June to August" (no year: the dateline's)
        *([("m-m", rf"{first_m}{sep}{M('m2')}(?!{month_year}\d)", month_lead)] if latin else []),
    ]
    if language in _PART_OF_YEAR:
        # quarters and halves of a year are month ranges: "Q1 2025", "quý I năm 2024", "semester kedua 2024"
        rules_spec.append(("part-of-year", _PART_OF_YEAR[language], ""))
    if profile.year_first:
        rules_spec[:0] = _year_first_rules(profile, months_re, sep)
    if language == "vi":
        # "Ngày 3-9": the 3rd of September (a range of days carries its month: "22-24/8")
        rules_spec.append(
            ("ngay-d/m", rf"[Nn]gày\s*{D('d')}-(?P<mn>0?[1-9]|1[0-2])(?![\d/\-])", "")
        )
        rules_spec.append(
            (
                "dd/m",
                rf"[Nn]gày\s*{D('d1')}\s*(?:[-–]|đến|tới)\s*(?:ngày\s*)?{D('d2')}\s*/\s*(?P<mn>0?[1-9]|1[0-2])(?![\d/])",
                "",
            )
        )
        # "tháng 1/2019 - 12/2022", "từ tháng 3/2022 đến 12/2024": months of two years
        rules_spec.append(
            (
                "m/y-m/y",
                r"[Tt]háng\s*(?P<mn1>0?[1-9]|1[0-2])\s*/\s*(?P<y1>\d{4})\s*(?:[-–]|đến|tới)\s*(?:tháng\s*)?"
                r"(?P<mn2>0?[1-9]|1[0-2])\s*/\s*(?P<y2>\d{4})(?!\d)",
                "",
            )
        )
        rules_spec.append(
            (
                "mm/y",
                r"[Tt]háng\s*(?P<mn1>0?[1-9]|1[0-2])\s*[-–]\s*(?P<mn2>0?[1-9]|1[0-2])\s*/\s*(?P<y>\d{4})(?!\d)",
                "",
            )
        )
    if profile.day_prefix:
        rules_spec.append(
            (
                "ngay-d/m",
                rf"{either_case(profile.day_prefix)}\s*{D('d')}\s*/\s*(?P<mn>0?[1-9]|1[0-2])(?![\d/])",
                "",
            )
        )
    # "(13/11)" or "vào 29/11": a day and month in parentheses or after a time preposition
    cues = (r"\(", r"\bon\s", r"vào\s", r"từ\s", r"đến\s", r"sáng\s", r"chiều\s", r"tối\s", r"pada\s", r"hingga\s", r"sampai\s", r"tanggal\s", r"tarikh\s")  # fmt: skip
    cue_check = "|".join(rf"(?<={cue}\d)" for cue in cues)
    rules_spec.append(
        (
            "cue-d/m",
            rf"(?P<d>\d(?:{cue_check})\d?)(?:st|nd|rd|th)?(?!\d)\s*/\s*(?P<mn>0?[1-9]|1[0-2])(?![\d/])",
            "",
        )
    )

    rules: list[_Rule] = []
    for rule_name, pattern, lead in rules_spec:
        handler = _HANDLERS[rule_name.split("+")[0]]
        window = None
        if rule_name == "y-y+era":
            window = ("year", 12, 56)  # led by พ.ศ., B.E., ค.ศ., AD: run around years
        elif rule_name == "part-of-year":
            window = ("year", 48, 12)  # "the first half of 2024", "ไตรมาสแรกของปี พ.ศ. 2564"
        rules.append(
            _Rule(
                rule_name,
                re.compile(pattern),
                handler,
                lead=re.compile(rf"(?:{lead})\s*$") if lead else None,
                window=window,
                at_months=rule_name in _MONTH_LED,
            )
        )
    weekdays = "|".join(re.escape(name) for name in sorted(profile.weekdays, key=len, reverse=True))
    if weekdays:
        # "Selasa (22/8)": the parenthesis is found first, then the weekday before it
        rules.append(
            _Rule(
                "weekday-(d/m)",
                re.compile(rf"\(\s*{D('d')}\s*/\s*(?P<mn>0?[1-9]|1[0-2])\s*\)"),
                _HANDLERS["weekday-(d/m)"],
                lead=re.compile(rf"(?i:{weekdays})\s*,?\s*$"),
                lead_required=True,
            )
        )
    # a month without a year, where a word marks it as a time: "in April", "pada Oktober",
    # "เดือนตุลาคม"; the month is found first, then the word before it
    month_alone_cue = _MONTH_CUES.get(language, "")
    rules.append(
        _Rule(
            "month-alone",
            re.compile(_month_alone(language, first_m)),
            _HANDLERS["month-alone"],
            lead=re.compile(rf"(?:{month_alone_cue})$") if month_alone_cue else None,
            lead_required=bool(month_alone_cue),
            not_after="0123456789/" if language == "vi" else "",
            at_months=language != "th",  # (Thai: led by เดือน, which the engine skips to)
        )
    )

    bare_year = re.compile(
        rf"(?<![\w\d.,/:+])(?<!\d-)(?:(?P<be>{_ERA_BE})\s*|(?P<ce>{_ERA_CE})\s*)?(?P<y>\d{{4}})(?![\d])(?!\s*(?:[.,:/]\d|%))(?!/[^\d\s])"
        if latin
        else rf"(?<![\d.,/:+])(?<!\d-)(?:(?P<be>{_ERA_BE})\s*|(?P<ce>{_ERA_CE})\s*)?(?P<y>\d{{4}})(?![\d])(?!\s*(?:[.,:/]\d|%))(?!/[^\d\s])"
    )
    return _Grammar(
        profile=profile,
        month_lookup=month_lookup,
        rules=rules,
        bare_year=bare_year,
        relative=_relative_rules(profile, months_re, weekdays),
        thai=thai,
        month=re.compile(f"(?:{months_re})"),
    )


# Rules whose pattern opens with the month name itself
_MONTH_LED = frozenset({"mdy-mdy", "m-dd-y", "m-my", "mdy", "my", "md", "m-dd", "m-m"})

_PART_OF_YEAR = {
    "en": r"\b(?:(?P<unit_letter>Q|H)(?P<n>[1-4])|(?P<word>first|second|third|fourth|1st|2nd|3rd|4th)\s+(?P<unit>quarter|half))"
    r"(?:\s+of)?\s*,?\s*(?:the\s+year\s+)?(?P<y>\d{4})(?!\d)",
    "vi": r"(?:\b[Qq]uý\s*(?P<n>IV|I{1,3}|[1-4])|(?:6 tháng|nửa)\s*(?P<half>đầu|cuối))\s*[/,]?\s*(?:năm\s*)?(?P<y>\d{4})(?!\d)",
    "th": r"(?:ไตรมาส(?:ที่\s*)?(?P<n>[1-4]|แรก|สอง|สาม|สี่|สุดท้าย)|ครึ่ง(?:ปี)?(?P<half>แรก|หลัง))\s*(?:ของ\s*)?(?:ปี\s*)?"
    r"(?:(?P<y_be>พ\.\s?ศ\.?)\s*)?(?P<y>\d{4})(?!\d)",
    "id": r"\b(?:(?:triwulan|kuartal)\s*(?P<n>IV|I{1,3}|[1-4]|pertama|kedua|ketiga|keempat)|semester\s*(?P<half>II|I|1|2|pertama|kedua)"
    r"|paruh\s*(?P<half2>pertama|kedua))\s*(?:tahun\s*)?(?P<y>\d{4})(?!\d)",
    "ms": r"\b(?:suku\s*(?:tahun\s*)?(?P<n>pertama|kedua|ketiga|keempat|[1-4])|(?:separuh|setengah)\s*(?P<half>pertama|kedua))"
    r"\s*(?:tahun\s*)?(?P<y>\d{4})(?!\d)",
}
_ORDINAL_PARTS = {
    "1": 1, "i": 1, "first": 1, "1st": 1, "แรก": 1, "pertama": 1,
    "2": 2, "ii": 2, "second": 2, "2nd": 2, "สอง": 2, "kedua": 2,
    "3": 3, "iii": 3, "third": 3, "3rd": 3, "สาม": 3, "ketiga": 3,
    "4": 4, "iv": 4, "fourth": 4, "4th": 4, "สี่": 4, "keempat": 4, "สุดท้าย": 4,
}  # fmt: skip
_HALVES = {
    "đầu": 1,
    "cuối": 2,
    "แรก": 1,
    "หลัง": 2,
    "i": 1,
    "ii": 2,
    "1": 1,
    "2": 2,
    "pertama": 1,
    "kedua": 2,
}
# The words before a month standing alone that make it a time ("in April", "pada Oktober");
# Vietnamese "tháng 10" and Thai "เดือนตุลาคม" carry their own word.
_MONTH_CUES = {
    "en": r"\b(?:in|since|from|by|until|till|before|after|during|early|mid-?|late|end of|beginning of|middle of)\s+(?:early\s+|mid-|late\s+)?",
    "vi": "",
    "th": "",
    "id": r"\b(?:pada|sejak|hingga|sampai|bulan|awal|akhir|pertengahan|sebelum|setelah|selama)\s+(?:bulan\s+)?",
    "ms": r"\b(?:pada|sejak|hingga|sehingga|bulan|awal|akhir|pertengahan|sebelum|selepas|penghujung)\s+(?:bulan\s+)?",
}


def _year_first_rules(
    profile: LanguageProfile, months_re: str, sep: str
) -> list[tuple[str, str, str]]:
    """Dates written year first with a marker after each part: Chinese "2023年8月22日至24日",
    "8月22日-9月3日", Burmese "၂၀၂၃ ခုနှစ် ဩဂုတ်လ ၂၂ ရက်". Every group is named y1, m1, d1 (the
    start) or y2, m2, d2 (the end); what a side leaves out comes from the other side or, for
    a date without a year, from the dateline."""
    year_suffix = rf"\s*(?:{profile.year_suffix})" if profile.year_suffix else ""
    month_suffix = profile.month_suffix or r"(?!)"
    day_suffix = rf"\s*(?:{profile.day_suffix})" if profile.day_suffix else ""

    def Y(n: str, suffix: bool = True) -> str:
        era = rf"(?:(?P<{n}_be>{_ERA_BE})\s*|(?P<{n}_ce>{_ERA_CE})\s*)?"
        return rf"{era}(?<!\d)(?P<{n}>\d{{4}})(?!\d){year_suffix if suffix else ''}\s*"

    def M(n: str) -> str:
        return (
            rf"(?:(?P<{n}>{months_re})(?:\s*(?:{month_suffix}))?"
            rf"|(?<!\d)(?P<{n}num>0?[1-9]|1[0-2])\s*(?:{month_suffix}))\s*"
        )

    def D(n: str, suffix: bool = True) -> str:
        day = rf"(?<!\d)(?P<{n}>[12]\d|3[01]|0?[1-9])(?!\d)"
        return day + (day_suffix if suffix else rf"(?:{day_suffix})?")

    return [
        ("yf-ymd-ymd", rf"{Y('y1')}{M('m1')}{D('d1')}{sep}{Y('y2')}{M('m2')}{D('d2')}", ""),
        ("yf-ymd-md", rf"{Y('y1')}{M('m1')}{D('d1', False)}{sep}{M('m2')}{D('d2')}", ""),
        ("yf-ymd-d", rf"{Y('y1')}{M('m1')}{D('d1', False)}{sep}{D('d2')}", ""),
        ("yf-ymd", rf"{Y('y1')}{M('m1')}{D('d1')}", ""),
        ("yf-ym-m", rf"{Y('y1')}{M('m1')}{sep}{M('m2')}", ""),
        ("yf-ym", rf"{Y('y1')}{M('m1')}", ""),
        ("yf-y-y", rf"{Y('y1', False)}(?:{year_suffix})?{sep}{Y('y2')}", ""),
        ("yf-md-md", rf"{M('m1')}{D('d1', False)}{sep}{M('m2')}{D('d2')}", ""),
        ("yf-md-d", rf"{M('m1')}{D('d1', False)}{sep}{D('d2')}", ""),
        ("yf-md", rf"{M('m1')}{D('d1')}", ""),
    ]


_YEAR_FIRST_RULES = (
    "yf-ymd-ymd", "yf-ymd-md", "yf-ymd-d", "yf-ymd", "yf-ym-m", "yf-ym", "yf-y-y",
    "yf-md-md", "yf-md-d", "yf-md",
)  # fmt: skip


def _h_year_first(m: re.Match, s: _State) -> tuple[PartialDate, PartialDate | None]:
    groups = m.groupdict()

    def month(name: str) -> int | None:
        if groups.get(f"{name}num"):
            return int(groups[f"{name}num"])
        return _month(m, name, s) if groups.get(name) else None

    def day(name: str) -> int | None:
        return _day(m, name) if groups.get(name) else None

    y1 = _year(m, "y1", s) if groups.get("y1") else None
    y2 = _year(m, "y2", s) if groups.get("y2") else None
    m1, d1, m2, d2 = month("m1"), day("d1"), month("m2"), day("d2")
    if y1 is None and y2 is None:
        y1 = _context_year(s, m1 or 1, d1)
    y1 = y1 if y1 is not None else y2
    start = _date(y1, m1, d1 if m1 else None)
    if y2 is None and m2 is None and d2 is None:
        return start, None
    end = _date(y2 or y1, m2 or m1, d2 if (m2 or m1) else None)
    if end < start and y2 is None:  # "12月30日至1月2日": the end is in the next year
        end = _date(y1 + 1, m2 or m1, d2)
    return start, end


def _month_alone(language: str, month: str) -> str:
    required = "เดือน\\s*" if language == "th" else ""
    # (not the end of a word: "AJDEC" holds no December)
    boundary = "" if language == "th" or language_profile(language).unspaced else r"(?<![^\W\d_])"
    return rf"{required}{boundary}{month}(?!\s*,?\s*(?:\d|năm|/|พ\.ศ|ปี))"


def _h_part_of_year(m: re.Match, s: _State) -> tuple[PartialDate, PartialDate]:
    year = _year(m, "y", s)
    groups = m.groupdict()
    half_word = groups.get("half") or groups.get("half2")
    is_half = bool(half_word) or groups.get("unit") == "half" or groups.get("unit_letter") == "H"
    if half_word:
        number = _HALVES[half_word.lower()]
    else:
        number = _ORDINAL_PARTS[(groups.get("n") or groups.get("word") or "").lower()]
    if is_half:
        first = 1 if number == 1 else 7
        return _date(year, first), _date(year, first + 5)
    first = 3 * (number - 1) + 1
    return _date(year, first), _date(year, first + 2)


def _h_month_alone(m: re.Match, s: _State) -> tuple[PartialDate, None]:
    month = _month(m, "m", s)
    return _date(_context_year(s, month), month), None


# ------------------------------------------------------------- conversions


class _NotADate(Exception):
    pass


@dataclass
class _State:
    """What converting one document's matches needs to know (no module-level state)."""

    months: dict[str, int]
    thai: bool
    dateline: PartialDate | None
    profile: LanguageProfile
    # Without a dateline, a date written without its year takes the nearest year the text
    # writes out: (position, year) in text order, and where the match being read starts.
    years: list[tuple[int, int]] = field(default_factory=list)
    position: int = 0


def _year(match: re.Match, name: str, state: _State) -> int:
    digits = match.group(name)
    value = int(digits)
    groups = match.groupdict()
    be = groups.get(f"{name}_be") or groups.get(f"{name}_be2")
    ce = groups.get(f"{name}_ce")
    if be or (not ce and state.thai and value in THAI_BARE_YEARS):
        value -= BUDDHIST_ERA_OFFSET
    if not 1900 <= value <= 2200:
        raise _NotADate
    return value


def _month(match: re.Match, name: str, state: _State) -> int:
    raw = match.group(name)
    digits = re.search(r"\d{1,2}", raw) if raw[:1] in "Tt" and "h" in raw[:3] else None
    if digits:
        return int(digits.group())
    number = state.months.get(_key(raw))
    if number is None:
        raise _NotADate
    return number


def _date(year: int, month: int | None = None, day: int | None = None) -> PartialDate:
    try:
        return PartialDate(year, month, day)
    except PartialDateError:
        raise _NotADate from None


def _day(match: re.Match, name: str) -> int:
    day = int(match.group(name))
    if not 1 <= day <= 31:
        raise _NotADate
    return day


def _context_year(state: _State, month: int, day: int | None = None) -> int:
    """The year of a date written without one: the dateline's (nearest such date), else the
    year written nearest to it ("Sáng ngày 29/12" in a review of "năm 2022")."""
    dateline = state.dateline
    if dateline is None:
        if not state.years:
            raise _NotADate
        return min(state.years, key=lambda item: abs(item[0] - state.position))[1]
    candidates = []
    for year in (dateline.year - 1, dateline.year, dateline.year + 1):
        try:
            candidates.append(
                dt.date(year, month, min(day or 1, calendar.monthrange(year, month)[1]))
            )
        except ValueError:
            continue
    anchor = dateline.earliest()
    return min(candidates, key=lambda date: abs((date - anchor).days)).year


def _h_dmy_dmy(m: re.Match, s: _State) -> tuple[PartialDate, PartialDate]:
    y2 = _year(m, "y2", s)
    y1 = _year(m, "y1", s) if m.group("y1") else y2
    return _date(y1, _month(m, "m1", s), _day(m, "d1")), _date(
        y2, _month(m, "m2", s), _day(m, "d2")
    )


def _h_dd_my(m: re.Match, s: _State) -> tuple[PartialDate, PartialDate]:
    year, month = _year(m, "y", s), _month(m, "m", s)
    return _date(year, month, _day(m, "d1")), _date(year, month, _day(m, "d2"))


def _h_dmy(m: re.Match, s: _State) -> tuple[PartialDate, None]:
    return _date(_year(m, "y", s), _month(m, "m", s), _day(m, "d")), None


def _h_numeric_range(m: re.Match, s: _State) -> tuple[PartialDate, PartialDate]:
    year, month = _year(m, "y", s), int(m.group("mn"))
    return _date(year, month, _day(m, "d1")), _date(year, month, _day(m, "d2"))


def _h_numeric_two_months(m: re.Match, s: _State) -> tuple[PartialDate, PartialDate]:
    year = _year(m, "y", s)
    return _date(year, int(m.group("mn1")), _day(m, "d1")), _date(
        year, int(m.group("mn2")), _day(m, "d2")
    )


def _h_numeric(m: re.Match, s: _State) -> tuple[PartialDate, None]:
    return _date(_year(m, "y", s), int(m.group("mn")), _day(m, "d")), None


def _h_m_my(m: re.Match, s: _State) -> tuple[PartialDate, PartialDate]:
    y2 = _year(m, "y2", s)
    y1 = _year(m, "y1", s) if m.group("y1") else y2
    return _date(y1, _month(m, "m1", s)), _date(y2, _month(m, "m2", s))


def _h_my(m: re.Match, s: _State) -> tuple[PartialDate, None]:
    return _date(_year(m, "y", s), _month(m, "m", s)), None


def _h_y_y(m: re.Match, s: _State) -> tuple[PartialDate, PartialDate]:
    return _date(_year(m, "y1", s)), _date(_year(m, "y2", s))


def _h_dd_m(m: re.Match, s: _State) -> tuple[PartialDate, PartialDate]:
    month = _month(m, "m", s)
    year = _context_year(s, month, _day(m, "d1"))
    return _date(year, month, _day(m, "d1")), _date(year, month, _day(m, "d2"))


def _h_month_range(m: re.Match, s: _State) -> tuple[PartialDate, PartialDate]:
    first, last = _month(m, "m", s), _month(m, "m2", s)
    year = _context_year(s, first)
    return _date(year, first), _date(year if last >= first else year + 1, last)


def _h_dm(m: re.Match, s: _State) -> tuple[PartialDate, None]:
    month = _month(m, "m", s)
    return _date(_context_year(s, month, _day(m, "d")), month, _day(m, "d")), None


def _h_dd_m_numeric(m: re.Match, s: _State) -> tuple[PartialDate, PartialDate]:
    month = int(m.group("mn"))
    year = _context_year(s, month, _day(m, "d1"))
    return _date(year, month, _day(m, "d1")), _date(year, month, _day(m, "d2"))


def _h_month_range_numeric(m: re.Match, s: _State) -> tuple[PartialDate, PartialDate]:
    year = _year(m, "y", s)
    return _date(year, int(m.group("mn1"))), _date(year, int(m.group("mn2")))


def _h_month_year_range_numeric(m: re.Match, s: _State) -> tuple[PartialDate, PartialDate]:
    return (
        _date(_year(m, "y1", s), int(m.group("mn1"))),
        _date(_year(m, "y2", s), int(m.group("mn2"))),
    )


def _h_dm_numeric(m: re.Match, s: _State) -> tuple[PartialDate, None]:
    month = int(m.group("mn"))
    return _date(_context_year(s, month, _day(m, "d")), month, _day(m, "d")), None


_HANDLERS: dict[str, Callable[[re.Match, _State], tuple[PartialDate, PartialDate | None]]] = {
    "dmy-dmy": _h_dmy_dmy,
    "mdy-mdy": _h_dmy_dmy,
    "dd-my": _h_dd_my,
    "m-dd-y": _h_dd_my,
    "dmy": _h_dmy,
    "mdy": _h_dmy,
    "dd/m/y": _h_numeric_range,
    "d/m-d/m/y": _h_numeric_two_months,
    "d/m/y": _h_numeric,
    "iso": lambda m, s: (_date(int(m.group("y")), int(m.group("mn")), int(m.group("d"))), None),
    "m-my": _h_m_my,
    "my": _h_my,
    "y-y": _h_y_y,
    "dd-m": _h_dd_m,
    "m-dd": _h_dd_m,
    "m-m": _h_month_range,
    "dm": _h_dm,
    "md": _h_dm,
    "ngay-d/m": _h_dm_numeric,
    "dd/m": _h_dd_m_numeric,
    "mm/y": _h_month_range_numeric,
    "m/y-m/y": _h_month_year_range_numeric,
    "part-of-year": _h_part_of_year,
    "month-alone": _h_month_alone,
    **dict.fromkeys(_YEAR_FIRST_RULES, _h_year_first),
    "cue-d/m": _h_dm_numeric,
    "weekday-(d/m)": _h_dm_numeric,
}

# ------------------------------------------------------------ relative dates


def _relative_rules(
    profile: LanguageProfile, months_re: str, weekdays_re: str
) -> list[tuple[re.Pattern, Callable[..., tuple[PartialDate, PartialDate | None] | None]]]:
    """Patterns for "this October", "last Tuesday", "yesterday" and their kin in each language."""
    rules = []

    def alternation(words: tuple[str, ...]) -> str:
        return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))

    this_, next_, last_ = (
        alternation(profile.this_words),
        alternation(profile.next_words),
        alternation(profile.last_words),
    )
    code = profile.code
    if code == "en":
        rules.append(
            (
                re.compile(rf"\b(?P<mod>this|next|last|coming|past)\s+(?P<m>{months_re})\b"),
                _rel_month,
            )
        )
        rules.append(
            (
                re.compile(
                    rf"\b(?:on\s+)?(?P<mod>last|this|next|this coming|coming|past)\s+(?P<w>{weekdays_re})\b"
                ),
                _rel_weekday,
            )
        )
        rules.append(
            (
                re.compile(
                    rf"\bon\s+(?P<w>{weekdays_re})\b(?!\s*,?\s*\d)(?!\s*,?\s*(?:{months_re}))"
                ),
                _rel_weekday,
            )
        )
    elif code == "th":
        rules.append(
            (
                # (not "๘ ก.ค. ที่ผ่านมา": a day and month, resolved by the day-month rule)
                re.compile(
                    rf"(?<!\d)(?<!\d\s)(?:เดือน)?(?P<m>{months_re})\s*(?P<mod>{this_}|{next_}|{last_})"
                ),
                _rel_month,
            )
        )
        rules.append(
            (
                re.compile(
                    rf"(?P<w>{weekdays_re})\s*(?P<mod>{this_}|{next_}|{last_})?(?!\s*ที่\s*\d)"
                ),
                _rel_weekday,
            )
        )
    elif code == "vi":
        rules.append(
            (
                re.compile(
                    rf"(?P<m>[Tt]háng\s*(?:0?[1-9]|1[0-2]))\s+(?P<mod>{this_}|{next_}|{last_})(?![\w])"
                ),
                _rel_month,
            )
        )
        rules.append(
            (
                re.compile(
                    rf"(?:vào\s+|hôm\s+|ngày\s+)(?P<w>{weekdays_re})(?:\s+(?P<mod>tuần trước|tuần này|tuần tới|vừa qua))?(?!\s*[,(]?\s*(?:ngày\s*)?\d)",
                    re.IGNORECASE,
                ),
                _rel_weekday,
            )
        )
    elif code in ("id", "ms"):
        rules.append(
            (
                re.compile(
                    rf"\b(?:bulan\s+)?(?P<m>{months_re})\s+(?P<mod>{this_}|{next_}|{last_})\b"
                ),
                _rel_month,
            )
        )
        rules.append(
            (
                re.compile(
                    rf"\b(?:pada\s+(?:hari\s+)?|hari\s+)(?P<w>{weekdays_re})(?:\s+(?P<mod>{this_}|{next_}|{last_}))?\b(?!\s*[,(]?\s*\d)"
                ),
                _rel_weekday,
            )
        )
        rules.append(
            (re.compile(rf"\b(?P<w>{weekdays_re})\s+(?P<mod>{last_}|{next_})\b"), _rel_weekday)
        )
    if code == "vi":
        rules.append(
            (
                re.compile(
                    rf"(?P<w>{weekdays_re})\s+(?P<mod>tuần trước|tuần này|tuần tới|vừa qua)(?![\w])",
                    re.IGNORECASE,
                ),
                _rel_weekday,
            )
        )
    # a month of this, next or last year: "October this year", "tháng 10 năm nay"
    month_of_year = {
        "km": rf"(?:ខែ)?(?P<m>{months_re})\s*ឆ្នាំ\s*(?P<yr>នេះ|ក្រោយ|មុន)",
        "lo": rf"(?:ເດືອນ)?(?P<m>{months_re})\s*ປີ\s*(?P<yr>ນີ້|ໜ້າ|ກາຍ)",
        "en": rf"\b(?P<m>{months_re})\s+(?P<yr>this|next|last)\s+year\b",
        "vi": r"(?P<m>[Tt]háng\s*(?:0?[1-9]|1[0-2]))\s+năm\s+(?P<yr>nay|tới|sau|ngoái|trước)(?![\w])",
        "id": rf"\b(?P<m>{months_re})\s+tahun\s+(?P<yr>ini|depan|lalu)\b",
        "ms": rf"\b(?P<m>{months_re})\s+tahun\s+(?P<yr>ini|depan|hadapan|lalu|lepas)\b",
        "th": rf"(?:เดือน)?(?P<m>{months_re})\s*ปี\s*(?P<yr>นี้|หน้า|ที่แล้ว|ที่ผ่านมา|ก่อน)",
    }.get(code)
    if month_of_year:
        rules.append((re.compile(month_of_year), _rel_month_of_year))
    for pattern, unit, offset in _RELATIVE_PERIODS.get(code, ()):
        rules.append((re.compile(pattern, re.IGNORECASE), _rel_period(unit, offset)))
    words = [(profile.today, 0), (profile.yesterday, -1), (profile.tomorrow, 1)]
    for vocabulary, offset in words:
        if vocabulary:
            pattern = alternation(vocabulary)
            boundary = "" if profile.unspaced else r"\b"
            rules.append(
                (re.compile(rf"{boundary}(?:{pattern}){boundary}", re.IGNORECASE), _rel_day(offset))
            )
    return rules


# "this year", "năm ngoái", "bulan depan", "ปีหน้า": a year or month relative to the dateline.
_RELATIVE_PERIODS: dict[str, list[tuple[str, str, int]]] = {
    "en": [
        (r"\b(?:this|the current) year\b", "year", 0),
        (r"\bnext year\b", "year", 1),
        (r"\blast year\b", "year", -1),
        (r"\bthis month\b", "month", 0),
        (r"\bnext month\b", "month", 1),
        (r"\blast month\b", "month", -1),
    ],
    "vi": [
        (r"(?<![\w])năm nay(?![\w])", "year", 0),
        (r"(?<![\w])năm (?:tới|sau)(?![\w])", "year", 1),
        (r"(?<![\w])năm (?:ngoái|trước)(?![\w])", "year", -1),
        (r"(?<![\w])tháng này(?![\w])", "month", 0),
        (r"(?<![\w])tháng (?:tới|sau)(?![\w])", "month", 1),
        (r"(?<![\w])tháng trước(?![\w])", "month", -1),
    ],
    "th": [
        (r"ปีนี้", "year", 0),
        (r"ปีหน้า", "year", 1),
        (r"ปี(?:ที่แล้ว|ที่ผ่านมา|ก่อน)", "year", -1),
        (r"เดือนนี้", "month", 0),
        (r"เดือนหน้า", "month", 1),
        (r"เดือน(?:ที่แล้ว|ที่ผ่านมา|ก่อน)", "month", -1),
    ],
    "id": [
        (r"\btahun ini\b", "year", 0),
        (r"\btahun depan\b", "year", 1),
        (r"\btahun (?:lalu|kemarin)\b", "year", -1),
        (r"\bbulan ini\b", "month", 0),
        (r"\bbulan depan\b", "month", 1),
        (r"\bbulan lalu\b", "month", -1),
    ],
    "ms": [
        (r"\btahun ini\b", "year", 0),
        (r"\btahun (?:depan|hadapan)\b", "year", 1),
        (r"\btahun (?:lepas|lalu)\b", "year", -1),
        (r"\bbulan ini\b", "month", 0),
        (r"\bbulan (?:depan|hadapan)\b", "month", 1),
        (r"\bbulan (?:lepas|lalu)\b", "month", -1),
    ],
    "km": [
        (r"ឆ្នាំនេះ", "year", 0),
        (r"ឆ្នាំ(?:ក្រោយ|ខាងមុខ|បន្ទាប់)", "year", 1),
        (r"ឆ្នាំ(?:មុន|ទៅ|កន្លងទៅ)", "year", -1),
        (r"ខែនេះ", "month", 0),
        (r"ខែ(?:ក្រោយ|ខាងមុខ|បន្ទាប់)", "month", 1),
        (r"ខែ(?:មុន|កន្លងទៅ)", "month", -1),
    ],
    "lo": [
        (r"ປີນີ້", "year", 0),
        (r"ປີໜ້າ", "year", 1),
        (r"ປີກາຍ|ປີຜ່ານມາ", "year", -1),
        (r"ເດືອນນີ້", "month", 0),
        (r"ເດືອນໜ້າ", "month", 1),
        (r"ເດືອນກາຍ|ເດືອນແລ້ວ", "month", -1),
    ],
    "my": [
        (r"ယခု\s?နှစ်|ဒီနှစ်|ယခုနှစ်", "year", 0),
        (r"လာမည့်\s?နှစ်|နောက်နှစ်", "year", 1),
        (r"ယမန်\s?နှစ်|မနှစ်က|လွန်ခဲ့သည့်\s?နှစ်", "year", -1),
        (r"ယခု\s?လ(?![\u102b-\u103e])", "month", 0),
        (r"လာမည့်\s?လ(?![\u102b-\u103e])", "month", 1),
    ],
    "zh": [
        (r"今年|本年度|本年", "year", 0),
        (r"明年|下一年", "year", 1),
        (r"去年|上一年", "year", -1),
        (r"本月", "month", 0),
        (r"下个?月", "month", 1),
        (r"上个?月", "month", -1),
    ],
    "fil": [
        (r"\bngayong taon\b", "year", 0),
        (r"\bsusunod na taon\b", "year", 1),
        (r"\bnakaraang taon\b", "year", -1),
        (r"\bngayong buwan\b", "month", 0),
        (r"\bsusunod na buwan\b", "month", 1),
        (r"\bnakaraang buwan\b", "month", -1),
    ],
}


def _rel_period(unit: str, offset: int) -> Callable[..., tuple[PartialDate, None] | None]:
    def resolve(m: re.Match, dateline: PartialDate, s: _State) -> tuple[PartialDate, None] | None:
        if unit == "year":
            return _date(dateline.year + offset), None
        if dateline.month is None:
            return None
        index = dateline.year * 12 + (dateline.month - 1) + offset
        return _date(index // 12, index % 12 + 1), None

    return resolve


def _modifier(text: str | None, profile: LanguageProfile) -> int:
    """-1 for last/past, +1 for next, 0 for this (or none)."""
    if not text:
        return 0
    text = text.strip().lower()
    if text in {w.lower() for w in profile.last_words} or text in (
        "last",
        "past",
        "tuần trước",
        "vừa qua",
    ):
        return -1
    if text in {w.lower() for w in profile.next_words} or text in ("next", "coming", "tuần tới"):
        return 1
    return 0


def _rel_month(m: re.Match, dateline: PartialDate, s: _State) -> tuple[PartialDate, None] | None:
    month = _month(m, "m", s)
    modifier = _modifier(m.group("mod"), s.profile)
    year = dateline.year
    if modifier == 1 and month <= (dateline.month or 0):
        year += 1
    elif modifier == -1 and month >= (dateline.month or 13):
        year -= 1
    return _date(year, month), None


_YEAR_OFFSETS = {
    "this": 0, "nay": 0, "ini": 0, "นี้": 0,
    "next": 1, "tới": 1, "sau": 1, "depan": 1, "hadapan": 1, "หน้า": 1,
    "last": -1, "ngoái": -1, "trước": -1, "lalu": -1, "lepas": -1, "ที่แล้ว": -1, "ที่ผ่านมา": -1, "ก่อน": -1,
}  # fmt: skip


def _rel_month_of_year(
    m: re.Match, dateline: PartialDate, s: _State
) -> tuple[PartialDate, None] | None:
    return _date(dateline.year + _YEAR_OFFSETS[m.group("yr")], _month(m, "m", s)), None


def _rel_weekday(m: re.Match, dateline: PartialDate, s: _State) -> tuple[PartialDate, None] | None:
    if dateline.day is None:
        return None
    wanted = _weekday_number(m.group("w"), s.profile)
    if wanted is None:
        return None
    modifier = _modifier(m.groupdict().get("mod"), s.profile)
    anchor = dateline.earliest()
    if modifier == 1:
        delta = (wanted - anchor.weekday()) % 7 or 7
        day = anchor + dt.timedelta(days=delta)
    else:
        delta = (anchor.weekday() - wanted) % 7
        if modifier == -1 and delta == 0:
            delta = 7
        day = anchor - dt.timedelta(days=delta)
    return PartialDate.parse(day), None


def _weekday_number(name: str, profile: LanguageProfile) -> int | None:
    lowered = name.lower()
    for candidate, number in profile.weekdays.items():
        if candidate.lower() == lowered:
            return number
    return None


def _rel_day(offset: int) -> Callable[..., tuple[PartialDate, None] | None]:
    def resolve(m: re.Match, dateline: PartialDate, s: _State) -> tuple[PartialDate, None] | None:
        if dateline.day is None:
            return None
        return PartialDate.parse(dateline.earliest() + dt.timedelta(days=offset)), None

    return resolve


# ------------------------------------------------------------------ finding

_UNIT_AFTER = re.compile(
    r"\s*(?:ha|hectares?|hektar|km|kilometres?|kilometers?|tonnes?|tons?|tấn|ตัน|kg|MW|people|persons?|participants?|"
    r"delegates?|peserta|orang|người|đại biểu|คน|ราย|ไร่|ตัว|species|loài|spesies|units?|US\$|USD|\$|baht|บาท|đồng|"
    r"rupiah|ringgit|RM|hotspots?|titik|điểm|m3|m²|m2|mm|cm|%)(?![\w])",
    re.IGNORECASE,
)
_MONEY_BEFORE = re.compile(r"(?:US\$|USD|\$|RM|Rp|S\$|€|£|¥|VND|THB|฿)\s*$", re.IGNORECASE)
_PHONE_AROUND = re.compile(r"\d[\d ()+-]{6,}\d")
_NUMBER_BEFORE = re.compile(
    r"(?:\bNo\.?|\bsố|\bNomor|\bNombor|\bBil\.?|เลขที่|#|\bRoom|\bHall|\bPhòng|\bRuang|\bBilik|ห้อง|\bQuyết định)\s*$",
    re.IGNORECASE,
)


def find_dates(
    text: str,
    language: str,
    dateline: PartialDate | None = None,
    *,
    guess_years: bool = True,
    written_years: list[tuple[int, int]] | None = None,
) -> list[DateMention]:
    """Every date, month, year and range in ``text`` (the normalised reading text). Without a
    dateline, a date written without its year takes the nearest year written (unless not
    ``guess_years``; ``written_years`` gives them when ``text`` is the head of a longer one)."""
    rules = grammar(language)
    if written_years is None:
        written_years = (
            [] if dateline is not None or not guess_years else _written_years(text, rules.thai)
        )
    state = _State(
        months=rules.month_lookup,
        thai=rules.thai,
        dateline=dateline,
        profile=rules.profile,
        years=written_years,
    )
    anchors = _Anchors(text, rules.month)
    candidates: list[tuple[int, int, int, PartialDate, PartialDate | None, bool]] = []
    for priority, rule in enumerate(rules.rules):
        for match in anchors.matches(rule.pattern, rule.window, at_months=rule.at_months):
            start = match.start()
            if rule.not_after and start and text[start - 1] in rule.not_after:
                continue
            if rule.lead is not None:
                lead = rule.lead.search(text, max(0, start - 40), start)
                if lead is not None:
                    start = lead.start()
                elif rule.lead_required:
                    continue
            state.position = start
            try:
                value, end_value = rule.handler(match, state)
            except (_NotADate, ValueError, KeyError):
                continue
            if end_value is not None and end_value < value:
                continue
            candidates.append((start, match.end(), priority, value, end_value, False))
    if dateline is not None:
        for pattern, resolve in rules.relative:
            for match in pattern.finditer(text):
                try:
                    resolved = resolve(match, dateline, state)
                except (_NotADate, ValueError, KeyError):
                    continue
                if resolved is not None:
                    candidates.append(
                        (match.start(), match.end(), 100, resolved[0], resolved[1], True)
                    )
    chosen = _non_overlapping(candidates)
    taken = Spans()
    for start, end, *_rest in chosen:
        taken.add(start, end)
    for match in anchors.matches(rules.bare_year, ("year", 16, 24)):
        if taken.overlaps(match.start(), match.end()):
            continue
        mention = _bare_year(text, match, rules)
        if mention is not None:
            chosen.append((match.start(), match.end(), 200, mention, None, False))
    chosen.sort(key=lambda item: item[0])
    return [
        DateMention(start=start, end=end, value=value, end_value=end_value, relative=relative)
        for start, end, _priority, value, end_value, relative in chosen
    ]


_ANCHORS = {"year": re.compile(r"\d{4}")}
_WRITTEN_YEAR = re.compile(r"(?<![\d.,/:])(?:19[5-9]\d|20\d\d|25[0-9]\d|26[0-4]\d)(?![\d%])")


def _written_years(text: str, thai: bool) -> list[tuple[int, int]]:
    """Years the text writes out, in order (Buddhist-era years converted in Thai)."""
    years = []
    for match in _WRITTEN_YEAR.finditer(text):
        year = int(match.group())
        if year > 2400:
            if not thai:
                continue
            year -= BUDDHIST_ERA_OFFSET
        years.append((match.start(), year))
    return years


class _Anchors:
    """Where in one text the patterns that cannot skip ahead by themselves are worth running."""

    def __init__(self, text: str, month: re.Pattern) -> None:
        self.text = text
        self.month = month
        self._found: dict[str, list[tuple[int, int]]] = {}
        self._months: list[int] | None = None

    def matches(
        self, pattern: re.Pattern, window: tuple[str, int, int] | None, *, at_months: bool = False
    ) -> Iterator[re.Match]:
        if at_months:
            # The engine cannot skip to month names (their first letters are everywhere in
            # Thai and Vietnamese): try the pattern only where a month name starts, in order
            # and without overlaps, as finditer would.
            if self._months is None:
                self._months = [match.start() for match in self.month.finditer(self.text)]
            reached = -1
            for position in self._months:
                if position < reached:
                    continue
                match = pattern.match(self.text, position)
                if match is not None:
                    reached = max(match.end(), position + 1)
                    yield match
            return
        if window is None:
            yield from pattern.finditer(self.text)
            return
        name, before, after = window
        for start, end in self._windows(name, before, after):
            yield from pattern.finditer(self.text, start, end)

    def _windows(self, name: str, before: int, after: int) -> list[tuple[int, int]]:
        """Stretches around each anchor, merged where they meet. A match lies inside one when
        it holds an anchor and reaches at most ``before`` characters before it and ``after``
        after it (the look-ahead at its end included)."""
        if name not in self._found:
            self._found[name] = [m.span() for m in _ANCHORS[name].finditer(self.text)]
        windows: list[tuple[int, int]] = []
        for start, end in self._found[name]:
            low, high = max(0, start - before), min(len(self.text), end + after)
            if windows and low <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(windows[-1][1], high))
            else:
                windows.append((low, high))
        return windows


def _non_overlapping(candidates: list[tuple]) -> list[tuple]:
    """Longest first (then earlier rules): each position belongs to one date at most."""
    chosen: list[tuple] = []
    taken = Spans()
    for candidate in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[2], c[0])):
        start, end = candidate[0], candidate[1]
        if not taken.overlaps(start, end):
            chosen.append(candidate)
            taken.add(start, end)
    return chosen


def _bare_year(text: str, match: re.Match, rules: _Grammar) -> PartialDate | None:
    digits = int(match.group("y"))
    marked_be, marked_ce = bool(match.group("be")), bool(match.group("ce"))
    if marked_be:
        year = digits - BUDDHIST_ERA_OFFSET
        if not 1900 <= year <= 2200:
            return None
    elif marked_ce:
        year = digits
    elif rules.thai and digits in THAI_BARE_YEARS:
        # A Buddhist-era year written bare: only after ปี (year), to tell it from a count.
        before = text[max(0, match.start() - 12) : match.start()]
        if not re.search(r"(?:ปี|ศักราช|ประจำปี|ตั้งแต่|ถึง|[-–])\s*$", before):
            return None
        year = digits - BUDDHIST_ERA_OFFSET
    elif digits in BARE_YEARS:
        year = digits
    else:
        return None
    after = text[match.end() : match.end() + 24]
    before = text[max(0, match.start() - 10) : match.start()]
    if _UNIT_AFTER.match(after) or _MONEY_BEFORE.search(before) or _NUMBER_BEFORE.search(before):
        return None
    window = text[max(0, match.start() - 12) : match.end() + 12]
    if not (marked_be or marked_ce) and any(
        phone.start() <= match.start() - max(0, match.start() - 12)
        and phone.end() >= match.end() - max(0, match.start() - 12)
        and len(re.sub(r"\D", "", phone.group())) > 8
        for phone in _PHONE_AROUND.finditer(window)
    ):
        return None
    return PartialDate(year)


def extract(context: Context) -> list[Claim]:
    claims = []
    for mention in find_dates(context.text, context.language, context.dateline):
        value = {
            "value": mention.value.isoformat(),
            "end": mention.end_value.isoformat() if mention.end_value else None,
        }
        if mention.relative:
            value["relative"] = True
        claims.append(
            Claim(
                kind="date",
                span=(mention.start, mention.end),
                text=context.text[mention.start : mention.end],
                value=value,
                extractor=NAME,
                version=VERSION,
                confidence=0.8 if mention.relative else 0.95,
            )
        )
    return claims


def locate_dateline(
    text: str, language: str, published: PartialDate | None = None
) -> tuple[PartialDate | None, tuple[int, int] | None]:
    """The document's own date and where it is written (no span: the file's metadata gave
    it): a full date near its top, written the way datelines are
    written (else the date the file format carries, such as an HTML page's publication date).

    A dateline stands on a line of its own or after a short place name, and ends its line or
    is followed by a dash: "VIENTIANE, 24 August 2023 – The ...", "Hà Nội, ngày 25/8/2023",
    "กรุงเทพฯ วันพุธที่ 29 มิถุนายน 2565", "Jakarta, Selasa (22/8/2023) - ...". A date inside
    a sentence ("On 5 March 2024, the Meeting ...") is when something happened, not a dateline.
    """
    head_end = _head_end(text)
    found = _dateline_in(text, find_dates(text[:head_end], language, None, guess_years=False))
    if found is None and published is None:
        # "JAKARTA, 28 Julai –": a dateline without its year takes the nearest year written
        years = _written_years(text, grammar(language).thai)
        if years:
            found = _dateline_in(
                text, find_dates(text[:head_end], language, None, written_years=years), ("DAY",)
            )
    if found is not None:
        return found
    # Letters and announcements are signed at the foot: "Jakarta, 28 April 2025".
    tail_start = max(0, len(text) - 400)
    for mention in reversed(find_dates(text[tail_start:], language, None, guess_years=False)):
        if mention.value.precision.name != "DAY" or mention.end_value is not None:
            continue
        start, end = tail_start + mention.start, tail_start + mention.end
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        rest = text[end : len(text) if line_end < 0 else line_end]
        if _SIGNATURE_PLACE.fullmatch(text[line_start:start]) and not rest.strip(" .*_"):
            return mention.value, (start, end)
    return published, None


def find_dateline(
    text: str, language: str, published: PartialDate | None = None
) -> PartialDate | None:
    """The document's own date (see locate_dateline)."""
    return locate_dateline(text, language, published)[0]


# a place name and a comma before the date a letter is signed with (or the date alone)
_SIGNATURE_PLACE = re.compile(r"\s*(?:[^\W\d][\w .'’-]{1,30},\s*)?")


_PUBLISHED = re.compile(
    r"\b(?:published|posted|updated|issued|released|cập nhật|đăng|diterbitkan|dikemaskini|diterbit)\b|เผยแพร่|ปรับปรุง",
    re.IGNORECASE,
)
# what follows a dateline: the end of its line, a dash or bar, or the time of day
_DATELINE_END = re.compile(
    r"[*_]*\s*(?:\)\s*)?(?:[-–—:|(·•]|$|\n|\r|,?\s*\d{1,2}[:.]\d{2}|เวลา|pukul|lúc|jam\b)"
)
_EVENT_PREPOSITION = re.compile(
    r"\b(?:on|from|since|until|by|in|at|pada|sejak|hingga|vào|từ|đến|tại|ngày mai)\b|เมื่อ|ตั้งแต่|ระหว่าง",
    re.IGNORECASE,
)


def _dateline_in(
    text: str, head: list[DateMention], precisions: tuple[str, ...] = ("DAY", "MONTH")
) -> tuple[PartialDate, tuple[int, int]] | None:
    """The first date of ``head`` written as a dateline: a day first; else a month on a line
    of its own ("Hà Nội, tháng 8/2023", "August 2023")."""
    for precision, longest_prefix in (("DAY", 48), ("MONTH", 32)):
        if precision not in precisions:
            continue
        for mention in head:
            if mention.value.precision.name != precision or mention.end_value is not None:
                continue
            line_start = text.rfind("\n", 0, mention.start) + 1
            prefix = text[line_start : mention.start]
            suffix = text[mention.end : mention.end + 16]
            if len(prefix) > longest_prefix or (
                _EVENT_PREPOSITION.search(prefix) and not _PUBLISHED.search(prefix)
            ):
                continue
            ends_line = not suffix.strip() or suffix.lstrip(" \t").startswith("\n")
            if (precision == "DAY" and _DATELINE_END.match(suffix)) or ends_line:
                return mention.value, (mention.start, mention.end)
    return None


def _head_end(text: str) -> int:
    """The first ten non-empty lines, at most 1,000 characters (minutes put their labelled
    "Circulated:" or "Tarikh:" line after the title, the venue and the chair)."""
    count, position = 0, 0
    for line in text[:1000].splitlines(keepends=True):
        position += len(line)
        if line.strip():
            count += 1
        if count >= 10:
            break
    return min(position, 1000)
