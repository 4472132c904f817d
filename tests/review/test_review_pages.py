"""The review pages through Django's test client on a real database: who may see them, what
each button does, the Sources section and the highlighted passage."""

from __future__ import annotations

import re

import pytest

from envcoop.ingestion.models import Claim, ClaimStatus
from envcoop.registry.models import Event
from envcoop.review.evidence import conflicts_of
from envcoop.review.resolution.resolver import Resolver
from envcoop.review.services import document_accept_all
from tests.conftest import grant
from tests.review import samples

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_only_reviewers_may_review(client, member_client):
    for url in ("/review/", "/review/conflicts/"):
        assert client.get(url).status_code == 302
        assert member_client.get(url).status_code == 403
    claim = Claim.objects.filter(kind="event").first()  # none yet, but the POST is refused first
    response = client.post("/review/accept/", {"min_confidence": "0"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert member_client.post("/review/accept/", {"min_confidence": "0"}).status_code == 403
    assert claim is None or claim.status == ClaimStatus.PENDING


def test_the_queue_by_document_and_by_record(staff_client):
    samples.ingest(samples.ASOEN36_EN, "en.txt")
    samples.ingest(samples.ASOEN36_VI, "vi.txt")
    by_document = text_of(staff_client.get("/review/"))
    assert "claims wait for review" in by_document
    assert "36th ASOEN" in by_document and "Hội nghị Quan chức cao cấp ASEAN" in by_document
    assert "A new record" in by_document
    by_record = staff_client.get("/review/?view=records")
    html = by_record.content.decode()
    # one group for the meeting: both claims under it
    group = html.split('class="review-group"')
    meeting = [g for g in group if "36th ASOEN" in g]
    assert len(meeting) == 1 and "Hội nghị Quan chức cao cấp ASEAN" in meeting[0]
    assert "same series (asoen) and number (36)" in meeting[0]
    bad = staff_client.get("/review/?kind=nonsense", follow=True)
    assert bad.status_code == 200 and "not understood" in text_of(bad)


def test_accept_reject_and_bulk_accept_through_the_page(staff_client, staff):
    outcome = samples.ingest(samples.ASOEN36_EN, "en.txt")
    event_claim = Claim.objects.get(document=outcome.document, kind="event")
    response = staff_client.post(f"/review/claims/{event_claim.pk}/accept/", {"next": "/review/"})
    assert response.status_code == 302 and response["Location"] == "/review/"
    event_claim.refresh_from_db()
    assert event_claim.status == ClaimStatus.ACCEPTED and event_claim.reviewed_by == staff
    again = staff_client.post(f"/review/claims/{event_claim.pk}/accept/", follow=True)
    assert "reviewed already" in text_of(again)

    others = Claim.objects.filter(document=outcome.document, status=ClaimStatus.PENDING)
    first = others.filter(kind="organisation").first()
    date = others.filter(kind="date").first()  # facts of the document are not reviewed here
    assert staff_client.post(f"/review/claims/{date.pk}/reject/").status_code == 404
    staff_client.post(f"/review/claims/{first.pk}/reject/", {"reason": "not an organisation"})
    first.refresh_from_db()
    assert (first.status, first.review_note) == (ClaimStatus.REJECTED, "not an organisation")

    response = staff_client.post(
        "/review/accept/", {"min_confidence": "0.5", "next": "https://elsewhere.example/"}
    )
    assert response["Location"] == "/review/"  # never sent to another site
    left = Claim.objects.filter(
        document=outcome.document, status=ClaimStatus.PENDING, kind__in=["event", "organisation"]
    )
    assert all(c.confidence < 0.5 for c in left)
    nothing = staff_client.post("/review/accept/", {"min_confidence": "7"}, follow=True)
    assert "Nothing accepted" in text_of(nothing)
    nothing = staff_client.post("/review/accept/", {"selected": "1"}, follow=True)
    assert "Tick the claims" in text_of(nothing)


def test_ticked_claims_are_accepted_whatever_the_threshold_field_says(staff_client):
    outcome = samples.ingest(samples.ASOEN36_VI, "vi.txt")
    low = Claim.objects.filter(document=outcome.document, kind="event").get()
    others = Claim.objects.filter(document=outcome.document, kind="organisation")
    response = staff_client.post(
        "/review/accept/",
        {"selected": "1", "claims": [low.pk], "min_confidence": "0.99"},
        follow=True,
    )
    assert "1 claim accepted." in text_of(response)
    low.refresh_from_db()
    assert low.status == ClaimStatus.ACCEPTED
    assert all(c.status == ClaimStatus.PENDING for c in others)
    stale = staff_client.post("/review/accept/", {"selected": "1", "claims": [low.pk]}, follow=True)
    assert "Nothing accepted" in text_of(stale)  # accepted already: not a pending claim


def test_staff_without_a_review_role_are_refused(db):
    from django.contrib.auth import get_user_model
    from django.test import Client

    user = get_user_model().objects.create_user(
        username="clerk", password="x-1-long-pass", is_staff=True
    )
    client = Client()
    client.force_login(user)
    outcome = samples.ingest(samples.ASOEN36_EN, "en.txt")
    claim = Claim.objects.get(document=outcome.document, kind="event")
    assert client.get("/review/").status_code == 403
    assert client.post(f"/review/claims/{claim.pk}/accept/").status_code == 403
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PENDING
    grant(user, "secretariat-reviewer")
    client.force_login(get_user_model().objects.get(pk=user.pk))
    assert client.get("/review/").status_code == 200


def test_edit_then_accept_page(staff_client):
    outcome = samples.ingest(samples.ASOEN36_EN, "en.txt")
    claim = Claim.objects.get(document=outcome.document, kind="event")
    page = staff_client.get(f"/review/claims/{claim.pk}/")
    assert page.status_code == 200 and 'value="2025-10-14"' in page.content.decode()
    wrong = staff_client.post(
        f"/review/claims/{claim.pk}/",
        {
            "v_name": "36th ASOEN",
            "v_start": "yesterday",
            "v_series": "asoen",
            "v_ordinal": "36",
            "target": "new",
        },
    )
    assert wrong.status_code == 200 and "start" in text_of(wrong)
    assert not Event.objects.filter(series__key="asoen", ordinal=36).exists()
    done = staff_client.post(
        f"/review/claims/{claim.pk}/",
        {
            "v_name": "36th ASOEN meeting",
            "v_start": "2025-10-14",
            "v_end": "2025-10-15",
            "v_series": "asoen",
            "v_ordinal": "36",
            "v_place": "Manila",
            "v_country": "PH",
            "target": "new",
        },
    )
    assert done.status_code == 302
    event = Event.objects.get(series__key="asoen", ordinal=36)
    assert event.names()["en"] == "36th ASOEN meeting"


def test_record_pages_show_sources_and_conflicts_and_staff_resolve_them(client, staff_client):
    resolver = Resolver()
    first = samples.ingest(samples.ASOEN36_EN, "en.txt")
    other = samples.ingest(samples.ASOEN36_OTHER_DATES, "other.txt")
    for outcome in (first, other):
        document_accept_all(outcome.document, resolver=resolver)
    event = Event.objects.get(series__key="asoen", ordinal=36)
    page = client.get(event.get_absolute_url())
    html = page.content.decode()
    assert "Sources disagree" in html and "Keep this value" not in html  # visitors only read
    assert f"/documents/{first.document.pk}/?at=" in html
    assert "14 Oct 2025" in text_of(page) and "13 Oct 2025" in text_of(page)
    thai = client.get("/th/" + event.get_absolute_url().lstrip("/"))
    assert "2568" in text_of(thai)  # the disputed dates in the Buddhist era for a Thai reader

    link = re.search(r"/documents/(\d+)/\?at=(\d+)-(\d+)#source", html)
    document_page = client.get(link.group(0).split("#")[0]).content.decode()
    marked = re.search(r'<mark class="source" id="source">(.*?)</mark>', document_page, re.S)
    assert (
        marked
        and "36th"
        in re.sub("<[^>]+>", "", marked.group(1)) + document_page[marked.end() : marked.end() + 400]
    )

    staff_page = staff_client.get("/review/conflicts/")
    assert "36th ASOEN" in text_of(staff_page)
    staff_client.post(
        "/review/conflicts/pick/",
        {"kind": "event", "key": event.key, "field": "start", "value": "2025-10-13"},
    )
    staff_client.post(
        "/review/conflicts/pick/",
        {"kind": "event", "key": event.key, "field": "end", "value": "2025-10-14"},
    )
    event.refresh_from_db()
    assert str(event.start) == "2025-10-13" and conflicts_of(event, "event") == []
    assert "Sources disagree" not in client.get(event.get_absolute_url()).content.decode()
    assert (
        staff_client.post(
            "/review/conflicts/pick/", {"kind": "event", "key": "nope", "field": "start"}
        ).status_code
        == 404
    )
    # a value no source offered (or an empty one) is refused and changes nothing
    refused = staff_client.post(
        "/review/conflicts/pick/",
        {"kind": "event", "key": event.key, "field": "end", "value": ""},
        follow=True,
    )
    assert "Not changed" in text_of(refused)
    event.refresh_from_db()
    assert str(event.end) == "2025-10-14"


def test_a_malformed_highlight_is_ignored(client):
    outcome = samples.ingest(samples.ASOEN36_EN, "en.txt")
    for at in ("9-2", "x-y", "1-99999999999", "-5", "5-"):
        response = client.get(f"/documents/{outcome.document.pk}/?at={at}")
        assert response.status_code == 200 and 'id="source"' not in response.content.decode()
