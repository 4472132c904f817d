"""Images (PNG, JPEG, TIFF) become PDFs before OCR, so one path reads both.

img2pdf (OCRmyPDF's own dependency, and what OCRmyPDF does with an image given to it)
puts the image into a PDF page without re-encoding it; a multi-page TIFF becomes one
page per frame. Then OCRmyPDF reads the PDF as it reads a scan: the same rasterising,
the same per-page hOCR and confidences, the same limits. An image that says nothing
of its resolution (or an absurd one) is taken as a 300 dpi scan: Tesseract reads pixels,
and the resolution only sets the page size and Tesseract's idea of the text size.
"""

from __future__ import annotations

import io

import img2pdf
from PIL import Image, UnidentifiedImageError

from envcoop.ingestion.parsers.base import DocumentError

# First bytes of each image format OCR reads, and the format's name in Document.format.
MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
)
ASSUMED_DPI = 300
MAX_PIXELS = 100_000_000  # per page: a 40 x 40 cm page at 600 dpi


def image_format(head: bytes) -> str | None:
    for magic, name in MAGIC:
        if head.startswith(magic):
            return name
    return None


def to_pdf(data: bytes) -> bytes:
    """The image as a PDF, one page per frame. Raises DocumentError."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            dpi = image.info.get("dpi") or (0, 0)
            if image.width * image.height > MAX_PIXELS:
                raise DocumentError(
                    "too-large",
                    f"the image is {image.width} x {image.height} pixels; OCR reads pages of "
                    f"up to {MAX_PIXELS // 1_000_000} million pixels",
                )
            needs_conversion = image.mode not in ("1", "L", "RGB", "CMYK", "P") or (
                image.mode == "P" and "transparency" in image.info
            )
            pages = _frames(image) if needs_conversion else None
    except DocumentError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise DocumentError("malformed", f"the image cannot be read: {error}") from error
    try:
        resolution = float(min(dpi)) if dpi else 0.0
    except (TypeError, ValueError):
        resolution = 0.0
    layout = (
        img2pdf.get_fixed_dpi_layout_fun((ASSUMED_DPI, ASSUMED_DPI))
        if not 70 <= resolution <= 2400
        else None
    )
    sources = pages if pages is not None else [data]
    try:
        return img2pdf.convert(*sources, layout_fun=layout) if layout else img2pdf.convert(*sources)
    except (img2pdf.AlphaChannelError, img2pdf.ImageOpenError, img2pdf.UnsupportedColorspaceError):
        if pages is not None:
            raise DocumentError("malformed", "the image cannot be converted for OCR") from None
        # (transparency or an unusual colour space: flatten each frame first)
        with Image.open(io.BytesIO(data)) as image:
            pages = _frames(image)
        return img2pdf.convert(*pages, layout_fun=layout) if layout else img2pdf.convert(*pages)
    except Exception as error:  # img2pdf raises plain exceptions for odd files
        raise DocumentError(
            "malformed", f"the image cannot be converted for OCR: {error}"
        ) from error


def _frames(image: Image.Image) -> list[bytes]:
    """Each frame flattened onto white, as PNG."""
    out = []
    for index in range(getattr(image, "n_frames", 1)):
        image.seek(index)
        frame = image.convert("RGBA")
        flat = Image.new("RGB", frame.size, (255, 255, 255))
        flat.paste(frame, mask=frame.split()[-1])
        buffer = io.BytesIO()
        flat.save(buffer, "PNG", dpi=image.info.get("dpi", (ASSUMED_DPI, ASSUMED_DPI)))
        out.append(buffer.getvalue())
    return out
