"""Who may read a document, chosen at upload and changed on its page, its provenance, and
its original file: what each persona may choose, what is refused (with a reason, nothing
written, a forged POST included), and what a change does to search and to its date."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from envcoop.core.partial_date import PartialDate
from envcoop.ingestion.jobs import run_queued_jobs
from envcoop.ingestion.models import Document, Visibility
from envcoop.ingestion.pipeline import Filing, ingest_bytes
from envcoop.search.service import search
from tests.conftest import PARTNER_ORGANISATION

pytestmark = pytest.mark.django_db
ANNOTATED = Path(__file__).resolve().parents[1] / "data" / "annotated" / "docs"
NOTE = "ASEAN environment note\n\nBangkok, 3 March 2024 - A zebranote on the haze.\n"


def thai_document(visibility: str = Visibility.MEMBERS) -> Document:
    filing = Filing(visibility=visibility, country="TH")
    return ingest_bytes(
        NOTE.encode(), source="note.txt", filename="note.txt", filing=filing
    ).document


def state(document: Document) -> tuple:
    document.refresh_from_db()
    return (
        document.visibility,
        document.country_id,
        sorted(document.shared_with.values_list("pk", flat=True)),
        document.title,
        document.source_url,
        document.publisher,
        str(document.publication_date),
    )


def upload(client: Client, data: dict, name: str = "msc.txt", content: bytes | None = None):
    """Upload and let a worker read the queue: the response is the upload's (a redirect to
    its status page, or the form again with its errors)."""
    content = content or (ANNOTATED / "th-03-msc-mekong.txt").read_bytes()
    response = client.post(
        "/documents/upload/", {"file": SimpleUploadedFile(name, content), **data}
    )
    run_queued_jobs()
    return response


# ----------------------------------------------------------------- upload


def test_a_contributors_upload_is_their_countrys_members_by_default(personas):
    contributor = personas["contributor_th"]
    form = html.unescape(contributor.get("/documents/upload/").content.decode())
    assert "My country: Thailand" in form and 'value="members"' in form
    response = upload(contributor, {})
    document = Document.objects.get()
    assert response.status_code == 302 and "/documents/uploads/" in response["Location"]
    status = contributor.get(response["Location"]).content.decode()
    assert f'href="{document.get_absolute_url()}"' in status
    assert document.visibility == Visibility.MEMBERS and document.country.code == "TH"
    assert document.uploaded_by == contributor.user


def test_a_focal_point_files_under_their_own_country_only(personas):
    focal = personas["focal_th"]
    refused = upload(focal, {"visibility": "country", "country": "VN"})
    assert refused.status_code == 200 and "Select a valid choice" in refused.content.decode()
    assert not Document.objects.exists()
    upload(focal, {"visibility": "country", "country": "TH"})
    document = Document.objects.get()
    assert (document.visibility, document.country.code) == (Visibility.COUNTRY, "TH")
    assert personas["focal_vn"].get(document.get_absolute_url()).status_code == 403


def test_a_partners_upload_is_shared_with_their_organisation(personas):
    partner = personas["partner"]
    form = partner.get("/documents/upload/").content.decode()
    assert 'value="country"' not in form  # no country of theirs
    assert upload(partner, {"visibility": "country", "country": "TH"}).status_code == 200
    assert not Document.objects.exists()
    upload(partner, {"visibility": "members"})
    document = Document.objects.get()
    assert document.country is None and document.visibility == Visibility.MEMBERS
    assert [o.key for o in document.shared_with.all()] == [PARTNER_ORGANISATION]
    assert partner.get(document.get_absolute_url()).status_code == 200


def test_the_secretariat_names_the_country_of_a_countrys_document(personas):
    reviewer = personas["reviewer"]
    missing = upload(reviewer, {"visibility": "country"})
    assert "Choose the country whose members may read it." in html.unescape(
        missing.content.decode()
    )
    assert not Document.objects.exists()
    upload(reviewer, {"visibility": "public"})
    document = Document.objects.get()
    assert document.visibility == Visibility.PUBLIC and document.country is None


def test_uploading_a_document_stored_for_others_changes_nothing_and_shows_nothing(personas):
    document = thai_document(Visibility.COUNTRY)
    before = state(document)
    response = upload(personas["partner"], {}, name="again.txt", content=NOTE.encode())
    assert response.status_code == 302
    assert state(document) == before and Document.objects.count() == 1
    page = html.unescape(personas["partner"].get(response["Location"]).content.decode())
    assert "already stored, for readers you are not among" in page
    assert document.get_absolute_url() not in page


def test_the_original_file_is_kept_and_downloaded_as_it_came(personas):
    content = (ANNOTATED / "th-03-msc-mekong.txt").read_bytes()
    upload(
        personas["contributor_th"], {"visibility": "public"}, name="ข่าว msc.txt", content=content
    )
    document = Document.objects.get()
    assert document.original.name.startswith(f"originals/{document.content_hash[:2]}/")
    response = Client().get(f"/documents/{document.pk}/original")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and "filename*=utf-8''" in disposition
    assert Client().get("/documents/999999/original").status_code == 404
    page = Client().get(document.get_absolute_url()).content.decode()
    assert f"/documents/{document.pk}/original" in page


def test_a_documents_without_a_kept_file_has_no_download():
    document = thai_document(Visibility.PUBLIC)
    Document.objects.filter(pk=document.pk).update(original="")
    assert Client().get(f"/documents/{document.pk}/original").status_code == 404
    assert "/original" not in Client().get(document.get_absolute_url()).content.decode()


# ----------------------------------------------------------------- visibility


def test_a_focal_point_of_the_country_makes_a_document_public_and_search_follows(personas):
    document = thai_document()
    assert search("zebranote").total == 0  # the public's search
    focal = personas["focal_th"]
    page = focal.get(document.get_absolute_url()).content.decode()
    assert "Change who may read it" in page
    response = focal.post(
        f"/documents/{document.pk}/visibility/", {"visibility": "public", "country": "TH"}
    )
    assert response.status_code == 302
    assert state(document)[:2] == (Visibility.PUBLIC, document.country_id)
    assert search("zebranote").total == 1
    assert Client().get(document.get_absolute_url()).status_code == 200


def test_the_secretariat_restricts_a_document_and_shares_one_with_a_partner(personas):
    document = thai_document(Visibility.PUBLIC)
    reviewer = personas["reviewer"]
    partner_pk = personas["partner"].user.memberships.get().organisation_id
    reviewer.post(
        f"/documents/{document.pk}/visibility/",
        {"visibility": "members", "country": "TH", "shared_with": [partner_pk]},
    )
    assert state(document)[:3] == (Visibility.MEMBERS, document.country_id, [partner_pk])
    assert search("zebranote").total == 0
    assert search("zebranote", reader=personas["partner"].user).total == 1
    assert personas["partner"].get(document.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("persona", ["focal_vn", "contributor_th", "partner", "anonymous"])
def test_others_may_not_change_who_reads_it_and_nothing_is_written(personas, persona):
    document = thai_document()
    before = state(document)
    client = personas[persona]
    response = client.post(f"/documents/{document.pk}/visibility/", {"visibility": "public"})
    if client.user is None:
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == 403
        assert "changed by the Secretariat and by the focal points" in html.unescape(
            response.content.decode()
        )
    assert state(document) == before
    assert search("zebranote").total == 0
    if client.user is not None and persona != "partner":
        assert (
            "Change who may read it" not in client.get(document.get_absolute_url()).content.decode()
        )


def test_a_forged_post_without_the_csrf_token_is_refused(personas):
    document = thai_document()
    before = state(document)
    forger = Client(enforce_csrf_checks=True)
    forger.force_login(personas["focal_th"].user)
    for url, data in (
        (f"/documents/{document.pk}/visibility/", {"visibility": "public", "country": "TH"}),
        (f"/documents/{document.pk}/provenance/", {"title": "Forged"}),
    ):
        assert forger.post(url, data).status_code == 403
    assert state(document) == before


def test_a_focal_point_may_not_hand_a_document_to_another_country(personas):
    document = thai_document()
    before = state(document)
    response = personas["focal_th"].post(
        f"/documents/{document.pk}/visibility/", {"visibility": "country", "country": "VN"}
    )
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    assert state(document) == before
    assert personas["focal_th"].get(f"/documents/{document.pk}/visibility/").status_code == 405


# ----------------------------------------------------------------- provenance


def test_provenance_is_corrected_and_the_publication_date_is_the_documents_date(personas):
    document = thai_document(Visibility.PUBLIC)
    assert str(document.date) == "2024-03-03"  # the dateline read from the text
    focal = personas["focal_th"]
    response = focal.post(
        f"/documents/{document.pk}/provenance/",
        {
            "title": "Haze note of the ministry",
            "source_url": "https://example.org/news/haze",
            "publisher": "Ministry of Natural Resources and Environment",
            "publication_date": "2023-11",
        },
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.publication_date == PartialDate.parse("2023-11")
    assert str(document.date) == "2023-11" and str(document.dateline) == "2024-03-03"
    page = html.unescape(Client().get(document.get_absolute_url()).content.decode())
    assert "Haze note of the ministry" in page and 'href="https://example.org/news/haze"' in page
    assert "Ministry of Natural Resources and Environment" in page
    listing = html.unescape(Client().get("/documents/").content.decode())
    assert "November 2023" in listing and "3 Mar 2024" not in listing
    assert search("zebranote").facets["year"] == [("2023", 1)]  # the index's year follows
    # the uploader corrects too; a bad date writes nothing
    before = state(document)
    bad = focal.post(f"/documents/{document.pk}/provenance/", {"publication_date": "soon"})
    assert bad.status_code == 400 and state(document) == before


@pytest.mark.parametrize("persona", ["focal_vn", "contributor_th", "partner"])
def test_others_may_not_correct_the_provenance(personas, persona):
    document = thai_document(Visibility.PUBLIC)
    before = state(document)
    response = personas[persona].post(
        f"/documents/{document.pk}/provenance/", {"title": "Renamed", "publisher": "Someone"}
    )
    assert response.status_code == 403 and "the person who added it" in html.unescape(
        response.content.decode()
    )
    assert state(document) == before


def test_the_uploader_corrects_their_own_documents_provenance(personas):
    contributor = personas["contributor_th"]
    upload(contributor, {"visibility": "public"})
    document = Document.objects.get()
    page = contributor.get(document.get_absolute_url()).content.decode()
    assert "Correct the title and provenance" in page and "Change who may read it" not in page
    contributor.post(f"/documents/{document.pk}/provenance/", {"publisher": "DMCR"})
    assert state(document)[5] == "DMCR"


# ----------------------------------------------------------------- admin


def test_the_admin_lists_the_documents_and_claims_the_user_may_read(personas, staff_client):
    from django.contrib.auth.models import Permission

    thai = thai_document(Visibility.COUNTRY)
    members = ingest_bytes(b"ASEAN note\n\nA zebranote for members.\n", source="m.txt").document
    officer = personas["focal_vn"].user
    officer.is_staff = True
    officer.save()
    officer.user_permissions.set(
        Permission.objects.filter(codename__in=["view_document", "view_claim"])
    )
    client = Client()
    client.force_login(officer)
    listing = client.get("/admin/ingestion/document/").content.decode()
    assert f"/admin/ingestion/document/{members.pk}/change/" in listing
    assert f"/admin/ingestion/document/{thai.pk}/change/" not in listing
    hidden = client.get(f"/admin/ingestion/document/{thai.pk}/change/")
    assert hidden.status_code == 302  # "does not exist" for them
    claim = f"/admin/ingestion/claim/{thai.claims.first().pk}/change/"
    assert claim not in client.get("/admin/ingestion/claim/").content.decode()
    assert claim in staff_client.get("/admin/ingestion/claim/").content.decode()
    everything = staff_client.get("/admin/ingestion/document/").content.decode()
    assert f"/admin/ingestion/document/{thai.pk}/change/" in everything
    page = staff_client.get(f"/admin/ingestion/document/{thai.pk}/change/").content.decode()
    assert f"/documents/{thai.pk}/original" in page  # the file through the page that asks
