"""Reading uploads as background jobs (Django's tasks API; see TASKS in config/settings.py).

An upload stores each file's bytes as a ``ReadingJob`` and enqueues ``read_upload`` for
it; a worker (``envcoop worker``) runs it: the same pipeline as a direct read
(``ingest_bytes``: one transaction per document, so a worker killed mid-document leaves
nothing half-written).

Two workers never read the same file twice: the backend hands each task to one worker
(``SELECT ... FOR UPDATE SKIP LOCKED`` on PostgreSQL, an exclusive transaction on
SQLite), and a job is claimed by one conditional UPDATE (queued -> reading) that only
one worker can win. A job left "reading" by a worker not seen for
ENVCOOP_WORKER_DEAD_AFTER seconds is queued again by the next worker (``requeue_stale``).
"""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid
from dataclasses import asdict
from datetime import datetime, timedelta

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.db.models import F
from django.utils import timezone

from envcoop.ingestion.models import ReadingJob, ReadingState, WorkerBeat
from envcoop.ingestion.pipeline import Filing, ingest_bytes
from envcoop.ingestion.signals import document_stored

try:  # Django 6's own tasks API, else the backport
    from django.tasks import task  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - Django 5.2
    from django_tasks import task

READING_QUEUE = "reading"
OCR_QUEUE = "ocr"  # reserved: the OCR step will run as a job on its own queue
QUEUES = (READING_QUEUE, OCR_QUEUE)

# Tests only: seconds a worker sleeps after claiming a job, before reading it (so that a
# test can kill a worker mid-document). Never set it in a deployment.
TEST_SLEEP_VARIABLE = "ENVCOOP_TEST_READING_SLEEP"


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


# ------------------------------------------------------------------ enqueuing


def enqueue_upload(
    data: bytes,
    *,
    filename: str,
    source: str = "",
    user: object = None,
    filing: Filing | None = None,
    upload: uuid.UUID | None = None,
    queue_name: str = READING_QUEUE,
) -> ReadingJob:
    """Store ``data`` as a job waiting to be read and enqueue its task; returns the job.
    ``upload`` groups the files of one upload (a new one if not given)."""
    if queue_name not in QUEUES:
        raise ValueError(f"unknown queue {queue_name!r}")
    job = ReadingJob.objects.create(
        upload=upload or uuid.uuid4(),
        uploaded_by=user if getattr(user, "pk", None) else None,
        filename=filename[:255],
        source=(source or filename)[:1000],
        data=data,
        size_bytes=len(data),
        filing=asdict(filing or Filing()),
        queue_name=queue_name,
    )
    enqueue(job, queue_name=queue_name)
    return job


def enqueue(job: ReadingJob, *, queue_name: str = READING_QUEUE) -> None:
    """The task that reads ``job``, on ``queue_name`` ("reading"; "ocr" for the OCR step).
    The database backend stores the task in the same transaction as the job; any other
    backend (RQ, Celery) is given it once the job is committed (a worker must see it)."""
    bound = read_upload.using(queue_name=queue_name)
    if type(bound.get_backend()).__module__.startswith("django_tasks_db"):
        bound.enqueue(job.pk)
    else:
        transaction.on_commit(lambda: bound.enqueue(job.pk), robust=False)


# ------------------------------------------------------------------ the task


@task(queue_name=READING_QUEUE)
def read_upload(job_id: int) -> str:
    """Read one uploaded file (the task a worker runs); returns the job's final state."""
    name = worker_name()
    claimed = ReadingJob.objects.filter(pk=job_id, state=ReadingState.QUEUED).update(
        state=ReadingState.READING,
        worker=name,
        started_at=timezone.now(),
        attempts=F("attempts") + 1,
    )
    if not claimed:  # read (or being read) by another worker
        return "skipped"
    job = ReadingJob.objects.select_related("uploaded_by").get(pk=job_id)
    _test_pause()
    filing = Filing(**{**job.filing, "shared_with": tuple(job.filing.get("shared_with", ()))})
    try:
        outcome = ingest_bytes(
            bytes(job.data),
            source=job.source,
            filename=job.filename,
            user=job.uploaded_by,
            filing=filing,
            progress=lambda state: report(job.pk, state),
        )
    except Exception as error:  # a bug, not a bad document: the job says so
        finish(job.pk, ReadingState.FAILED, reason=f"internal error: {error}")
        raise
    if outcome.failed:
        finish(job.pk, ReadingState.FAILED, reason=outcome.reason, message=outcome.message)
        return ReadingState.FAILED
    finish(job.pk, ReadingState.DONE, outcome=outcome.status, document=outcome.document)
    return ReadingState.DONE


