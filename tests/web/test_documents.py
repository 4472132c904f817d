"""The document pages: list and filters, text with facts highlighted, upload (staff only)."""

import html
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from envcoop.ingestion.jobs import run_queued_jobs
from envcoop.ingestion.models import Claim, Document, Visibility
from envcoop.ingestion.pipeline import Filing, ingest_bytes
from tests.snapshots import registry_snapshot

PUBLIC = Filing(visibility=Visibility.PUBLIC)  # public news: anyone reads it

FILES = Path(__file__).resolve().parents[1] / "data" / "files"
ANNOTATED = Path(__file__).resolve().parents[1] / "data" / "annotated" / "docs"

pytestmark = pytest.mark.django_db


def _ingest(path: Path) -> Document:
    outcome = ingest_bytes(path.read_bytes(), source=str(path), filename=path.name, filing=PUBLIC)
    assert outcome.document is not None, outcome.message
    return outcome.document


def _upload(client: Client, name: str, data: bytes, lang: str = "en"):
    """Upload, let a worker read the queue, and follow to the upload's status page."""
    with translation.override(lang):
        url = reverse("web:document_upload")
    response = client.post(url, {"file": SimpleUploadedFile(name, data)})
    run_queued_jobs()
    if response.status_code != 302:
        response.redirect_chain = []
        return response
    followed = client.get(response["Location"], follow=True)
    followed.redirect_chain = [(response["Location"], 302), *followed.redirect_chain]
    return followed


def _state() -> tuple:
    return (
        list(Document.objects.values_list("content_hash", flat=True)),
        Claim.objects.count(),
        registry_snapshot(),
    )


def test_the_list_filters_by_language_and_status(client: Client):
    thai = _ingest(ANNOTATED / "th-01-amme17.txt")
    vietnamese = _ingest(ANNOTATED / "vi-02-asean-korea.txt")
    korean = _ingest(FILES / "korean.txt")
    everything = client.get(reverse("web:documents")).content.decode()
    for document in (thai, vietnamese, korean):
        assert document.get_absolute_url() in everything
    only_thai = client.get(reverse("web:documents"), {"lang": "th"}).content.decode()
    assert thai.get_absolute_url() in only_thai
    assert vietnamese.get_absolute_url() not in only_thai
    not_understood = client.get(reverse("web:documents"), {"status": "not-understood"})
    content = not_understood.content.decode()
    assert korean.get_absolute_url() in content and thai.get_absolute_url() not in content
    # a filter value that does not exist shows everything rather than failing
    assert client.get(reverse("web:documents"), {"lang": "<script>"}).status_code == 200


def test_the_document_page_highlights_each_fact_at_its_span(client: Client):
    document = _ingest(ANNOTATED / "vi-01-amme17.txt")
    content = client.get(document.get_absolute_url()).content.decode()
    spans = re.findall(
        r'<span class="claim([^"]*)" title="([^"]*)" tabindex="0">(.*?)</span>', content, re.S
    )
    assert spans
    kinds = {kind for classes, _title, _text in spans for kind in re.findall(r"k-(\w+)", classes)}
    assert {"date", "event", "country"} <= kinds
    # every highlighted run is the stored text at a claim's span, with its value on hover
    for classes, title, text in spans:
        text, title = html.unescape(text), html.unescape(title)
        covering = [
            claim
            for claim in document.claims.all()
            if text in document.text[claim.start : claim.end] and f"k-{claim.kind}" in classes
        ]
        assert covering, text
    date = document.claims.filter(kind="date", value__value="2023-08-22").first()
    assert date is not None
    assert any("2023-08-22 – 2023-08-24" in html.unescape(title) for _c, title, _t in spans)
    # the whole text is on the page, in order, exactly once
    text_block = re.search(r'<div class="document-text"[^>]*>(.*?)</div>', content, re.S).group(1)
    assert html.unescape(re.sub(r"<[^>]+>", "", text_block)) == document.text


def test_a_document_in_a_language_not_understood_says_so(client: Client):
    document = _ingest(FILES / "korean.txt")
    content = client.get(document.get_absolute_url()).content.decode()
    assert "does not understand this language yet" in content
    assert 'class="claim' not in content


def test_an_unknown_document_is_not_found(client: Client):
    assert client.get(reverse("web:document", args=[999999])).status_code == 404


