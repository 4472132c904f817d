from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from envcoop.registry.models import Agreement, Country, Event, Framework, Organisation, Project
from envcoop.registry.selectors.involvement import involving_country
from envcoop.registry.selectors.ordering import order_by_name


def country_list(*, group: str | None = None) -> QuerySet[Country]:
    countries = Country.objects.prefetch_related("memberships__group")
    if group:
        countries = countries.filter(memberships__group__code=group)
    return countries.distinct().order_by("code")


@dataclass
class CountryActivity:
    """Everything a country takes part in."""

    country: Country
    frameworks: list[Framework]
    projects: list[Project]
    events: list[Event]
    agreements: list[Agreement]
    organisations: list[Organisation]


def country_activity(*, code: str) -> CountryActivity:
    country = Country.objects.prefetch_related("memberships__group").get(code=code.upper())

    def involved(model: type) -> list:
        return list(involving_country(model.objects.prefetch_related("labels"), country.code))

    return CountryActivity(
        country=country,
        frameworks=involved(Framework),
        projects=list(
            order_by_name(
                involving_country(Project.objects.prefetch_related("labels"), country.code)
            )
        ),
        events=involved(Event),
        agreements=involved(Agreement),
        organisations=list(
            order_by_name(Organisation.objects.filter(country=country).prefetch_related("labels"))
        ),
    )
