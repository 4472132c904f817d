"""The write path refuses bad values with a message per field, and writes nothing then."""

import pytest
from django.core.exceptions import ValidationError

from envcoop.core.partial_date import PartialDate
from envcoop.registry.models import Country, Event, Organisation, Project
from envcoop.registry.services.agreements import agreement_upsert
from envcoop.registry.services.countries import country_upsert
from envcoop.registry.services.events import event_upsert
from envcoop.registry.services.frameworks import framework_upsert
from envcoop.registry.services.labels import NameSet
from envcoop.registry.services.organisations import organisation_upsert
from envcoop.registry.services.priorities import priority_upsert
from envcoop.registry.services.projects import project_upsert
from tests.snapshots import registry_snapshot

pytestmark = pytest.mark.django_db
NAMES = NameSet(names={"en": "Test record"})


def _refused(call, field: str, fragment: str) -> None:
    before = registry_snapshot()
    with pytest.raises(ValidationError) as error:
        call()
    messages = error.value.message_dict
    assert field in messages, messages
    assert fragment in " ".join(messages[field]), messages
    assert registry_snapshot() == before


@pytest.mark.parametrize(
    ("kwargs", "field", "fragment"),
    [
        ({"start": "2023-08-24", "end": "2023-08-22"}, "end", "before the start"),
        ({"start": "22/08/2023"}, "start", "YYYY"),
        ({"country": "Narnia"}, "country", "ISO 3166-1"),
        ({"host_countries": ["TH", "ZZ"]}, "host_countries", "'ZZ'"),
        ({"areas": ["haze"]}, "areas", "unknown area 'haze'"),
        ({"series": "no-such-series"}, "series", "no-such-series"),
        ({"ordinal": 3}, "ordinal", "needs the series"),
        ({"series": "amme", "ordinal": 0}, "ordinal", "start at 1"),
        ({"series": "amme", "ordinal": 17}, "ordinal", "already recorded as 'amme-17'"),
        ({"mode": "telepathy"}, "mode", "telepathy"),
        (
            {"participant_countries": ["FR"], "start": "2023-08-24", "end": "2023-08-22"},
            "end",
            "before",
        ),
        ({"host_countries": "TH"}, "host_countries", "expected a list"),
        ({"place": 5}, "place", "expected text"),
        ({"place": "x" * 201}, "place", "longer than 200"),
        ({"end": "2023-08-22"}, "start", "an end alone"),
        ({"ordinal": "17", "series": "amme"}, "ordinal", "not a whole number"),
        ({"host_organisations": ["nobody"]}, "host_organisations", "nobody"),
    ],
)
def test_event_validation(kwargs, field, fragment):
    _refused(lambda: event_upsert(key="t-event", names=NAMES, **kwargs), field, fragment)
    assert not Event.objects.filter(key="t-event").exists()


@pytest.mark.parametrize(
    ("kwargs", "field", "fragment"),
    [
        ({"budget_value": "-5", "budget_currency": "USD"}, "budget_value", "negative"),
        ({"budget_value": "1000"}, "budget_currency", "currency code is required"),
        ({"budget_value": "1000", "budget_currency": "Baht"}, "budget_currency", "ISO 4217"),
        ({"budget_value": "lots", "budget_currency": "USD"}, "budget_value", "not an amount"),
        ({"budget_value": "NaN", "budget_currency": "USD"}, "budget_value", "not an amount"),
        ({"budget_currency": "USD"}, "budget_value", "without an amount"),
        ({"activity_status": 9}, "activity_status", "not allowed"),
        (
            {"participating_organisations": {"sponsor": ["th-pcd"]}},
            "participating_organisations",
            "unknown role",
        ),
        ({"components": ["asean-china-sap-2021-2025:9"]}, "components", "no component 9"),
        ({"components": ["nonsense"]}, "components", "framework key"),
        ({"planned_start": "2024", "planned_end": "2023"}, "planned_end", "before the start"),
        ({"key": "Not A Slug!"}, "key", "slug"),
    ],
)
def test_project_validation(kwargs, field, fragment):
    key = kwargs.pop("key", "t-project")
    _refused(lambda: project_upsert(key=key, names=NAMES, **kwargs), field, fragment)
    assert not Project.objects.filter(key=key).exists()


