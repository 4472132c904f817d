from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from envcoop.registry.models import Agreement, Country, Event, Framework, Organisation, Project
from envcoop.registry.selectors.agreements import agreement_involving_country
from envcoop.registry.selectors.events import event_involving_country
from envcoop.registry.selectors.projects import project_involving_country


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
    return CountryActivity(
        country=country,
        frameworks=list(
            Framework.objects.filter(partner_countries=country)
            .prefetch_related("labels")
            .distinct()
        ),
        projects=list(
            Project.objects.filter(
                pk__in=Project.objects.filter(project_involving_country(country.code)).values("pk")
            )
            .prefetch_related("labels")
            .order_by("key")
        ),
        events=list(
            Event.objects.filter(
                pk__in=Event.objects.filter(event_involving_country(country.code)).values("pk")
            ).prefetch_related("labels")
        ),
        agreements=list(
            Agreement.objects.filter(
                pk__in=Agreement.objects.filter(agreement_involving_country(country.code)).values(
                    "pk"
                )
            ).prefetch_related("labels")
        ),
        organisations=list(
            Organisation.objects.filter(country=country).prefetch_related("labels").order_by("key")
        ),
    )
