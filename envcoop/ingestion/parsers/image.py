"""Images of pages (PNG, JPEG, TIFF): they have no text but what OCR reads from them."""

from __future__ import annotations

from envcoop.ingestion.parsers.base import DocumentError, Parsed, Parser, Sniff

MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
EXTENSIONS = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
MIMES = {"image/png", "image/jpeg", "image/tiff"}


class ImageParser(Parser):
    format = "image"

    def score(self, sniff: Sniff) -> int:
        score = 0
        if sniff.head.startswith(MAGIC):
            score += 90
        if sniff.extension in EXTENSIONS or sniff.mime in MIMES:
            score += 30
        return score

    def parse(self, data: bytes, sniff: Sniff) -> Parsed:
        # (parse_bytes answers this status with OCR)
        raise DocumentError("no-text-layer", "the file is an image of a page; it needs OCR")
