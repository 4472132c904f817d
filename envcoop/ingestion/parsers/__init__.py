"""Parsers, one module per format. The parser that scores a file highest reads it."""

from __future__ import annotations

import mimetypes
from pathlib import PurePath

from envcoop.ingestion.parsers.base import DocumentError, Parsed, Parser, Sniff
from envcoop.ingestion.parsers.docx import DocxParser
from envcoop.ingestion.parsers.html import HtmlParser
from envcoop.ingestion.parsers.pdf import PdfParser
from envcoop.ingestion.parsers.text import MarkdownParser, TextParser
from envcoop.ingestion.parsers.zawgyi import NOTE as ZAWGYI_NOTE
from envcoop.ingestion.parsers.zawgyi import is_zawgyi, to_unicode

PARSERS: list[Parser] = [PdfParser(), DocxParser(), HtmlParser(), MarkdownParser(), TextParser()]

__all__ = ["PARSERS", "DocumentError", "Parsed", "Parser", "Sniff", "parse_bytes", "sniff"]


def sniff(data: bytes, filename: str = "", mime: str = "") -> Sniff:
    extension = PurePath(filename).suffix.lower() if filename else ""
    if not mime and filename:
        mime = mimetypes.guess_type(filename)[0] or ""
    return Sniff(extension=extension, mime=mime.lower(), head=data[:4096])


def parse_bytes(data: bytes, *, filename: str = "", mime: str = "") -> Parsed:
    """Read ``data`` with the best-scoring parser. Raises DocumentError with a clear message."""
    if not data or not data.strip():
        raise DocumentError("empty", "the file is empty")
    facts = sniff(data, filename, mime)
    parser = max(PARSERS, key=lambda candidate: candidate.score(facts))
    if parser.score(facts) <= 0:
        raise DocumentError("unsupported", "envcoop does not know this file format")
    parsed = parser.parse(data, facts)
    if "\x00" in parsed.text:  # (no database stores NUL in text)
        parsed.text = parsed.text.replace("\x00", "")
    if not parsed.text.strip():
        raise DocumentError("empty", f"the {parser.format} file has no text")
    if is_zawgyi(parsed.text):
        parsed.text = to_unicode(parsed.text)
        parsed.title = to_unicode(parsed.title)
        parsed.encoding = ", ".join(filter(None, (parsed.encoding, ZAWGYI_NOTE)))[:32]
        parsed.notes.append("converted from the Zawgyi encoding to Unicode")
    return parsed
