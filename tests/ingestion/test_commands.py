"""`envcoop extract`, `envcoop ingest` and `envcoop evaluate` as users run them."""

import io
import json
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from envcoop.ingestion.models import Claim, Document, Passage
from tests.snapshots import registry_snapshot

FILES = Path(__file__).resolve().parents[1] / "data" / "files"
ANNOTATED = Path(__file__).resolve().parents[1] / "data" / "annotated"
CONTRACT_KEYS = {
    "source", "lang", "areas", "countries", "organisations", "dates", "events", "agreements",
    "projects", "frameworks", "priorities", "mentions",
}  # fmt: skip
# Every item of these lists carries a confidence between 0 and 1 (the contract).
SCORED_LISTS = (
    "organisations", "events", "agreements", "projects", "frameworks", "priorities", "mentions",
)  # fmt: skip

pytestmark = pytest.mark.django_db


def _documents_state() -> tuple:
    return (
        list(Document.objects.values_list("content_hash", "status")),
        Passage.objects.count(),
        list(Claim.objects.values_list("document__content_hash", "kind", "start", "end")),
    )


def test_extract_prints_the_contract_object_and_writes_nothing():
    before = (_documents_state(), registry_snapshot())
    out = io.StringIO()
    source = str(ANNOTATED / "docs" / "vi-01-amme17.txt")
    call_command("extract", source, stdout=out)
    result = json.loads(out.getvalue())
    assert set(result) == CONTRACT_KEYS
    assert result["source"] == source and result["lang"] == "vi"
    text = (ANNOTATED / "docs" / "vi-01-amme17.txt").read_text(encoding="utf-8")
    for item in result["dates"]:
        assert text[item["span"][0] : item["span"][1]] == item["text"]
    assert any(e["series"] == "amme" and e["ordinal"] == 17 for e in result["events"])
    for name in SCORED_LISTS:
        assert all(0 < item["confidence"] <= 1 for item in result[name]), name
    assert "confidence" not in result["dates"][0]
    assert (_documents_state(), registry_snapshot()) == before


def test_extract_to_a_folder_keeps_going_past_a_bad_file(tmp_path: Path):
    good = ANNOTATED / "docs" / "th-01-amme17.txt"
    bad = FILES / "scanned-no-text.pdf"
    with pytest.raises(SystemExit) as exit_code:
        call_command(
            "extract",
            str(good),
            str(bad),
            "--out",
            str(tmp_path),
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    assert exit_code.value.code == 1
    ok = json.loads((tmp_path / "th-01-amme17.json").read_text(encoding="utf-8"))
    assert set(ok) == CONTRACT_KEYS and ok["lang"] == "th"
    failed = json.loads((tmp_path / "scanned-no-text.json").read_text(encoding="utf-8"))
    assert "no text layer" in failed["error"]


def test_extract_a_single_bad_file_is_a_clear_error():
    with pytest.raises(CommandError, match="empty"):
        call_command("extract", str(FILES / "empty.txt"), stdout=io.StringIO())


def test_ingest_a_folder_recursively_and_again(tmp_path: Path):
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(ANNOTATED / "docs" / "th-01-amme17.txt", folder / "a.txt")
    shutil.copy(FILES / "vietnamese-minutes.docx", folder / "sub" / "b.docx")
    shutil.copy(FILES / "page-with-script.html", folder / "sub" / "c.html")
    out = io.StringIO()
    call_command("ingest", str(folder), stdout=out, stderr=io.StringIO())
    assert out.getvalue().count("stored ") == 3
    thai_line = next(
        line for line in out.getvalue().splitlines() if line.endswith("a.txt") or "a.txt:" in line
    )
    assert re.search(r"\d+ date", thai_line) and re.search(r"\d+ event", thai_line), thai_line
    assert Document.objects.count() == 3
    state = _documents_state()
    # again: nothing changes
    out = io.StringIO()
    call_command("ingest", str(folder), stdout=out, stderr=io.StringIO())
    assert out.getvalue().count("unchanged ") == 3
    assert _documents_state() == state
    # --force reads again and replaces the claims, without duplicates
    call_command(
        "ingest", str(folder / "a.txt"), "--force", stdout=io.StringIO(), stderr=io.StringIO()
    )
    assert Document.objects.count() == 3
    assert sorted(_documents_state()[2]) == sorted(state[2])
    stored = Document.objects.get(filename="a.txt")
    assert stored.lang == "th" and str(stored.dateline) == "2023-08-25"
    assert stored.claims.filter(kind="event", value__series="amme").exists()
    date = stored.claims.filter(kind="date").first()
    assert stored.text[date.start : date.end] == date.quote


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty"),
        ("binary.bin", "binary"),
        ("scanned-no-text.pdf", "no-text-layer"),
        ("truncated.docx", "malformed"),
    ],
)
def test_ingest_reports_bad_files_and_stores_nothing_for_them(tmp_path: Path, name, reason):
    shutil.copy(FILES / name, tmp_path / name)
    shutil.copy(FILES / "thai-tis620.txt", tmp_path / "good.txt")
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_code:
        call_command("ingest", str(tmp_path), stdout=out, stderr=io.StringIO())
    assert exit_code.value.code == 1
    assert f"failed     {tmp_path / name}: {reason}" in out.getvalue()
    assert list(Document.objects.values_list("filename", flat=True)) == ["good.txt"]


def test_a_file_over_the_limit_is_refused(tmp_path: Path):
    shutil.copy(FILES / "vietnamese-minutes.docx", tmp_path / "big.docx")
    out = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("ingest", str(tmp_path), "--max-mb", "0.01", stdout=out, stderr=io.StringIO())
    assert "too-large" in out.getvalue() and "limit" in out.getvalue()
    assert not Document.objects.exists()


