"""Language codes for content (names, descriptions, documents) and their display names.

Content may be in any language with an ISO 639-1 code (or a BCP 47 tag such as
``zh-Hant``); "und" marks text in no particular language, such as an acronym.
Display names come from CLDR through Babel.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry
from babel import Locale, UnknownLocaleError

UNDETERMINED = "und"

# Languages the cooperation is written in, in the order a picker offers them. Country names
# in all of them are stored from CLDR, so documents in any of them can be matched.
REGIONAL_LANGUAGES: tuple[str, ...] = (
    "en", "th", "vi", "id", "ms", "km", "lo", "my", "fil", "zh", "ja", "ko",
)  # fmt: skip

_TAG = re.compile(r"^([a-z]{2,3})(?:-([A-Z][a-z]{3}))?(?:-([A-Z]{2}|\d{3}))?$")


class LanguageError(ValueError):
    """Not a language tag envcoop accepts."""


def clean_language(value: str) -> str:
    """Return the canonical tag for ``value`` ("TH" -> "th", "zh_hant" -> "zh-Hant").

    Raises LanguageError for text that is not an ISO 639 language (with an
    optional script and region), or "und".
    """
    if not isinstance(value, str) or not value.strip():
        raise LanguageError("a language code is required (for example en, th, vi)")
    parts = value.strip().replace("_", "-").split("-")
    parts[0] = parts[0].lower()
    for index, part in enumerate(parts[1:], start=1):
        parts[index] = part.title() if len(part) == 4 else part.upper()
    tag = "-".join(parts)
    match = _TAG.match(tag)
    if not match:
        raise LanguageError(f"{value!r} is not a language code (use ISO 639, e.g. en, th, vi)")
    base = match.group(1)
    if base != UNDETERMINED and not _is_iso639(base):
        raise LanguageError(f"{value!r} is not an ISO 639 language code")
    return tag


@lru_cache(maxsize=512)
def _is_iso639(code: str) -> bool:
    if len(code) == 2:
        return pycountry.languages.get(alpha_2=code) is not None
    return pycountry.languages.get(alpha_3=code) is not None


def base_language(tag: str) -> str:
    return tag.split("-", 1)[0]


@lru_cache(maxsize=2048)
def language_name(code: str, in_language: str = "en") -> str:
    """The name of language ``code`` written in ``in_language`` (CLDR)."""
    if code == UNDETERMINED:
        return {"th": "ไม่ระบุภาษา", "vi": "không xác định"}.get(in_language, "no language")
    try:
        locale = Locale.parse(in_language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        locale = Locale("en")
    name = locale.languages.get(base_language(code).replace("-", "_"))
    if name:
        return name
    record = pycountry.languages.get(alpha_2=base_language(code)) or pycountry.languages.get(
        alpha_3=base_language(code)
    )
    return record.name if record else code


def language_choices(in_language: str = "en") -> list[tuple[str, str]]:
    """(code, name) pairs: the regional languages first, then "no language"."""
    choices = [
        (code, f"{language_name(code, in_language)} ({code})") for code in REGIONAL_LANGUAGES
    ]
    choices.append((UNDETERMINED, language_name(UNDETERMINED, in_language)))
    return choices
