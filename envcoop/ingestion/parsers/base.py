"""What every parser returns, and the one error type for documents envcoop cannot read."""

from __future__ import annotations

from dataclasses import dataclass, field


class DocumentError(Exception):
    """A document that cannot be read, with a status code and a sentence for the user."""

    def __init__(self, status: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Sniff:
    """What is known about a file before parsing: its name, declared type and first bytes."""

    extension: str
    mime: str
    head: bytes


@dataclass
class Parsed:
    """A document's text as envcoop reads it. Claim spans point into ``text``."""

    text: str
    format: str
    title: str = ""
    encoding: str = ""
    published: str = ""  # a publication date the format itself carries (HTML meta), ISO
    notes: list[str] = field(default_factory=list)
    # read by OCR: each page's number, confidence (0-100), words, and start and end in text
    ocr_pages: list[dict] | None = None


class Parser:
    """One file format. ``score`` says how sure it is the file is its format (0 = not at all)."""

    format = ""

    def score(self, sniff: Sniff) -> int:
        raise NotImplementedError

    def parse(self, data: bytes, sniff: Sniff) -> Parsed:
        raise NotImplementedError
