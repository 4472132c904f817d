"""The "Edit, then accept" form and the "another record" picker: who may use them, every
field of a kind, bad input refused with nothing written, what an edited accept writes, and
coming back to the queue at the next card."""

from __future__ import annotations

import html
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from envcoop.ingestion.models import Claim, ClaimStatus
from envcoop.registry.models import Agreement, Event, OrganisationRole, Project
from envcoop.review.models import Evidence
from envcoop.web.review_forms import PartialDateInput
from tests.conftest import grant
from tests.review import samples

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
    return html.unescape(text)


@pytest.fixture
def reviewer(db):
    user = get_user_model().objects.create_user(
        username="checker", password="a-long-test-password-9", is_staff=True
    )
    grant(user, "secretariat-reviewer")
    return user


@pytest.fixture
def reviewer_client(reviewer) -> Client:
    client = Client()
    client.force_login(reviewer)
    return client


@pytest.fixture
def clerk_client(db) -> Client:
    """Staff, without the permission to change claims."""
    user = get_user_model().objects.create_user(
        username="clerk2", password="a-long-test-password-8", is_staff=True
    )
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def event_claim() -> Claim:
    outcome = samples.ingest(samples.ASOEN36_EN, "en.txt")
    return Claim.objects.get(document=outcome.document, kind="event")


def _claim(kind: str, value: dict, text: str) -> Claim:
    """A claim of ``kind`` with ``value``, on a short document of its own."""
    outcome = samples.ingest(text, f"{kind}.txt")
    return Claim.objects.create(
        document=outcome.document,
        kind=kind,
        start=0,
        end=10,
        quote=value["name"],
        value=value,
        extractor="test",
        extractor_version="1",
        confidence=0.7,
    )


@pytest.fixture
def agreement_claim() -> Claim:
    return _claim(
        "agreement",
        {"name": "Kuala Lumpur Declaration on Clean Rivers", "kind": "declaration",
         "date": "2024-10", "parties": ["MY", "Somebody Unknown"]},
        samples.ASOEN35_EN,
    )  # fmt: skip


@pytest.fixture
def project_claim() -> Claim:
    return _claim(
        "project",
        {"name": "Clean Rivers Demonstration Project", "fund": None, "start": "2024",
         "end": None, "partners": ["MY"]},
        samples.NEW_DEPARTMENT_VI,
    )  # fmt: skip


def event_form(**changed: str) -> dict[str, str]:
    data = {
        "v_name": "36th ASOEN",
        "v_series": "asoen",
        "v_ordinal": "36",
        "v_start": "2025-10-14",
        "v_end": "2025-10-15",
        "v_place": "Manila",
        "v_country": "PH",
        "v_host": "",
        "target": "new",
    }
    data.update(changed)
    return data


# -- who may ---------------------------------------------------------------------------------


def test_each_persona_on_the_form_and_the_picker(client, member_client, clerk_client,
                                                 reviewer_client, event_claim):  # fmt: skip
    page = f"/review/claims/{event_claim.pk}/"
    names = "/review/records/event/names/?q=amme"
    for url in (page, names):
        anonymous = client.get(url)
        assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    # a signed-in user without a review role is refused, with who may
    assert member_client.get(page).status_code == 403
    assert member_client.get(names).status_code == 403
    assert clerk_client.get(page).status_code == 403
    refused = clerk_client.get(names)
    assert refused.status_code == 403 and "focal points" in refused.json()["error"]
    for forbidden in (member_client, clerk_client, client):
        forbidden.post(page, event_form())
    assert Claim.objects.get(pk=event_claim.pk).status == ClaimStatus.PENDING
    assert not Event.objects.filter(series__key="asoen", ordinal=36).exists()
    assert reviewer_client.get(page).status_code == 200
    assert reviewer_client.get(names).json()["results"][0]["key"].startswith("amme")


