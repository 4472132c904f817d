"""Cutting a document into passages, sentences and words.

Passages are paragraphs: blocks between blank lines, with hard-wrapped lines joined
back and one-line paragraphs (list items, headings) kept apart. Words come from ICU's
dictionary-based word break for scripts written without spaces (Thai, Lao, Khmer,
Burmese, Chinese, Japanese) and from a regex elsewhere (Vietnamese words are then its
syllables, which is what search needs).

ICU counts offsets in UTF-16 code units; text outside the Basic Multilingual Plane
(emoji, rare CJK) is mapped back to Python string positions.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

import icu

from envcoop.ingestion.languages.base import Span, regex_words

ICU_LANGUAGES = {"th", "lo", "km", "my", "zh", "ja"}
_BLANK_LINES = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE_END = re.compile(r"[.!?:;。！？…”\"')\]]\s*$")
# A full stop and a space before a capital, a digit or a letter of a script without case;
# or the full stops of Khmer (។ ៕), Burmese (။) and Chinese (。！？), which need no space.
_SENTENCE_END = re.compile(
    r"(?<=[.!?])[\"”’)]*\s+(?=[\"“(]?[A-ZÀ-ỸĐ0-9\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u4e00-\u9fff])"
    r"|(?<=[។៕။。！？])[\"”’」)]*\s*(?=\S)"
)
# Letters of the scripts ICU cuts into words (Thai, Lao, Burmese, Khmer, kana, CJK).
_UNSPACED = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff\u3040-\u30ff\u3400-\u9fff]"
)
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|No|Nos|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|St|Co|Inc|Ltd|"
    r"Jr|Sr|vs|etc|e\.g|i\.e|H\.E|TS|ThS|PGS|Ir|Drs|Bpk|Sdn|Bhd|Tn|Pn|Dato|YB)|\b[A-Z]|[ก-ฮ]{1,3})\.$"
)


def unspaced(text: str) -> bool:
    """Whether ``text`` holds letters of a script written without spaces between words."""
    return _UNSPACED.search(text) is not None


@dataclass(frozen=True)
class Segments:
    passages: list[Span]
    sentences: list[Span]


def passages(text: str) -> list[Span]:
    """Paragraph spans: blank-line blocks, whose wrapped lines are joined and lone lines kept."""
    spans: list[Span] = []
    block_start = 0
    for match in [*_BLANK_LINES.finditer(text), None]:
        block_end = match.start() if match else len(text)
        spans.extend(_block_paragraphs(text, block_start, block_end))
        if match:
            block_start = match.end()
    return spans


def _block_paragraphs(text: str, start: int, end: int) -> list[Span]:
    paragraphs: list[Span] = []
    current: Span | None = None
    previous_line = ""  # the last line of the current paragraph (only it decides wrapping)
    position = start
    for line in text[start:end].split("\n"):
        line_start, line_end = position, position + len(line)
        position = line_end + 1
        stripped = line.strip()
        if not stripped:
            continue
        left = line_start + (len(line) - len(line.lstrip()))
        right = line_start + len(line.rstrip())
        if current is None:
            current, previous_line = (left, right), stripped
            continue
        wrapped = len(previous_line) >= 60 and not _LINE_END.search(previous_line)
        if wrapped and not _starts_like_item(stripped):
            current = (current[0], right)
        else:
            paragraphs.append(current)
            current = (left, right)
        previous_line = stripped
    if current is not None:
        paragraphs.append(current)
    return paragraphs


def _starts_like_item(line: str) -> bool:
    return bool(re.match(r"(?:[-*•·–]|\(?\d{1,2}[.)]|\([ivx]+\)|[a-z][.)])\s", line))


def sentences(text: str, span: Span) -> list[Span]:
    """Sentences of one passage (the passage itself for scripts without sentence punctuation)."""
    start, end = span
    pieces: list[Span] = []
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if _ABBREVIATIONS.search(text, max(cursor, match.start() - 8), match.start()):
            continue
        pieces.append((cursor, match.start()))
        cursor = match.end()
    pieces.append((cursor, end))
    return [piece for piece in pieces if piece[1] > piece[0]]


def segment(text: str) -> Segments:
    paragraph_spans = passages(text)
    sentence_spans = [
        sentence for paragraph in paragraph_spans for sentence in sentences(text, paragraph)
    ]
    return Segments(passages=paragraph_spans, sentences=sentence_spans)


@lru_cache(maxsize=16)
def _word_iterator_locale(language: str) -> icu.Locale:
    return icu.Locale(language)


def words(text: str, language: str) -> list[Span]:
    """Word spans of ``text`` (ICU for scripts without spaces, a regex otherwise)."""
    if language not in ICU_LANGUAGES:
        return regex_words(text)
    iterator = icu.BreakIterator.createWordInstance(_word_iterator_locale(language))
    iterator.setText(text)
    astral = _ASTRAL.search(text) is not None
    index = _utf16_index(text) if astral else None
    spans: list[Span] = []
    previous = 0
    for boundary in iterator:
        if iterator.getRuleStatus() != 0:  # 0: spaces and punctuation
            start, end = previous, boundary
            if index is not None:
                start, end = index[start], index[end]
            spans.append((start, end))
        previous = boundary
    return spans


def _utf16_index(text: str) -> list[int]:
    """UTF-16 offset -> Python string offset, for every UTF-16 offset."""
    index: list[int] = []
    for position, char in enumerate(text):
        index.append(position)
        if ord(char) > 0xFFFF:
            index.append(position)
    index.append(len(text))
    return index


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class BoundaryChecker:
    """Tells whether a position in a text falls between words (ICU for Thai and its kin)."""

    def __init__(self, text: str, language: str) -> None:
        self.text = text
        self._icu = None
        # ICU counts UTF-16 units: a character beyond the first plane (an emoji) is two
        self._astral = [match.start() for match in _ASTRAL.finditer(text)]
        if language in ICU_LANGUAGES:
            self._icu = icu.BreakIterator.createWordInstance(_word_iterator_locale(language))
            self._icu.setText(text)

    def is_boundary(self, position: int) -> bool:
        if position <= 0 or position >= len(self.text):
            return True
        before, after = self.text[position - 1], self.text[position]
        if self._icu is not None and (_UNSPACED.match(before) or _UNSPACED.match(after)):
            # (vowel signs are not alphanumeric: only ICU knows where these words end)
            if before.isspace() or after.isspace():
                return True
            utf16 = position + bisect.bisect_left(self._astral, position)
            return bool(self._icu.isBoundary(utf16))
        return not before.isalnum() or not after.isalnum()
