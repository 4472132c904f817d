"""Search terms of a text, the same way at index and at query time.

Scripts written without spaces (Thai, Lao, Khmer, Burmese, Chinese, Japanese) are cut
into words by ICU; other text into runs of letters and digits. Each word is folded:
lower case, accents removed, đ read as d ("Biến đổi" -> "bien doi"), digits of every
script as ASCII. A Thai word made a noun by การ or ความ is also indexed without it, so
"ประชุม" finds "การประชุม".

Every term keeps its span in the original text, so snippets highlight the original
script and accents.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from envcoop.core.folding import fold
from envcoop.ingestion.languages.base import regex_word_texts, regex_words
from envcoop.ingestion.segment import words as icu_words

_NO_SPACES = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff]")
_SCRIPT_LANGUAGE = (
    (re.compile(r"[\u0e00-\u0e7f]"), "th"),
    (re.compile(r"[\u0e80-\u0eff]"), "lo"),
    (re.compile(r"[\u1780-\u17ff]"), "km"),
    (re.compile(r"[\u1000-\u109f]"), "my"),
    (re.compile(r"[\u3040-\u30ff]"), "ja"),
    (re.compile(r"[\u3400-\u9fff]"), "zh"),
)
_THAI_NOUN_PREFIXES = ("การ", "ความ")
MAX_TERM = 60  # characters; longer runs (a URL, a hash) are not words anyone searches for


@dataclass(frozen=True, slots=True)
class Term:
    start: int
    end: int
    text: str  # folded


@lru_cache(maxsize=500_000)
def _forms(word: str, thai: bool) -> tuple[str, ...]:
    """The terms one word gives: its folded form(s) and, cut as Thai, its nouns without
    การ or ความ. Words repeat (Zipf), so this is mostly a lookup."""
    found: list[str] = []
    for folded in fold(word).split():
        if len(folded) > MAX_TERM:
            continue
        found.append(folded)
        if thai:
            for prefix in _THAI_NOUN_PREFIXES:
                if folded.startswith(prefix) and len(folded) > len(prefix) + 1:
                    found.append(folded[len(prefix) :])
    return tuple(found)


def _segmenter(text: str, lang: str | None) -> str | None:
    """The ICU language to cut ``text`` with, or None for space-separated text."""
    if lang in ("th", "lo", "km", "my", "zh", "ja"):
        return lang
    if _NO_SPACES.search(text):
        for pattern, code in _SCRIPT_LANGUAGE:
            if pattern.search(text):
                return code
    return None


def _word_forms(text: str, lang: str | None) -> Iterator[tuple[int, int, tuple[str, ...]]]:
    """(start, end, terms) of each word of ``text`` that gives a term."""
    segmenter = _segmenter(text, lang)
    spans = icu_words(text, segmenter) if segmenter else regex_words(text)
    thai = segmenter == "th"
    for start, end in spans:
        forms = _forms(text[start:end], thai)
        if forms:
            yield start, end, forms


def terms(text: str, lang: str | None = None) -> list[Term]:
    """The folded words of ``text`` with their spans (and extra forms for Thai nouns)."""
    return [
        Term(start, end, form) for start, end, forms in _word_forms(text, lang) for form in forms
    ]


def index_text(text: str, lang: str | None = None) -> str:
    """What the full-text index stores: the first term of each word in order, then the
    other terms (a word folded into two, the extra Thai forms) at the end, so that they
    never come between two words of a phrase."""
    segmenter = _segmenter(text, lang)
    words = (
        [text[start:end] for start, end in icu_words(text, segmenter)]
        if segmenter
        else regex_word_texts(text)
    )
    thai = segmenter == "th"
    ordered: list[str] = []
    extra: list[str] = []
    for word in words:  # (_word_forms without the spans: this runs for every word indexed)
        forms = _forms(word, thai)
        if forms:
            ordered.append(forms[0])
            if len(forms) > 1:
                extra.extend(forms[1:])
    return " ".join(ordered + extra)
