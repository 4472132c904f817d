"""Readable, unique keys for new records: the part of a record's address people see in URLs,
exports and commands ("amme-17", "asean-china-environmental-cooperation-week-2022",
"th-kar-prachum-choeng-patibatkan-2024").

A name in another script is written in Latin letters first: ICU's transliterators for
Thai, Burmese and Chinese (pinyin), and anyascii for the scripts ICU has none for (Khmer,
Lao). Keys are cut at a word to stay short, and made unique with "-2", "-3", ...
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import icu
from anyascii import anyascii
from django.db import models
from django.utils.text import slugify

# Long names make long addresses: keep the first words, up to this many characters
MAX_LENGTH = 48
# Words the site's addresses give a meaning after a kind ("/events/new/", "/events/export/"):
# never a record's key
RESERVED_KEYS = frozenset({"new", "export"})
# Words a key does without when the name is long ("of the", "on", "and")
_SMALL_WORDS = frozenset({"of", "the", "on", "and", "for", "to", "in", "a", "an", "at"})


@cache
def _to_latin() -> icu.Transliterator:
    return icu.Transliterator.createInstance("Any-Latin; Latin-ASCII")


# Scripts written without spaces between words: ICU's dictionaries find the words first
_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")


def _spaced(text: str) -> str:
    breaker = icu.BreakIterator.createWordInstance(icu.Locale.getRoot())
    breaker.setText(text)
    words, start = [], 0
    for end in breaker:
        words.append(text[start:end])
        start = end
    return " ".join(w for w in words if w.strip())


def latin(text: str) -> str:
    """``text`` in Latin letters without accents ("Đà Nẵng" -> "Da Nang", "东盟" -> "dong
    meng", "ការប្រជុំ" -> "kar prachum")."""
    text = unicodedata.normalize("NFC", text)
    if _UNSPACED.search(text):
        text = _spaced(text)
    written = _to_latin().transliterate(text)
    return anyascii(written)  # what ICU left in its own script (Khmer, Lao) and stray marks


def slug(text: object, max_length: int = MAX_LENGTH) -> str:
    """A lower-case, hyphenated form of ``text`` in Latin letters, cut at a word."""
    words = slugify(latin(str(text or "")).replace("'", "")).split("-")
    words = [w for w in words if w]
    if len("-".join(words)) > max_length:
        words = [w for w in words if w not in _SMALL_WORDS] or words
    kept: list[str] = []
    for word in words:
        if kept and len("-".join([*kept, word])) > max_length:
            break
        kept.append(word[:max_length])
    return "-".join(kept)


def unique_key(model: type[models.Model], name: object, *extra: object, prefix: str = "") -> str:
    """A key for a new ``model`` record from its name and what tells it apart (a number, a
    year: left out when the name already ends with it), unique among that model's keys."""
    base_slug = slug(name) or (model._meta.model_name or "record")
    parts = [slugify(prefix), base_slug]
    for part in extra:
        text = slugify(str(part)) if part not in (None, "") else ""
        if text and not re.search(rf"(?:^|-){re.escape(text)}$", base_slug):
            parts.append(text)
    base = re.sub(r"-+", "-", "-".join(p for p in parts if p)).strip("-")
    key, number = base, 2
    while key in RESERVED_KEYS or model.objects.filter(key=key).exists():  # type: ignore[attr-defined]
        key = f"{base}-{number}"
        number += 1
    return key
