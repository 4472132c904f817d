"""Storing what a document says: one transaction per document, idempotent by content hash.

Reading and understanding happen first, outside the transaction; the writes that
follow are one short transaction, so a failure leaves nothing half-written and
SQLite's single writer is held only for the writes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from envcoop.ingestion.models import Claim, ClaimStatus, Document, DocumentStatus, Passage
from envcoop.ingestion.parsers import DocumentError
from envcoop.ingestion.understand import (
    PIPELINE_VERSION,
    Understanding,
    check_size,
    understand_bytes,
)


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


def ingest_bytes(
    data: bytes,
    *,
    source: str,
    filename: str = "",
    force: bool = False,
    user: object = None,
    limit: int | None = None,
) -> Outcome:
    """Read, understand and store one document; never raises for a bad document.

    ``limit`` is the size limit in bytes (default: ENVCOOP_MAX_DOCUMENT_MB).
    """
    digest = content_hash(data)
    existing = Document.objects.filter(content_hash=digest).first()
    if existing is not None and not force:
        return Outcome(
            source=source,
            status="unchanged",
            message="already stored (same content)",
            document=existing,
        )
    try:
        result = understand_bytes(data, filename=filename or Path(source).name, limit=limit)
    except DocumentError as error:
        return Outcome(source=source, status="failed", message=error.message, reason=error.status)
    try:
        with transaction.atomic():
            if existing is not None:
                existing.delete()
            document = _store(result, data, digest, source, filename or Path(source).name, user)
    except DatabaseError as error:
        return Outcome(
            source=source,
            status="failed",
            message=f"the database refused it: {error}",
            reason="storage",
        )
    counts: dict[str, int] = {}
    for claim in result.claims:
        counts[claim.kind] = counts.get(claim.kind, 0) + 1
    status = "re-read" if existing is not None else "stored"
    message = (
        ""
        if result.understood
        else f"language {result.language!r} is not understood yet; text stored"
    )
    return Outcome(source=source, status=status, message=message, document=document, counts=counts)


def ingest_path(
    path: Path, *, force: bool = False, user: object = None, limit: int | None = None
) -> Outcome:
    try:
        check_size(path.stat().st_size, limit)  # before reading a huge file into memory
        data = path.read_bytes()
    except DocumentError as error:
        return Outcome(
            source=str(path), status="failed", message=error.message, reason=error.status
        )
    except OSError as error:
        return Outcome(
            source=str(path),
            status="failed",
            message=f"cannot read the file: {error.strerror or error}",
            reason="unreadable",
        )
    return ingest_bytes(
        data, source=str(path), filename=path.name, force=force, user=user, limit=limit
    )


CLAIM_COLUMNS = (
    "document", "kind", "start", "end", "quote", "value", "extractor", "extractor_version",
    "confidence", "status", "created_at",
)  # fmt: skip


def _insert(model: type, names: tuple[str, ...], rows: list[tuple]) -> None:
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


def _store(
    result: Understanding, data: bytes, digest: str, source: str, filename: str, user: object
) -> Document:
    parsed = result.parsed
    document = Document.objects.create(
        content_hash=digest,
        source=source[:1000],
        filename=filename[:255],
        format=parsed.format,
        encoding=parsed.encoding,
        size_bytes=len(data),
        title=(parsed.title or "")[:500],
        lang=result.language,
        status=DocumentStatus.UNDERSTOOD if result.understood else DocumentStatus.NOT_UNDERSTOOD,
        dateline=result.dateline,
        text=parsed.text,
        pipeline_version=PIPELINE_VERSION,
        uploaded_by=user if getattr(user, "pk", None) else None,
        extracted_at=timezone.now(),
    )
    now = timezone.now()
    _insert(
        Passage,
        ("document", "position", "start", "end", "lang"),
        [
            (document.pk, position, *result.reading.to_source(*span), lang)
            for position, (span, lang) in enumerate(
                zip(result.segments.passages, result.passage_languages, strict=True)
            )
        ],
    )
    value_field = Claim._meta.get_field("value")
    found_at = Claim._meta.get_field("created_at").get_db_prep_save(now, connection)
    _insert(
        Claim,
        CLAIM_COLUMNS,
        [
            (
                document.pk,
                claim.kind,
                claim.span[0],
                claim.span[1],
                claim.text[:2000],
                value_field.get_db_prep_save(claim.value, connection),
                claim.extractor,
                claim.version,
                claim.confidence,
                ClaimStatus.PENDING.value,
                found_at,
            )
            for claim in result.claims
        ],
    )
    return document
