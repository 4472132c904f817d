"""Every page, file and command that shows a document's text shows it only to those who may
read the document (issue 13): for each persona, a public, a members' and a Thai document
reporting one meeting (the 36th ASOEN, accepted into one event with three sources), seen
through the document list and page, search, the event's Sources, the annual report (HTML,
Word and Markdown), the export and the original file. A document a reader may not read
is "a restricted source", without its title, quote or address; the public's report and
export name only public documents."""

from __future__ import annotations

import csv
import html
import io
import json

import pytest
from django.core.management import call_command
from docx import Document as WordDocument

from envcoop.accounts.scope import documents_visible_to
from envcoop.ingestion.models import Document, Visibility
from envcoop.ingestion.pipeline import Filing, ingest_bytes
from envcoop.registry.models import Event, Organisation
from envcoop.review.models import Evidence
from envcoop.review.resolution.resolver import Resolver
from envcoop.review.services import document_accept_all
from envcoop.search.index import document_index
from envcoop.search.service import search
from tests.conftest import PARTNER_ORGANISATION, PERSONAS
from tests.review import samples

pytestmark = pytest.mark.django_db

# A word of each document's own, to search for.
MARKS = {"public": "zebrapublic", "members": "zebramembers", "country": "zebracountry"}
FILINGS = {
    "public": Filing(visibility=Visibility.PUBLIC),
    "members": Filing(visibility=Visibility.MEMBERS),
    "country": Filing(visibility=Visibility.COUNTRY, country="TH"),
}
TEXTS = {"public": samples.ASOEN36_EN, "members": samples.ASOEN36_VI, "country": samples.ASOEN36_TH}
EVERYTHING = {"public", "members", "country"}
# Which of the three each persona may read.
READS = {
    "anonymous": {"public"},
    "focal_th": EVERYTHING,
    "focal_vn": {"public", "members"},
    "contributor_th": EVERYTHING,
    "partner": {"public"},  # a partner reads members' documents only when shared with them
    "reviewer": EVERYTHING,
    "administrator": EVERYTHING,
}
assert set(READS) == set(PERSONAS)


@pytest.fixture
def three() -> dict[str, Document]:
    """The three documents, read and accepted: one event with a source in each."""
    found = {}
    resolver = Resolver()
    for name, text in TEXTS.items():
        data = f"{text}\nRef. {MARKS[name]}\n".encode()
        outcome = ingest_bytes(
            data, source=f"{name}.txt", filename=f"{name}.txt", filing=FILINGS[name]
        )
        assert outcome.document is not None, outcome.message
        document_accept_all(outcome.document, resolver=resolver)
        found[name] = outcome.document
    event = Event.objects.get(series__key="asoen", ordinal=36)
    cited = set(Evidence.objects.filter(object_id=event.pk).values_list("document_id", flat=True))
    assert cited == {document.pk for document in found.values()}  # the precondition
    return found


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def quote_link(document: Document) -> str:
    """How a page links a quote from ``document`` (to the passage highlighted)."""
    return f"/documents/{document.pk}/?at="


def refused(response, client) -> bool:
    """Sent to sign in (anonymous) or refused with the reason (signed in)."""
    if client.user is None:
        return response.status_code == 302 and "/accounts/login/" in response["Location"]
    return response.status_code == 403 and "restricted to" in text_of(response)


def docx_text(data: bytes) -> str:
    return "\n".join(paragraph.text for paragraph in WordDocument(io.BytesIO(data)).paragraphs)


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_each_reader_sees_the_text_of_the_documents_they_may_read_and_no_other(
    personas, three, persona
):
    client = personas[persona]
    reads = READS[persona]
    restricted = EVERYTHING - reads
    signed_in = client.user is not None
    # the querysets say the same as the table above
    mine = set(documents_visible_to(client.user).values_list("pk", flat=True))
    assert {name for name, d in three.items() if d.pk in mine} == reads

    listing = text_of(client.get("/documents/"))
    for name, document in three.items():
        assert (document.get_absolute_url() in listing) == (name in reads), (persona, name)
        page = client.get(document.get_absolute_url())
        if name in reads:
            assert page.status_code == 200 and MARKS[name] in text_of(page)
        else:
            assert refused(page, client), (persona, name)
            assert MARKS[name] not in text_of(page)

    for name, document in three.items():  # search: passages and snippets
        found = text_of(client.get("/search/", {"q": MARKS[name]}))
        assert (quote_link(document) in found) == (name in reads), (persona, name)
        assert (f"<mark>{MARKS[name]}</mark>" in client.get(
            "/search/", {"q": MARKS[name]}
        ).content.decode()) == (name in reads)  # fmt: skip

    event = Event.objects.get(series__key="asoen", ordinal=36)
    record_page = text_of(client.get(event.get_absolute_url()))
    for name, document in three.items():
        assert (quote_link(document) in record_page) == (name in reads), (persona, name)
        assert (str(document) in record_page) == (name in reads), (persona, name)
    assert record_page.count("a restricted source") == len(restricted)

    # the annual report, as the page shows it and as Word and Markdown files
    report = text_of(client.get("/reports/annual/", {"year": 2025}))
    word = docx_text(client.get("/reports/annual/", {"year": 2025, "format": "docx"}).content)
    markdown = client.get("/reports/annual/", {"year": 2025, "format": "md"}).content.decode()
    for written in (report, word, markdown):
        assert "36th Meeting of the ASEAN Senior Officials" in written
        for name, document in three.items():
            assert (str(document) in written) == (name in reads), (persona, name)
            assert (document.get_absolute_url() in written) == (name in reads), (persona, name)
        # the public's report names only public documents; a member's says what it cannot name
        assert written.count("a restricted source") == (len(restricted) if signed_in else 0)

    exported = client.get("/events/export/", {"format": "csv", "columns": "key,sources"})
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    sources = next(row[1] for row in rows if row[0] == event.key)
    as_json = client.get(f"/events/{event.key}.json").json()["sources"]
    for written in (sources, as_json):
        for name, document in three.items():
            assert (str(document) in written) == (name in reads), (persona, name)
        assert written.count("a restricted source") == (len(restricted) if signed_in else 0)

    for name, document in three.items():  # the original file
        response = client.get(f"/documents/{document.pk}/original")
        if name in reads:
            assert response.status_code == 200
            assert MARKS[name].encode() in b"".join(response.streaming_content)
        else:
            assert refused(response, client), (persona, name)


