"""What a language module provides. Month and weekday names are read from CLDR here."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from babel import Locale

Span = tuple[int, int]

_WORD = re.compile(r"\w+(?:[-'’.]\w+)*", re.UNICODE)


def regex_words(text: str) -> list[Span]:
    """Words of a space-separated language: runs of letters and digits (with inner - ' .)."""
    return [match.span() for match in _WORD.finditer(text)]


def regex_word_texts(text: str) -> list[str]:
    """The words of ``regex_words``, as text."""
    return _WORD.findall(text)


_CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip


def chinese_number(text: str) -> int | None:
    """A number written in Chinese numerals below a thousand: "十七" 17, "二十一" 21, "一百" 100."""
    total, digit = 0, None
    for char in text:
        if char in _CHINESE_DIGITS:
            digit = _CHINESE_DIGITS[char]
        elif char in "十百":
            total += (1 if digit is None else digit) * (10 if char == "十" else 100)
            digit = None
        else:
            return None
    total += digit or 0
    return total or None


def ordinal_value(match: re.Match) -> int | None:
    """The number an ordinal pattern found: its group ``n`` (digits) or ``cn`` (Chinese)."""
    groups = match.groupdict()
    if groups.get("n"):
        return int(groups["n"])
    if groups.get("cn"):
        return chinese_number(groups["cn"])
    return None


@dataclass
class LanguageProfile:
    code: str
    babel_locale: str
    tokenize: Callable[[str], list[Span]] = regex_words
    # Written without spaces between words (Thai, Lao, Khmer, Burmese, Chinese): words and
    # the ends of names come from ICU, not from spaces and capitals.
    unspaced: bool = False
    # Names end with their head word ("...环境部长会议", "...အစည်းအဝေး"): a name is read
    # leftwards from the head word, not rightwards.
    head_final: bool = False
    home_country: str | None = None  # whose bodies a name in this language most likely means

    # dates ---------------------------------------------------------------
    extra_months: dict[str, int] = field(default_factory=dict)  # spellings CLDR lacks
    # CLDR's abbreviated months too (Burmese ones are syllables that are also common words)
    abbreviated_months: bool = True
    month_prefix: str = ""  # words before a month name ("เดือน")
    day_prefix: str = ""  # words before a day number ("วันที่", "ngày", "tanggal")
    year_prefix: str = ""  # words before a year ("ปี", "năm", "tahun")
    range_words: tuple[str, ...] = ()  # "to", "đến", "hingga", "ถึง"
    this_words: tuple[str, ...] = ()
    next_words: tuple[str, ...] = ()
    last_words: tuple[str, ...] = ()
    today: tuple[str, ...] = ()
    yesterday: tuple[str, ...] = ()
    tomorrow: tuple[str, ...] = ()
    part_of_month: tuple[str, ...] = ()  # "end of", "cuối", "akhir": keep month precision
    between_date_words: str = ""  # regex: "between" before a range of dates
    and_date_words: str = ""  # regex: "and" between two days of one event
    of_words: tuple[str, ...] = ()  # between a day and its month: "of", "ng"
    # Year-first dates with markers ("2023年8月22日", "၂၀၂၃ ခုနှစ် ဩဂုတ်လ ၂၂ ရက်")
    year_first: bool = False
    year_suffix: str = ""  # regex after a year's digits: "年", "ခုနှစ်"
    month_suffix: str = ""  # regex after a month: "月" (Chinese months are numbers), "လ"
    day_suffix: str = ""  # regex after a day's digits: "日|号", "ရက်(?:နေ့)?"

    # meetings, agreements, projects ----------------------------------------
    meeting_words: tuple[str, ...] = ()
    ordinal_patterns: tuple[str, ...] = ()  # regexes with a group named n
    place_words: tuple[str, ...] = ()  # "in", "at", "tại", "di", "ณ"
    online_words: tuple[str, ...] = ()
    held_words: tuple[
        str, ...
    ] = ()  # "held", "berlangsung", "diễn ra": a meeting's own date follows
    host_patterns: tuple[str, ...] = ()  # regexes with a group named host
    host_words: tuple[str, ...] = ()  # words one of which every host pattern contains
    agreement_words: dict[str, str] = field(default_factory=dict)  # phrase -> kind
    # "signed", "adopted", "entered into force": only these give an agreement its date
    signing_words: tuple[str, ...] = ()
    # "draft", "dự thảo": an agreement not (yet) made is a mention
    draft_words: tuple[str, ...] = ()
    framework_words: dict[str, str] = field(default_factory=dict)  # phrase -> kind
    priority_cues: tuple[str, ...] = ()  # regexes opening a year's priorities, a group y
    project_words: tuple[str, ...] = ()
    # words for several projects, which may list names after them ("projects such as “...”")
    project_plural_words: tuple[str, ...] = ()
    fund_words: tuple[str, ...] = ()
    since_words: tuple[str, ...] = ()
    between_words: tuple[str, ...] = ()  # "between", "ระหว่าง", "giữa", "antara"

    # areas -------------------------------------------------------------
    area_terms: dict[str, dict[str, float]] = field(default_factory=dict)  # area -> term -> weight

    @cached_property
    def locale(self) -> Locale:
        return Locale.parse(self.babel_locale)

    @cached_property
    def months(self) -> dict[str, int]:
        """Every CLDR spelling of each month (wide, abbreviated; format, stand-alone), and extras."""
        names: dict[str, int] = {}
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated") if self.abbreviated_months else ("wide",):
                for number, name in self.locale.months[context][width].items():
                    names[name] = number
                    names[name.rstrip(".")] = number
        names.update(self.extra_months)
        return names

    @cached_property
    def weekdays(self) -> dict[str, int]:
        """Weekday names from CLDR, Monday = 0 (as Python's ``date.weekday()``)."""
        names: dict[str, int] = {}
        for context in ("format", "stand-alone"):
            for width in ("wide",):
                for number, name in self.locale.days[context][width].items():
                    names[name] = number
        return names
