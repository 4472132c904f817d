"""A document's original file, as it was uploaded or ingested, for those who may read the
document (anonymous visitors are sent to sign in, others refused with the reason)."""

from __future__ import annotations

import mimetypes
from pathlib import PurePosixPath

from django.http import FileResponse, Http404, HttpRequest, HttpResponse

from envcoop.ingestion.models import Document
from envcoop.web.views.documents import readable_document

# The parsers' formats (Document.format) and the type each file is sent as.
CONTENT_TYPES = {
    "text": "text/plain",
    "markdown": "text/markdown",
    "html": "text/html",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


# Python's names of the encodings envcoop reads (parsers/encodings.py) as the web says them.
CHARSETS = {
    "utf-8": "utf-8",
    "utf-8-sig": "utf-8",
    "utf-16": "utf-16",
    "utf-16-le": "utf-16",
    "utf-16-be": "utf-16",
    "utf-32": "utf-32",
    "utf-32-le": "utf-32",
    "utf-32-be": "utf-32",
    "cp874": "windows-874",
    "cp1258": "windows-1258",
    "cp1252": "windows-1252",
    "latin_1": "iso-8859-1",
}


def content_type(document: Document) -> str:
    """The file's type, with its encoding for text (as envcoop read it)."""
    kind = CONTENT_TYPES.get(document.format)
    if kind is None:
        kind = mimetypes.guess_type(document.filename)[0] or "application/octet-stream"
    # ("utf-8, 2 invalid bytes replaced": the file is still meant as UTF-8)
    charset = CHARSETS.get(document.encoding.split(",")[0].strip().lower())
    if kind.startswith("text/") and charset:
        kind += f"; charset={charset}"
    return kind


def download_name(document: Document) -> str:
    """The name the file is saved under: its own, else the document's number with the
    extension it was kept with."""
    name = PurePosixPath(document.filename.replace("\\", "/")).name
    return name or f"document-{document.pk}{PurePosixPath(document.original.name).suffix}"


def document_original(request: HttpRequest, pk: int) -> HttpResponse:
    document = readable_document(request, pk)
    if isinstance(document, HttpResponse):
        return document
    if not document.original:
        raise Http404("the original file was not kept")
    try:
        handle = document.original.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404("the original file is missing") from error
    # Always a download: an HTML original must not run as a page of this site.
    return FileResponse(
        handle,
        as_attachment=True,
        filename=download_name(document),
        content_type=content_type(document),
    )
