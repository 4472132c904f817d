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

UNDERSTOOD = ("th", "vi", "en", "id", "ms", "km", "lo", "my", "zh", "fil")
CUE_SAMPLE = 6000  # characters where Malay and Indonesian words are counted
LINGUA_SAMPLE = 1000  # characters (lingua needs a few sentences)

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
    Language.TAGALOG: "fil",  # (Filipino: the national standard based on Tagalog)
    Language.FRENCH: "fr",
    Language.SPANISH: "es",
    Language.PORTUGUESE: "pt",
    Language.GERMAN: "de",
    Language.DUTCH: "nl",
}

_WORD = re.compile(r"[^\W\d_]+")
_ENGLISH_WORDS = re.compile(
    r"\b(?:the|of|and|to|in|is|was|were|for|with|that|on|are|by|will|from|has|have|this|which)\b",
    re.IGNORECASE,
)
_MALAYIC_WORDS = re.compile(
    r"\b(?:yang|dan|di|untuk|dengan|pada|dalam|ini|itu|dari|ke|oleh|akan|telah|serta|kepada|bagi|"
    r"tersebut|juga|antara)\b",
    re.IGNORECASE,
)
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


# Characters of the scripts told apart by rule; marks and digits of the Brahmic scripts
# (Thai vowels above, Thai digits) count with their script. The counting runs as regular
# expression passes in C: a Python loop over every character cost more than all the
# extractors together on long documents.
_RULED = re.compile(
    "[^" + "".join(f"{chr(low)}-{chr(high)}" for low, high, _language in _SCRIPT_RANGES) + "]+"
)
_NOT_LETTER = re.compile(r"[\W\d_]+")
_NOT_IN_RANGE = {
    language: re.compile(
        "[^"
        + "".join(
            f"{chr(low)}-{chr(high)}" for low, high, lang in _SCRIPT_RANGES if lang == language
        )
        + "]+"
    )
    for _low, _high, language in _SCRIPT_RANGES
}
_BRAHMIC = ("th", "lo", "km", "my")
_NOT_VIETNAMESE = re.compile("[^ăâđơưĂÂĐƠƯ\u1ea0-\u1ef9]+")
_HORNED = re.compile("[đơưĐƠƯ\u1eda-\u1ee3\u1ee8-\u1ef1]")


_ANY_RULED = re.compile(
    "[" + "".join(f"{chr(low)}-{chr(high)}" for low, high, _language in _SCRIPT_RANGES) + "]"
)


def has_ruled_script(text: str) -> bool:
    """Whether ``text`` holds any letter of the scripts told apart by rule (Thai, Lao, ...)."""
    return _ANY_RULED.search(text) is not None


def script_language(text: str) -> tuple[str | None, float]:
    """(language by script, share of letters in that script); (None, share) for Latin text."""
    return _by_script(text, _letters(text))


def _letters(text: str) -> int:
    return len(_NOT_LETTER.sub("", text))


def _by_script(text: str, letters: int) -> tuple[str | None, float]:
    """script_language, given how many letters ``text`` has."""
    ruled = _RULED.sub("", text)
    counts: Counter[str] = Counter()
    ruled_letters = 0
    if ruled:
        for language, outside in _NOT_IN_RANGE.items():
            chars = outside.sub("", ruled)
            if not chars:
                continue
            alphabetic = len(_NOT_LETTER.sub("", chars))
            ruled_letters += alphabetic
            counts[language] += len(chars) if language in _BRAHMIC else alphabetic
    latin = letters - ruled_letters
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
    letters = _letters(text)
    language, _share = _by_script(text, letters)
    if language is not None:
        return language
    sample = text[:20000]
    if len(sample) < len(text):  # (else the sample is the text: its letters are counted)
        letters = _letters(sample)
    if letters < 12:
        return "und"
    # Letters only Vietnamese writes (ơ, ư, ă, đ and the vowels with a dot below or a hook
    # above) settle it without a statistical model.
    marked = _NOT_VIETNAMESE.sub("", sample)
    if len(marked) >= max(3, 0.03 * letters) and _HORNED.search(marked):
        return "vi"  # (ơ, ư or đ too: Yoruba also writes ẹ and ọ)
    # Text made of English function words, or of the function words Indonesian and Malay
    # share, needs no statistical model either (most documents; lingua decides the rest).
    opening = sample[:LINGUA_SAMPLE]
    words = len(_WORD.findall(opening))
    english, malayic = len(_ENGLISH_WORDS.findall(opening)), len(_MALAYIC_WORDS.findall(opening))
    if words >= 8 and english >= 0.15 * words and malayic <= 0.01 * words:
        return "en"
    if words >= 8 and malayic >= 0.12 * words and english <= 0.01 * words:
        choice = _malay_or_indonesian(sample)
        if choice:
            return choice
    # lingua reads the opening (a few paragraphs are plenty); the Malay and Indonesian cue
    # words below are counted over the longer sample
    confidences = {
        _LATIN_LANGUAGES[value.language]: value.value
        for value in _detector().compute_language_confidence_values(sample[:LINGUA_SAMPLE])
    }
    best = max(confidences, key=confidences.get)
    if best in ("id", "ms") or {"id", "ms"} <= {k for k, v in confidences.items() if v > 0.05}:
        return _malay_or_indonesian(sample) or best
    return best


def _malay_or_indonesian(sample: str) -> str | None:
    """Each one's own words settle it ("Ogos", "kerajaan"; "Agustus", "pemerintah")."""
    malay = len(_MALAY_WORDS.findall(sample, 0, CUE_SAMPLE))
    indonesian = len(_INDONESIAN_WORDS.findall(sample, 0, CUE_SAMPLE))
    if malay != indonesian and max(malay, indonesian) >= 2:
        return "ms" if malay > indonesian else "id"
    return None
