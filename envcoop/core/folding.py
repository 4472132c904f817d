"""Comparable forms of names: case, accents, đ and dashes folded; words split out.

"Hội nghị Bộ trưởng", "hoi nghi bo truong" and "HỘI NGHỊ BỘ TRƯỞNG" fold to the same
text; digits of every script become ASCII digits. Thai, Lao, Khmer and Burmese keep their letters (their vowel and tone marks are
letters of the word, not accents on it).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from envcoop.core.charmap import CharMap

_KEEP_MARKS = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")  # th, lo, my, km
_STRIP = CharMap({"đ": "d", "Đ": "D", "ð": "d", "ł": "l", "Ł": "L", "ß": "ss"})


# Names and words repeat from one document to the next: their folded forms are kept (fold
# is a pure function of its argument); longer texts are folded each time.
CACHED_UP_TO = 300  # characters


def fold(text: str) -> str:
    """Lower case without accents; runs of anything but letters and digits become one space."""
    if len(text) <= CACHED_UP_TO:
        return _fold_cached(text)
    return _fold(text)


@lru_cache(maxsize=100_000)
def _fold_cached(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", _STRIP(text))
    kept = "".join(
        char for char in text if not unicodedata.combining(char) or _KEEP_MARKS.match(char)
    )
    kept = unicodedata.normalize("NFC", kept).casefold()
    spaced = "".join(
        (str(unicodedata.digit(char)) if unicodedata.category(char) == "Nd" else char)
        if unicodedata.category(char)[0] in "LMN"
        else " "
        for char in kept
    )
    return " ".join(spaced.split())


def words(text: str, *, ignore: frozenset[str] = frozenset()) -> frozenset[str]:
    """The folded words of a name, without the words in ``ignore``."""
    return frozenset(word for word in fold(text).split() if word not in ignore)