def test_a_partner_reads_the_members_documents_shared_with_their_organisation(personas, three):
    partner = personas["partner"]
    members = three["members"]
    assert partner.get(members.get_absolute_url()).status_code == 403
    members.shared_with.set([Organisation.objects.get(key=PARTNER_ORGANISATION)])
    document_index(members)  # (the document page's form does this; see test_document_settings)
    assert partner.get(members.get_absolute_url()).status_code == 200
    assert quote_link(members) in text_of(partner.get("/search/", {"q": MARKS["members"]}))
    assert partner.get(f"/documents/{members.pk}/original").status_code == 200
    # a country's document is not shared by sharing
    country = three["country"]
    country.shared_with.set(members.shared_with.all())
    document_index(country)
    assert partner.get(country.get_absolute_url()).status_code == 403
    assert quote_link(country) not in text_of(partner.get("/search/", {"q": MARKS["country"]}))


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_search_finds_exactly_the_documents_the_reader_may_read(personas, persona):
    """The index's reader words agree with the querysets, for an uploader too."""
    uploader = personas["partner"].user
    filings = {
        **FILINGS,
        "shared": Filing(visibility=Visibility.MEMBERS, shared_with=(PARTNER_ORGANISATION,)),
        "vietnam": Filing(visibility=Visibility.COUNTRY, country="VN"),
        "nobody's": Filing(visibility=Visibility.COUNTRY),  # no country: the Secretariat
    }
    documents = {}
    for name, filing in filings.items():
        data = f"ASEAN environment note.\n\nA zebracommon note filed as {name}.\n".encode()
        documents[name] = ingest_bytes(data, source=name, filing=filing).document
    own = ingest_bytes(
        b"ASEAN note.\n\nA zebracommon note its uploader filed for Thailand.\n",
        source="own",
        filing=Filing(visibility=Visibility.COUNTRY, country="TH"),
        user=uploader,
    ).document
    user = personas[persona].user
    expected = set(
        documents_visible_to(user).filter(pk__in=[d.pk for d in [*documents.values(), own]])
        .values_list("pk", flat=True)
    )  # fmt: skip
    found = search("zebracommon", reader=user, per_page=50)
    assert {int(result.id.split(":")[0]) for result in found.results} == expected
    assert found.total == len(expected)
    assert (own.pk in expected) == (
        persona in ("partner", "focal_th", "contributor_th", "reviewer", "administrator")
    )


def test_the_commands_write_for_the_public_unless_told_for_whom(personas, three, tmp_path):
    focal = personas["focal_vn"].user
    out = tmp_path / "report.md"
    call_command("report", "annual", "--year", "2025", "--format", "md", "-o", str(out))
    public = out.read_text()
    assert str(three["public"]) in public
    assert str(three["members"]) not in public and "a restricted source" not in public
    call_command(
        "report",
        "annual",
        "--year",
        "2025",
        "--format",
        "md",
        "-o",
        str(out),
        "--as",
        focal.username,
    )
    theirs = out.read_text()
    assert str(three["members"]) in theirs and str(three["country"]) not in theirs
    assert theirs.count("a restricted source") == 1
    with pytest.raises(Exception, match="no user with this name"):
        call_command("report", "annual", "--year", "2025", "--as", "nobody-at-all")

    exported = tmp_path / "events.csv"
    call_command(
        "export", "events", "--format", "csv", "--columns", "key,sources", "-o", str(exported)
    )
    rows = exported.read_text(encoding="utf-8-sig")
    assert str(three["public"]) in rows and str(three["members"]) not in rows
    call_command(
        "export", "events", "--format", "csv", "--columns", "key,sources", "-o", str(exported),
        "--as", focal.username,
    )  # fmt: skip
    assert str(three["members"]) in exported.read_text(encoding="utf-8-sig")

    # search and show read the whole store unless --as names a reader
    out = io.StringIO()
    call_command("search", MARKS["country"], "--json", stdout=out)
    assert f"/documents/{three['country'].pk}/" in out.getvalue()
    out = io.StringIO()
    call_command("search", MARKS["country"], "--json", "--as", focal.username, stdout=out)
    assert f"/documents/{three['country'].pk}/" not in out.getvalue()
    out = io.StringIO()
    call_command("show", "events", "--json", "--as", focal.username, stdout=out)
    asoen = next(item for item in json.loads(out.getvalue()) if item["id"] == "asoen-36")
    assert {"restricted": True} in asoen["sources"]
    assert three["country"].pk not in [s.get("document") for s in asoen["sources"]]


def test_the_review_queue_shows_a_focal_point_only_their_countrys_quotes(personas):
    thai = ingest_bytes(
        samples.ASOEN36_TH.encode(), source="th.txt", filing=FILINGS["country"]
    ).document
    for persona, shown in (("focal_th", True), ("focal_vn", False), ("reviewer", True)):
        queue = text_of(personas[persona].get("/review/"))
        assert (quote_link(thai) in queue) == shown, persona
    claim = thai.claims.filter(kind="event").first()
    assert personas["focal_vn"].get(f"/review/claims/{claim.pk}/").status_code == 403
