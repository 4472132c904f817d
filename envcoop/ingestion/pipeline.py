"""Storing what a document says: one transaction per document, idempotent by content hash.

Reading and understanding happen first, outside the transaction; the writes that
follow are one short transaction, so a failure leaves nothing half-written and
SQLite's single writer is held only for the writes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DatabaseError, transaction
from django.utils import timezone

from envcoop.ingestion.models import Claim, Document, DocumentStatus, Passage
from envcoop.ingestion.parsers import DocumentError
from envcoop.ingestion.understand import PIPELINE_VERSION, Understanding, understand_bytes


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
    data: bytes, *, source: str, filename: str = "", force: bool = False, user: object = None
) -> Outcome:
    """Read, understand and store one document; never raises for a bad document."""
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
        result = understand_bytes(data, filename=filename or Path(source).name)
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


def ingest_path(path: Path, *, force: bool = False, user: object = None) -> Outcome:
    try:
        data = path.read_bytes()
    except OSError as error:
        return Outcome(
            source=str(path),
            status="failed",
            message=f"cannot read the file: {error.strerror or error}",
            reason="unreadable",
        )
    return ingest_bytes(data, source=str(path), filename=path.name, force=force, user=user)


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
    passages = []
    for position, (span, lang) in enumerate(
        zip(result.segments.passages, result.passage_languages, strict=True)
    ):
        start, end = result.reading.to_source(*span)
        passages.append(
            Passage(document=document, position=position, start=start, end=end, lang=lang)
        )
    Passage.objects.bulk_create(passages, batch_size=500)
    Claim.objects.bulk_create(
        [
            Claim(
                document=document,
                kind=claim.kind,
                start=claim.span[0],
                end=claim.span[1],
                quote=claim.text[:2000],
                value=claim.value,
                extractor=claim.extractor,
                extractor_version=claim.version,
                confidence=claim.confidence,
            )
            for claim in result.claims
        ],
        batch_size=500,
    )
    return document
