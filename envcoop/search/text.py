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

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from envcoop.core.folding import fold
from envcoop.ingestion.languages.base import regex_words
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
def _folded(word: str) -> tuple[str, ...]:
    """A word's folded form(s); words repeat (Zipf), so this is mostly a lookup."""
    return tuple(fold(word).split())


def _segmenter(text: str, lang: str | None) -> str | None:
    """The ICU language to cut ``text`` with, or None for space-separated text."""
    if lang in ("th", "lo", "km", "my", "zh", "ja"):
        return lang
    if _NO_SPACES.search(text):
        for pattern, code in _SCRIPT_LANGUAGE:
            if pattern.search(text):
                return code
    return None


def terms(text: str, lang: str | None = None) -> list[Term]:
    """The folded words of ``text`` with their spans (and extra forms for Thai nouns)."""
    segmenter = _segmenter(text, lang)
    spans = icu_words(text, segmenter) if segmenter else regex_words(text)
    found: list[Term] = []
    for start, end in spans:
        for word in _folded(text[start:end]):
            if len(word) > MAX_TERM:
                continue
            found.append(Term(start, end, word))
            if segmenter == "th":
                for prefix in _THAI_NOUN_PREFIXES:
                    if word.startswith(prefix) and len(word) > len(prefix) + 1:
                        found.append(Term(start, end, word[len(prefix) :]))
    return found


def index_text(text: str, lang: str | None = None) -> str:
    """What the full-text index stores: the terms in order, then the extra Thai forms (at
    the end, so that they never come between two words of a phrase)."""
    found = terms(text, lang)
    ordered = [found[0].text] if found else []
    extra = []
    for previous, term in itertools.pairwise(found):
        (extra if (term.start, term.end) == (previous.start, previous.end) else ordered).append(
            term.text
        )
    return " ".join(ordered + extra)
