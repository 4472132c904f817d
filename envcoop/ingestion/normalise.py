"""The text extractors read, and the map back to the text a user sees.

Extractors read a normalised copy of the document: NFC (never NFKC, which breaks
Thai and Lao vowels), zero-width characters removed, non-breaking and other
spaces made plain, and digits of every script (Thai ๐-๙, Lao, Khmer, Myanmar,
full-width) made ASCII so that one set of number patterns serves every language.
Claim spans must point into the document's text as parsed, so ``Reading`` keeps
a map from every position of the normalised copy back to the original.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_SPACES = "\u00a0\u2007\u2009\u200a\u202f\u205f\u3000"
_DIGIT_BLOCKS = (0x0660, 0x06F0, 0x0966, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x17E0, 0xFF10)
_ONE_FOR_ONE = str.maketrans(
    {
        **{chr(base + n): str(n) for base in _DIGIT_BLOCKS for n in range(10)},
        **dict.fromkeys(_SPACES, " "),
    }
)
_ZERO_WIDTH_RE = re.compile(f"[{_ZERO_WIDTH}]")


@dataclass
class Reading:
    source: str
    text: str
    # For each character of ``text``: where its source chunk starts and ends in ``source``.
    # None when both texts have the same positions.
    _starts: array | None = None
    _ends: array | None = None

    @classmethod
    def of(cls, source: str) -> Reading:
        if unicodedata.is_normalized("NFC", source) and not _ZERO_WIDTH_RE.search(source):
            return cls(source=source, text=source.translate(_ONE_FOR_ONE))
        pieces: list[str] = []
        starts, ends = array("l"), array("l")
        for start, chunk in _chunks(source):
            if chunk[0] in _ZERO_WIDTH:
                continue
            normal = unicodedata.normalize("NFC", chunk) if not chunk.isascii() else chunk
            if len(normal) == len(chunk):
                starts.extend(range(start, start + len(chunk)))
                ends.extend(range(start + 1, start + len(chunk) + 1))
            else:
                # Composed letters stand for their whole source chunk.
                starts.extend([start] * len(normal))
                ends.extend([start + len(chunk)] * len(normal))
            pieces.append(normal)
        text = "".join(pieces).translate(_ONE_FOR_ONE)
        return cls(source=source, text=text, _starts=starts, _ends=ends)

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that ``text[start:end]`` came from."""
        if self._starts is None or self._ends is None:
            return start, end
        if start >= len(self._starts):
            return len(self.source), len(self.source)
        if end <= start:
            return self._starts[start], self._starts[start]
        return self._starts[start], self._ends[end - 1]


def _chunks(text: str) -> list[tuple[int, str]]:
    """Split ``text`` into a starter character and the combining marks that follow it."""
    chunks: list[tuple[int, str]] = []
    start = 0
    for index in range(1, len(text) + 1):
        if (
            index == len(text)
            or not unicodedata.combining(text[index])
            or text[index - 1] in _ZERO_WIDTH
        ):
            chunks.append((start, text[start:index]))
            start = index
    return chunks
