"""A date known to the year, the month or the day, and never more precisely than that.

Sources say "2024", "August 2023" or "22 August 2023". A ``PartialDate`` keeps
exactly what was said. Its text form is ISO 8601 cut at the known precision
("2024", "2023-08", "2023-08-22"); that text sorts correctly as a string (a year
sorts before the months and days inside it), which is how the database stores it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re
from dataclasses import dataclass
from functools import total_ordering

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$", re.ASCII)
MIN_YEAR = 1900
MAX_YEAR = 2200
BUDDHIST_ERA_OFFSET = 543  # 2023 CE is 2566 BE


def _days_in_month(year: int, month: int) -> int:
    """calendar.monthrange(year, month)[1], without the weekday it also works out."""
    return calendar.mdays[month] + (month == 2 and calendar.isleap(year))


class Precision(enum.IntEnum):
    YEAR = 1
    MONTH = 2
    DAY = 3


class PartialDateError(ValueError):
    """The text is not a year, year-month or calendar date we accept."""


@total_ordering
@dataclass(frozen=True, slots=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            if MIN_YEAR + BUDDHIST_ERA_OFFSET <= self.year <= MAX_YEAR + BUDDHIST_ERA_OFFSET:
                raise PartialDateError(
                    f"year {self.year} looks like a Buddhist era year: write "
                    f"{self.year - BUDDHIST_ERA_OFFSET} (dates are stored in the common era)"
                )
            raise PartialDateError(f"year {self.year} is outside {MIN_YEAR}–{MAX_YEAR}")
        if self.month is None:
            if self.day is not None:
                raise PartialDateError("a day needs a month")
            return
        if not 1 <= self.month <= 12:
            raise PartialDateError(f"month {self.month} is not between 1 and 12")
        if self.day is not None:
            last = _days_in_month(self.year, self.month)
            if not 1 <= self.day <= last:
                raise PartialDateError(
                    f"day {self.day} does not exist in {self.year}-{self.month:02d}"
                )

    # construction ---------------------------------------------------------
    @classmethod
    def parse(cls, value: str | PartialDate | dt.date) -> PartialDate:
        """Read "2023", "2023-08" or "2023-08-22" (or pass a date through)."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if not isinstance(value, str):
            raise PartialDateError(f"expected text like 2023, 2023-08 or 2023-08-22, not {value!r}")
        text = value.strip()
        match = _PATTERN.match(text)
        if not match:
            raise PartialDateError(f"{value!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = match.groups()
        return cls(int(year), int(month) if month else None, int(day) if day else None)

    @classmethod
    def parse_optional(cls, value: str | PartialDate | dt.date | None) -> PartialDate | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return cls.parse(value)

    # properties -----------------------------------------------------------
    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    def earliest(self) -> dt.date:
        """The first day this value could mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        """The last day this value could mean."""
        month = self.month or 12
        day = self.day or _days_in_month(self.year, month)
        return dt.date(self.year, month, day)

    def contains(self, day: dt.date) -> bool:
        return self.earliest() <= day <= self.latest()

    def isoformat(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def as_date(self) -> dt.date | None:
        """The calendar date when known to the day, else None (never invented)."""
        if self.precision is Precision.DAY:
            return self.earliest()
        return None

    # ordering: the same order as the ISO text -----------------------------
    def _key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() < other._key()

    def __str__(self) -> str:
        return self.isoformat()

    def __repr__(self) -> str:
        return f"PartialDate({self.isoformat()!r})"
