"""The list filters every page and export shares (area, country, year, status, ...)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ListFilters:
    area: str | None = None
    country: str | None = None
    year: int | None = None
    status: str | None = None
    kind: str | None = None
    series: str | None = None
    fund: str | None = None
    when: str | None = None  # events: "upcoming" or "past"

    def active(self) -> dict[str, object]:
        return {name: value for name, value in self.__dict__.items() if value not in (None, "")}