def test_visitors_and_users_without_a_role_may_not_upload(client: Client, member_client: Client):
    before = _state()
    data = (ANNOTATED / "en-02-ahp-conference.txt").read_bytes()
    response = _upload(client, "a.txt", data)
    assert "/accounts/login/" in response.redirect_chain[-1][0]
    refused = _upload(member_client, "a.txt", data)
    assert refused.status_code == 403 and "Uploading is for" in refused.content.decode()
    assert _state() == before
    assert "Add a document" not in client.get(reverse("web:documents")).content.decode()


def test_staff_upload_reads_the_document_and_shows_it(staff_client: Client):
    data = (ANNOTATED / "th-03-msc-mekong.txt").read_bytes()
    response = _upload(staff_client, "msc.txt", data)
    document = Document.objects.get()
    content = response.content.decode()
    assert f'href="{document.get_absolute_url()}"' in content
    assert "The document was read and stored." in content
    assert document.lang == "th" and document.claims.filter(kind="date").exists()
    assert document.uploaded_by is not None and document.uploaded_by.username == "officer"
    # the same file again changes nothing and says so
    again = _upload(staff_client, "msc-copy.txt", data)
    assert "already stored" in again.content.decode()
    assert Document.objects.count() == 1


def test_upload_of_html_keeps_the_article_and_drops_the_script(staff_client: Client):
    _upload(staff_client, "page.html", (FILES / "page-with-script.html").read_bytes())
    document = Document.objects.get()
    assert "<script" not in document.text and "function" not in document.text
    assert "2001-01-01" not in document.text


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("binary.bin", "looks like binary data"),
        ("scanned-no-text.pdf", "no text layer"),
        ("truncated.docx", "damaged or truncated"),
    ],
)
def test_a_bad_upload_is_explained_and_stores_nothing(staff_client: Client, name, expected):
    _ingest(ANNOTATED / "en-02-ahp-conference.txt")
    before = _state()
    response = _upload(staff_client, name, (FILES / name).read_bytes())
    assert response.status_code == 200
    assert expected in html.unescape(response.content.decode())
    assert 'data-state="failed"' in response.content.decode()
    assert _state() == before


def test_an_empty_upload_is_refused(staff_client: Client):
    before = _state()
    response = _upload(staff_client, "empty.txt", b"")
    assert "empty" in response.content.decode()
    assert _state() == before


def test_an_upload_over_the_limit_is_refused(staff_client: Client, settings):
    settings.ENVCOOP_MAX_DOCUMENT_MB = 0.01
    before = _state()
    response = _upload(staff_client, "big.docx", (FILES / "vietnamese-minutes.docx").read_bytes())
    assert "the limit is 0.01 MB" in html.unescape(response.content.decode())
    assert _state() == before


def test_upload_errors_are_in_the_readers_language(staff_client: Client):
    response = _upload(staff_client, "binary.bin", (FILES / "binary.bin").read_bytes(), lang="th")
    with translation.override("th"):
        expected = translation.gettext(
            "The file is not a document envcoop can read (it looks like binary data)."
        )
    assert expected != "The file is not a document envcoop can read (it looks like binary data)."
    assert expected in html.unescape(response.content.decode())


def test_a_language_not_yet_understood_is_stored_with_a_warning(staff_client: Client):
    response = _upload(staff_client, "ko.txt", (FILES / "korean.txt").read_bytes())
    content = html.unescape(response.content.decode())
    assert "is not understood yet: nothing was extracted" in content
    document = Document.objects.get()
    assert document.status == "not-understood" and not document.claims.exists()


def test_visitors_see_the_file_name_and_staff_the_full_source(client: Client, staff_client: Client):
    document = _ingest(ANNOTATED / "en-02-ahp-conference.txt")  # stored with its full path
    assert str(ANNOTATED) in document.source
    assert str(ANNOTATED) not in client.get(document.get_absolute_url()).content.decode()
    assert "en-02-ahp-conference.txt" in client.get(document.get_absolute_url()).content.decode()
    assert str(ANNOTATED) in staff_client.get(document.get_absolute_url()).content.decode()


def test_facts_name_areas_series_and_countries_in_the_readers_language(client: Client):
    document = _ingest(ANNOTATED / "vi-01-amme17.txt")
    with translation.override("th"):
        content = html.unescape(client.get(document.get_absolute_url()).content.decode())
    assert "การเปลี่ยนแปลงสภาพภูมิอากาศ" in content  # the climate-change area, in Thai
    assert "ลาว (LA)" in content  # a country by its Thai name, with its code
    series = document.claims.filter(kind="event", value__series="amme").first()
    assert series is not None and "· amme ·" not in content  # the series by its name
