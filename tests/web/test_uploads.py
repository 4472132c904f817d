"""Uploads through the queue: several files and zips, hostile zips refused, the upload's
status page and its JSON (for the uploader and the Secretariat), the queues."""

from __future__ import annotations

import html
import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from envcoop.core.health import worker_last_seen
from envcoop.ingestion import jobs
from envcoop.ingestion.jobs import enqueue_upload, requeue_stale, run_queued_jobs
from envcoop.ingestion.models import Document, ReadingJob, ReadingState, WorkerBeat
from envcoop.ingestion.pipeline import ingest_bytes
from tests.review import samples


def _zip(members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _post(client, *files: tuple[str, bytes], **data: str):
    return client.post(
        "/documents/upload/",
        {"file": [SimpleUploadedFile(name, content) for name, content in files], **data},
    )


def _status(client, response) -> dict:
    return json.loads(client.get(response["Location"].rstrip("/") + ".json").content)


def test_several_files_are_queued_at_once_and_read_by_the_worker(personas):
    client = personas["contributor_th"]
    response = _post(
        client,
        ("asoen35.txt", samples.ASOEN35_EN.encode()),
        ("asoen36.txt", samples.ASOEN36_EN.encode()),
    )
    assert response.status_code == 302 and "/documents/uploads/" in response["Location"]
    assert not Document.objects.exists()  # nothing read inside the request
    status = _status(client, response)
    assert [f["state"] for f in status["files"]] == ["queued", "queued"]
    assert status["finished"] is False
    page = client.get(response["Location"]).content.decode()
    assert 'data-status-url="' in page and "upload-status.js" in page
    assert "<script>" not in page  # no inline script (the page's data is in data- attributes)
    run_queued_jobs()
    status = _status(client, response)
    assert status["finished"] is True
    assert [f["state"] for f in status["files"]] == ["done", "done"]
    assert all(f["url"].startswith("/documents/") for f in status["files"])
    assert set(Document.objects.values_list("filename", flat=True)) == {
        "asoen35.txt",
        "asoen36.txt",
    }
    assert not ReadingJob.objects.exclude(data=b"").exists()  # the bytes are let go


def test_a_zip_of_documents_is_unpacked_into_one_job_per_file(personas):
    client = personas["reviewer"]
    archive = _zip(
        {
            "minutes/asoen35.txt": samples.ASOEN35_EN.encode(),
            "asoen36.txt": samples.ASOEN36_EN.encode(),
            "__MACOSX/._asoen36.txt": b"\x00\x05",
            "minutes/": b"",
        }
    )
    response = _post(client, ("batch.zip", archive), visibility="public")
    assert response.status_code == 302
    run_queued_jobs()
    documents = Document.objects.order_by("filename")
    assert [d.filename for d in documents] == ["asoen35.txt", "asoen36.txt"]
    assert documents[0].source == "batch.zip/minutes/asoen35.txt"
    assert all(d.visibility == "public" for d in documents)


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        ({"../../etc/evil.txt": b"x"}, "outside its folder"),
        ({"/abs/evil.txt": b"x"}, "outside its folder"),
        ({"C:/evil.txt": b"x"}, "outside its folder"),
        ({f"f{n}.txt": b"x" for n in range(4)}, "holds 4 files; the limit is 3"),
        # a zip bomb: a few KB that unpack to more than the limit
        ({"bomb.txt": b"0" * (3 * 1024 * 1024)}, "larger than 2 MB unpacked"),
        ({}, "holds no files"),
    ],
)
def test_a_hostile_zip_is_refused_whole(staff_client, settings, members, expected):
    settings.ENVCOOP_MAX_ZIP_FILES = 3
    settings.ENVCOOP_MAX_ZIP_MB = 2
    archive = _zip(members)
    assert len(archive) < 100_000
    response = _post(staff_client, ("hostile.zip", archive))
    assert response.status_code == 200
    assert expected in html.unescape(response.content.decode())
    assert not ReadingJob.objects.exists()


def test_a_zip_over_the_total_is_refused_though_each_file_is_small(staff_client, settings):
    settings.ENVCOOP_MAX_ZIP_MB = 1
    archive = _zip({f"f{n}.txt": b"a" * 400_000 for n in range(3)})
    response = _post(staff_client, ("many.zip", archive))
    assert "files are larger than 1 MB unpacked" in html.unescape(response.content.decode())
    assert not ReadingJob.objects.exists()


