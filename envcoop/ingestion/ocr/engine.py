"""OCRmyPDF runs Tesseract on every page; we read its per-page text and hOCR.

OCRmyPDF's hOCR pipeline (``ocrmypdf.api._pdf_to_hocr``, marked experimental upstream;
the version is pinned in uv.lock and tests/ingestion/test_ocr.py runs it) does what a
scan needs: rasterises each page at the resolution of its images (pypdfium2), honours
/Rotate, runs Tesseract with a time limit per page, and leaves, per page, Tesseract's
text (``NNNNNN_ocr_hocr.txt``) and its hOCR (``NNNNNN_ocr_hocr.hocr``), whose words carry
a confidence (``x_wconf``, 0-100). It stops there: no output PDF is written, so neither
Ghostscript nor a PDF/A conversion is involved.
"""

from __future__ import annotations

import logging
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from envcoop.ingestion.parsers.base import DocumentError

logger = logging.getLogger(__name__)
logging.getLogger("ocrmypdf").setLevel(logging.ERROR)

_WORD = re.compile(r"<span class=['\"]ocrx_word['\"][^>]*?x_wconf (\d+)[^>]*>(.*?)</span>", re.S)
_TAG = re.compile(r"<[^>]+>")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&apos;": "'"}


@dataclass
class PageText:
    text: str  # as Tesseract wrote it
    confidence: float | None  # mean word confidence (0-100) weighted by characters
    words: int


def run(pdf: Path, packs: tuple[str, ...], *, psm: int | None, timeout: float) -> list[PageText]:
    """OCR every page of ``pdf`` with the Tesseract ``packs``. Raises DocumentError."""
    import ocrmypdf
    from ocrmypdf import exceptions
    from ocrmypdf.api import _pdf_to_hocr

    with tempfile.TemporaryDirectory(prefix="envcoop-ocr-") as folder:
        work = Path(folder)
        options = {
            "language": list(packs),
            "mode": "force",  # (only pages without a text layer come here)
            "jobs": 1,  # one document per worker: the workers are the parallelism
            "progress_bar": False,
            "tesseract_timeout": timeout,
        }
        if psm is not None:
            options["tesseract_pagesegmode"] = psm
        try:
            _pdf_to_hocr(pdf, work, **options)
        except exceptions.MissingDependencyError as error:
            raise DocumentError("ocr-unavailable", f"OCR cannot run here: {error}") from error
        except exceptions.EncryptedPdfError as error:
            raise DocumentError("malformed", "the PDF is password-protected") from error
        except (exceptions.InputFileError, exceptions.DigitalSignatureError) as error:
            raise DocumentError("malformed", f"the PDF cannot be read for OCR: {error}") from error
        except ocrmypdf.exceptions.ExitCodeException as error:
            raise DocumentError("ocr-failed", f"OCR failed: {error}") from error
        except DocumentError:
            raise
        except Exception as error:  # a damaged file meets many kinds in pikepdf and pdfium
            logger.warning("OCR of %s failed", pdf.name, exc_info=True)
            raise DocumentError(
                "ocr-failed", f"OCR failed ({type(error).__name__}: {error})"
            ) from error
        pages = []
        for hocr in sorted(work.glob("*_ocr_hocr.hocr")):
            text_file = hocr.with_suffix(".txt")
            text = text_file.read_text(encoding="utf-8") if text_file.exists() else ""
            confidence, words = confidence_of(hocr.read_text(encoding="utf-8"))
            pages.append(PageText(text=text, confidence=confidence, words=words))
        return pages


def confidence_of(hocr: str) -> tuple[float | None, int]:
    """The mean of the words' confidences, each weighted by its characters, and the
    number of words (Thai "words" in hOCR are often single letters: a per-word mean would
    weigh a one-letter guess like a long word)."""
    total = weight = words = 0
    for confidence, inner in _WORD.findall(hocr):
        text = _TAG.sub("", inner)
        for entity, char in _ENTITIES.items():
            text = text.replace(entity, char)
        size = len(text.strip())
        if not size:
            continue
        words += 1
        total += int(confidence) * size
        weight += size
    return (round(total / weight, 1) if weight else None), words
