"""OCR for scanned documents: a PDF without a text layer, or an image (PNG, JPEG, TIFF).

    ocr_document(data, filename, lang=None) -> OcrResult

One plain function, so that a background job can call it as it is; until there are
jobs, the parsers call it inline (envcoop/ingestion/parsers/__init__.py). The steps:

1. an image becomes a PDF (``images``: img2pdf, without re-encoding);
2. the language: the one given (``lang``, e.g. "th"), or chosen by a first pass over
   the first page (``first_pass``);
3. OCRmyPDF runs Tesseract with that language's packs on every page (``engine``),
   leaving each page's text and hOCR; a page's confidence is the mean of its words'
   (``x_wconf``), weighted by their characters;
4. spurious spaces inside Thai, Lao, Khmer, Burmese and Chinese words are removed
   (``spaces``), page by page; the pages are joined with a blank line.

``OcrResult.text`` is the text envcoop stores and shows; every page's ``start`` and
``end`` point into it, as every claim's span will.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from envcoop.ingestion.ocr import engine, first_pass, images, languages, spaces
from envcoop.ingestion.parsers.base import DocumentError

__all__ = ["OcrPage", "OcrResult", "available", "language_code", "ocr_document"]

language_code = languages.language_code
PAGE_SEPARATOR = "\n\n"


@dataclass
class OcrPage:
    number: int  # from 1
    confidence: float | None  # 0-100; None when nothing was read on the page
    words: int
    start: int  # the page's text in OcrResult.text
    end: int

    def as_json(self) -> dict:
        return {
            "page": self.number,
            "confidence": self.confidence,
            "words": self.words,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class OcrResult:
    text: str
    pages: list[OcrPage]
    language: str  # envcoop's code of the language read ("th", "zh-hant", ...)
    packs: tuple[str, ...]  # Tesseract's packs used ("tha", "eng")
    format: str  # pdf, png, jpeg, tiff
    chosen: str  # how the language was chosen: given, or the first pass's reasons
    notes: list[str] = field(default_factory=list)

    def low_pages(self, threshold: float | None = None) -> list[OcrPage]:
        """The pages read with a confidence under ``threshold``
        (default ENVCOOP_OCR_MIN_CONFIDENCE)."""
        threshold = min_confidence() if threshold is None else threshold
        return [p for p in self.pages if p.confidence is not None and p.confidence < threshold]

    def pages_json(self) -> list[dict]:
        return [page.as_json() for page in self.pages]


def min_confidence() -> float:
    return float(getattr(settings, "ENVCOOP_OCR_MIN_CONFIDENCE", 60))


def max_pages() -> int:
    return int(getattr(settings, "ENVCOOP_OCR_MAX_PAGES", 200))


def available() -> bool:
    """Whether this machine can OCR at all (Tesseract and English are installed)."""
    return languages.tesseract() is not None and "eng" in languages.installed()


def ocr_document(
    data: bytes, filename: str = "", lang: str | None = None, *, repair: bool = True
) -> OcrResult:
    """Read a scanned PDF or an image. ``lang``: an envcoop language code ("th", "vi",
    "zh-hant", ...) or None to choose by a first pass. Raises DocumentError with a
    sentence for the user. ``repair=False`` keeps Tesseract's spaces (for bench/ocr.py)."""
    try:
        language = languages.language_code(lang)
    except ValueError as error:
        raise DocumentError("unsupported", str(error)) from error
    if not available():
        raise DocumentError(
            "ocr-unavailable",
            "the file is a scan (images, no text) and OCR is not installed on this server "
            "(Tesseract: scripts/system-packages.sh)",
        )
    kind = images.image_format(data[:16]) or "pdf"
    pdf_bytes = images.to_pdf(data) if kind != "pdf" else data
    with tempfile.TemporaryDirectory(prefix="envcoop-ocr-in-") as folder:
        pdf = Path(folder) / "input.pdf"
        pdf.write_bytes(pdf_bytes)
        count = _page_count(pdf)
        if count > max_pages():
            raise DocumentError(
                "too-many-pages",
                f"the scan has {count} pages; OCR reads up to {max_pages()} "
                "(ENVCOOP_OCR_MAX_PAGES)",
            )
        timeout = float(getattr(settings, "ENVCOOP_OCR_PAGE_TIMEOUT", 180))
        if language is None:
            language, chosen = first_pass.choose(pdf, timeout=timeout)
        else:
            chosen = "given"
        packs = languages.packs(language)
        missing = languages.missing(packs)
        if missing:
            raise DocumentError(
                "ocr-unavailable",
                f"OCR in {language} needs Tesseract's language pack "
                f"{', '.join(languages.debian_packages(tuple(missing)))}, which is not installed",
            )
        psm = languages.PAGE_SEGMENTATION.get(language)
        read = engine.run(pdf, packs, psm=psm, timeout=timeout)
    return assemble(read, language=language, packs=packs, kind=kind, chosen=chosen, repair=repair)


def assemble(
    read: list[engine.PageText],
    *,
    language: str,
    packs: tuple[str, ...],
    kind: str,
    chosen: str,
    repair: bool = True,
) -> OcrResult:
    """The pages' texts, repaired and joined, with each page's place in the whole."""
    parts: list[str] = []
    pages: list[OcrPage] = []
    offset = 0
    for number, page in enumerate(read, 1):
        text = page.text.replace("\f", "").replace("\r", "").strip()
        text = spaces.repair(text) if repair else text
        if parts:
            offset += len(PAGE_SEPARATOR)
        pages.append(
            OcrPage(
                number=number,
                confidence=page.confidence,
                words=page.words,
                start=offset,
                end=offset + len(text),
            )
        )
        parts.append(text)
        offset += len(text)
    return OcrResult(
        text=PAGE_SEPARATOR.join(parts),
        pages=pages,
        language=language,
        packs=packs,
        format=kind,
        chosen=chosen,
    )


def _page_count(pdf: Path) -> int:
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(str(pdf))
    except pypdfium2.PdfiumError as error:
        raise DocumentError("malformed", f"the PDF cannot be read for OCR: {error}") from error
    try:
        return len(document)
    finally:
        document.close()
