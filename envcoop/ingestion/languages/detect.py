"""Which language a text is in: a rule on Unicode scripts first, then lingua for Latin script.

Thai, Lao, Khmer, Burmese, Chinese, Japanese and Korean are told apart by their
scripts. Latin-script text goes to lingua (low-accuracy mode: small and fast; the
passages are long enough), limited to the languages officers write in plus a few
others it must not confuse them with. Indonesian and Malay are close: their own
words (Malay "Ogos", "kerajaan", "mesyuarat"; Indonesian "Agustus", "pemerintah",
"pertemuan") settle it when lingua hesitates.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

UNDERSTOOD = ("th", "vi", "en", "id", "ms")

_SCRIPT_RANGES = (
    (0x0E00, 0x0E7F, "th"),
    (0x0E80, 0x0EFF, "lo"),
    (0x1780, 0x17FF, "km"),
    (0x1000, 0x109F, "my"),
    (0xAC00, 0xD7AF, "ko"),
    (0x1100, 0x11FF, "ko"),
    (0x3040, 0x30FF, "ja"),
    (0x4E00, 0x9FFF, "zh"),
    (0x3400, 0x4DBF, "zh"),
)

_LATIN_LANGUAGES = {
    Language.ENGLISH: "en",
    Language.INDONESIAN: "id",
    Language.MALAY: "ms",
    Language.VIETNAMESE: "vi",
    Language.TAGALOG: "tl",
    Language.FRENCH: "fr",
    Language.SPANISH: "es",
    Language.PORTUGUESE: "pt",
    Language.GERMAN: "de",
    Language.DUTCH: "nl",
}

_MALAY_WORDS = re.compile(
    r"\b(?:Ogos|Mac|Julai|Disember|kerajaan|mesyuarat|persidangan|daripada|bagi|ialah|iaitu|"
    r"wang|kementerian alam sekitar|alam sekitar|pembangunan|kerana|selepas|sebanyak|"
    r"Isnin|Khamis|Jumaat|Ahad|hingga|bengkel|negeri|rakyat)\b",
    re.I,
)
_INDONESIAN_WORDS = re.compile(
    r"\b(?:Agustus|Maret|Juli|Desember|pemerintah|pertemuan|konferensi|dari|adalah|yaitu|"
    r"uang|lingkungan hidup|pembangunan|karena|setelah|sebesar|Senin|Kamis|Jumat|Minggu|"
    r"sampai|lokakarya|provinsi|masyarakat|kerja sama|kehutanan)\b",
    re.I,
)


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    return (
        LanguageDetectorBuilder.from_languages(*_LATIN_LANGUAGES)
        .with_low_accuracy_mode()
        .with_preloaded_language_models()
        .build()
    )


def script_language(text: str) -> tuple[str | None, float]:
    """(language by script, share of letters in that script); (None, share) for Latin text."""
    counts: Counter[str] = Counter()
    latin = 0
    for char in text:
        code = ord(char)
        if code < 0x80:
            if char.isalpha():
                latin += 1
            continue
        if not char.isalpha() and not (0x0E00 <= code <= 0x0EFF or 0x1000 <= code <= 0x17FF):
            continue
        for low, high, language in _SCRIPT_RANGES:
            if low <= code <= high:
                counts[language] += 1
                break
        else:
            latin += char.isalpha()
    total = sum(counts.values()) + latin
    if total == 0:
        return None, 0.0
    if counts:
        language, count = counts.most_common(1)[0]
        if language == "zh" and counts["ja"]:
            language, count = "ja", count + counts["ja"]
        if count / total >= 0.3:
            return language, count / total
    return None, latin / total


def detect(text: str) -> str:
    """ISO 639-1 code of ``text``'s language, or "und" when there is too little to tell."""
    language, _share = script_language(text)
    if language is not None:
        return language
    sample = text[:20000]
    if sum(1 for char in sample if char.isalpha()) < 12:
        return "und"
    confidences = {
        _LATIN_LANGUAGES[value.language]: value.value
        for value in _detector().compute_language_confidence_values(sample)
    }
    best = max(confidences, key=confidences.get)
    if best in ("id", "ms") or {"id", "ms"} <= {k for k, v in confidences.items() if v > 0.05}:
        malay = len(_MALAY_WORDS.findall(sample))
        indonesian = len(_INDONESIAN_WORDS.findall(sample))
        if malay != indonesian and max(malay, indonesian) >= 2:
            return "ms" if malay > indonesian else "id"
    return best
