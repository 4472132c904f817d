"""The admin: every model listed, filtered and searched in any language; refusals for non-staff."""

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from envcoop.registry.models import FormerKey, Label, Organisation

pytestmark = pytest.mark.django_db

REGISTRY_MODELS = [m for m in admin.site._registry if m._meta.app_label == "registry"]


def test_every_registry_model_has_an_admin():
    from django.apps import apps

    models = {
        m
        for m in apps.get_app_config("registry").get_models()
        if not m.__name__.startswith("Historical")  # history is shown on its record's page
    }
    missing = {m.__name__ for m in models} - {m.__name__ for m in REGISTRY_MODELS}
    # memberships and participations are edited inline on their country and project
    assert missing <= {"CountryMembership", "ProjectParticipation"}, missing


@pytest.mark.parametrize("model", REGISTRY_MODELS, ids=lambda m: m.__name__)
def test_changelist_and_forms_open_for_staff(staff_client: Client, model):
    base = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    assert staff_client.get(reverse(f"{base}_changelist")).status_code == 200
    assert staff_client.get(reverse(f"{base}_changelist"), {"q": "ASEAN"}).status_code == 200
    if model is FormerKey:  # written by renames and merges only: the admin shows them
        assert staff_client.get(reverse(f"{base}_add")).status_code == 403
    elif model is not Label:  # names are added on their record's page
        assert staff_client.get(reverse(f"{base}_add")).status_code == 200
    first = model.objects.first()
    if first is not None:
        assert staff_client.get(reverse(f"{base}_change", args=[first.pk])).status_code == 200


@pytest.mark.parametrize(
    ("model", "query", "expected"),
    [
        ("organisation", "กรมควบคุมมลพิษ", "th-pcd"),
        ("organisation", "Bộ Tài nguyên và Môi trường", "vn-monre"),
        ("organisation", "AWGCW", "awgcw"),
        ("event", "lần thứ 17", "amme-17"),
        ("area", "jerebu", "transboundary-haze"),
        ("country", "CHDCND Lào", "LA"),
    ],
)
def test_search_matches_names_in_any_language(staff_client: Client, model, query, expected):
    response = staff_client.get(reverse(f"admin:registry_{model}_changelist"), {"q": query})
    assert response.status_code == 200
    results = list(response.context["cl"].result_list)
    keys = {getattr(r, "key", None) or getattr(r, "code", None) for r in results}
    assert expected in keys


@pytest.mark.parametrize(
    ("model", "params", "expected", "excluded"),
    [
        ("event", {"year": "2022"}, "asean-china-cooperation-week-2022", "amme-17"),
        (
            "agreement",
            {"kind__exact": "mou"},
            "mangrove-pilot-cooperation-mou-2018",
            "one-health-declaration",
        ),
        (
            "agreement",
            {"year": "2018"},
            "mangrove-pilot-cooperation-mou-2018",
            "one-health-declaration",
        ),
        ("project", {"year": "2017"}, "marine-debris-microplastic-monitoring", "blue-economy-trat"),
        (
            "framework",
            {"kind__exact": "strategy"},
            "asean-china-sap-2016-2020",
            "asean-china-sap-2021-2025",
        ),
    ],
)
def test_filters(staff_client: Client, model, params, expected, excluded):
    response = staff_client.get(reverse(f"admin:registry_{model}_changelist"), params)
    keys = {r.key for r in response.context["cl"].result_list}
    assert expected in keys and excluded not in keys


def test_area_filter_on_projects(staff_client: Client):
    from envcoop.registry.models import Area

    area = Area.objects.get(code="biodiversity")
    response = staff_client.get(
        reverse("admin:registry_project_changelist"), {"areas__id__exact": area.pk}
    )
    assert {r.key for r in response.context["cl"].result_list} == {"marine-endangered-species"}


def test_outsiders_are_refused(client: Client, member_client: Client):
    url = reverse("admin:registry_event_changelist")
    assert client.get(url).status_code == 302
    response = member_client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


PREFIX = "registry-label-content_type-object_id"


def _names_formset(labels: list[dict]) -> dict:
    """The POST data of the names inline holding ``labels`` as new rows."""
    data = {
        f"{PREFIX}-TOTAL_FORMS": str(len(labels)),
        f"{PREFIX}-INITIAL_FORMS": "0",
        f"{PREFIX}-MIN_NUM_FORMS": "0",
        f"{PREFIX}-MAX_NUM_FORMS": "1000",
    }
    for index, label in enumerate(labels):
        for field, value in label.items():
            if value is True:
                data[f"{PREFIX}-{index}-{field}"] = "on"
            elif value is not False:
                data[f"{PREFIX}-{index}-{field}"] = value
    return data


def _organisation_form(organisation: Organisation, labels: list[dict]) -> dict:
    return {
        "key": organisation.key,
        "type": organisation.type,
        "country": organisation.country_id or "",
        **_names_formset(labels),
    }


