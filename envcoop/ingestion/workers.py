"""What a worker process of `envcoop ingest --jobs N` runs: understanding, no database.

This module is imported by freshly started processes before Django is set up, so it
imports the pipeline only inside its functions.
"""

from __future__ import annotations

from typing import Any


def start(gazetteer: Any) -> None:
    """Set Django up and read with the parent's gazetteer (workers never open the database:
    under the test runner or a second database they would not even see the right one)."""
    import django

    django.setup()
    from envcoop.ingestion import gazetteer as names

    names.use(gazetteer)


def understand(
    data: bytes,
    filename: str,
    limit: int | None,
    published: Any = None,
    ocr_lang: str | None = None,
) -> tuple[str, Any]:
    """("ok", Record) or ("failed", (status, message)); never raises. ``published``: the
    publication date given for a document read again (see understand_parsed); ``ocr_lang``:
    the language a scan is read in by OCR."""
    from envcoop.ingestion.parsers import DocumentError
    from envcoop.ingestion.understand import read_record

    try:
        return "ok", read_record(
            data, filename=filename, limit=limit, published=published, ocr_lang=ocr_lang
        )
    except DocumentError as error:
        return "failed", (error.status, error.message)
