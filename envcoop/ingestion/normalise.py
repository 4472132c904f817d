"""The text extractors read, and the map back to the text a user sees.

Extractors read a normalised copy of the document: NFC (never NFKC, which breaks
Thai and Lao vowels), zero-width characters removed, non-breaking and other
spaces made plain, and digits of every script (Thai ๐-๙, Lao, Khmer, Myanmar,
full-width) made ASCII so that one set of number patterns serves every language.
Claim spans must point into the document's text as parsed, so ``Reading`` keeps
a map from every position of the normalised copy back to the original.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from array import array
from dataclasses import dataclass, field
from functools import cache

from envcoop.core.charmap import CharMap

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_SPACES = "\u00a0\u2007\u2009\u200a\u202f\u205f\u3000"
_DIGIT_BLOCKS = (0x0660, 0x06F0, 0x0966, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x17E0, 0xFF10)
_ONE_FOR_ONE = CharMap(
    {
        **{chr(base + n): str(n) for base in _DIGIT_BLOCKS for n in range(10)},
        **dict.fromkeys(_SPACES, " "),
        # hyphens of other code points ("25‐26 Jun 2019"): the ASCII hyphen ranges are read with
        **dict.fromkeys("\u2010\u2011\u2012\u2212", "-"),
    }
)
_ZERO_WIDTH_RE = re.compile(f"[{_ZERO_WIDTH}]")
# Spellings that look the same and mean the same, made one (each keeps its length, so
# offsets stay put): Khmer subscript DA for subscript TA ("ឧត្ដម" = "ឧត្តម"), and
# subscript RO written before subscript TA ("មន្រ្តី" = "មន្ត្រី"); the Burmese letter ဝ typed
# for the digit zero inside a number ("၂ဝ၂ဝ").
_KHMER_COENG_DA = re.compile("\u17d2\u178a")
_KHMER_RO_TA = re.compile("\u17d2\u179a\u17d2\u178f")
_BURMESE_WA_ZERO = re.compile("(?<=[0-9])\u101d(?![\u1000-\u109f])|(?<=[0-9])\u101d(?=[0-9\u101d])")


def same_spelling(text: str) -> str:
    if "\u17d2" in text:
        text = _KHMER_RO_TA.sub(
            "\u17d2\u178f\u17d2\u179a", _KHMER_COENG_DA.sub("\u17d2\u178f", text)
        )
    if "\u101d" in text:
        for _ in range(2):  # "2ဝဝ0": a second pass for a zero after a zero
            text = _BURMESE_WA_ZERO.sub("0", text)
    return text


@dataclass
class Reading:
    source: str
    text: str
    # Where ``text`` and ``source`` stop lining up one for one: sorted text positions, with,
    # for each, the source position it maps to and the end of the source chunk when the
    # stretch is a composed block (a letter and its marks made one) rather than a run of
    # characters that correspond one to one. Empty when both texts line up throughout.
    _at: array = field(default_factory=lambda: array("q"))
    _source_at: array = field(default_factory=lambda: array("q"))
    _block_end: array = field(default_factory=lambda: array("q"))  # -1: one-for-one from here

    @classmethod
    def of(cls, source: str) -> Reading:
        if unicodedata.is_normalized("NFC", source) and not _ZERO_WIDTH_RE.search(source):
            return cls(source=source, text=same_spelling(_ONE_FOR_ONE(source)))
        reading = cls(source=source, text="")
        delta = 0  # len(text so far) - len(source so far)
        for match in _irregular().finditer(source):
            start, end = match.span()
            chunk = match.group()
            if chunk[0] in _ZERO_WIDTH:
                reading._mark(start + delta, end, -1)  # dropped: what follows lines up again
                delta -= 1
                continue
            composed = len(unicodedata.normalize("NFC", chunk))
            if composed != len(chunk):  # composed letters stand for their whole chunk
                reading._mark(start + delta, start, end)
                reading._mark(start + delta + composed, end, -1)
                delta += composed - len(chunk)
        # The text itself in one pass in C. Normalising the whole text composes only within
        # the chunks found above, unless zero-width characters are dropped (a mark after one
        # would join the letter before it) or Hangul jamo compose across chunks: then chunk
        # by chunk.
        text = None
        if not _ZERO_WIDTH_RE.search(source):
            text = unicodedata.normalize("NFC", source)
        if text is None or len(text) != len(source) + delta:
            text = _irregular().sub(_chunk_nfc, source)
        reading.text = same_spelling(_ONE_FOR_ONE(text))
        return reading

    def _mark(self, text_position: int, source_position: int, block_end: int) -> None:
        if self._at and self._at[-1] == text_position:  # a later mark at the same place wins
            self._at.pop()
            self._source_at.pop()
            self._block_end.pop()
        self._at.append(text_position)
        self._source_at.append(source_position)
        self._block_end.append(block_end)

    def _map(self, position: int, *, end: bool) -> int:
        index = bisect.bisect_right(self._at, position) - 1
        if index < 0:
            return position + 1 if end else position
        if self._block_end[index] >= 0:
            return self._block_end[index] if end else self._source_at[index]
        offset = self._source_at[index] + (position - self._at[index])
        return offset + 1 if end else offset

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that ``text[start:end]`` came from."""
        if not self._at:
            return start, end
        if start >= len(self.text):
            return len(self.source), len(self.source)
        if end <= start:
            first = self._map(start, end=False)
            return first, first
        return self._map(start, end=False), self._map(end - 1, end=True)


def _chunk_nfc(match: re.Match) -> str:
    chunk = match.group()
    return "" if chunk[0] in _ZERO_WIDTH else unicodedata.normalize("NFC", chunk)


@cache
def _irregular() -> re.Pattern:
    """A character followed by combining marks, or a zero-width character: the only places
    where normalising can change the text (everything else maps one for one)."""
    marks = []
    low = None
    for code in range(0x300, 0x110000):
        combining = unicodedata.combining(chr(code)) != 0
        if combining and low is None:
            low = code
        elif not combining and low is not None:
            marks.append(f"{re.escape(chr(low))}-{re.escape(chr(code - 1))}")
            low = None
    zero_width = re.escape(_ZERO_WIDTH)
    return re.compile(f"[{zero_width}]|[^{zero_width}][{''.join(marks)}]+", re.DOTALL)
