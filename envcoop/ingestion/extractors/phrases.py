"""Where a name written in running text begins and ends, for each way of writing names.

Titles of meetings, agreements and projects are written as capitalised runs in
English, Indonesian and Malay ("the 17th ASEAN Ministerial Meeting on Environment"),
as a head word followed by the rest up to a clause marker in Vietnamese ("Hội nghị
Bộ trưởng Môi trường ASEAN lần thứ 17 diễn ra ..."), and in Thai either as a Thai
run up to a clause word or as an English title embedded after the Thai head word
("การประชุม ASEAN - China Environmental Cooperation Week 2022 เมื่อวันที่ ...").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from functools import cache

from envcoop.ingestion.extractors.base import words_pattern
from envcoop.ingestion.languages import profile as language_profile
from envcoop.ingestion.languages.base import Span

_CONNECTORS = {
    "en": {
        "of",
        "on",
        "for",
        "and",
        "the",
        "to",
        "with",
        "between",
        "among",
        "towards",
        "toward",
        "under",
        "&",
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
        "dalam",
        "bidang",
    },
    "ms": {
        "dan",
        "untuk",
        "mengenai",
        "bagi",
        "peringkat",
        "di",
        "antara",
        "tentang",
        "pada",
        "dalam",
        "bidang",
    },
}
_TOKEN = re.compile(r"\S+")
_TRIM = " \t\n,;:.!?\"“”'’()[]"
_TITLE_WORD = re.compile(
    r"^(?:[A-ZÀ-ÞĐ][\w’'&+./\-–]*|[+–\-]\d?|[–\-]|[A-Z]{2,}[\dA-Z\-]*|ke-\d+|\d{4}|\d{1,3}(?:st|nd|rd|th))$"
)
# A word ends a title when it ends a clause; a full stop ends one unless it closes an
# abbreviation ("U.S.", "Dr.").
_STOP_PUNCT = re.compile(r"[,;:!?]$|(?<![A-Z])(?<!\b[A-Z][a-z])\.$")

_VI_STOPS = re.compile(
    r"\s*(?:[,;.!?()\n“”\"]|\s(?:diễn ra|được tổ chức|được|đã|sẽ|tại|vào|ngày|từ ngày|nhằm|với|cùng|do|của các|"
    r"giữa|khai mạc|kết thúc|theo|qua|nhân dịp|bao gồm|là|đang|ở cấp|và các|và những|tổ chức|diễn ra)\s)"
)
_TH_STOPS = re.compile(
    r"(?:\s+(?:เมื่อ|ณ|ผ่าน|ระหว่าง|โดย|ซึ่ง|เพื่อ|และ|ได้|จะ|ที่|ใน|ตั้งแต่|จัด|ดังนี้|รวมทั้ง|กับ)|(?:เมื่อวันที่|ณ\s|ผ่านระบบ|ระหว่างวันที่|โดยมี|ซึ่ง|เพื่อ)|[\n(“\"])"
)
_LEADING = re.compile(r"(?:The|A|An)\s+|\d+(?:\.\d+)+\s+")
# Thai words that end a name even without a space before them: clause words ("the
# meeting reviewed ..." is "การประชุมได้ทบทวน...") and demonstratives ("the said training").
_TH_CLAUSE = re.compile(
    r"(?:ได้|จะ|เมื่อ|ณ|ผ่าน|ระหว่าง|โดย|ซึ่ง|เพื่อ|ดังกล่าว|ครั้งนี้|นี้|นั้น|ที่ผ่านมา|เห็นพ้อง|มีมติ|รับทราบ)"
)
_ORDINAL_WORD = re.compile(
    r"^(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|next|annual|inaugural)$"
)
_REACH = 400  # characters a title may run from its head word
# "and" that starts another name rather than going on with this one: "and the ...", "and
# the 19th ...", "and 2nd ..."
_AND = {"and", "dan", "và", "at"}
_ANOTHER_NAME = re.compile(
    r"\s+(?:the\s+|các\s+)?(?:\d{1,3}(?:st|nd|rd|th)\b|ke-?\d|(?:the|The)\s)", re.IGNORECASE
)
_ACRONYM_IN_PARENS = re.compile(r"^\([A-Z][A-Za-z0-9\-]{1,12}\)$")


@cache
def _connectors(language: str) -> tuple[frozenset[str], frozenset[str]]:
    """The words that join a title's words in ``language`` (English's too), and with "in"."""
    connectors = frozenset(_CONNECTORS.get(language, _CONNECTORS["en"]) | _CONNECTORS["en"])
    return connectors, connectors | {"in"}


def latin_title(
    text: str,
    start: int,
    end: int,
    limit: tuple[int, int],
    language: str = "en",
    barriers: list[Span] | tuple = (),
) -> Span:
    """Grow ``[start, end)`` (a head word) left and right over a capitalised title.

    The title stops at clause punctuation, at an opening parenthesis (an acronym after a
    name is not the name), at a lower-case word that is not a connector, and at
    ``barriers`` (dates: "VIENTIANE, 24 August 2023 – The 17th AMME" is not one name).
    A leading article or list number is left out.
    """
    connectors, connectors_or_in = _connectors(language)
    # a title is a few dozen words: look no further than this (a table or a list with no
    # full stop is one "sentence"; reading it all for every head word would be quadratic)
    left_limit, right_limit = max(limit[0], start - _REACH), min(limit[1], end + _REACH)
    if barriers:  # sorted by start: only those near the head word matter
        first = max(0, bisect.bisect_left(barriers, (left_limit,)) - 1)
        for index in range(first, len(barriers)):
            barrier_start, barrier_end = barriers[index]
            if barrier_start >= right_limit:
                break
            if barrier_end <= start:
                left_limit = max(left_limit, barrier_end)
            elif barrier_start >= end:
                right_limit = min(right_limit, barrier_start)
    # left: capitalised words, ordinals, ASEAN, dashes directly before the head word
    new_start = start
    pending = 0  # connectors passed on the left, kept only if a title word precedes them
    for token in reversed(list(_TOKEN.finditer(text, left_limit, start))):
        word = token.group()
        if _ACRONYM_IN_PARENS.match(word):
            continue  # "7th ASEAN Heritage Parks (AHP) Conference": kept if words precede it
        if word.lower() in _AND and _ANOTHER_NAME.match(text, token.end()):
            break  # "... Pollution and the 19th Meeting": the name before "and" is another
        if word.lower() in connectors_or_in and pending < 2 and new_start < start:
            pending += 1  # "Measurable Action for Haze-Free ... in Southeast Asia programme"
            continue
        if _ORDINAL_WORD.match(word):
            new_start = token.start()  # "the second Dialogue"
            break
        if (
            _STOP_PUNCT.search(word)
            or word in ("–", "—")
            or word.endswith(")")
            or not _TITLE_WORD.match(word.strip('“"'))
        ):
            break
        new_start = token.start()
        pending = 0
    while lead := _LEADING.match(text, new_start, start):
        new_start = lead.end()
    # right: title words, and connectors followed by a title word
    new_end = end
    position = end
    for token in _TOKEN.finditer(text, end, right_limit):
        if token.start() - position > 3:
            break
        word = token.group()
        if word.startswith("("):
            break
        bare = word.rstrip(_TRIM)
        if bare.lower() in _AND and _ANOTHER_NAME.match(text, token.end()):
            break  # "the 25th Meeting of ... and the 19th Meeting of ...": two names
        if bare.lower() in connectors:
            position = token.end()
            continue
        if bare and _TITLE_WORD.match(bare.lstrip('“"')):
            new_end = token.start() + len(word.rstrip(",;:!?\"”'’)"))
            position = token.end()
            if _STOP_PUNCT.search(word.rstrip(")")):
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


_FILIPINO_HEADS = frozenset(
    {
        "pulong",
        "pagpupulong",
        "kumperensya",
        "kumperensiya",
        "kapulungan",
        "porum",
        "palihan",
        "pagsasanay",
        "seremonya",
    }
)
# Where a Filipino name ends: punctuation, the article or verb of the clause ("ang", "ay",
# "na ginanap", "noong"), or "sa" before a place ("... ng ASEAN sa Maynila")
_FIL_STOPS = re.compile(
    r"\s*[,;.!?\n“”\"—–:]|\s*\((?![A-Z][A-Za-z0-9+\-]{1,12}\))|\s(?:ang|ay|na ginanap|na idinaos|na gaganapin|noong|nitong|kahapon|"
    r"ngayong|upang|para sa|dahil|kung saan|kasabay|mula|hanggang|dito|doon|kung)\s"
    r"|(?<!hinggil)(?<!tungkol)\ssa\s(?=[A-Z])"
)


def filipino_title(text: str, start: int, head_end: int, limit: int) -> Span:
    """A Tagalog head word and the words after it, up to the clause ("porum ng Tsina at
    ASEAN hinggil sa kooperasyon sa kapaligiran, binuksan ..."); the head alone when an
    article or verb follows at once ("sa pulong ang ...": the meeting, no name)."""
    stop = _FIL_STOPS.search(text, head_end, limit)
    end = stop.start() if stop else limit
    words = text[start:end].split()
    if len(words) > 25:
        end = start + len(" ".join(words[:25]))
    return _trim(text, start, end)


_LATIN_RUN = re.compile(r"[“\"]?[A-Z][A-Za-z0-9 \-–—&,’'()/.+:]*")


def _embedded_latin_title(text: str, head_end: int, limit: int) -> Span | None:
    """An English title written right after a head word of a script without spaces
    ("การประชุม ASEAN - China ... Week 2022 เมื่อ..."), without the head word."""
    latin = re.match(r"\s*(?=[A-Z“\"])", text[head_end:limit])
    if latin:
        run = _LATIN_RUN.match(text, head_end + latin.end(), limit)
        if run:
            return _trim(text, run.start(), run.end())
    return None


def thai_title(
    text: str,
    start: int,
    head_end: int,
    limit: int,
    is_boundary: Callable[[int], bool] | None = None,
) -> Span:
    """A Thai head word and the Thai name after it, or the English title embedded after it.

    An embedded title runs to the next Thai letter ("การประชุม ASEAN - China ... Week 2022
    เมื่อวันที่ ..."); it is returned without the Thai head word. A Thai name runs to the
    first space, carrying on over a following "ครั้งที่ N" or Latin acronym.
    """
    embedded = _embedded_latin_title(text, head_end, limit)
    if embedded is not None:
        return embedded
    end = head_end
    while end < limit and not text[end].isspace() and text[end] not in '(“"':
        end += 1
        if end < limit and text[end] == " ":
            # "อาเซียน – จีน", "อาเซียน - เกาหลี": a dash between spaces joins a name's parts
            joined = re.match(r" [–-] (?=[\u0e01-\u0e4e])| (?=ด้าน|ว่าด้วย|เรื่อง)", text[end : end + 8])
            if joined:
                end += joined.end()
    tail = re.match(r"\s*(?:ครั้งที่\s*\d{1,3}|\(?[A-Z]{2,}[\dA-Z\-]*\)?)", text[end:limit])
    if tail:
        end += tail.end()
    stop = _TH_STOPS.search(text, head_end, end)
    if stop:
        end = stop.start()
    # a clause word ends the name where it is a word of its own (ICU), not inside a compound
    # ("ระหว่างรัฐบาล", intergovernmental, is not "ระหว่าง", between)
    for clause in _TH_CLAUSE.finditer(text, head_end, end):
        if is_boundary is None or (is_boundary(clause.start()) and is_boundary(clause.end())):
            end = clause.start()
            break
    return _trim(text, start, end)


# Words that end a name in Khmer and Lao as _TH_STOPS and _TH_CLAUSE do in Thai: "at",
# "on (a date)", "by", "which", "in order to", "has", "will", "between", "from".
_UNSPACED_STOPS = {
    "km": re.compile(
        r"(?:\s+(?:នៅ|នា|កាលពី|ដោយ|ដែល|បាន|នឹង|ចាប់ពី|ពី|តាម|ក្នុង|និង|ដើម្បី|រវាង)|[\n(“\"«។៖,])"
    ),
    "lo": re.compile(r"(?:\s+(?:ທີ່|ໃນ|ຢູ່|ໂດຍ|ຊຶ່ງ|ເຊິ່ງ|ເພື່ອ|ແລະ|ໄດ້|ຈະ|ລະຫວ່າງ|ແຕ່|ນະ|ຂຶ້ນ)|[\n(“\",])"),
}
_UNSPACED_CLAUSE = {
    "km": re.compile(r"(?:បាន|នឹង|នៅថ្ងៃ|នៅ|ដែល|ដោយ|កាលពី|ចាប់ពី|រវាង|នេះ|នោះ)"),
    "lo": re.compile(r"(?:ໄດ້|ຈະ|ຢູ່|ໂດຍ|ຊຶ່ງ|ເຊິ່ງ|ເພື່ອ|ລະຫວ່າງ|ໃນວັນທີ|ວັນທີ|ນີ້|ດັ່ງກ່າວ|ຂຶ້ນ)"),
}
# What ends a name read leftwards from its head word (Chinese "...会议", Burmese
# "...အစည်းအဝေး"): punctuation, and the verbs and particles a clause puts before a name.
_CEREMONIES = frozenset({"仪式", "儀式"})
_LEFT_STOPS = {
    "zh": re.compile(
        r"[，,。、；;：:！？!?“”\"「」『』（）()\s]|出席|参加|參加|举行|舉行|召开|召開|通过|通過|签署|簽署"
        r"|发布|發布|启动|啟動|主持|举办|舉辦|在|于|於|是|为|為|将|將|并|並|由|(?<=\d)[日号]|的|了"
        r"|期间|期間|简称|簡稱|以下|借此|搭建|打造|建立|推动|推動|加强|加強|开展|開展|实施|實施|落实|落實|执行|執行"
    ),
    "my": re.compile(
        r"[၊။()“”\"\n]|တွင်|၌|မှာ|သည်|ကို|နှင့်|အား|ကျင်းပ|တက်ရောက်|ပြုလုပ်|ရက်(?:နေ့)?"
        r"|ပြီး|သည့်|သော|၍|လျက်|MoU"
    ),
}


def unspaced_title(
    text: str,
    start: int,
    head_end: int,
    limit: int,
    language: str,
    is_boundary: Callable[[int], bool] | None = None,
) -> Span:
    """A Khmer or Lao head word and the name after it (as thai_title), carrying on over the
    ordinal that follows it ("... លើកទី33") or over the words after an ordinal written
    straight after the head word ("កិច្ចប្រជុំលើកទី15 រដ្ឋមន្ត្រីបរិស្ថានអាស៊ាន")."""
    embedded = _embedded_latin_title(text, head_end, limit)
    if embedded is not None:
        return embedded
    ordinal = "|".join(
        re.sub(r"\(\?P<\w+>", "(?:", f"(?:{pattern})")
        for pattern in language_profile(language).ordinal_patterns
    )

    def run_end(position: int) -> int:
        while position < limit and not text[position].isspace() and text[position] not in '(“"«':
            position += 1
        return position

    end = run_end(head_end)
    if ordinal and re.search(rf"(?:{ordinal})$", text[head_end:end]):
        following_run = re.match(r"\s+(?=\S)", text[end:limit])
        if following_run:
            end = run_end(end + following_run.end())
    tail = (
        re.match(rf"\s*(?:{ordinal}|\(?[A-Z]{{2,}}[\dA-Z\-]*\)?)", text[end:limit])
        if ordinal
        else None
    )
    if tail:
        end += tail.end()
    stops = _UNSPACED_STOPS.get(language)
    stop = stops.search(text, head_end, end) if stops else None
    if stop:
        end = stop.start()
    clause_words = _UNSPACED_CLAUSE.get(language)
    for clause in clause_words.finditer(text, head_end, end) if clause_words else ():
        if is_boundary is None or (is_boundary(clause.start()) and is_boundary(clause.end())):
            end = clause.start()
            break
    if ordinal and not re.search(ordinal, text[start:end]):
        # a name written in phrases ("ກອງປະຊຸມ... ວ່າດ້ວຍ... ແລະ ... (APPCED) ຄັ້ງທີ 20"): on
        # to its ordinal when one closes it before a clause word or a full stop does
        later = re.compile(rf"[^\n.។៖:;,()]{{0,100}}?(?:\([^()\n]{{1,20}}\)\s*)?(?:{ordinal})")
        reach = later.match(text, end, limit)
        if reach and not (clause_words and clause_words.search(text, end, reach.end())):
            end = reach.end()
    return _trim(text, start, end)


def head_final_title(
    text: str,
    start: int,
    end: int,
    left_limit: int,
    language: str,
    is_boundary: Callable[[int], bool] | None = None,
) -> Span:
    """A name that ends with its head word, read leftwards: "第十七届东盟环境部长会议",
    "《东盟跨境烟霾污染协定》" (a title in book quotes is taken whole), "... အစည်းအဝေး"."""
    opening = text.rfind("《", left_limit, start)
    if opening >= 0 and "》" not in text[opening:start]:
        closing = text.find("》", end)
        if closing >= 0:
            return _trim(text, opening + 1, closing)
    stops = _LEFT_STOPS.get(language)
    begin = max(left_limit, start - 80)
    if start and text[start - 1] in '”」』"':
        # 第18届“东盟次区域…指导委员会”会议: the quoted body belongs to the name
        opening = max(text.rfind(mark, begin, start - 1) for mark in '“「『"')
        if opening >= 0:
            start = opening
    if stops is not None:
        for stop in stops.finditer(text, begin, start):
            if stop.end() == start and text[start:end] in _CEREMONIES and stop.group().isalpha():
                break  # "启动仪式", "签署仪式": the verb names the ceremony
            begin = stop.end()
    if is_boundary is not None:  # (never inside a word: a stop may end inside one)
        while begin < start and not is_boundary(begin):
            begin += 1
    # an ordinal or a Latin acronym written right after the head word belongs to the name
    tail = re.match(
        r"\s*(?:\(?\d{1,3}\)?\s*ကြိမ်မြောက်|\(?[A-Z]{2,}[\dA-Z\-]*\)?)", text[end : end + 24]
    )
    if tail and language == "my":
        end += tail.end()
    return _trim(text, begin, end)


def _trim(text: str, start: int, end: int) -> Span:
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    while start < end and text[start] in _TRIM + "-–—":  # (no name starts with a dash)
        start += 1
    return start, end


def head_words(
    language: str, field: str, *, capitals: bool = False
) -> tuple[re.Pattern, dict[str, str]]:
    """The head words of a kind of name in a language and in English (a profile's ``field``,
    phrase -> kind), as one pattern (whole words where words have spaces between them);
    with ``capitals``, English phrases written in capitals too ("MEMORANDUM OF ...")."""
    words = dict(getattr(language_profile(language), field))
    if language != "en":
        for word, kind in getattr(language_profile("en"), field).items():
            words.setdefault(word, kind)
    if capitals:
        for word, kind in list(words.items()):
            if word.isascii() and " " in word:
                words.setdefault(word.upper(), kind)
    return words_pattern(words, unspaced=language_profile(language).unspaced), words


# An English head word in a Vietnamese text ("... tại 21st Meeting of the ..."): its name is
# an English title, read as English
_ENGLISH_HEAD = re.compile(
    r"Meeting|Meetings|Conference|Summit|Workshop|Week|Ceremony|Session|Symposium|Roundtable|Consultation"
)


def title(
    text: str,
    language: str,
    head: Span,
    limit: Span,
    barriers: list[Span] | tuple = (),
    is_boundary: Callable[[int], bool] | None = None,
) -> Span:
    """The span of the name whose head word is ``head``, within ``limit`` (its sentence)."""
    start, end = head
    latin_head = text[start : start + 1].isascii()
    if language == "vi" and not _ENGLISH_HEAD.fullmatch(text[start:end]):
        return vietnamese_title(text, start, limit[1])
    if language == "fil" and text[start:end].lower() in _FILIPINO_HEADS:
        return filipino_title(text, start, end, limit[1])
    profile = language_profile(language)
    if profile.unspaced and not latin_head:
        if language == "th":
            return thai_title(text, start, end, limit[1], is_boundary)
        if profile.head_final:
            return head_final_title(text, start, end, limit[0], language, is_boundary)
        return unspaced_title(text, start, end, limit[1], language, is_boundary)
    latin_language = "en" if profile.unspaced or language not in _CONNECTORS else language
    return latin_title(text, start, end, limit, latin_language, barriers)


def balanced(text: str, name: tuple[int, int]) -> tuple[int, int]:
    """A name that ran into an opening parenthesis stops before it: "... Haze Pollution (COP-18"."""
    value = text[name[0] : name[1]]
    if value.count("(") > value.count(")"):
        cut = value.rfind("(")
        return name[0], name[0] + len(value[:cut].rstrip())
    return name