def test_a_damaged_zip_is_refused(staff_client):
    response = _post(staff_client, ("broken.zip", b"PK\x03\x04 not really a zip"))
    assert "The zip file is damaged" in html.unescape(response.content.decode())
    assert not ReadingJob.objects.exists()


def test_only_the_uploader_and_the_secretariat_see_an_uploads_status(personas, client):
    response = _post(personas["contributor_th"], ("asoen35.txt", samples.ASOEN35_EN.encode()))
    address = response["Location"]
    for name, expected in [
        ("contributor_th", 200),
        ("reviewer", 200),
        ("administrator", 200),
        ("focal_th", 403),
        ("partner", 403),
    ]:
        assert personas[name].get(address).status_code == expected, name
        assert personas[name].get(address.rstrip("/") + ".json").status_code == expected, name
    assert client.get(address).status_code == 302  # to sign in
    missing = "/documents/uploads/00000000-0000-0000-0000-000000000000/"
    assert personas["reviewer"].get(missing).status_code == 404


def test_a_failed_file_says_why(staff_client):
    response = _post(staff_client, ("binary.bin", bytes(range(256)) * 40))
    run_queued_jobs()
    status = _status(staff_client, response)
    [file] = status["files"]
    assert file["state"] == "failed" and "binary data" in file["message"]
    assert file["url"] == ""


def test_the_pipeline_reports_the_ocr_step(staff):
    job = enqueue_upload(samples.ASOEN35_EN.encode(), filename="a.txt", user=staff)
    jobs.report(job.pk, "ocr")
    job.refresh_from_db()
    assert job.state == ReadingState.OCR and job.get_state_display() == "OCR"


def test_the_queue_is_a_parameter_and_ocr_is_reserved(staff):
    job = enqueue_upload(b"text", filename="a.txt", queue_name="ocr")
    assert job.queue_name == "ocr"
    with pytest.raises(ValueError, match="unknown queue"):
        enqueue_upload(b"text", filename="a.txt", queue_name="elsewhere")


def test_ingest_queue_enqueues_instead_of_reading(db, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text(samples.ASOEN35_EN, encoding="utf-8")
    out = io.StringIO()
    call_command("ingest", "--queue", "--visibility", "public", str(note), stdout=out)
    assert "queued" in out.getvalue() and not Document.objects.exists()
    job = ReadingJob.objects.get()
    assert job.filing["visibility"] == "public" and job.source == str(note)
    run_queued_jobs()
    assert Document.objects.get().visibility == "public"


def test_a_job_left_reading_by_a_dead_worker_is_queued_again(db):
    job = enqueue_upload(samples.ASOEN35_EN.encode(), filename="a.txt")
    now = timezone.now()
    WorkerBeat.objects.create(worker="dead:1", seen_at=now - timedelta(minutes=5))
    WorkerBeat.objects.create(worker="alive:2", seen_at=now)
    ReadingJob.objects.filter(pk=job.pk).update(state=ReadingState.READING, worker="dead:1")
    other = enqueue_upload(samples.ASOEN36_EN.encode(), filename="b.txt")
    ReadingJob.objects.filter(pk=other.pk).update(state=ReadingState.READING, worker="alive:2")
    assert requeue_stale() == [job.pk]
    run_queued_jobs()
    job.refresh_from_db()
    assert job.state == ReadingState.DONE and job.document is not None
    assert ReadingJob.objects.get(pk=other.pk).state == ReadingState.READING


def test_a_job_claimed_by_another_worker_is_not_read_again(db):
    job = enqueue_upload(samples.ASOEN35_EN.encode(), filename="a.txt")
    ReadingJob.objects.filter(pk=job.pk).update(state=ReadingState.READING, worker="other:1")
    run_queued_jobs()
    assert not Document.objects.exists()
    assert ReadingJob.objects.get(pk=job.pk).state == ReadingState.READING


def test_the_same_content_twice_is_stored_once(staff):
    ingest_bytes(samples.ASOEN35_EN.encode(), source="first.txt")
    job = enqueue_upload(samples.ASOEN35_EN.encode(), filename="again.txt", user=staff)
    run_queued_jobs()
    job.refresh_from_db()
    assert (job.state, job.outcome) == (ReadingState.DONE, "unchanged")
    assert Document.objects.count() == 1


def test_worker_last_seen(db):
    assert worker_last_seen() is None
    jobs.beat("here:1")
    seen = worker_last_seen()
    assert seen is not None and timezone.now() - seen < timedelta(minutes=1)