def _test_pause() -> None:
    """Tests only (ENVCOOP_TEST_READING_SLEEP=seconds): sleep inside the document's
    transaction, once its rows are written and not yet committed, so that a test can kill
    the worker there."""
    pause = float(os.environ.get(TEST_SLEEP_VARIABLE) or 0)
    if not pause:
        return

    def sleep(**kwargs: object) -> None:
        print("envcoop-test: pausing inside the document's transaction", flush=True)
        time.sleep(pause)

    document_stored.connect(sleep, weak=False, dispatch_uid="envcoop-test-pause")


def report(job_id: int, state: str) -> None:
    """The hook the pipeline calls when a document moves to another step ("ocr" when the
    OCR step starts on it): the upload's status page shows it."""
    if state in (ReadingState.READING, ReadingState.OCR):
        ReadingJob.objects.filter(pk=job_id).update(state=state)


def finish(
    job_id: int,
    state: str,
    *,
    reason: str = "",
    message: str = "",
    outcome: str = "",
    document: object = None,
) -> None:
    ReadingJob.objects.filter(pk=job_id).update(
        state=state,
        reason=f"{reason}\n{message}".strip() if message else reason,
        outcome=outcome,
        document=document,
        data=b"",  # read: the document keeps the original file
        finished_at=timezone.now(),
    )


# ------------------------------------------------------------------ workers


def beat(name: str) -> None:
    """Say that worker ``name`` is alive."""
    WorkerBeat.objects.update_or_create(worker=name, defaults={"seen_at": timezone.now()})


def requeue_stale(now: datetime | None = None) -> list[int]:
    """Queue again the jobs left reading by workers not seen for
    ENVCOOP_WORKER_DEAD_AFTER seconds; returns their ids."""
    now = now or timezone.now()
    alive = WorkerBeat.objects.filter(
        seen_at__gte=now - timedelta(seconds=settings.ENVCOOP_WORKER_DEAD_AFTER)
    ).values_list("worker", flat=True)
    stale = list(
        ReadingJob.objects.filter(state__in=[ReadingState.READING, ReadingState.OCR])
        .exclude(worker__in=list(alive))
        .values_list("pk", "worker", "queue_name")
    )
    requeued = []
    for pk, worker, queue_name in stale:
        with transaction.atomic():
            # (another worker may requeue it at the same moment: one UPDATE wins)
            if ReadingJob.objects.filter(
                pk=pk, worker=worker, state__in=[ReadingState.READING, ReadingState.OCR]
            ).update(state=ReadingState.QUEUED, worker=""):
                enqueue(ReadingJob(pk=pk), queue_name=queue_name)
                requeued.append(pk)
    return requeued


class Heartbeat(threading.Thread):
    """Beside a worker: says it is alive every ENVCOOP_WORKER_BEAT seconds and queues
    again what dead workers left."""

    def __init__(self, name: str) -> None:
        super().__init__(name="envcoop-heartbeat", daemon=True)
        self.worker = name
        self.stopping = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopping.wait(settings.ENVCOOP_WORKER_BEAT):
                try:
                    close_old_connections()
                    beat(self.worker)
                    requeue_stale()
                except Exception:  # a busy database: try again at the next beat
                    pass
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopping.set()


def make_worker(*, queues: str = "*", until_empty: bool, name: str) -> object:
    """django-tasks-db's worker loop (claims each task in its own transaction)."""
    from django_tasks_db.management.commands.db_worker import Worker

    return Worker(
        queue_names=queues.split(","),
        interval=1,
        batch=until_empty,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=name.replace(":", "-")[:64],
        excluded_queue_names=[],
    )


def run_queued_jobs() -> int:
    """Run every queued task in this process, then return how many ran (tests; `envcoop
    worker --until-empty` does the same in its own process). The worker's own loop is not
    used: it closes the database connection between tasks, which would end a test's
    transaction."""
    from django_tasks_db.models import DBTaskResult
    from django_tasks_db.utils import exclusive_transaction

    worker = make_worker(until_empty=True, name=worker_name())
    ran = 0
    while True:
        with exclusive_transaction():
            result = DBTaskResult.objects.ready().filter(backend_name="default").get_locked()
            if result is not None:
                result.claim(worker.worker_id)
        if result is None:
            return ran
        worker.run_task(result)
        ran += 1


def worker_beat_last_seen() -> datetime | None:
    """When a worker (`envcoop worker`) last said it was alive (each says so every
    ENVCOOP_WORKER_BEAT seconds); None if none ever did. Read by /readyz through
    ``settings.ENVCOOP_WORKER_HEARTBEAT`` (envcoop.core.health.worker_last_seen)."""
    from django.db.models import Max

    return WorkerBeat.objects.aggregate(last=Max("seen_at"))["last"]