def test_names_inline_refuses_two_originals_without_changing_anything(staff_client: Client):
    organisation = Organisation.objects.create(key="t-admin-org", type="agency")
    url = reverse("admin:registry_organisation_change", args=[organisation.pk])
    data = _organisation_form(
        organisation,
        [
            {"kind": "name", "lang": "en", "text": "Test Agency", "is_original": True},
            {"kind": "name", "lang": "th", "text": "หน่วยงานทดสอบ", "is_original": True},
        ],
    )
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "Only one name can be the original." in response.content.decode()
    content_type = ContentType.objects.get_for_model(Organisation)
    assert not Label.objects.filter(content_type=content_type, object_id=organisation.pk).exists()


def test_names_inline_saves_names_in_several_languages(staff_client: Client):
    organisation = Organisation.objects.create(key="t-admin-org", type="agency")
    url = reverse("admin:registry_organisation_change", args=[organisation.pk])
    data = _organisation_form(
        organisation,
        [
            {"kind": "name", "lang": "EN", "text": "Test Agency", "is_original": True},
            {"kind": "name", "lang": "th", "text": "หน่วยงานทดสอบ", "is_original": False},
            {"kind": "acronym", "lang": "und", "text": "TA", "is_original": False},
        ],
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    organisation.refresh_from_db()
    assert organisation.names() == {"en": "Test Agency", "th": "หน่วยงานทดสอบ"}
    assert organisation.acronym == "TA"


def test_an_event_ending_before_it_starts_is_refused_in_the_admin(staff_client: Client):
    from envcoop.registry.models import Event

    event = Event.objects.get(key="amme-17")
    url = reverse("admin:registry_event_change", args=[event.pk])
    form = staff_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    for name in (
        "host_countries",
        "participant_countries",
        "areas",
        "host_organisations",
        "participant_organisations",
        "components",
        "action_lines",
    ):
        data[name] = [str(v) for v in (form[name].value() or [])]
    data.update({"start": "2023-08-24", "end": "2023-08-20"})
    data.update(_names_formset([]))
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "The end is before the start." in response.content.decode()
    event.refresh_from_db()
    assert str(event.end) == "2023-08-24"


def _add_event(staff_client: Client, labels: list[dict], **fields: str):
    data = {"key": "t-admin-event", **fields, **_names_formset(labels)}
    return staff_client.post(reverse("admin:registry_event_add"), data)


@pytest.mark.parametrize(
    ("labels", "fields", "message"),
    [
        ([], {}, "Give a name in at least one language."),
        (
            [{"kind": "acronym", "lang": "und", "text": "TX"}],
            {},
            "Give a name in at least one language.",
        ),
        (
            [
                {"kind": "name", "lang": "en", "text": "A"},
                {"kind": "name", "lang": "th", "text": "ก"},
            ],
            {},
            "Mark one name as the original",
        ),
        (
            [
                {"kind": "name", "lang": "en", "text": "A", "is_original": True},
                {"kind": "alias", "lang": "en", "text": "B"},
                {"kind": "alias", "lang": "en", "text": "B"},
            ],
            {},
            "is listed twice",
        ),
        ([{"kind": "name", "lang": "xx", "text": "A"}], {}, "not an ISO 639"),
        ([{"kind": "name", "lang": "en", "text": "A" * 501}], {}, "At most 500 characters."),
        ([{"kind": "name", "lang": "en", "text": "A"}], {"end": "2024-01-01"}, "an end alone"),
        ([{"kind": "name", "lang": "en", "text": "A"}], {"start": "2566-08-22"}, "Buddhist era"),
    ],
)
def test_the_admin_refuses_bad_names_and_dates(staff_client: Client, labels, fields, message):
    from envcoop.registry.models import Event

    response = _add_event(staff_client, labels, **fields)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Event.objects.filter(key="t-admin-event").exists()


def test_a_single_name_becomes_the_original_and_the_message_names_it(staff_client: Client):
    from envcoop.registry.models import Event

    response = _add_event(
        staff_client, [{"kind": "name", "lang": "th", "text": "การประชุมทดสอบ"}], start="2024-03"
    )
    assert response.status_code == 302
    event = Event.objects.get(key="t-admin-event")
    assert event.labels.get().is_original
    assert str(event.start) == "2024-03"
    page = staff_client.get(response["Location"]).content.decode()
    assert "การประชุมทดสอบ" in page


def test_odd_filter_values_in_the_admin_are_harmless(staff_client: Client):
    for params in [{"year": "²"}, {"year": "20233"}, {"areas__id__exact": "abc"}, {"q": "\x00"}]:
        response = staff_client.get(reverse("admin:registry_event_changelist"), params)
        assert response.status_code in (200, 302)