# -- the fields ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("2023", "2023"),
        ("2023-8", "2023-08"),
        ("2023-08-22", "2023-08-22"),
        ("22/08/2023", "2023-08-22"),
        ("22.8.2023", "2023-08-22"),
        ("08/2023", "2023-08"),
        ("2566", "2023"),  # Buddhist era
        ("๒๕๖๖", "2023"),  # in Thai digits
        ("22/08/2566", "2023-08-22"),
        (" 2023 ", "2023"),
        ("", None),
    ],
)
def test_partial_dates_as_reviewers_type_them(typed, stored):
    assert PartialDateInput(required=False).clean(typed) == stored


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("yesterday", "Write a date as"),
        ("2023-13", "There is no month 13"),
        ("31/02/2023", "is not a day in the calendar"),
        ("1850", "from 1900 to 2200"),
        ("08/22/2023", "There is no month 22"),  # month first is not how ASEAN writes it
        ("2" * 60, "Write a date as"),
    ],
)
def test_malformed_dates_say_what_to_write(typed, says):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        PartialDateInput(required=False).clean(typed)
    assert says in " ".join(refused.value.messages)


def test_the_form_shows_every_field_of_each_kind(reviewer_client, event_claim, agreement_claim,
                                                 project_claim):  # fmt: skip
    html = reviewer_client.get(f"/review/claims/{event_claim.pk}/").content.decode()
    for name in ("name", "series", "ordinal", "start", "end", "place", "country", "host"):
        assert f'name="v_{name}"' in html
    assert re.search(r'<option value="asoen" selected>', html)  # the registry's series
    assert re.search(r'<option value="PH" selected>Philippines</option>', html)
    html = reviewer_client.get(f"/review/claims/{agreement_claim.pk}/").content.decode()
    assert '<option value="declaration" selected>' in html  # a kind of agreement, chosen
    assert re.search(r'value="MY"[^>]*checked', html)  # a party country, ticked
    assert "Somebody Unknown" in html  # a party organisation as the document named it
    html = reviewer_client.get(f"/review/claims/{project_claim.pk}/").content.decode()
    for name in ("v_name", "v_fund", "v_start", "v_end", "v_partners_countries"):
        assert f'name="{name}"' in html
    assert 'value="asean-china-maritime-cooperation-fund"' in html
    thai = reviewer_client.get(f"/th/review/claims/{event_claim.pk}/")
    assert "ฟิลิปปินส์" in text_of(thai)  # countries by name in the reader's language
    assert 'data-many="พบ %(count)s ระเบียน' in thai.content.decode()  # the picker's words


# -- bad input changes nothing ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("changed", "says"),
    [
        ({"v_start": "2025-14-02"}, "There is no month 14"),
        ({"v_end": "2025-10-01"}, "The end is before the start"),
        ({"v_series": "no-such-series"}, "Choose one of the values in the list"),
        ({"v_country": "XX"}, "Choose one of the values in the list"),
        ({"v_host": "<script>"}, "Choose one of the values in the list"),
        ({"v_name": "n" * 501}, "at most 500 characters"),
        ({"v_place": "p" * 201}, "at most 200 characters"),
        ({"v_ordinal": "-3"}, "greater than or equal to 1"),
        ({"target": "match"}, "Choose where the claim goes"),  # no match proposed: forged
        ({"target": "other", "other": "no-such-record"}, "No record of this kind"),
        ({"target": "other", "other": "aathp"}, "No record of this kind"),  # an agreement
        ({"target": "other", "other": ""}, "Type the other record's name or key"),
        ({"target": "other", "other": "x" * 300}, "at most 200 characters"),
    ],
)
def test_bad_input_gives_a_message_and_writes_nothing(reviewer_client, event_claim, changed,
                                                      says):  # fmt: skip
    events = Event.objects.count()
    response = reviewer_client.post(f"/review/claims/{event_claim.pk}/", event_form(**changed))
    assert response.status_code == 200
    assert says in text_of(response)
    assert "Nothing was accepted" in text_of(response)
    assert Claim.objects.get(pk=event_claim.pk).status == ClaimStatus.PENDING
    assert Event.objects.count() == events