def test_other_entities_refuse_bad_values():
    _refused(
        lambda: framework_upsert(key="t-f", kind="manifesto", names=NAMES), "kind", "manifesto"
    )
    _refused(
        lambda: framework_upsert(key="t-f", kind="strategy", names=NAMES, predecessor="t-none"),
        "predecessor",
        "t-none",
    )
    _refused(
        lambda: agreement_upsert(key="t-a", kind="mou", status="rumoured", names=NAMES),
        "status",
        "rumoured",
    )
    _refused(lambda: organisation_upsert(key="t-o", type="club", names=NAMES), "type", "club")
    _refused(
        lambda: organisation_upsert(key="t-o", type="agency", names=NAMES, parent="t-o-missing"),
        "parent",
        "t-o-missing",
    )
    _refused(lambda: priority_upsert(key="t-p", year=20240, names=NAMES), "year", "20240")
    _refused(lambda: country_upsert(code="TH", groups={"g7": None}), "groups", "unknown group")


def test_an_unchanged_upsert_writes_nothing():
    event, changed = event_upsert(
        key="t-same", names=NAMES, series="asoen", ordinal=99, start="2030", host_countries=["TH"]
    )
    assert changed
    stamp = Event.objects.get(pk=event.pk).updated_at
    again, changed = event_upsert(
        key="t-same", names=NAMES, series="asoen", ordinal=99, start="2030", host_countries=["TH"]
    )
    assert (again.pk, changed) == (event.pk, False)
    assert Event.objects.get(pk=event.pk).updated_at == stamp


def test_updates_change_fields_links_and_participations():
    project_upsert(
        key="t-p",
        names=NAMES,
        recipient_countries=["TH"],
        participating_organisations={"implementing": ["th-dmcr"], "funding": ["cn-mee"]},
    )
    project, changed = project_upsert(
        key="t-p",
        names=NAMES,
        recipient_countries=["TH", "VN"],
        participating_organisations={"implementing": ["th-dmcr"]},
        budget_value="1500000.50",
        budget_currency="usd",
    )
    assert changed
    project.refresh_from_db()
    assert set(project.recipient_countries.values_list("code", flat=True)) == {"TH", "VN"}
    assert [(p.organisation.key, p.get_role_display()) for p in project.participations.all()] == [
        ("th-dmcr", "implementing")
    ]
    assert (str(project.budget_value), project.budget_currency) == ("1500000.50", "USD")


def test_a_new_country_gets_its_names_from_cldr():
    country, changed = country_upsert(code="fra")
    assert changed and country.code == "FR"
    assert country.labels.get(kind="name", lang="vi").text == "Pháp"


def test_a_refused_write_does_not_leave_a_new_country_behind():
    assert not Country.objects.filter(code="FR").exists()
    with pytest.raises(ValidationError):
        event_upsert(key="t-e", names=NAMES, participant_countries=["FR"], mode="telepathy")
    assert not Country.objects.filter(code="FR").exists()


def test_country_codes_in_any_form_name_the_same_country():
    country_upsert(code="THA")
    _, changed = country_upsert(code="THA", groups={"asean": None}, overwrite=False)
    assert changed is False
    assert set(
        Country.objects.get(code="TH").memberships.values_list("group__code", flat=True)
    ) == {"asean"}


def test_cycles_of_parents_and_predecessors_are_refused():
    organisation_upsert(key="t-a", type="agency", names=NAMES)
    organisation_upsert(key="t-b", type="agency", names=NAMES, parent="t-a")
    _refused(
        lambda: organisation_upsert(key="t-a", type="agency", names=NAMES, parent="t-b"),
        "parent",
        "part of itself",
    )
    framework_upsert(key="t-f1", kind="strategy", names=NAMES)
    framework_upsert(key="t-f2", kind="strategy", names=NAMES, predecessor="t-f1")
    _refused(
        lambda: framework_upsert(key="t-f1", kind="strategy", names=NAMES, predecessor="t-f2"),
        "predecessor",
        "follow itself",
    )
    assert Organisation.objects.get(key="t-a").parent is None


def test_a_project_that_started_after_its_planned_end_is_open_ended():
    from envcoop.registry.selectors.filters import ListFilters
    from envcoop.registry.selectors.projects import project_list

    project, _ = project_upsert(
        key="t-late", names=NAMES, planned_start="2015", planned_end="2016", actual_start="2017"
    )
    assert project.start == PartialDate(2017) and project.end is None
    assert "t-late" in {p.key for p in project_list(filters=ListFilters(year=2018))}
    assert "t-late" not in {p.key for p in project_list(filters=ListFilters(year=2016))}
