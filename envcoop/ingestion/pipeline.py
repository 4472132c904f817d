"""Storing what a document says: one transaction per document, idempotent by content hash.

Reading and understanding happen first, outside the transaction; the writes that
follow are one short transaction, so a failure leaves nothing half-written and
SQLite's single writer is held only for the writes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from envcoop.core.partial_date import PartialDate
from envcoop.ingestion.models import (
    Claim,
    ClaimStatus,
    Document,
    DocumentStatus,
    Passage,
    Visibility,
)
from envcoop.ingestion.originals import forget_original, keep_original
from envcoop.ingestion.parsers import DocumentError
from envcoop.ingestion.signals import document_stored
from envcoop.ingestion.understand import PIPELINE_VERSION, Record, check_size, read_record
from envcoop.registry.models import Country, Organisation


@dataclass(kw_only=True)
class Outcome:
    source: str
    status: str  # stored, unchanged, re-read, failed
    message: str = ""
    reason: str = ""  # why it failed: a DocumentError status, or "storage"
    document: Document | None = None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return self.status == "failed"


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Filing:
    """Who may read a new document (``Document.visibility``), whose it is (a country's
    code) and the partner organisations (keys) it is shared with. A document read again
    keeps what it had."""

    visibility: str = Visibility.MEMBERS
    country: str | None = None
    shared_with: tuple[str, ...] = ()


def ingest_bytes(
    data: bytes,
    *,
    source: str,
    filename: str = "",
    force: bool = False,
    user: object = None,
    limit: int | None = None,
    resolver: object = None,
    filing: Filing | None = None,
    ocr_lang: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> Outcome:
    """Read, understand and store one document; never raises for a bad document.

    ``limit`` is the size limit in bytes (default: ENVCOOP_MAX_DOCUMENT_MB). ``ocr_lang``:
    the language a scan (a PDF without text, an image) is read in by OCR, an envcoop
    code ("th", "zh-hant"); None: a first pass over its first page chooses. ``progress``:
    told the step a document moves to (see ``Job.progress``).
    """
    job = Job(
        data=data,
        source=source,
        filename=filename or Path(source).name,
        filing=filing or Filing(),
        ocr_lang=ocr_lang,
        progress=progress,
    )
    return process(job, force=force, limit=limit, user=user, resolver=resolver)


# ------------------------------------------------------------------ steps
# ingest_bytes in steps, so that envcoop ingest can understand documents in worker
# processes while this process stores them (envcoop/ingestion/batch.py).


@dataclass
class Job:
    data: bytes
    source: str
    filename: str
    existing: int | None = None  # the stored document with the same content, when re-read
    filing: Filing = field(default_factory=Filing)
    # when re-read: the publication date a person gave, the date to read the text against
    published: PartialDate | None = None
    ocr_lang: str | None = None  # the language of a scan, for OCR (None: OCR chooses)
    digest: str = field(init=False)
    kept: str = field(init=False, default="")  # the original file written for it, if any
    # The hook for a step that takes long: call ``job.report("ocr")`` when OCR starts on
    # the document (a background job shows it on the upload's status page).
    progress: Callable[[str], None] | None = None

    def report(self, state: str) -> None:
        if self.progress is not None:
            self.progress(state)

    def __post_init__(self) -> None:
        self.digest = content_hash(self.data)


def process(
    job: Job, *, force: bool, limit: int | None, user: object = None, resolver: object = None
) -> Outcome:
    """Check, understand and store one job in this process; never raises for a document."""
    early = check_stored(job, force=force)
    if early is not None:
        return early
    try:
        result = read_record(
            job.data,
            filename=job.filename,
            limit=limit,
            published=job.published,
            ocr_lang=job.ocr_lang,
        )
    except DocumentError as error:
        return failure(job.source, error)
    return store(job, result, user=user, resolver=resolver)


def failure(source: str, error: DocumentError) -> Outcome:
    return Outcome(source=source, status="failed", message=error.message, reason=error.status)


def read_job(
    path: Path,
    *,
    limit: int | None = None,
    filing: Filing | None = None,
    ocr_lang: str | None = None,
) -> Job | Outcome:
    """The file's bytes, or why they cannot be had (too large: refused before reading)."""
    try:
        check_size(path.stat().st_size, limit)
        data = path.read_bytes()
    except DocumentError as error:
        return failure(str(path), error)
    except OSError as error:
        return Outcome(
            source=str(path),
            status="failed",
            message=f"cannot read the file: {error.strerror or error}",
            reason="unreadable",
        )
    return Job(
        data=data,
        source=str(path),
        filename=path.name,
        filing=filing or Filing(),
        ocr_lang=ocr_lang,
    )


