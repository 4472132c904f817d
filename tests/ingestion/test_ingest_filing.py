"""`envcoop ingest --visibility public|members|CC --shared-with KEY`: who may read what a
batch stores (in one process and with worker processes), what a bad value says, the files
kept, and a publication date given by a person read against when a document is read again."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from envcoop.core.partial_date import PartialDate
from envcoop.ingestion.batch import PARALLEL_FROM
from envcoop.ingestion.document_changes import document_describe
from envcoop.ingestion.models import Document, Visibility
from tests.conftest import PARTNER_ORGANISATION

pytestmark = pytest.mark.django_db
ANNOTATED = Path(__file__).resolve().parents[1] / "data" / "annotated" / "docs"


def folder(tmp_path: Path, count: int) -> Path:
    for name in sorted(p.name for p in ANNOTATED.iterdir())[:count]:
        shutil.copy(ANNOTATED / name, tmp_path / name)
    return tmp_path


def ingest(*args: str) -> str:
    out = io.StringIO()
    call_command("ingest", *args, "--jobs", "1", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_new_documents_are_for_members_unless_told(tmp_path):
    ingest(str(folder(tmp_path, 2)))
    assert {d.visibility for d in Document.objects.all()} == {Visibility.MEMBERS}
    assert not Document.objects.exclude(country=None).exists()


@pytest.mark.parametrize(
    ("value", "visibility", "country"),
    [("public", "public", None), ("MEMBERS", "members", None), ("th", "country", "TH")],
)
def test_visibility_public_members_or_a_country(tmp_path, value, visibility, country):
    ingest(str(folder(tmp_path, 2)), "--visibility", value)
    documents = list(Document.objects.select_related("country"))
    assert len(documents) == 2
    for document in documents:
        assert document.visibility == visibility
        assert (document.country.code if document.country else None) == country
        assert document.original.read() == (ANNOTATED / document.filename).read_bytes()


def test_shared_with_partners_in_worker_processes_too(tmp_path):
    out = io.StringIO()
    call_command(
        "ingest", str(folder(tmp_path, PARALLEL_FROM)), "--jobs", "2",
        "--shared-with", PARTNER_ORGANISATION, stdout=out, stderr=io.StringIO(),
    )  # fmt: skip
    documents = list(Document.objects.prefetch_related("shared_with"))
    assert len(documents) == PARALLEL_FROM
    for document in documents:
        assert document.visibility == Visibility.MEMBERS
        assert [o.key for o in document.shared_with.all()] == [PARTNER_ORGANISATION]
        assert document.original


def test_a_document_stored_already_keeps_who_may_read_it(tmp_path):
    path = folder(tmp_path, 1)
    ingest(str(path), "--visibility", "public")
    ingest(str(path), "--visibility", "TH", "--force")
    document = Document.objects.get()
    assert document.visibility == Visibility.PUBLIC and document.country is None


@pytest.mark.parametrize(
    ("options", "says"),
    [
        (
            ["--visibility", "secret"],
            "give public (anyone), members (anyone signed in) or a country",
        ),
        (["--visibility", "XX"], "no country with this code in the registry; the codes are: "),
        (["--visibility", "tha"], "two-letter code such as TH"),
        (["--shared-with", "nobody-here"], "no organisation with this key"),
        (
            ["--visibility", "public", "--shared-with", PARTNER_ORGANISATION],
            "--shared-with applies to members' documents",
        ),
    ],
)
def test_a_bad_value_says_what_is_allowed_and_reads_nothing(tmp_path, options, says):
    with pytest.raises(CommandError) as refused:
        ingest(str(folder(tmp_path, 1)), *options)
    assert says in str(refused.value)
    assert not Document.objects.exists()


def test_a_publication_date_given_is_the_date_the_text_is_read_against(tmp_path):
    path = tmp_path / "workshop.txt"
    path.write_text(
        "ASEAN haze workshop\n\nThe ASEAN workshop on haze monitoring was held in Hanoi on "
        "5 March. Delegates from ten member states attended.\n"
    )
    ingest(str(path))
    document = Document.objects.get()
    assert not document.claims.filter(kind="date").exists()  # no year to read it with
    document_describe(
        document,
        title=document.title,
        source_url="",
        publisher="",
        publication_date=PartialDate.parse("2019-06"),
    )
    ingest(str(path), "--force")
    dates = [c.value["value"] for c in Document.objects.get().claims.filter(kind="date")]
    assert dates == ["2019-03-05"]
    document.refresh_from_db()
    assert document.dateline is None and str(document.date) == "2019-06"


def test_the_kept_file_goes_with_its_document(
    tmp_path, media_root, django_capture_on_commit_callbacks
):
    ingest(str(folder(tmp_path, 1)))
    document = Document.objects.get()
    kept = media_root / document.original.name
    assert kept.is_file() and document.original.name.startswith("originals/")
    with django_capture_on_commit_callbacks(execute=True):
        document.delete()
    assert not kept.exists()
