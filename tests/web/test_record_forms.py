"""The forms that add and edit events, projects, agreements and organisations on the site,
through Django's test client on a real database: every persona on every new page and edit
page (GET and POST), the record saved and its history entry, bad input refused with nothing
written, roles not escalated through a form field, forged posts, the pickers' data, and the
links to the forms shown only to those who may use them."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation

from envcoop.core.recording import How
from envcoop.registry.models import (
    Agreement,
    Event,
    Label,
    Organisation,
    OrganisationRole,
    Project,
)
from envcoop.registry.selectors.history import record_history
from envcoop.registry.services.labels import NameSet
from envcoop.registry.services.projects import project_upsert
from envcoop.web.record_forms.saving import FORM_KINDS
from envcoop.web.review_forms import PartialDateInput
from tests.conftest import grant

pytestmark = pytest.mark.django_db

KINDS = list(FORM_KINDS)
# A record of each kind Thailand takes part in, and Viet Nam does not (demo data).
THAI_RECORDS = {
    "events": "asean-china-cooperation-week-2022",  # Thailand's PCD took part
    "projects": "blue-economy-trat",
    "agreements": "mangrove-pilot-cooperation-mou-2018",
    "organisations": "th-pcd",
}
MODELS = {
    "events": Event,
    "projects": Project,
    "agreements": Agreement,
    "organisations": Organisation,
}
SIGN_IN = "/accounts/login/"


def text_of(response) -> str:
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
    return html.unescape(text)


def new_record_data(kind: str, name: str, country: str) -> dict[str, Any]:
    """The least a new record of ``kind`` needs, taking ``country`` in."""
    data: dict[str, Any] = {"name_en": name}
    if kind == "events":
        data["participant_countries"] = [country]
    elif kind == "projects":
        data.update(activity_status="2", recipient_countries=[country])
    elif kind == "agreements":
        data.update(kind="mou", status="signed", party_countries=[country])
    else:
        data.update(type="ministry", country=country)
    return data


def form_data(kind: str, key: str, /, **changes: Any) -> dict[str, Any]:
    """What the edit page of a record sends when ``changes`` are made to what it shows."""
    record = MODELS[kind].objects.get(key=key)
    form = FORM_KINDS[kind].form(instance=record)
    data: dict[str, Any] = {}
    for bound in form:
        value = bound.value()
        if value is None:
            value = ""
        data[bound.name] = [str(v) for v in value] if isinstance(value, list) else str(value)
    data.update(changes)
    return data


def counts() -> tuple[int, ...]:
    """How much the registry holds: nothing written means none of these moved."""
    return (
        Event.objects.count(),
        Project.objects.count(),
        Agreement.objects.count(),
        Organisation.objects.count(),
        Label.objects.count(),
        Event.history.count(),  # type: ignore[attr-defined]
        Project.history.count(),  # type: ignore[attr-defined]
        Agreement.history.count(),  # type: ignore[attr-defined]
        Organisation.history.count(),  # type: ignore[attr-defined]
        Label.history.count(),  # type: ignore[attr-defined]
    )


def vietnamese_project() -> Project:
    project, _changed = project_upsert(
        key="vn-mekong-delta-resilience",
        names=NameSet(names={"en": "Mekong Delta Resilience", "vi": "Chống chịu Đồng bằng"}, original="vi"),
        recipient_countries=["VN"],
    )  # fmt: skip
    return project


# ------------------------------------------------------------------- who may


@pytest.mark.parametrize("kind", KINDS)
def test_each_persona_on_the_new_page(personas, kind):
    url = f"/{kind}/new/"
    for persona in ("anonymous", "contributor_th", "partner"):
        before = counts()
        client = personas[persona]
        got, sent = client.get(url), client.post(url, new_record_data(kind, f"By {persona}", "TH"))
        if persona == "anonymous":
            assert got.status_code == sent.status_code == 302
            assert got["Location"].startswith(SIGN_IN) and sent["Location"].startswith(SIGN_IN)
        else:
            assert got.status_code == sent.status_code == 403
            assert "focal points" in text_of(got)
        assert counts() == before
    for persona, country in [("focal_th", "TH"), ("focal_vn", "VN"), ("reviewer", "LA"),
                             ("administrator", "KH")]:  # fmt: skip
        client = personas[persona]
        assert client.get(url).status_code == 200
        sent = client.post(url, new_record_data(kind, f"Record by {persona}", country))
        assert sent.status_code == 302, text_of(sent)
        record = MODELS[kind].objects.get(key=sent["Location"].split("/")[2])
        assert record.names() == {"en": f"Record by {persona}"}
        assert sent["Location"] == record.get_absolute_url()


@pytest.mark.parametrize("kind", KINDS)
def test_each_persona_on_the_edit_page(personas, kind):
    key = THAI_RECORDS[kind]
    url = f"/{kind}/{key}/edit/"
    for persona in ("anonymous", "contributor_th", "partner", "focal_vn"):
        before = counts()
        client = personas[persona]
        got = client.get(url)
        sent = client.post(url, form_data(kind, key, name_en=f"Renamed by {persona}"))
        if persona == "anonymous":
            assert got.status_code == sent.status_code == 302
            assert sent["Location"].startswith(SIGN_IN)
        else:
            assert got.status_code == sent.status_code == 403
            assert "focal points of the countries it involves" in text_of(got)
        assert counts() == before
    for persona in ("focal_th", "reviewer", "administrator"):
        client = personas[persona]
        page = client.get(url)
        assert page.status_code == 200 and 'name="name_en"' in page.content.decode()
        sent = client.post(url, form_data(kind, key, name_en=f"Renamed by {persona}"))
        assert sent.status_code == 302, text_of(sent)
        record = MODELS[kind].objects.get(key=key)  # the key stays as it was
        assert record.names()["en"] == f"Renamed by {persona}"
        assert sent["Location"] == record.get_absolute_url()


def test_a_thai_focal_point_edits_a_thai_project_and_not_a_vietnamese_one(personas):
    vietnamese = vietnamese_project()
    thai = personas["focal_th"]
    before = counts()
    url = f"/projects/{vietnamese.key}/edit/"
    assert thai.get(url).status_code == 403
    refused = thai.post(url, form_data("projects", vietnamese.key, name_en="Taken over"))
    assert refused.status_code == 403
    assert counts() == before
    assert Project.objects.get(key=vietnamese.key).names()["en"] == "Mekong Delta Resilience"

    done = personas["focal_vn"].post(
        url, form_data("projects", vietnamese.key, name_en="Mekong Delta")
    )
    assert done.status_code == 302
    assert (
        thai.post(
            "/projects/blue-economy-trat/edit/",
            form_data("projects", "blue-economy-trat", actual_start="2566"),
        ).status_code
        == 302
    )
    assert str(Project.objects.get(key="blue-economy-trat").actual_start) == "2023"


def test_the_record_pages_and_lists_link_to_the_forms_for_those_who_may(personas):
    adds = {"events": "Add an event", "projects": "Add a project",
            "agreements": "Add an agreement", "organisations": "Add an organisation"}  # fmt: skip
    for kind, words in adds.items():
        for persona, shown in [("anonymous", False), ("contributor_th", False), ("partner", False),
                               ("focal_th", True), ("reviewer", True)]:  # fmt: skip
            listing = personas[persona].get(f"/{kind}/").content.decode()
            assert (f'href="/{kind}/new/"' in listing) is shown, (kind, persona)
            assert (words in listing) is shown
        key = THAI_RECORDS[kind]
        for persona, shown in [("anonymous", False), ("contributor_th", False), ("partner", False),
                               ("focal_vn", False), ("focal_th", True), ("administrator", True)]:  # fmt: skip
            page = personas[persona].get(f"/{kind}/{key}/").content.decode()
            assert (f'href="/{kind}/{key}/edit/"' in page) is shown, (kind, persona)
    edit = personas["focal_th"].get("/events/asean-china-cooperation-week-2022/edit/")
    assert 'aria-current="page">Edit</a>' in edit.content.decode()


def test_a_focal_points_new_record_starts_with_their_country(personas):
    page = personas["focal_th"].get("/organisations/new/").content.decode()
    assert 'name="country" value="TH" checked' in page
    page = personas["focal_vn"].get("/events/new/").content.decode()
    assert 'name="participant_countries" value="VN" checked' in page
    page = personas["reviewer"].get("/events/new/").content.decode()
    assert 'type="checkbox" name="participant_countries"' not in page


# ------------------------------------------------------------------- saving


def test_a_new_event_with_every_field_and_its_history(personas):
    client = personas["focal_th"]
    sent = client.post("/events/new/", {
        "name_en": "  18th ASEAN Ministerial Meeting   on Environment ",
        "name_th": "การประชุมรัฐมนตรีอาเซียนด้านสิ่งแวดล้อม ครั้งที่ 18",
        "original": "th",
        "series": "amme", "ordinal": "18", "start": "15/10/2568", "end": "2025-10-17",
        "place": "Bangkok", "country": "Thailand", "mode": "in-person",
        "host_countries": ["TH"], "host_organisations": ["th-mnre", "MNRE"],  # key and acronym
        "chair_country": "TH", "participant_countries": ["TH", "VN", "la"],
        "participant_organisations": ["cn-caec"], "areas": ["climate-change", "Biodiversity conservation"],
        "components": ["asean-china-sap-2021-2025:3"], "url": "example.org/amme-18",
    })  # fmt: skip
    assert sent.status_code == 302, text_of(sent)
    event = Event.objects.get(key="amme-18")
    assert sent["Location"] == "/events/amme-18/"
    assert event.names() == {
        "en": "18th ASEAN Ministerial Meeting on Environment",
        "th": "การประชุมรัฐมนตรีอาเซียนด้านสิ่งแวดล้อม ครั้งที่ 18",
    }
    assert event.labels.get(kind="name", is_original=True).lang == "th"
    assert (event.series.key, event.ordinal, str(event.start), str(event.end)) == (
        "amme", 18, "2025-10-15", "2025-10-17")  # fmt: skip
    assert (event.place, event.country.code, event.mode, event.chair_country.code) == (
        "Bangkok", "TH", "in-person", "TH")  # fmt: skip
    assert list(event.host_organisations.values_list("key", flat=True)) == ["th-mnre"]
    assert sorted(event.participant_countries.values_list("code", flat=True)) == ["LA", "TH", "VN"]
    assert sorted(event.areas.values_list("code", flat=True)) == ["biodiversity", "climate-change"]
    assert [c.number for c in event.components.all()] == [3]
    assert event.url == "https://example.org/amme-18"

    rows = list(event.history.all())  # type: ignore[attr-defined]
    assert {(row.history_how, row.history_user, row.history_batch) for row in rows} == {
        (How.FORM, client.user, rows[0].history_batch)}  # fmt: skip
    assert "+" in {row.history_type for row in rows}
    [entry] = record_history(event)  # one save, one entry
    assert (entry.how, entry.who, entry.action) == ("form", "focal-th", "created")
    assert "18th ASEAN Ministerial Meeting on Environment" in str(
        [c.as_json() for c in entry.changes]
    )
    page = client.get("/events/amme-18/")
    assert "Added: 18th ASEAN Ministerial Meeting on Environment." in text_of(page)


def test_an_edit_is_one_entry_in_the_records_history(personas):
    client = personas["reviewer"]
    key = "mangrove-pilot-cooperation-mou-2018"
    before = len(record_history(Agreement.objects.get(key=key)))
    sent = client.post(f"/agreements/{key}/edit/", form_data(
        "agreements", key, date="2018-05", place="Shenzhen", adopted_at="amme-17",
        party_organisations=["th-dmcr", "cn-caec"],
    ))  # fmt: skip
    assert sent.status_code == 302, text_of(sent)
    agreement = Agreement.objects.get(key=key)
    assert (str(agreement.date), agreement.place, agreement.adopted_at.key) == (
        "2018-05", "Shenzhen", "amme-17")  # fmt: skip
    assert sorted(agreement.party_organisations.values_list("key", flat=True)) == [
        "cn-caec",
        "th-dmcr",
    ]
    entries = record_history(agreement)
    assert len(entries) == before + 1
    newest = entries[0]
    assert (newest.how, newest.who, newest.action) == ("form", "reviewer", "changed")
    changed = {change.field for change in newest.changes}
    assert {"date", "place"} <= changed
    # the same form again changes nothing and writes no history
    again = client.post(f"/agreements/{key}/edit/", form_data("agreements", key))
    assert again.status_code == 302
    assert len(record_history(Agreement.objects.get(key=key))) == before + 1
    assert "Nothing changed" in text_of(client.get(again["Location"]))


def test_a_project_with_its_organisations_by_role_budget_and_fund(personas):
    client = personas["administrator"]
    sent = client.post("/projects/new/", {
        "name_vi": "Quản lý rác thải nhựa đại dương", "name_en": "Ocean Plastic Waste Management",
        "original": "vi", "activity_status": "1", "planned_start": "2024", "planned_end": "2026-06",
        "recipient_countries": ["VN"], "funding_organisations": ["cn-mee"],
        "implementing_organisations": ["vn-monre", "cn-caec"], "fund": "asean-china-maritime-cooperation-fund",
        "budget_value": "250000.50", "budget_currency": "usd", "iati_identifier": "XM-TEST-1",
        "areas": ["marine-coastal"],
    })  # fmt: skip
    assert sent.status_code == 302, text_of(sent)
    project = Project.objects.get(key="ocean-plastic-waste-management-2024")
    roles = {(p.organisation.key, p.role) for p in project.participations.all()}
    assert roles == {("cn-mee", OrganisationRole.FUNDING), ("vn-monre", OrganisationRole.IMPLEMENTING),
                     ("cn-caec", OrganisationRole.IMPLEMENTING)}  # fmt: skip
    assert (str(project.budget_value), project.budget_currency) == ("250000.50", "USD")
    assert project.fund.key == "asean-china-maritime-cooperation-fund"
    # the edit page shows each organisation under its role, and keeps what is not shown
    project.action_lines.set([])
    data = form_data("projects", project.key, implementing_organisations=["vn-monre"])
    assert data["funding_organisations"] == ["cn-mee"]
    assert client.post(f"/projects/{project.key}/edit/", data).status_code == 302
    roles = {(p.organisation.key, p.role) for p in project.participations.all()}
    assert roles == {
        ("cn-mee", OrganisationRole.FUNDING),
        ("vn-monre", OrganisationRole.IMPLEMENTING),
    }


def test_a_new_organisation_gets_a_key_from_its_acronym_and_country(personas):
    sent = personas["focal_th"].post("/organisations/new/", {
        "name_th": "กรมป่าไม้", "name_en": "Royal Forest Department", "original": "th",
        "type": "department", "acronym": "RFD", "country": "TH", "parent": "th-mnre",
        "areas": ["biodiversity"], "website": "https://www.forest.go.th/",
    })  # fmt: skip
    assert sent.status_code == 302, text_of(sent)
    organisation = Organisation.objects.get(key="th-rfd")
    assert (organisation.parent.key, organisation.acronym, organisation.type) == (
        "th-mnre", "RFD", "department")  # fmt: skip
    # a key is never typed: one sent along is refused, nothing written
    before = counts()
    refused = personas["reviewer"].post(
        "/organisations/new/",
        {**new_record_data("organisations", "Chosen key", "TH"), "key": "my-key"},
    )
    assert refused.status_code == 403 and "the form does not take one" in text_of(refused)
    assert counts() == before


def test_the_picker_finds_records_of_each_kind_for_those_who_may(personas):
    url = "/records/{}/names/?q={}"
    for kind, query, key in [("organisations", "mnre", "th-mnre"), ("countries", "viet", "VN"),
                             ("series", "amme", "amme"), ("funds", "maritime",
                             "asean-china-maritime-cooperation-fund"), ("areas", "haze",
                             "transboundary-haze"), ("events", "amme 17", "amme-17"),
                             ("components", "plastic", "asean-china-sap-2021-2025:2")]:  # fmt: skip
        found = personas["focal_th"].get(url.format(kind, query))
        assert found.status_code == 200
        assert key in [item["key"] for item in found.json()["results"]], (kind, found.json())
    thai = personas["reviewer"].get(url.format("countries", "ไทย")).json()["results"]
    assert thai[0]["key"] == "TH"
    assert personas["anonymous"].get(url.format("countries", "th")).status_code == 302
    for persona in ("contributor_th", "partner"):
        refused = personas[persona].get(url.format("countries", "th"))
        assert refused.status_code == 403 and "focal points" in refused.json()["error"]
    assert personas["reviewer"].get(url.format("users", "a")).status_code == 404
    assert personas["reviewer"].get(url.format("countries", "x" * 201)).status_code == 400


# ------------------------------------------------------------------- refused


BAD_EVENTS = [
    ({"start": "31/02/2023"}, "start", "is not a day in the calendar"),
    ({"start": "2023-13"}, "start", "There is no month 13"),
    ({"start": "next year"}, "start", "Write a date as 2023"),
    ({"start": "1066"}, "start", "Write a year from 1900 to 2200"),
    ({"start": "2" * 5000}, "start", "Write a date as 2023"),
    ({"start": "2023-08-24", "end": "2023-08-22"}, "end", "The end is before the start."),
    ({"end": "2023"}, "start", "Give the start too"),
    ({"name_en": ""}, "name_en", "Give the record a name in at least one language."),
    ({"name_en": "   "}, "name_en", "Give the record a name in at least one language."),
    ({"name_en": "n" * 501}, "name_en", "at most 500 characters"),
    ({"name_th": "ชื่อ"}, "original", "Mark the name the record was first written in"),
    ({"original": "vi"}, "original", "The original has no name"),
    ({"original": "xx"}, "original", "Choose the original among the languages."),
    ({"place": "p" * 201}, "place", "at most 200 characters"),
    ({"url": "not a web page at all"}, "url", "Enter a valid URL."),
    ({"host_organisations": ["no-such-organisation"]}, "host_organisations",
     "The registry has no organisation called “no-such-organisation”"),
    ({"participant_countries": ["TH", "XX"]}, "participant_countries", "no country called “XX”"),
    ({"series": "amme", "ordinal": "17"}, "ordinal", "This number in the series is already recorded"),
    ({"ordinal": "3"}, "ordinal", "A number in a series needs the series."),
    ({"series": ["amme", "asoen"]}, "series", "Choose only one."),
    ({"components": ["asean-china-sap-2021-2025:99"]}, "components", "no component called"),
    ({"areas": ["a" * 300]}, "areas", "is too long for a name"),
    ({"host_organisations": [f"org-{n}" for n in range(101)]}, "host_organisations", "at most 100"),
    ({"mode": "teleported"}, "mode", "Choose one of the values in the list."),
]  # fmt: skip


@pytest.fixture
def focal_th(db) -> Client:
    """Thailand's focal point alone (without a password: the personas' take time to hash)."""
    user = get_user_model().objects.create_user(username="focal-point-th", password=None)
    grant(user, "focal-point", country="TH")
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(("change", "field", "message"), BAD_EVENTS)
def test_bad_input_is_refused_and_writes_nothing(focal_th, change, field, message):
    client = focal_th
    before = counts()
    data = {**new_record_data("events", "A meeting", "TH"), **change}
    sent = client.post("/events/new/", data)
    assert sent.status_code == 400
    assert counts() == before
    assert message in text_of(sent)
    assert field in sent.context["form"].errors
    assert "Nothing was saved" in text_of(sent)


def test_bad_input_on_an_edit_writes_nothing(personas):
    client = personas["focal_th"]
    key = "blue-economy-trat"
    before = counts()
    for change, message in [
        ({"name_th": ""}, "correct it rather than empty it"),
        ({"planned_start": "2025", "planned_end": "2024"}, "The end is before the start."),
        ({"budget_value": "1000"}, "Give the currency of the budget."),
        ({"budget_value": "-5", "budget_currency": "THB"}, "greater than or equal to 0"),
        ({"budget_value": "10", "budget_currency": "BAHT"}, "three-letter code"),
        ({"fund": "a fund nobody has"}, "no fund called"),
        ({"activity_status": "9"}, "Choose one of the values in the list."),
        ({"recipient_countries": ["TH", "\x00"]}, "no country called"),
    ]:
        sent = client.post(f"/projects/{key}/edit/", form_data("projects", key, **change))
        assert sent.status_code == 400, change
        assert message in text_of(sent), (change, text_of(sent))
    assert counts() == before


def test_messages_come_in_the_readers_language(personas):
    sent = personas["focal_th"].post("/th/events/new/", {"name_th": "การประชุม", "start": "ปีหน้า"})
    assert sent.status_code == 400
    with translation.override("en"):
        english = str(PartialDateInput.default_error_messages["invalid"])
    with translation.override("th"):
        thai = str(PartialDateInput.default_error_messages["invalid"])
    assert thai != english
    assert thai in text_of(sent) and english not in text_of(sent)
    # Thai digits and a Buddhist-era date are read as the Thai reader writes them
    sent = personas["focal_th"].post(
        "/th/events/new/",
        {"name_th": "การประชุมผู้ประสานงาน", "start": "๒๒/๐๘/๒๕๖๖", "participant_countries": ["TH"]},
    )
    assert sent.status_code == 302
    assert str(Event.objects.get(key=sent["Location"].split("/")[3]).start) == "2023-08-22"


# ------------------------------------------------------------------- escalation


def test_a_focal_points_new_record_must_involve_their_country(personas):
    client = personas["focal_th"]
    for kind in KINDS:
        before = counts()
        sent = client.post(f"/{kind}/new/", new_record_data(kind, f"Only Viet Nam's {kind}", "VN"))
        assert sent.status_code == 403, kind
        assert (
            "As a national focal point you add and change the records Thailand takes part in"
            in (text_of(sent))
        )
        assert "Nothing was saved" in text_of(sent)
        assert counts() == before
    # a Thai organisation taking part is Thailand taking part
    sent = client.post("/events/new/", {"name_en": "A dialogue", "host_organisations": ["th-pcd"]})
    assert sent.status_code == 302


def test_an_edit_may_not_take_the_record_away_from_the_focal_points_country(personas):
    client = personas["focal_th"]
    before = counts()
    sent = client.post(
        "/projects/blue-economy-trat/edit/",
        form_data("projects", "blue-economy-trat", recipient_countries=["VN", "CN"]),
    )
    assert sent.status_code == 403 and "Thailand takes part in" in text_of(sent)
    assert counts() == before
    assert sorted(Project.objects.get(key="blue-economy-trat").recipient_countries.values_list(
        "code", flat=True)) == ["CN", "TH"]  # fmt: skip
    sent = client.post(
        "/organisations/th-pcd/edit/", form_data("organisations", "th-pcd", country="VN")
    )
    assert sent.status_code == 403 and counts() == before


def test_a_form_for_another_record_is_refused(personas):
    vietnamese = vietnamese_project()
    client = personas["focal_th"]
    before = counts()
    # the Thai project's form, pointed at the Vietnamese project by the hidden field
    data = form_data("projects", "blue-economy-trat", name_en="Taken over", record=vietnamese.key)
    sent = client.post("/projects/blue-economy-trat/edit/", data)
    assert sent.status_code == 403 and "opened for another record" in text_of(sent)
    for field in ("id", "pk", "key"):
        data = form_data(
            "projects", "blue-economy-trat", name_en="Taken over", **{field: vietnamese.pk}
        )
        sent = client.post("/projects/blue-economy-trat/edit/", data)
        assert sent.status_code == 403, field
    # a new record's form may not name an existing one either
    data = {**new_record_data("projects", "Taken over", "TH"), "record": "blue-economy-trat"}
    assert client.post("/projects/new/", data).status_code == 403
    assert counts() == before
    assert Project.objects.get(key=vietnamese.key).names()["en"] == "Mekong Delta Resilience"
    assert (
        Project.objects.get(key="blue-economy-trat").names()["en"]
        == "Promotion of Blue Economy in Trat"
    )


def test_another_countrys_record_in_the_address_is_refused(personas):
    vietnamese = vietnamese_project()
    before = counts()
    for persona in ("focal_th", "contributor_th"):
        url = f"/projects/{vietnamese.key}/edit/"
        assert personas[persona].get(url).status_code == 403
        assert personas[persona].post(url, form_data("projects", vietnamese.key)).status_code == 403
    assert personas["focal_th"].get("/projects/no-such-project/edit/").status_code == 404
    assert personas["focal_th"].get("/widgets/new/").status_code == 404
    assert counts() == before


def test_a_forged_post_without_the_csrf_token_is_refused(personas):
    forged = Client(enforce_csrf_checks=True)
    forged.force_login(personas["administrator"].user)
    before = counts()
    assert forged.post("/events/new/", new_record_data("events", "Forged", "TH")).status_code == 403
    key = "blue-economy-trat"
    sent = forged.post(f"/projects/{key}/edit/", form_data("projects", key, name_en="Forged"))
    assert sent.status_code == 403
    assert counts() == before
    # with the token the same client may
    page = forged.get("/events/new/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    data = {**new_record_data("events", "Not forged", "TH"), "csrfmiddlewaretoken": token}
    assert forged.post("/events/new/", data).status_code == 302


def test_a_renamed_records_old_edit_address_leads_to_the_new_one(personas):
    from envcoop.registry.services.keys import record_rename

    record_rename(Organisation.objects.get(key="th-pcd"), "th-pollution-control")
    moved = personas["reviewer"].get("/organisations/th-pcd/edit/")
    assert (
        moved.status_code == 301
        and moved["Location"] == "/organisations/th-pollution-control/edit/"
    )


def test_a_user_with_several_roles_adds_as_the_strongest(personas):
    user = get_user_model().objects.get(username="focal-th")
    grant(user, "secretariat-reviewer")
    sent = personas["focal_th"].post("/events/new/", new_record_data("events", "Anywhere", "VN"))
    assert sent.status_code == 302


def test_a_record_called_new_does_not_take_the_new_pages_address(personas):
    sent = personas["reviewer"].post(
        "/organisations/new/", new_record_data("organisations", "New", "TH")
    )
    assert sent.status_code == 302
    assert sent["Location"] == "/organisations/th-new/"
    sent = personas["reviewer"].post("/events/new/", new_record_data("events", "New", "TH"))
    assert sent["Location"] == "/events/new-2/"
    assert personas["reviewer"].get("/events/new/").context["record"] is None
