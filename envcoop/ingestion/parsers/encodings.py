"""Turning bytes of unknown encoding into text, including Thai TIS-620/Windows-874 and
Vietnamese Windows-1258, or refusing clearly when the bytes are not text at all."""

from __future__ import annotations

import codecs
import unicodedata

from envcoop.ingestion.parsers.base import DocumentError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


# control characters that plain text does not hold (tab, line feed, form feed, carriage
# return and escape are allowed)
_CONTROL_BYTES = bytes(byte for byte in range(32) if byte not in (9, 10, 12, 13, 27))


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB (UTF-16/32 excepted by BOM)."""
    sample = data[:8192]
    if any(sample.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > max(8, len(sample) // 100)


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding). Raises DocumentError("undecodable") when no encoding reads it cleanly.

    UTF-8 (and UTF-16/32 with a byte-order mark) first. Otherwise the legacy code pages
    of the region are tried in turn: Thai (Windows-874, which includes TIS-620) when the
    text reads as Thai, Vietnamese (Windows-1258) when its tone marks compose into
    Vietnamese letters, else Windows-1252 (old English, Indonesian and Malay files).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise DocumentError(
                    "undecodable",
                    f"the file starts as {encoding} but is not valid {encoding}: {error.reason}",
                ) from error
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    thai = _try(data, "cp874")
    if thai is not None and _share(thai, _is_thai) >= 0.6:
        return thai, "cp874"
    vietnamese = _try(data, "cp1258")
    if vietnamese is not None:
        composed = unicodedata.normalize("NFC", vietnamese)
        leftover = sum(1 for char in composed if unicodedata.combining(char))
        if (
            leftover == 0
            and _share(composed, _is_vietnamese) >= 0.5
            and _share(composed, _is_only_vietnamese) >= 0.15
        ):
            return composed, "cp1258"
    # English, Indonesian and Malay files from old Windows machines: Western code page.
    for encoding in ("cp1252", "latin_1"):
        text = _try(data, encoding)
        if text is not None and _plausibility(text) >= 0.9:
            return text, encoding
    raise DocumentError(
        "undecodable", "the file's bytes do not read as text in any encoding envcoop knows"
    )


def _mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few stray invalid bytes (a copy and paste gone wrong, a file cut short):
    what is valid is read, each invalid byte becomes U+FFFD, and the encoding says so,
    rather than reading the whole file as another code page (mojibake)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for char in text if not char.isascii() and char != "\ufffd")
    if bad and bad <= max(3, len(data) // 2000) and good >= 10 * bad:
        plural = "byte" if bad == 1 else "bytes"
        return text, f"utf-8, {bad} invalid {plural} replaced"
    return None


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _share(text: str, predicate: object) -> float:
    """Share of the non-ASCII letters of ``text`` for which ``predicate`` holds."""
    letters = [char for char in text if not char.isascii() and char.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for char in letters if predicate(char)) / len(letters)  # type: ignore[operator]


def _is_thai(char: str) -> bool:
    return "\u0e00" <= char <= "\u0e7f"


_VIETNAMESE_BASES = set("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY")


def _is_vietnamese(char: str) -> bool:
    if char in "ăâđêôơưĂÂĐÊÔƠƯ":
        return True
    parts = unicodedata.normalize("NFD", char)
    return len(parts) > 1 and unicodedata.normalize("NFC", parts[0]) in _VIETNAMESE_BASES


_ONLY_VIETNAMESE_MARKS = {
    "\u0309",
    "\u0323",
    "\u031b",
    "\u0306",
}  # hook above, dot below, horn, breve


def _is_only_vietnamese(char: str) -> bool:
    """Letters no Western language writes: đ, and hook above, dot below, horn, breve."""
    if char in "đĐ":
        return True
    return any(mark in _ONLY_VIETNAMESE_MARKS for mark in unicodedata.normalize("NFD", char))


def _plausibility(text: str) -> float:
    """Share of characters that are letters, marks, digits, spaces or punctuation."""
    if not text:
        return 0.0
    good = sum(1 for char in text if char.isascii() or unicodedata.category(char)[0] in "LMNPZ")
    return good / len(text)
