"""Parsers, one module per format. The parser that scores a file highest reads it."""

from __future__ import annotations

import mimetypes
from pathlib import PurePath

from envcoop.ingestion.parsers.base import DocumentError, Parsed, Parser, Sniff
from envcoop.ingestion.parsers.docx import DocxParser
from envcoop.ingestion.parsers.html import HtmlParser
from envcoop.ingestion.parsers.image import ImageParser
from envcoop.ingestion.parsers.pdf import PdfParser
from envcoop.ingestion.parsers.text import MarkdownParser, TextParser
from envcoop.ingestion.parsers.zawgyi import NOTE as ZAWGYI_NOTE
from envcoop.ingestion.parsers.zawgyi import is_zawgyi, to_unicode

PARSERS: list[Parser] = [
    PdfParser(), ImageParser(), DocxParser(), HtmlParser(), MarkdownParser(), TextParser(),
]  # fmt: skip

__all__ = ["PARSERS", "DocumentError", "Parsed", "Parser", "Sniff", "parse_bytes", "sniff"]


def sniff(data: bytes, filename: str = "", mime: str = "") -> Sniff:
    extension = PurePath(filename).suffix.lower() if filename else ""
    if not mime and filename:
        mime = mimetypes.guess_type(filename)[0] or ""
    return Sniff(extension=extension, mime=mime.lower(), head=data[:4096])


def parse_bytes(
    data: bytes, *, filename: str = "", mime: str = "", ocr_lang: str | None = None
) -> Parsed:
    """Read ``data`` with the best-scoring parser. Raises DocumentError with a clear message.

    A PDF without a text layer and an image are read by OCR (envcoop/ingestion/ocr), in
    ``ocr_lang`` (an envcoop language code) or in the language a first pass finds.
    """
    if not data or not data.strip():
        raise DocumentError("empty", "the file is empty")
    facts = sniff(data, filename, mime)
    parser = max(PARSERS, key=lambda candidate: candidate.score(facts))
    if parser.score(facts) <= 0:
        raise DocumentError("unsupported", "envcoop does not know this file format")
    try:
        parsed = parser.parse(data, facts)
    except DocumentError as error:
        if error.status != "no-text-layer":
            raise
        parsed = read_scan(data, filename, ocr_lang)
    if "\x00" in parsed.text:  # (no database stores NUL in text)
        parsed.text = parsed.text.replace("\x00", "")
    if not parsed.text.strip():
        raise DocumentError("empty", f"the {parser.format} file has no text")
    if parsed.ocr_pages is None and is_zawgyi(parsed.text):
        # (not OCR's text: Tesseract writes Unicode, and page offsets point into it)
        parsed.text = to_unicode(parsed.text)
        parsed.title = to_unicode(parsed.title)
        parsed.encoding = ", ".join(filter(None, (parsed.encoding, ZAWGYI_NOTE)))[:32]
        parsed.notes.append("converted from the Zawgyi encoding to Unicode")
    return parsed


def read_scan(data: bytes, filename: str, ocr_lang: str | None) -> Parsed:
    """A scan's text by OCR, with its pages' confidences (``Parsed.ocr_pages``)."""
    from envcoop.ingestion.ocr import ocr_document

    result = ocr_document(data, filename, ocr_lang)
    if not result.text.strip():
        what = "the PDF has no text layer" if result.format == "pdf" else "the file is an image"
        raise DocumentError(
            "no-text-layer", f"{what}, and OCR found no text in its {len(result.pages)} page(s)"
        )
    notes = [f"read by OCR in {result.language} ({'+'.join(result.packs)}); {result.chosen}"]
    low = result.low_pages()
    if low:
        notes.append(
            f"{len(low)} page(s) read with low confidence: {', '.join(str(p.number) for p in low)}"
        )
    return Parsed(
        text=result.text,
        format=result.format,
        title=_first_line(result.text),
        encoding=f"OCR {'+'.join(result.packs)}"[:32],
        notes=notes,
        ocr_pages=result.pages_json(),
    )


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:300]
    return ""
