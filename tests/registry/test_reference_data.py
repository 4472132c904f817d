"""Reference data is there after migrate, with names from CLDR and the areas in five languages."""

import pytest

from envcoop.core.partial_date import PartialDate
from envcoop.registry.models import (
    Area,
    AreaCode,
    Country,
    CountryGroupCode,
    EventSeries,
    Framework,
    Organisation,
    Vocabulary,
)

pytestmark = pytest.mark.django_db

ASEAN = {"BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN", "TL"}


def test_the_eight_areas_have_names_in_five_languages():
    areas = list(Area.objects.order_by("position"))
    assert [a.code for a in areas] == list(AreaCode.values)
    for area in areas:
        assert set(area.names()) >= {"en", "th", "vi", "id", "ms"}
    haze = Area.objects.get(code="transboundary-haze")
    assert haze.name_in("ms").text == "Pencemaran jerebu rentas sempadan"
    assert haze.name_in("vi").text == "Ô nhiễm khói mù xuyên biên giới"


def test_asean_members_partners_and_plus_three():
    members = set(
        Country.objects.filter(memberships__group__code=CountryGroupCode.ASEAN).values_list(
            "code", flat=True
        )
    )
    assert members == ASEAN
    timor = Country.objects.get(code="TL").memberships.get(group__code="asean")
    assert timor.since == PartialDate(2025, 10, 26)
    partners = set(
        Country.objects.filter(
            memberships__group__code=CountryGroupCode.DIALOGUE_PARTNER
        ).values_list("code", flat=True)
    )
    assert {"CN", "JP", "KR", "EU", "US", "AU", "IN"} <= partners
    plus_three = set(
        Country.objects.filter(memberships__group__code=CountryGroupCode.PLUS_THREE).values_list(
            "code", flat=True
        )
    )
    assert plus_three == {"CN", "JP", "KR"}


def test_country_names_are_stored_from_cldr_with_aliases():
    laos = Country.objects.get(code="LA")
    stored = {label.lang: label.text for label in laos.labels.filter(kind="name")}
    assert stored["th"] == "ลาว" and stored["vi"] == "Lào" and stored["km"] == "ឡាវ"
    aliases = set(laos.labels.filter(kind="alias").values_list("text", flat=True))
    assert {"Lao PDR", "CHDCND Lào", "สปป. ลาว", "Lao People's Democratic Republic"} <= aliases


def test_environment_bodies_and_series():
    acronyms = set(
        Organisation.objects.filter(labels__kind="acronym").values_list("labels__text", flat=True)
    )
    assert {
        "AMME",
        "ASOEN",
        "AWGCC",
        "AWGWRM",
        "AWGCME",
        "AWGNCB",
        "AWGESC",
        "AWGCW",
        "AWGEE",
        "ACB",
        "ACCC",
        "ACC THPC",
        "MSC",
    } <= acronyms
    awgcw = Organisation.objects.get(key="awgcw")
    assert awgcw.parent.key == "asoen"
    assert list(awgcw.areas.values_list("code", flat=True)) == ["chemicals-waste"]
    series = set(EventSeries.objects.values_list("key", flat=True))
    assert {
        "amme",
        "asoen",
        "awgcc",
        "haze-cop",
        "haze-msc",
        "asean-china-cooperation-week",
        "asean-china-focal-point",
    } <= series
    assert EventSeries.objects.get(key="amme").convener.key == "amme"


def test_asean_china_framework_has_four_directions_mapped_onto_areas():
    framework = Framework.objects.get(key="asean-china-sap-2021-2025")
    assert framework.predecessor.key == "asean-china-sap-2016-2020"
    assert str(framework.period_start) == "2021" and str(framework.period_end) == "2025"
    directions = {c.number: c for c in framework.components.all()}
    assert sorted(directions) == [1, 2, 3, 4]
    assert set(directions[2].areas.values_list("code", flat=True)) == {
        "sustainable-cities",
        "marine-coastal",
        "chemicals-waste",
    }
    assert directions[4].name_in("th").text == "การอนุรักษ์ความหลากหลายทางชีวภาพและการจัดการระบบนิเวศ"


def test_sdgs_map_onto_areas():
    sdg = Vocabulary.objects.get(code="sdg")
    assert sdg.terms.count() == 17
    assert list(sdg.terms.get(code="14").areas.values_list("code", flat=True)) == ["marine-coastal"]