def check_stored(job: Job, *, force: bool) -> Outcome | None:
    """An outcome when the same content is stored already (and not forced); else None."""
    if not _stored(job.digest):  # (most documents of a batch are new: the cheap question)
        return None
    existing = Document.objects.filter(content_hash=job.digest).first()
    if existing is None:
        return None
    if not force:
        return Outcome(
            source=job.source,
            status="unchanged",
            message="already stored (same content)",
            document=existing,
        )
    job.existing = existing.pk
    job.published = existing.publication_date
    return None


def _stored(digest: str) -> bool:
    """Whether a document with this content hash is stored: one plain query (the ORM's
    took longer to build than the database took to answer, once per document read)."""
    quote = connection.ops.quote_name
    table = quote(Document._meta.db_table)
    column = quote(Document._meta.get_field("content_hash").column)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {table} WHERE {column} = %s", [digest])
        return cursor.fetchone() is not None


def store(job: Job, result: Record, *, user: object = None, resolver: object = None) -> Outcome:
    """Store the document, its passages and claims in one transaction, with the resolver's
    proposal for each claim (``envcoop/review``; one ``resolver`` may serve a whole batch).
    A document read again keeps its id (its address) and the review of every claim found
    again."""
    from envcoop.accounts.activity import Action, log
    from envcoop.review.resolution.resolver import Resolver, resolve_document

    try:
        with transaction.atomic():
            document = _store(result, job, user)
            resolve_document(document, resolver if resolver is not None else Resolver())
            read_again = "; read again" if job.existing is not None else ""
            log(user, Action.UPLOAD, obj=document, detail=f"{job.filename}{read_again}")
            # a new document's claims as read (none is rejected yet): the search index
            # need not read them back from the database
            document_stored.send(
                sender=Document,
                document=document,
                claims=[(c[0], c[1], c[2], c[4]) for c in result.claims]
                if job.existing is None
                else None,
            )
    except DatabaseError as error:
        if job.kept:
            forget_original(job.kept)
            job.kept = ""
        stored = (
            Document.objects.filter(content_hash=job.digest).first()
            if isinstance(error, IntegrityError) and job.existing is None
            else None
        )
        if stored is not None:  # the same content stored meanwhile by another upload
            return Outcome(
                source=job.source,
                status="unchanged",
                message="already stored (same content)",
                document=stored,
            )
        return Outcome(
            source=job.source,
            status="failed",
            message=f"the database refused it: {error}",
            reason="storage",
        )
    counts: dict[str, int] = {}
    for claim in result.claims:
        counts[claim[0]] = counts.get(claim[0], 0) + 1
    status = "re-read" if job.existing is not None else "stored"
    message = (
        ""
        if result.understood
        else f"language {result.language!r} is not understood yet; text stored"
    )
    return Outcome(
        source=job.source, status=status, message=message, document=document, counts=counts
    )


# What a review decided about a claim: kept when the document is read again.
REVIEW_FIELDS = (
    "status", "record_type_id", "record_id", "review_note", "reviewed_by_id", "reviewed_at",
    "match_type_id", "match_id", "match_score", "match_reasons", "cluster",
)  # fmt: skip