def test_a_language_not_yet_understood_is_stored_but_not_read(tmp_path: Path):
    shutil.copy(FILES / "korean.txt", tmp_path / "ko.txt")
    out = io.StringIO()
    call_command("ingest", str(tmp_path), stdout=out, stderr=io.StringIO())
    document = Document.objects.get()
    assert (document.lang, document.status) == ("ko", "not-understood")
    assert not document.claims.exists()
    assert "not understood" in out.getvalue()


def test_a_database_failure_mid_document_leaves_nothing_behind(tmp_path: Path):
    """A real refusal by the database while claims are written: the document's rows go too."""
    shutil.copy(ANNOTATED / "docs" / "en-01-amme17-press-release.txt", tmp_path / "a.txt")
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "CREATE TRIGGER refuse_areas BEFORE INSERT ON ingestion_claim WHEN NEW.kind = 'area' "
                "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
            )
        else:
            cursor.execute(
                "CREATE FUNCTION refuse_areas() RETURNS trigger AS $$ BEGIN "
                "IF NEW.kind = 'area' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END; "
                "$$ LANGUAGE plpgsql"
            )
            cursor.execute(
                "CREATE TRIGGER refuse_areas BEFORE INSERT ON ingestion_claim FOR EACH ROW EXECUTE FUNCTION refuse_areas()"
            )
    out = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("ingest", str(tmp_path), stdout=out, stderr=io.StringIO())
    assert "storage" in out.getvalue() and "refused by the test" in out.getvalue()
    assert (
        not Document.objects.exists()
        and not Passage.objects.exists()
        and not Claim.objects.exists()
    )


def test_evaluate_prints_scores_per_field_and_language():
    out = io.StringIO()
    call_command("evaluate", str(ANNOTATED / "docs"), str(ANNOTATED / "gold"), "--json", stdout=out)
    scores = json.loads(out.getvalue())
    assert scores["documents"] == {"en": 9, "id": 9, "ms": 9, "th": 9, "vi": 9}
    assert set(scores["by_language"]) == {"en", "id", "ms", "th", "vi"}
    assert scores["language_misdetected"] == []
    table = io.StringIO()
    call_command("evaluate", str(ANNOTATED / "docs"), str(ANNOTATED / "gold"), stdout=table)
    assert "dates" in table.getvalue() and "F1" in table.getvalue()
    with pytest.raises(CommandError, match="not a folder"):
        call_command("evaluate", "/no/such/folder", str(ANNOTATED / "gold"), stdout=io.StringIO())


def _stored_claims() -> dict:
    return {
        document.content_hash: sorted(
            (claim.kind, claim.start, claim.end, json.dumps(claim.value, sort_keys=True))
            for claim in document.claims.all()
        )
        for document in Document.objects.prefetch_related("claims")
    }


def test_worker_processes_store_what_one_process_stores(tmp_path: Path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    names = sorted(p.name for p in (ANNOTATED / "docs").iterdir())[::3]  # ten, all languages
    for name in names:
        shutil.copy(ANNOTATED / "docs" / name, folder / name)
    # a copy read right after its original, while the original is still being understood
    shutil.copy(ANNOTATED / "docs" / names[0], folder / f"{names[0]}.copy.txt")
    shutil.copy(FILES / "binary.bin", folder / "zz-binary.bin")
    out = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("ingest", str(folder), "--jobs", "2", stdout=out, stderr=io.StringIO())
    lines = out.getvalue().splitlines()
    assert sum(line.startswith("stored ") for line in lines) == len(names)
    assert any(
        line.startswith("unchanged") and f"{names[0]}.copy.txt: same content as" in line
        for line in lines
    )
    assert any(line.startswith("failed") and "zz-binary.bin: binary" in line for line in lines)
    in_parallel = _stored_claims()
    Document.objects.all().delete()
    with pytest.raises(SystemExit):
        call_command(
            "ingest", str(folder), "--jobs", "1", stdout=io.StringIO(), stderr=io.StringIO()
        )
    assert _stored_claims() == in_parallel
    assert len(in_parallel) == len(names)


def test_reading_again_keeps_the_documents_address_and_the_review_of_its_facts(tmp_path: Path):
    path = tmp_path / "amme.txt"
    shutil.copy(ANNOTATED / "docs" / "en-01-amme17-press-release.txt", path)
    call_command("ingest", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    document = Document.objects.get()
    accepted = document.claims.filter(kind="event").first()
    rejected = document.claims.filter(kind="date").first()
    Claim.objects.filter(pk=accepted.pk).update(status="accepted")
    Claim.objects.filter(pk=rejected.pk).update(status="rejected")
    out = io.StringIO()
    call_command("ingest", str(path), "--force", stdout=out, stderr=io.StringIO())
    assert "re-read" in out.getvalue()
    again = Document.objects.get()
    assert again.pk == document.pk
    kept = {(c.kind, c.start, c.end): c.status for c in again.claims.exclude(status="pending")}
    assert kept == {
        (accepted.kind, accepted.start, accepted.end): "accepted",
        (rejected.kind, rejected.start, rejected.end): "rejected",
    }


def test_hidden_folders_are_not_read(tmp_path: Path):
    (tmp_path / ".git" / "objects").mkdir(parents=True)
    (tmp_path / ".git" / "objects" / "notes.txt").write_text("ASEAN met on 5 May 2024.")
    shutil.copy(ANNOTATED / "docs" / "th-01-amme17.txt", tmp_path / "a.txt")
    out = io.StringIO()
    call_command("ingest", str(tmp_path), stdout=out, stderr=io.StringIO())
    assert list(Document.objects.values_list("filename", flat=True)) == ["a.txt"]