def test_a_party_the_registry_does_not_know_is_refused(reviewer_client, agreement_claim):
    agreements = Agreement.objects.count()
    response = reviewer_client.post(
        f"/review/claims/{agreement_claim.pk}/",
        {
            "v_name": "Kuala Lumpur Declaration on Clean Rivers",
            "v_kind": "declaration",
            "v_date": "2024-10",
            "v_parties_countries": ["MY", "TH"],
            "v_parties_organisations": "Somebody Unknown\nNobody Either",
            "target": "new",
        },
    )
    assert response.status_code == 200
    assert "knows no organisation called “Nobody Either”" in text_of(response)
    assert "Somebody Unknown”" not in text_of(response)  # the document's own word may stay
    assert Agreement.objects.count() == agreements
    assert Claim.objects.get(pk=agreement_claim.pk).status == ClaimStatus.PENDING


def test_the_service_refuses_forged_corrections(agreement_claim):
    from django.core.exceptions import ValidationError

    from envcoop.review.services import claim_accept

    for edits in (
        {"kind": "treaty-of-sorts"},
        {"parties": ["MY", "Nobody Either"]},
        {"parties": "MY"},
        {"date": "31/02/2024"},
        {"name": "n" * 600},
        {"series": "asoen"},  # agreements have none
    ):
        with pytest.raises(ValidationError):
            claim_accept(claim=agreement_claim, edits=edits)
    assert Claim.objects.get(pk=agreement_claim.pk).status == ClaimStatus.PENDING


# -- what an edited accept writes --------------------------------------------------------------


def test_parties_edited_are_written_to_a_new_agreement(reviewer_client, agreement_claim):
    response = reviewer_client.post(
        f"/review/claims/{agreement_claim.pk}/",
        {
            "v_name": "Kuala Lumpur Declaration on Clean Rivers",
            "v_kind": "mou",
            "v_date": "09/10/2567",  # Buddhist era, day first
            "v_parties_countries": ["MY", "TH"],
            "v_parties_organisations": "Somebody Unknown\nACB",
            "target": "new",
        },
    )
    assert response.status_code == 302
    agreement_claim.refresh_from_db()
    agreement = agreement_claim.record
    assert (agreement.kind, str(agreement.date)) == ("mou", "2024-10-09")
    assert set(agreement.party_countries.values_list("code", flat=True)) == {"MY", "TH"}
    assert list(agreement.party_organisations.values_list("key", flat=True)) == ["acb"]
    parties = list(
        Evidence.objects.filter(claim=agreement_claim, field="parties").values_list(
            "value", flat=True
        )
    )
    assert parties == [["MY", "TH", "Somebody Unknown", "ACB"]]


def test_parties_added_to_an_existing_agreement_are_in_the_preview_and_written(
    reviewer_client, agreement_claim
):
    target = Agreement.objects.get(key="asean-joint-statement-cop28")
    assert not target.party_organisations.filter(key="asean-secretariat").exists()
    data = {
        "v_name": "ASEAN Joint Statement on Climate Change to COP28",
        "v_kind": "joint-statement",
        "v_date": "2023",
        "v_parties_countries": ["MY", "LA"],
        "v_parties_organisations": "asean-secretariat",
        "target": "other",
        "other": "asean-joint-statement-cop28",
    }
    response = reviewer_client.post(f"/review/claims/{agreement_claim.pk}/", data)
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.party_organisations.filter(key="asean-secretariat").exists()
    assert {"MY", "LA"} <= set(target.party_countries.values_list("code", flat=True))

    from envcoop.review.changes import change_for_record

    preview = change_for_record(target, "agreement", {"name": "x", "parties": ["NZ", "accc"]}, "en")
    links = {(link.field, link.value) for link in preview.links}
    assert links == {("party_countries", "NZ"), ("party_organisations", "accc")}


def test_partners_of_a_project_become_its_countries_and_implementing_organisations(
    reviewer_client, project_claim
):
    response = reviewer_client.post(
        f"/review/claims/{project_claim.pk}/",
        {
            "v_name": "Clean Rivers Demonstration Project",
            "v_fund": "asean-china-maritime-cooperation-fund",
            "v_start": "2024",
            "v_end": "2026",
            "v_partners_countries": ["MY", "CN"],
            "v_partners_organisations": "ACB",
            "target": "new",
        },
    )
    assert response.status_code == 302
    project_claim.refresh_from_db()
    project = project_claim.record
    assert isinstance(project, Project)
    assert project.fund.key == "asean-china-maritime-cooperation-fund"
    assert set(project.recipient_countries.values_list("code", flat=True)) == {"MY", "CN"}
    roles = list(project.participations.values_list("organisation__key", "role"))
    assert roles == [("acb", OrganisationRole.IMPLEMENTING)]