def claim_relink(claim: Claim) -> None:
    """Point the evidence taken from this claim's span back at it (the old row is gone)."""
    from envcoop.review.models import Evidence

    Evidence.objects.filter(
        document_id=claim.document_id, start__gte=claim.start, end__lte=claim.end, claim=None
    ).update(claim=claim)


def _claim_key(kind: str, start: int, end: int, value: object) -> tuple:
    return kind, start, end, json.dumps(value, sort_keys=True, default=str)


CLAIM_COLUMNS = (
    "document", "kind", "start", "end", "quote", "value", "extractor", "extractor_version",
    "confidence", "status", "created_at",
)  # fmt: skip


def insert_rows(model: type, names: tuple[str, ...], rows: list[tuple]) -> None:
    """Rows straight into the model's table in one executemany.

    A document brings a hundred claims or more; the ORM's bulk_create spends more time
    preparing them than the database spends storing them (bench/ingest.py). The values
    given here are already what the columns hold (JSON prepared by its field).
    """
    if not rows:
        return
    ops = connection.ops
    columns = ", ".join(ops.quote_name(model._meta.get_field(name).column) for name in names)
    placeholders = ", ".join(["%s"] * len(names))
    sql = f"INSERT INTO {ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({placeholders})"
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _store(record: Record, job: Job, user: object) -> Document:
    fields = {
        "source": job.source[:1000],
        "filename": job.filename[:255],
        "format": record.format,
        "encoding": record.encoding,
        "size_bytes": len(job.data),
        "title": record.title[:500],
        "lang": record.language,
        "status": DocumentStatus.UNDERSTOOD if record.understood else DocumentStatus.NOT_UNDERSTOOD,
        "dateline": record.dateline,
        "text": record.text,
        "ocr_pages": record.ocr_pages,
        "pipeline_version": PIPELINE_VERSION,
        "extracted_at": timezone.now(),
    }
    reviewed: dict[tuple, dict] = {}
    if job.existing is not None:
        document = Document.objects.select_for_update().get(pk=job.existing)
        for claim in document.claims.exclude(status=ClaimStatus.PENDING):
            reviewed[_claim_key(claim.kind, claim.start, claim.end, claim.value)] = {
                name: getattr(claim, name) for name in REVIEW_FIELDS
            }
        document.claims.all().delete()
        document.passages.all().delete()
        for name, value in fields.items():
            setattr(document, name, value)
        document.save()
    else:
        filing = job.filing
        document = Document.objects.create(
            content_hash=job.digest,
            uploaded_by=user if getattr(user, "pk", None) else None,
            visibility=filing.visibility,
            country=Country.objects.get(code=filing.country) if filing.country else None,
            **fields,
        )
        if filing.shared_with:
            document.shared_with.set(Organisation.objects.filter(key__in=filing.shared_with))
    if not document.original:
        job.kept = keep_original(document, job.data, job.filename)
    now = timezone.now()
    insert_rows(
        Passage,
        ("document", "position", "start", "end", "lang"),
        [
            (document.pk, position, start, end, lang)
            for position, (start, end, lang) in enumerate(record.passages)
        ],
    )
    prepare_value = Claim._meta.get_field("value").get_db_prep_save
    found_at = Claim._meta.get_field("created_at").get_db_prep_save(now, connection)
    pending = ClaimStatus.PENDING.value
    insert_rows(
        Claim,
        CLAIM_COLUMNS,
        [
            (
                document.pk,
                kind,
                start,
                end,
                quote[:2000],
                prepare_value(value, connection),
                extractor,
                version,
                confidence,
                pending,
                found_at,
            )
            for kind, start, end, quote, value, extractor, version, confidence in record.claims
        ],
    )
    if reviewed:  # the same claim found again keeps its review (and its evidence)
        for claim in document.claims.all():
            review = reviewed.get(_claim_key(claim.kind, claim.start, claim.end, claim.value))
            if review:
                for name, value in review.items():
                    setattr(claim, name, value)
                claim.save(update_fields=list(REVIEW_FIELDS))
                claim_relink(claim)
    return document
