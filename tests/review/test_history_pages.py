"""The pages of what an accept writes, confirmation, undo and history, through Django's test
client on a real database, for each persona: a visitor, a country's focal point, another
country's focal point, and the Secretariat's reviewer."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from envcoop.core.recording import How, recorded
from envcoop.ingestion.models import Claim, ClaimStatus
from envcoop.registry.models import Event
from envcoop.review.resolution.resolver import Resolver
from envcoop.review.services import claim_accept
from tests.conftest import grant
from tests.review import samples

pytestmark = pytest.mark.django_db

ASOEN34 = (
    "Vientiane, 23 August 2023 — The 34th Meeting of the ASEAN Senior Officials on the "
    "Environment (34th ASOEN) was held in Vientiane, Lao PDR, on 22 August 2023.\n"
)


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def _client(username: str, *, country: str | None = None, reviewer: bool = False) -> Client:
    user = get_user_model().objects.create_user(username=username, password="long-test-pw-9")
    if country:
        grant(user, "focal-point", country=country)
    if reviewer:
        grant(user, "secretariat-reviewer")
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def personas(db) -> dict[str, Client]:
    return {
        "anonymous": Client(),
        "focal_la": _client("focal-la", country="LA"),  # asoen-34 is held in Laos
        "focal_th": _client("focal-th", country="TH"),
        "secretariat": _client("secretariat", reviewer=True),
    }


def asoen34_claim() -> Claim:
    outcome = samples.ingest(ASOEN34, "asoen34.txt")
    Resolver().resolve(list(Claim.objects.filter(document=outcome.document)))
    return Claim.objects.filter(document=outcome.document, kind="event").order_by("start")[0]


def test_the_card_shows_what_accepting_writes(personas):
    asoen34_claim()
    page = personas["secretariat"].get("/review/")
    html = page.content.decode()
    card = next(part for part in html.split("<article")[1:] if "34th ASOEN" in part)
    assert "Accepting writes into the record" in card
    assert "asks for confirmation" in card and "22 Aug 2023" in card
    assert personas["anonymous"].get("/review/").status_code == 302  # to the login page
    for persona in ("focal_la", "focal_th"):  # the document is no country's: not theirs
        queue = personas[persona].get("/review/")
        assert queue.status_code == 200 and "34th ASOEN" not in queue.content.decode()


def test_a_single_accept_asks_then_confirms(personas):
    claim = asoen34_claim()
    url = f"/review/claims/{claim.pk}/accept/"
    response = personas["anonymous"].post(url, {"confirm": "1"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for persona in ("focal_la", "focal_th"):
        assert personas[persona].post(url, {"confirm": "1"}).status_code == 403
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PENDING

    reviewer = personas["secretariat"]
    asked = reviewer.post(url, {"next": "/review/"})
    assert asked.status_code == 200
    assert "This accept changes what the record holds" in text_of(asked)
    assert 'name="confirm"' in asked.content.decode()
    claim.refresh_from_db()
    event = Event.objects.get(key="asoen-34")
    assert claim.status == ClaimStatus.PENDING and str(event.start) == "2023"

    done = reviewer.post(url, {"next": "/review/", "confirm": "1"})
    assert done.status_code == 302 and done["Location"] == "/review/"
    event.refresh_from_db()
    assert str(event.start) == "2023-08-22"


def test_keep_the_records_values(personas):
    claim = asoen34_claim()
    personas["secretariat"].post(f"/review/claims/{claim.pk}/accept/", {"keep": "1"})
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.ACCEPTED
    assert str(Event.objects.get(key="asoen-34").start) == "2023"


def test_edit_then_accept_asks_too(personas):
    claim = asoen34_claim()
    url = f"/review/claims/{claim.pk}/"
    data = {"target": "match", "v_name": "34th ASOEN", "v_start": "2023-08-22", "v_series": "asoen",
            "v_ordinal": "34", "v_place": "Vientiane", "v_country": "LA"}  # fmt: skip
    assert personas["anonymous"].get(url).status_code == 302
    assert personas["anonymous"].post(url, data).status_code == 302
    for persona in ("focal_la", "focal_th"):
        assert personas[persona].get(url).status_code == 403
        assert personas[persona].post(url, data).status_code == 403
    reviewer = personas["secretariat"]
    page = reviewer.get(url)
    assert "What accepting writes" in text_of(page)
    asked = reviewer.post(url, data)
    assert asked.status_code == 200 and "confirm it" in text_of(asked)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PENDING
    done = reviewer.post(url, {**data, "confirm": "1"})
    assert done.status_code == 302
    assert str(Event.objects.get(key="asoen-34").start) == "2023-08-22"


def test_undo_through_the_page(personas):
    claim = asoen34_claim()
    claim_accept(claim=claim, confirm=True)
    url = f"/review/claims/{claim.pk}/undo/"
    response = personas["anonymous"].post(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for persona in ("focal_la", "focal_th"):  # the document is no country's
        assert personas[persona].post(url).status_code == 403
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.ACCEPTED

    reviewer = personas["secretariat"]
    detail = reviewer.get(f"/review/claims/{claim.pk}/")
    assert "Undo this accept" in text_of(detail)
    document = reviewer.get(f"/documents/{claim.document_id}/")
    assert f'action="/review/claims/{claim.pk}/undo/"' in document.content.decode()
    for persona in ("anonymous", "focal_la", "focal_th"):
        page = personas[persona].get(f"/documents/{claim.document_id}/")
        assert page.status_code == 200 and "/undo/" not in page.content.decode()

    done = reviewer.post(url, {"next": f"/review/claims/{claim.pk}/"}, follow=True)
    assert "Undone" in text_of(done)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PENDING
    assert str(Event.objects.get(key="asoen-34").start) == "2023"
    again = reviewer.post(url, follow=True)
    assert "Not undone" in text_of(again)


def test_undo_after_a_later_edit_says_so_on_the_page(personas):
    claim = asoen34_claim()
    claim_accept(claim=claim, confirm=True)
    event = Event.objects.get(key="asoen-34")
    event.place = "Vientiane Capital"
    with recorded(None, How.ADMIN):
        event.save()
    response = personas["secretariat"].post(f"/review/claims/{claim.pk}/undo/", follow=True)
    assert "would overwrite later changes" in text_of(response)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.ACCEPTED
    assert Event.objects.get(key="asoen-34").place == "Vientiane Capital"


def test_the_history_tab(personas):
    claim = asoen34_claim()
    personas["secretariat"].post(f"/review/claims/{claim.pk}/accept/", {"confirm": "1"})
    url = "/events/asoen-34/history/"
    assert personas["anonymous"].get(url).status_code == 302
    assert personas["focal_th"].get(url).status_code == 403  # Thailand takes no part in it
    for persona in ("focal_la", "secretariat"):
        page = personas[persona].get(url)
        assert page.status_code == 200
        text = text_of(page)
        assert "accept of a claim" in text and "secretariat" in text
        assert "2023" in text and "22 Aug 2023" in text
    record_page = {p: text_of(c.get("/events/asoen-34/")) for p, c in personas.items()}
    assert "History" not in record_page["anonymous"].split("Sources")[0]
    assert (
        'href="/events/asoen-34/history/"'
        in personas["focal_la"].get("/events/asoen-34/").content.decode()
    )
    assert personas["secretariat"].get("/events/no-such-event/history/").status_code == 404
    assert personas["secretariat"].get("/widgets/asoen-34/history/").status_code == 404
    for kind, key in (
        ("agreements", "cop28-joint-statement"),
        ("frameworks", "asean-china-sap-2021-2025"),
    ):
        response = personas["secretariat"].get(f"/{kind}/{key}/history/")
        assert response.status_code in (200, 404)