def test_another_record_by_name_without_javascript(reviewer_client, event_claim):
    data = event_form(
        target="other", other="Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17", v_series="",
        v_ordinal="", v_start="", v_end="", v_country="", v_place="",
    )  # fmt: skip
    response = reviewer_client.post(f"/review/claims/{event_claim.pk}/", data)
    assert response.status_code == 302
    event_claim.refresh_from_db()
    assert event_claim.record.key == "amme-17"


# -- the picker ------------------------------------------------------------------------------


def test_the_picker_finds_names_in_every_language_folded(reviewer_client):
    def keys(kind: str, query: str) -> list[str]:
        response = reviewer_client.get(f"/review/records/{kind}/names/", {"q": query})
        assert response.status_code == 200
        return [found["key"] for found in response.json()["results"]]

    assert "amme-17" in keys("event", "hoi nghi bo truong")  # Vietnamese, without accents
    assert "amme-17" in keys("event", "การประชุมรัฐมนตรี")  # Thai, the start of the name
    assert keys("event", "AMME")[0].startswith("amme")  # an acronym
    assert keys("event", "ministerial environment")  # words anywhere in the name, by prefix
    assert keys("organisation", "acb")[0] == "acb"
    assert "acb" not in keys("event", "acb")  # only records of the kind asked for
    assert keys("event", "") == [] and keys("event", "zzzz-nothing") == []
    found = reviewer_client.get("/review/records/event/names/", {"q": "amme 17"}).json()
    assert set(found["results"][0]) == {"key", "name", "matched", "lang", "url"}
    assert reviewer_client.get("/review/records/country/names/?q=th").status_code == 404
    assert reviewer_client.get("/review/records/event/names/", {"q": "x" * 201}).status_code == 400


# -- staying in place ------------------------------------------------------------------------


def test_after_an_action_the_queue_comes_back_at_the_next_card(reviewer_client, event_claim):
    samples.ingest(samples.ASOEN35_EN, "asoen35.txt")
    samples.ingest(samples.NEW_DEPARTMENT_VI, "vi.txt")
    queue = reviewer_client.get("/review/").content.decode()
    cards = re.findall(r'<article class="proposal"[^>]*id="claim-(\d+)"', queue)
    assert len(cards) >= 3
    first, second, third = cards[:3]
    back = re.search(
        rf'action="/review/claims/{first}/accept/">.*?name="next" value="([^"]+)"', queue, re.S
    )
    assert back.group(1) == f"/review/#claim-{second}"
    response = reviewer_client.post(f"/review/claims/{first}/accept/", {"next": back.group(1)})
    assert response["Location"] == f"/review/#claim-{second}"

    # rejecting the next card comes back at the one after it
    queue = reviewer_client.get("/review/").content.decode()
    back = re.search(
        rf'action="/review/claims/{second}/reject/".*?name="next" value="([^"]+)"', queue, re.S
    )
    assert back.group(1) == f"/review/#claim-{third}"
    # "Edit, then accept" carries the place along and comes back there
    edit = re.search(rf'href="(/review/claims/{third}/\?next=[^"]+)"', queue).group(1)
    assert "%23claim-" in edit
    page = reviewer_client.get(edit.replace("&amp;", "&")).content.decode()
    assert re.search(r'name="next" value="/review/#claim-\d+"', page)
    assert f'href="/review/#claim-{third}"' in page  # "Back to the queue": at this card
    # a place on another site is never followed
    claim = Claim.objects.get(pk=third)
    data = {"v_name": claim.value.get("name") or "x", "target": "new", "next": "https://x.example/"}
    response = reviewer_client.post(f"/review/claims/{third}/", data)
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response["Location"] == f"/review/#claim-{third}"
