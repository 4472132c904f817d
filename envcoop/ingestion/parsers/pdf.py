"""PDF with a text layer. A scanned PDF (no text layer) is refused here with the status
"no-text-layer", which parse_bytes answers with OCR (envcoop/ingestion/ocr)."""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from envcoop.ingestion.parsers.base import DocumentError, Parsed, Parser, Sniff

logging.getLogger("pypdf").setLevel(logging.ERROR)

# Fewer visible characters than this per page means the pages are images.
MIN_CHARACTERS_PER_PAGE = 20


class PdfParser(Parser):
    format = "pdf"

    def score(self, sniff: Sniff) -> int:
        score = 0
        if sniff.head.startswith(b"%PDF-"):
            score += 90
        if sniff.extension == ".pdf" or sniff.mime == "application/pdf":
            score += 30
        return score

    def parse(self, data: bytes, sniff: Sniff) -> Parsed:
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise DocumentError("malformed", "the PDF is password-protected")
            pages = [page.extract_text() or "" for page in reader.pages]
            title = ""
            if reader.metadata and reader.metadata.title:
                title = str(reader.metadata.title)
        except DocumentError:
            raise
        except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
            raise DocumentError("malformed", f"the PDF is damaged or truncated: {error}") from error
        except (
            Exception
        ) as error:  # pypdf raises many kinds on hostile files (unknown filters, limits)
            raise DocumentError(
                "malformed", f"the PDF cannot be read ({type(error).__name__}: {error})"
            ) from error
        text = "\n\n".join(page.strip() for page in pages)
        visible = sum(1 for char in text if not char.isspace())
        if not pages:
            raise DocumentError("malformed", "the PDF has no pages")
        if visible < MIN_CHARACTERS_PER_PAGE * len(pages):
            raise DocumentError(
                "no-text-layer",
                f"the PDF has no text layer ({len(pages)} page(s) of images); it needs OCR",
            )
        return Parsed(text=text, format=self.format, title=title.strip())
