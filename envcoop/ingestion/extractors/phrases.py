"""Where a name written in running text begins and ends, for each way of writing names.

Titles of meetings, agreements and projects are written as capitalised runs in
English, Indonesian and Malay ("the 17th ASEAN Ministerial Meeting on Environment"),
as a head word followed by the rest up to a clause marker in Vietnamese ("Hội nghị
Bộ trưởng Môi trường ASEAN lần thứ 17 diễn ra ..."), and in Thai either as a Thai
run up to a clause word or as an English title embedded after the Thai head word
("การประชุม ASEAN - China Environmental Cooperation Week 2022 เมื่อวันที่ ...").
"""

from __future__ import annotations

import re

from envcoop.ingestion.languages.base import Span

_CONNECTORS = {
    "en": {
        "of",
        "on",
        "for",
        "and",
        "the",
        "to",
        "in",
        "with",
        "between",
        "among",
        "towards",
        "toward",
        "under",
        "&",
        "at",
    },
    "id": {
        "dan",
        "untuk",
        "tentang",
        "mengenai",
        "bagi",
        "tingkat",
        "di",
        "antara",
        "pada",
    },
    "ms": {"dan", "untuk", "mengenai", "bagi", "peringkat", "di", "antara", "tentang", "pada"},
}
_TOKEN = re.compile(r"\S+")
_TRIM = " \t\n,;:.!?\"“”'’()[]"
_TITLE_WORD = re.compile(
    r"^(?:[A-ZÀ-ÞĐ\d][\w’'&+./\-–]*|[+–\-]\d?|[–\-]|\(?[A-Z]{2,}[\dA-Z\-]*\)?|ke-\d+|\d{4}|\d{1,3}(?:st|nd|rd|th))$"
)
_STOP_PUNCT = re.compile(r"[,;:.!?]$")

_VI_STOPS = re.compile(
    r"\s*(?:[,;.!?()\n“”\"]|\s(?:diễn ra|được tổ chức|được|đã|sẽ|tại|vào|ngày|từ ngày|trong|nhằm|với|cùng|do|của các|"
    r"giữa|khai mạc|kết thúc|theo|qua|nhân dịp|bao gồm|là|đang|ở cấp|và các|và những)\s)"
)
_TH_STOPS = re.compile(
    r"(?:\s+(?:เมื่อ|ณ|ผ่าน|ระหว่าง|โดย|ซึ่ง|เพื่อ|และ|ได้|จะ|ที่|ใน|ตั้งแต่|จัด|ดังนี้|รวมทั้ง|กับ)|(?:เมื่อวันที่|ณ\s|ผ่านระบบ|ระหว่างวันที่|โดยมี|ซึ่ง|เพื่อ)|[\n(“\"])"
)


def latin_title(
    text: str, start: int, end: int, limit: tuple[int, int], language: str = "en"
) -> Span:
    """Grow ``[start, end)`` (a head word) left and right over a capitalised title."""
    connectors = _CONNECTORS.get(language, _CONNECTORS["en"]) | _CONNECTORS["en"]
    left_limit, right_limit = limit
    # left: capitalised words, ordinals, ASEAN, dashes directly before the head word
    tokens_before = list(_TOKEN.finditer(text, left_limit, start))
    new_start = start
    for token in reversed(tokens_before):
        word = token.group()
        if _STOP_PUNCT.search(word) or not _TITLE_WORD.match(word.strip('“"(')):
            break
        new_start = token.start()
    # right: title words, connectors followed by a title word
    new_end = end
    position = end
    pending: int | None = None
    for token in _TOKEN.finditer(text, end, right_limit):
        if token.start() - position > 3:
            break
        word = token.group()
        bare = word.rstrip(_TRIM)
        if bare.lower() in connectors:
            pending = pending if pending is not None else token.start()
            position = token.end()
            continue
        if _TITLE_WORD.match(bare.lstrip('“"(')) and bare:
            new_end = token.start() + len(word.rstrip(",;:.!?\"”'’"))
            if word.endswith(")") and "(" not in word:
                new_end -= 1
            pending = None
            position = token.end()
            if _STOP_PUNCT.search(word):
                break
            continue
        break
    return _trim(text, new_start, new_end)


def vietnamese_title(text: str, start: int, limit: int) -> Span:
    """From the head word to the first clause marker (diễn ra, tại, vào, ngày, a comma, ...)."""
    stop = _VI_STOPS.search(text, start + 1, limit)
    end = stop.start() if stop else limit
    # keep "(AMME17)" or "(COP28)" that belongs to the name
    after = re.match(r"\s*\([A-Z][A-Za-z0-9\-]{1,15}\)", text[end:limit])
    if after:
        end += after.end()
    words = text[start:end].split()
    if len(words) > 45:
        end = start + len(" ".join(words[:45]))
    return _trim(text, start, end)


_LATIN_RUN = re.compile(r"[“\"]?[A-Z][A-Za-z0-9 \-–—&,’'()/.+:]*")


def thai_title(text: str, start: int, head_end: int, limit: int) -> Span:
    """A Thai head word and the Thai name after it, or the English title embedded after it.

    An embedded title runs to the next Thai letter ("การประชุม ASEAN - China ... Week 2022
    เมื่อวันที่ ..."); it is returned without the Thai head word. A Thai name runs to the
    first space, carrying on over a following "ครั้งที่ N" or Latin acronym.
    """
    following = text[head_end:limit]
    latin = re.match(r"\s*(?=[A-Z“\"])", following)
    if latin:
        run = _LATIN_RUN.match(text, head_end + latin.end(), limit)
        if run:
            return _trim(text, run.start(), run.end())
    end = head_end
    while end < limit and not text[end].isspace() and text[end] not in '(“"':
        end += 1
    tail = re.match(r"\s*(?:ครั้งที่\s*\d{1,3}|\(?[A-Z]{2,}[\dA-Z\-]*\)?)", text[end:limit])
    if tail:
        end += tail.end()
    stop = _TH_STOPS.search(text, head_end, end)
    if stop:
        end = stop.start()
    return _trim(text, start, end)


def _trim(text: str, start: int, end: int) -> Span:
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    while start < end and text[start] in _TRIM:
        start += 1
    return start, end


def title(text: str, language: str, head: Span, limit: Span) -> Span:
    """The span of the name whose head word is ``head``, within ``limit`` (its sentence)."""
    start, end = head
    if language == "vi":
        return vietnamese_title(text, start, limit[1])
    if language == "th":
        return thai_title(text, start, end, limit[1])
    return latin_title(text, start, end, limit, language)
