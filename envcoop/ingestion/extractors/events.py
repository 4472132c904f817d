"""Meetings, conferences, workshops and ceremonies, with their dates, place and host.

A meeting is found by its head word ("Meeting", "Hội nghị", "การประชุม", "Pertemuan",
"Mesyuarat", ...) or by the name of a known series ("AMME", "ASOEN", "Hội nghị Bộ
trưởng Môi trường ASEAN"); its name is the title around the head word. Its series
comes from the series names the registry knows (or a body that convenes one), its
ordinal from "17th", "lần thứ 17", "ครั้งที่ 17", "ke-17" or "AMME17". Each date in a
sentence belongs to the nearest meeting named before it (or the first one after it);
a meeting without a date in its sentence or paragraph is not reported. Place, country
("in Vientiane, Lao PDR", "tại Viên Chăn", "ณ กรุงปักกิ่ง", or "online") and host
("hosted by China", "X เป็นเจ้าภาพ", "tuan rumah") are read from the same sentence.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from envcoop.ingestion.extractors.base import Claim, Context, words_alike, words_pattern
from envcoop.ingestion.extractors.names import countries_in, gazetteer_of, known_names
from envcoop.ingestion.extractors.phrases import balanced, title
from envcoop.ingestion.extractors.positions import Positions, claims_at, names_at
from envcoop.ingestion.languages import profile as language_profile
from envcoop.ingestion.languages.base import ordinal_value

NAME = "events"
VERSION = "1"

_ORDINAL_WORDS = {
    word: number
    for number, word in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ],
        start=1,
    )
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60}
_ORDINAL_WORDS_RE = re.compile(
    rf"\b(?:(?P<tens>{'|'.join(_TENS)})[\s-])?(?P<unit>{'|'.join(_ORDINAL_WORDS)})\b"
    r"|\b(?P<tenth>twentieth|thirtieth|fortieth|fiftieth|sixtieth)\b",
    re.IGNORECASE,
)


def _ordinal_in_words(name: str) -> int | None:
    """ "Seventeenth" -> 17, "Twenty-Seventh" -> 27, "thirtieth" -> 30."""
    found = _ORDINAL_WORDS_RE.search(name)
    if found is None:
        return None
    if found.group("tenth"):
        return _TENS[found.group("tenth").lower()[:-4] + "y"]
    unit = _ORDINAL_WORDS[found.group("unit").lower()]
    if found.group("tens"):
        return _TENS[found.group("tens").lower()] + unit if unit < 10 else None
    return unit


_SERIES_NUMBER = r"(?P<acr>[A-Z][A-Za-z+]{2,12})\s?-?\s?(?P<n>\d{1,3})(?![\d/]|[.,]\d)"


@dataclass
class _Meeting:
    head: tuple[int, int]
    name: tuple[int, int]
    sentence: tuple[int, int]
    dates: list[Claim] = field(default_factory=list)
    # how each date came to the meeting (by id): "sentence", "listed", "paragraph",
    # "headline", "label", "pointing-back": evidence for the claim's confidence
    routes: dict[int, str] = field(default_factory=dict)

    def date(self, claim: Claim, route: str) -> None:
        self.dates.append(claim)
        self.routes.setdefault(id(claim), route)

    venue_line: tuple[int, int] | None = None
    aside: bool = False  # named in an aside about another meeting, whose date that is
    restated: tuple[int, int] | None = None  # its short name in parentheses after it


_HEAD_FIRST = frozenset({"id", "ms", "fil"})


@cache
def _english_heads() -> frozenset[str]:
    words = language_profile("en").meeting_words
    return frozenset(words) | frozenset(w.upper() for w in words)


@cache
def _heads(language: str) -> re.Pattern:
    profile = language_profile(language)
    words = set(profile.meeting_words)
    if language != "en" and not profile.unspaced:
        # English names inside other Latin-script languages: "... dalam 21st Meeting of the
        # ... di Brunei" (in Thai or Chinese an English name in parentheses restates the
        # name before it: the gazetteer's series names serve there)
        words |= {w for w in language_profile("en").meeting_words if w[:1].isupper()}
    if not profile.unspaced:
        words |= {word.upper() for word in words}  # titles of minutes in capitals
    return words_pattern(words, unspaced=profile.unspaced)


@cache
def _online(language: str) -> re.Pattern:
    profile = language_profile(language)
    words = sorted(
        {*profile.online_words, *language_profile("en").online_words}, key=len, reverse=True
    )
    return re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)


@cache
def _online_lowered(language: str) -> re.Pattern:
    """_online in lower case without the case-insensitive flag, which stops the engine from
    skipping ahead to the letters the words start with."""
    profile = language_profile(language)
    words = sorted(
        {w.lower() for w in (*profile.online_words, *language_profile("en").online_words)},
        key=len,
        reverse=True,
    )
    return re.compile("|".join(re.escape(word) for word in words))


def extract(context: Context) -> list[Claim]:
    text, language = context.text, context.language
    profile = context.profile
    online_spans = _online_spans(context)
    heads: list[tuple[int, int]] = []
    series_names: set[tuple[int, int]] = set()  # a series' full name is a name on its own
    for match in _heads(language).finditer(text):
        if not _inside(match.span(), online_spans):
            heads.append(match.span())
    for match in _NUMBERED_MEETING.finditer(text):  # "the 12th meeting of the ASEAN ..."
        if match.group("head"):
            heads.append(match.span("head"))
        else:  # (a numbered title before it: a name, though its head word is lower case)
            heads.append(match.span("head2"))
            series_names.add(match.span("head2"))
    # COP28, INC-5, CMA5: meetings by their number; not when named inside an agreement's name
    # ("Joint Statement ... to COP28": the addressee, which that sentence does not date)
    agreement_names = sorted(
        tuple(c.value["name_span"])
        for c in (*context.claims("agreement"), *context.claims("mention"))
        if c.kind == "agreement" or c.value.get("kind") == "agreement"
    )
    for match in _TREATY_MEETING.finditer(text):
        if not _restates(text, *match.span()) and not _inside(match.span(), agreement_names):
            heads.append(match.span())
    for match in known_names(context):
        series = [entry for entry in match.entries if entry.kind == "series"]
        # A bare acronym names a body ("ASOEN and its working groups") unless it is numbered
        # ("AMME17", "AWGCW-15", "the 17th AMME", "ASOEN ke-24").
        if series and (
            not all(e.acronym for e in series) or _numbered(text, match.start, match.end)
        ):
            ordinal_before = _ORDINAL_BEFORE.search(text, max(0, match.start - 8), match.start)
            start = ordinal_before.start() if ordinal_before else match.start  # "34th ASOEN"
            heads.append((start, match.end))
            series_names.add((start, match.end))  # a numbered series acronym names a meeting
    date_spans = [claim.span for claim in context.claims("date")]
    meetings: list[_Meeting] = []
    generic: list[tuple[int, int]] = []
    for head in sorted(heads):
        # heads come in text order: only the latest meetings can cover this one
        if any(m.name[0] <= head[0] and head[1] <= m.name[1] for m in meetings[-3:]):
            continue
        sentence = context.sentence_of(head[0])
        name = title(text, language, head, sentence, date_spans, context.boundaries.is_boundary)
        if language in _HEAD_FIRST and text[head[0] : head[1]] not in _english_heads():
            # "Pertemuan Pejabat Senior ...", "Mesyuarat ...": a native name opens with its
            # head word; capitals before it are a headline's ("Indonesia Sukses Jadi Tuan
            # Rumah Pertemuan ...")
            name = (min(max(name[0], head[0]), name[1]), name[1])
        if name[1] <= name[0]:
            continue
        if head not in series_names and not _looks_like_a_name(text, name, head, language, profile):
            generic.append(head)  # "the meeting", "pertemuan tersebut": may point back
            continue
        name = _with_edition_year(context, name)
        name = _with_ordinal_after_acronym(context, name)
        document_word = _DOCUMENT_WORDS.match(text, name[0], head[0])
        if document_word:  # "Minutes of the ...", "MINIT ...": the record, not the meeting
            name = (document_word.end(), name[1])
        # a longer name found later that covers earlier ones replaces them (the earlier ones
        # are the last in the list: names start in text order)
        while meetings and name[0] <= meetings[-1].name[0] and meetings[-1].name[1] <= name[1]:
            meetings.pop()
        meetings.append(_Meeting(head=head, name=name, sentence=sentence))
    meetings = _restatements_folded(text, meetings)
    _assign_dates(context, meetings)
    _labelled_lines(context, meetings)
    generic += [m.span("head") for m in _THE_MEETING.finditer(text)]  # "At the meeting on ..."
    generic.sort()
    _pointing_back(context, meetings, generic)
    kept = _Kept()
    undated: list[_Meeting] = []
    for meeting in meetings:
        if not meeting.dates:
            undated.append(meeting)
            continue
        claim = _claim(context, meeting, profile)
        same = kept.same_as(claim)
        if same is not None:
            _merge(same, claim)
            continue
        kept.add(claim)
    events = _numbered_or_alone(kept.claims)
    return events + _mentions(context, undated, events)


# "X (hereinafter Y)", "X (gọi tắt là Y)", "X (selanjutnya disebut Y)", "X（以下简称Y）"
_RESTATES = re.compile(
    r"\s*[(（]\s*(?:hereinafter(?: referred to as| called)?|the|gọi tắt là|sau đây gọi (?:tắt )?là|"
    r"viết tắt là|selanjutnya disebut|selepas ini dirujuk sebagai|atau|以下简称|以下簡稱|简称|簡稱|"
    r"ต่อไปนี้เรียกว่า|หรือ)?\s*[\"“]?\s*"
)


def _restatements_folded(text: str, meetings: list[_Meeting]) -> list[_Meeting]:
    """A meeting named again in parentheses right after its name is that meeting: the short
    name is kept on the long one (its series and number), not as a meeting of its own."""
    kept: list[_Meeting] = []
    for meeting in meetings:
        previous = kept[-1] if kept else None
        if (
            previous is not None
            and previous.sentence == meeting.sentence
            and _RESTATES.fullmatch(text, previous.name[1], meeting.name[0])
            and re.match(r"\s*[\"”]?\s*[)）]", text[meeting.name[1] : meeting.name[1] + 4])
        ):
            previous.restated = meeting.name
            continue
        kept.append(meeting)
    return kept


def _numbered_or_alone(claims: list[Claim]) -> list[Claim]:
    """ "ASOEN this year" beside "the 33rd ASOEN" in one document is that meeting: an
    unnumbered meeting of a series merges into the only numbered one of the same series."""
    numbered: dict[str, list[Claim]] = {}
    for claim in claims:
        if claim.value["series"] and claim.value["ordinal"] is not None:
            numbered.setdefault(claim.value["series"], []).append(claim)
    kept = []
    for claim in claims:
        same = numbered.get(claim.value["series"] or "", [])
        # (when its date fits: "2022" fits 2022-10-05; another date is another meeting)
        if (
            claim.value["ordinal"] is None
            and len(same) == 1
            and same[0].value["start"].startswith(claim.value["start"])
        ):
            _merge(same[0], claim)
            continue
        kept.append(claim)
    return kept


def _mentions(context: Context, meetings: list[_Meeting], events: list[Claim]) -> list[Claim]:
    """Meetings named with their series or number but no date ("the 31st ASOEN"): mentions,
    which link a document to a record and never make one. A meeting also named with its
    date in the document is that event, not a mention."""
    dated = {(c.value["series"], c.value["ordinal"]) for c in events if c.value["series"]}
    names = {_key(c.value["name"]) for c in events}
    numbered = [(c.value["ordinal"], c.value["name"]) for c in events]
    mentions: list[Claim] = []
    seen: set[tuple] = set()
    for meeting in meetings:
        series, ordinal = _series_and_ordinal(context, meeting)
        if series is None and ordinal is None:
            continue
        meeting.name = balanced(context.text, meeting.name)  # "... (AMME-18" -> "..."
        name = context.text[meeting.name[0] : meeting.name[1]]
        key = (series, ordinal) if series else ("name", _key(name))
        same_event = any(  # the dated event of the same number, named alike
            number == ordinal and words_alike(name, other) for number, other in numbered
        )
        if key in seen or (series and (series, ordinal) in dated) or _key(name) in names:
            continue
        if same_event:
            continue
        seen.add(key)
        mentions.append(
            Claim(
                kind="mention",
                span=meeting.name,
                text=name,
                value={
                    "kind": "event",
                    "name": name,
                    "name_span": list(meeting.name),
                    "series": series,
                    "ordinal": ordinal,
                },
                extractor=NAME,
                version=VERSION,
                confidence=0.75 if series and ordinal else 0.55,
            )
        )
    return mentions


class _Kept:
    """The events kept so far, found again by series, name or numbered acronym (not by
    comparing every pair: a long document names hundreds of meetings)."""

    def __init__(self) -> None:
        self.claims: list[Claim] = []
        self.by_key: dict[tuple, list[int]] = {}

    @staticmethod
    def _keys(claim: Claim) -> list[tuple]:
        value = claim.value
        keys: list[tuple] = [("name", _key(value["name"]))]
        if value["series"]:
            keys.append(("series", value["series"]))
        keys += [("numbered", _key(found)) for found in _TREATY_MEETING.findall(value["name"])]
        if value["ordinal"] is not None and len(value["start"]) >= 7:
            keys.append(("number-and-start", value["ordinal"], value["start"]))
        return keys

    def same_as(self, claim: Claim) -> Claim | None:
        candidates = sorted({i for key in self._keys(claim) for i in self.by_key.get(key, [])})
        return next(
            (self.claims[i] for i in candidates if _same_event(self.claims[i], claim)), None
        )

    def add(self, claim: Claim) -> None:
        self.claims.append(claim)
        for key in self._keys(claim):
            self.by_key.setdefault(key, []).append(len(self.claims) - 1)


@cache
def _ordinal_after_acronym(language: str) -> re.Pattern | None:
    patterns = language_profile(language).ordinal_patterns
    if not patterns or language_profile(language).unspaced:
        return None
    ordinal = "|".join(f"(?:{re.sub(r'[(][?]P<n>', '(?:', p)})" for p in patterns)
    return re.compile(rf"\s*\([A-Z][A-Za-z0-9\-]{{1,15}}\)\s*(?:kali\s+)?(?:{ordinal})")


def _with_ordinal_after_acronym(context: Context, name: tuple[int, int]) -> tuple[int, int]:
    """ "Mesyuarat Jawatankuasa ... (MSC) kali ke-17": the number after the acronym is the
    meeting's, and part of its name."""
    pattern = _ordinal_after_acronym(context.language)
    if pattern is None:
        return name
    found = pattern.match(context.text, name[1])
    return (name[0], found.end()) if found else name


def _with_edition_year(context: Context, name: tuple[int, int]) -> tuple[int, int]:
    """A year written right after the name is its edition ("Forum ... ASEAN-China 2023", "Week
    2022"), part of the name and not when the event met."""
    dates = claims_at(context, "date")
    index = dates.first_from(name[1])
    for claim in dates.items[index : index + 2]:
        gap = context.text[name[1] : claim.span[0]]
        if (
            len(gap) <= 1
            and gap.strip() == ""
            and "\n" not in gap
            and len(claim.value["value"]) == 4
            and len(claim.value.get("end") or "0000") == 4
            and re.fullmatch(r"\d{4}(?:\s*[-–]\s*\d{4})?", claim.text)
        ):
            name = (name[0], claim.span[1])
            break
    # "the 2025 China-ASEAN Environmental Cooperation Week": a year right before the name too
    index = dates.first_from(max(0, name[0] - 6))
    for claim in dates.items[index : index + 2]:
        gap = context.text[claim.span[1] : name[0]]
        if (
            claim.span[1] <= name[0]
            and len(gap) <= 1
            and gap.strip() == ""
            and re.fullmatch(r"\d{4}", claim.text)
        ):
            return claim.span[0], name[1]
    return name


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """Whether ``span`` lies within one of ``spans`` (sorted, not overlapping)."""
    index = bisect.bisect_right(spans, (span[0], float("inf"))) - 1
    return index >= 0 and spans[index][0] <= span[0] and span[1] <= spans[index][1]


def _online_spans(context: Context) -> list[tuple[int, int]]:
    """Where the document says a meeting was held online (found once per document)."""
    if "event-online" not in context.memo:
        lowered = context.text.lower()
        if len(lowered) == len(context.text):  # (true but for a few letters such as "İ")
            found = _online_lowered(context.language).finditer(lowered)
        else:
            found = _online(context.language).finditer(context.text)
        context.memo["event-online"] = [match.span() for match in found]
    return context.memo["event-online"]


_WEEKDAY_WORDS = re.compile(r"^(?:Thứ|Chủ)\b|^(?:The|A|An)$")


def _looks_like_a_name(
    text: str,
    name: tuple[int, int],
    head: tuple[int, int],
    language: str,
    profile: object = None,
) -> bool:
    """A title, not a passing "the meeting" / "pertemuan tersebut" / "Meeting dates:"."""
    head_text = text[head[0] : head[1]]
    rest = (text[name[0] : head[0]] + " " + text[head[1] : name[1]]).strip()
    if _VENUE_OR_PREVIOUS.search(text[name[0] : name[1]]):
        return False  # "... Expo and Convention Centre", "the previous meeting"
    rest = re.sub(r"^(?:(?:The|the|A|An)\s+|\d+(?:\.\d+)+\s*)", "", rest)
    if re.match(r"\s*(?:dates?|venue|time)\s*:", text[head[1] : head[1] + 12], re.IGNORECASE):
        return False  # a field label in minutes: "Meeting dates: 5-6 March"
    if not rest:
        return bool(re.fullmatch(r"[A-Z][A-Z0-9+\-]{2,14}", head_text))  # a numbered series acronym
    if language == "th":
        # "การประชุมที่เกี่ยวข้อง" (the related meetings), "การประชุมระดับรัฐมนตรี" (meetings at
        # ministerial level) and "การประชุมดังกล่าว" (that meeting) describe, they do not name
        if re.match(r"(?:ที่|ใน|นี้|ดังกล่าว|ต่าง|ของ|ระดับ|เมื่อ|จะ|ได้|ซึ่ง)", text[head[1] : name[1]]):
            return bool(re.search(r"[A-Z]{3,}|ครั้งที่", rest))
        return len(rest) >= 4
    if getattr(profile, "unspaced", False):
        # "this meeting", "the related meetings", "the said meeting": they describe
        if _DESCRIBES.get(language) and _DESCRIBES[language].fullmatch(rest.strip()):
            return False
        return bool(re.search(r"[A-Z]{3,}|\d", rest)) or len(rest) >= (3 if language == "zh" else 5)
    for weekday in getattr(profile, "weekdays", {}):
        rest = re.sub(re.escape(weekday), " ", rest, flags=re.IGNORECASE)
    words = [w for w in re.findall(r"[\wÀ-ỹ’'\-]+", rest) if not _WEEKDAY_WORDS.match(w)]
    capitalised = any(w[0].isupper() for w in words) or bool(
        re.search(
            r"\d{4}|\d{1,3}(?:st|nd|rd|th)|ke-\d|lần thứ|\b(?:first|second|third|next)\b", rest
        )
    )
    plural = re.search(r"(?:các|những|nhiều)\s+$", text[max(0, head[0] - 8) : head[0]])
    if language == "vi" and plural and re.match(r"\s+[a-zà-ỹđ]", text[head[1] : head[1] + 3]):
        return False  # "các Hội nghị quan trọng ...", "những hội nghị liên quan": in general
    if head_text[0].islower():
        # a common noun ("the meeting", "phiên họp chiều thứ Tư") unless a title follows
        # it (a year alone does not make one: "hội nghị quan trọng nhất năm 2020")
        titled = any(w[0].isupper() for w in words) or bool(
            re.search(r"\d{1,3}(?:st|nd|rd|th)|ke-\d|lần thứ|\b(?:first|second|third|next)\b", rest)
        )
        return titled and name[1] > head[1]
    # Vietnamese names carry a capitalised word ("Hội nghị Bộ trưởng ...", "... ASEAN") or an
    # ordinal; "các Hội nghị liên quan" (the related meetings) is not a name.
    return capitalised


# A venue named like a meeting, and "the previous / last meeting" (minutes approve its record)
_VENUE_OR_PREVIOUS = re.compile(
    r"(?:Centre|Center|Hall|Hotel|Resort|Auditorium)$|\b(?:MINIT|MINUTES)\b.*\b(?:LALU|LEPAS|PREVIOUS)\b"
    r"|\b(?:previous|last|lalu|lepas|sebelumnya|trước|vừa qua)$|ครั้งก่อน|ครั้งที่แล้ว|上次|上一次",
    re.IGNORECASE,
)

# What a meeting word is followed (or, in Chinese and Burmese, preceded) by when it names no
# meeting: "this", "that", "the related", "the said", "(the meeting) of the day".
_DESCRIBES = {
    "km": re.compile(r"(?:នេះ|នោះ|ពាក់ព័ន្ធ|ខាងលើ|ទាំងនេះ|ទាំងនោះ|នានា|ផ្សេងៗ).{0,4}"),
    "lo": re.compile(r"(?:ນີ້|ດັ່ງກ່າວ|ປິ່ນອ້ອມ|ຕ່າງໆ|ນັ້ນ).{0,4}"),
    "my": re.compile(r".{0,2}(?:ယင်း|ထို|ဒီ|အဆိုပါ).{0,6}"),
    "zh": re.compile(r".{0,1}(?:此次|本次|这次|該|该|上述|相关|相關|此|本|有关|這次)"),
}

_DOCUMENT_WORDS = re.compile(
    r"(?:minutes|minit|summary record|record|report|notulen|laporan|biên bản)(?:\s+(?:of|dari|mengenai)(?:\s+the)?)?\s+",
    re.IGNORECASE,
)


def _restates(text: str, start: int, end: int) -> bool:
    """ "(COP-18 AATHP)" after the meeting's full name: its acronym, not another meeting."""
    return text[max(0, start - 1) : start] == "(" and bool(re.match(r"[^()\n]{0,12}\)", text[end:]))


_TREATY_MEETING = re.compile(r"\b(?:COP|CMA|CMP|MOP|INC|SBSTA|SBI)\s?-?\d{1,2}(?:\.\d)?\b")
_ORDINAL_BEFORE = re.compile(r"\d{1,3}(?:st|nd|rd|th)\s+$")


# "the meeting", "this meeting" in English: it points back to the meeting named before
_THE_MEETING = re.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?P<head>meeting)\b(?!\s+of\b)")
# A lower-case "meeting" after its number is a name's head: "the 12th meeting of the ..."
_NUMBERED_MEETING = re.compile(
    r"\b(?:\d{1,3}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
    r"tenth)\s+(?P<head>meeting)\s+of\b"
    # "the 27th ASEAN Centre for Biodiversity (ACB) Governing Board (GB) meeting": a title in
    # capitals, numbered, before a lower-case head word
    r"|\b\d{1,3}(?:st|nd|rd|th)\s+(?:(?:[A-Z][\w\-’']*|\([A-Z][A-Za-z]{1,10}\)|of|the|for|on|and|&)\s+){1,14}"
    r"(?P<head2>meeting|session|workshop|forum|conference)\b(?!\s+of\b)"
)


def _numbered(text: str, start: int, end: int) -> bool:
    """A series acronym with its number: "AMME17", "AWGCW-15", "17th AMME", "ASOEN ke-24"."""
    after = text[end : end + 12]
    before = text[max(0, start - 16) : start]
    return bool(
        re.match(r"\s?-?\s?\d{1,3}(?![\d/.,])|\s*(?:[Kk]e-?\s?\d|lần thứ|ครั้งที่)", after)
        or re.search(r"\d{1,3}(?:st|nd|rd|th)\s+$|ke-?\d{1,3}\s+$", before)
    )


def _assign_dates(context: Context, meetings: list[_Meeting]) -> None:
    """Each date goes to the nearest meeting named before it in its sentence (else the first after)."""
    language_window = 200 if context.profile.unspaced else None
    dates = [claim for claim in context.claims("date") if _may_date_a_meeting(context, claim)]
    by_sentence: dict[tuple[int, int], list[_Meeting]] = {}
    for meeting in meetings:
        by_sentence.setdefault(meeting.sentence, []).append(meeting)
    usable = Positions(dates, lambda claim: claim.span)
    for sentence, group in by_sentence.items():
        group.sort(key=lambda m: m.name[0])
        for date in usable.starting(*sentence):
            owner = None
            for meeting in group:
                if meeting.name[0] <= date.span[0]:
                    if owner is not None and _aside(context.text, meeting, date):
                        meeting.aside = True  # "X, part of the 30th ASOEN, took place on ...":
                        continue  # X's date, not the 30th ASOEN's
                    owner = meeting
            # a date opening the sentence belongs to the first meeting named after it (Thai
            # passages are not cut into sentences: there, only a date close before the name)
            close = language_window is None or group[0].name[0] - date.span[1] <= language_window
            if owner is None and close:
                # "On 22 August, the ... Meeting and the ... Dialogue were held": the first
                # meeting after the date, and those listed with it
                listed = _listed_with(context.text, group)
                for meeting in listed:
                    meeting.date(date, "listed" if len(listed) > 1 else "sentence")
                continue
            if owner is not None:
                owner.date(date, "sentence")
    # A meeting still without a date takes the next date of its paragraph, unless another
    # meeting is named in between ("... was held in Vientiane. It ran from 22 to 24 August.")
    starts = sorted(meeting.name[0] for meeting in meetings)
    passages = context.segments.passages
    for meeting in meetings:
        if meeting.aside or any(not _in_name(meeting, d) for d in meeting.dates):
            continue  # (a year inside the name is its edition: look on for when it met)
        passage = context.passage_of(meeting.head[0])
        route = "paragraph"
        if (
            passages
            and passage == passages[0]
            and len(passages) > 1
            and not _named_again(context.text, meeting, meetings)
        ):
            # a headline names the meeting; the lede under it says when (unless the body
            # names the same meeting again, with its own date); a line holding only the
            # dateline between them is passed over
            lede = passages[1]
            if (
                context.dateline_span is not None
                and lede[0] <= context.dateline_span[0] < lede[1]
                and lede[1] - lede[0] <= 40
                and len(passages) > 2
            ):
                lede = passages[2]
            # (unless the lede names another meeting: the same one named again is fine)
            others = [
                m
                for m in meetings
                if lede[0] <= m.name[0] < lede[1] and not _alike(context.text, m, meeting)
            ]
            if not others:
                passage, route = (passage[0], lede[1]), "headline"
        index = usable.first_from(meeting.name[1])
        later = usable.items[index] if index < len(usable.items) else None
        if later is None or later.span[0] >= passage[1]:
            continue
        between = bisect.bisect_left(starts, meeting.name[1])
        if between == len(starts) or starts[between] >= later.span[0]:
            meeting.date(later, route)
    _paragraph_opening_dates(context, meetings, usable)
    _held_alongside(context, meetings)


def _paragraph_opening_dates(
    context: Context, meetings: list[_Meeting], usable: Positions[Claim]
) -> None:
    """A paragraph that opens with a date ("Ngày 3-9, ... held a series of meetings ...
    These were X and Y", "วันพุธที่ 14 กรกฎาคม 2564 เวลา 09.00 น. ... เข้าร่วมการประชุม
    ... ครั้งที่ 12") dates the first meeting named in it and those listed with it, when
    neither has a date of its own and no other date comes between."""
    by_passage: dict[tuple[int, int], list[_Meeting]] = {}
    for meeting in sorted(meetings, key=lambda m: m.name[0]):
        by_passage.setdefault(context.passage_of(meeting.head[0]), []).append(meeting)
    # the document's date, when a paragraph opens with it and goes on ("วันพุธที่ 14
    # กรกฎาคม 2564 เวลา 09.00 น. ... เข้าร่วมการประชุม ...", "LANGKAWI, 4 Sept (Bernama) --
    # The ... Dialogue, held here for the first time, ...")
    # ... only when a time of day follows it: a wire story's "HANOI, 2 March 2024 -" is when
    # it was written, "วันพุธที่ 14 กรกฎาคม 2564 เวลา 09.00 น." when something happened
    dateline = [
        c
        for c in context.claims("date")
        if _is_dateline(context, c) and _TIME_AFTER.match(context.text, c.span[1])
    ]
    for passage, group in by_passage.items():
        opening = usable.starting(passage[0], passage[0] + _OPENING) or [
            d for d in dateline if passage[0] <= d.span[0] < passage[0] + _OPENING
        ]
        if not opening or len(opening[0].value["value"]) < 7:  # a day or month, not a year
            continue
        date = opening[0]
        first = group[0]
        if first.name[0] < date.span[1] or any(not _in_name(first, d) for d in first.dates):
            continue
        if usable.starting(date.span[1], first.name[0]):
            continue  # another date stands between: it is that one's, or nobody's
        if any(d is not date for d in usable.starting(*first.sentence)):
            continue  # the meeting's sentence says when ("... (17th AMME) ... on 22–24 August")
        for meeting in _listed_with(context.text, group):
            if all(_in_name(meeting, d) for d in meeting.dates):
                meeting.date(date, "paragraph-opening")


_ALONGSIDE = re.compile(
    r"\b(?:side by side with|alongside|in conjunction with|back[- ]to[- ]back with|on the sidelines? of|"
    r"in tandem with|song song với|bên lề|bersempena(?: dengan)?|sempena|bersamaan dengan|serentak dengan|"
    r"kasabay ng)\b|ควบคู่(?:กับ|ไปกับ)|同期",
    re.IGNORECASE,
)


def _held_alongside(context: Context, meetings: list[_Meeting]) -> None:
    """ "The gathering will run side by side with the 20th Meeting of ...", "bên lề Hội nghị
    ...": a meeting without a day or month of its own, in a sentence saying it is held with
    another, takes the days of the meeting named and dated last before it."""
    ordered = sorted(meetings, key=lambda m: m.name[0])
    for index, meeting in enumerate(ordered):
        if any(len(d.value["value"]) >= 7 for d in meeting.dates if not _in_name(meeting, d)):
            continue
        cue = _ALONGSIDE.search(context.text, meeting.sentence[0], meeting.name[0])
        if cue is None:
            continue
        dated = [
            m
            for m in ordered[:index]
            if any(len(d.value["value"]) >= 7 for d in m.dates if not _in_name(m, d))
        ]
        if dated and context.passage_of(dated[-1].head[0])[0] >= _previous_passage_start(
            context, meeting
        ):
            for date in dated[-1].dates:
                if len(date.value["value"]) >= 7 and not _in_name(dated[-1], date):
                    meeting.dates = [d for d in meeting.dates if _in_name(meeting, d)]
                    meeting.date(date, "alongside")
                    break


def _previous_passage_start(context: Context, meeting: _Meeting) -> int:
    passages = context.segments.passages
    here = context.passage_of(meeting.head[0])
    earlier = [p for p in passages if p[1] <= here[0]]
    return earlier[-1][0] if earlier else here[0]


# How far into its paragraph a date may stand and still open it ("On Wednesday 3 September
# 2025, ...", "วันพุธที่ 14 กรกฎาคม 2564"; a dateline "HANOI, 4 Sept (VNA) -" before it)
_OPENING = 48
_TIME_AFTER = re.compile(
    r"[\s,]{0,3}(?:(?:at|lúc|pukul|jam|เวลา|ម៉ោង|ເວລາ|နံနက်|ညနေ|上午|下午|晚上)\s*)?\d{1,2}[.:h]\d{2}"
    r"|[\s,]{0,3}(?:เวลา|ម៉ោង|ເວລາ|上午|下午)",
    re.IGNORECASE,
)


# A meeting named in an aside about another: "X, part of the 30th ASOEN, took place ...",
# "X, bagian dari ..., berlangsung ...", "X, trong khuôn khổ ..., diễn ra ..."
_ASIDE = re.compile(
    r",\s*(?:(?:as\s+)?(?:a\s+|one\s+)?(?:part|side event|segment)\s+of|on the sidelines? of|"
    r"held (?:alongside|in conjunction with|back-to-back with)|under|within|"
    r"(?:sebagai\s+)?bagian dari|sempena|di sela(?:-sela)?|trong khuôn khổ|bên lề|bahagian daripada|"
    r"bahagi ng)\s+(?:the\s+|ng\s+)?$",
    re.IGNORECASE,
)


def _aside(text: str, meeting: _Meeting, date: Claim) -> bool:
    before = text[max(0, meeting.name[0] - 40) : meeting.name[0]]
    return bool(_ASIDE.search(before)) and "," in text[meeting.name[1] : date.span[0]]


# What stands between the names of meetings listed together: a comma or "and"
_LIST_GAP = re.compile(
    r"(?:\s*\(?[^()\n]{0,16}\))?"  # an acronym after the name: "... lần thứ 18 (AMME-18) và ..."
    r"\s*(?:,|;|:|、|，|and|và|dan|serta|at|และ|กับ|及|和|与|與|ແລະ|និង|နှင့်)?\s*"
    r"(?:including|gồm(?:\s+có)?|bao gồm|termasuk|meliputi|iaitu|ได้แก่|包括)?\s*(?:the\s+|các\s+)?",
    re.IGNORECASE,
)


def _listed_with(text: str, group: list[_Meeting]) -> list[_Meeting]:
    """The first meeting of a sentence and the ones listed right after it."""
    listed = [group[0]]
    for meeting in group[1:]:
        gap = text[listed[-1].name[1] : meeting.name[0]]
        if len(gap) > 40 or not _LIST_GAP.fullmatch(gap):
            break
        listed.append(meeting)
    return listed


def _alike(text: str, first: _Meeting, second: _Meeting) -> bool:
    return words_alike(text[first.name[0] : first.name[1]], text[second.name[0] : second.name[1]])


def _named_again(text: str, meeting: _Meeting, meetings: list[_Meeting]) -> bool:
    """Whether another meeting of the document has most of this one's words in its name
    ("Forum ASEAN-China" in a headline, "Forum Kerjasama Alam Sekitar ASEAN-China" below)."""
    return any(
        other is not meeting
        and not all(_in_name(other, d) for d in other.dates)  # (undated: the headline may)
        and _alike(text, meeting, other)
        for other in meetings
    )


def _pointing_back(
    context: Context, meetings: list[_Meeting], generic: list[tuple[int, int]]
) -> None:
    """ "The meeting, held on 3 September 2025, ...", "Pertemuan yang berlangsung pada ...
    itu": a sentence that names no meeting but says "the meeting" and gives a date dates the
    meeting named last before it, if that one has no date of its own yet."""
    if not generic or not meetings:
        return
    dates = Positions(
        [c for c in context.claims("date") if _may_date_a_meeting(context, c)],
        lambda claim: claim.span,
    )
    ordered = sorted(meetings, key=lambda m: m.name[0])
    for head in generic:
        sentence = context.sentence_of(head[0])
        # the date after "the meeting" and before any meeting the sentence names after it
        # ("At the meeting on May 24, the two sides ... the 22nd Summit in October 2021")
        named_after = [m.name[0] for m in ordered if sentence[0] <= m.name[0] < sentence[1]]
        if any(start < head[0] for start in named_after):
            continue  # (a sentence naming its meeting first dates that one)
        stop = min([start for start in named_after if start > head[0]] or [sentence[1]])
        found = [d for d in dates.starting(head[0], stop)]
        if not found:
            continue
        before = [m for m in ordered if m.name[1] <= head[0]]
        if not before:
            continue
        latest = before[-1]
        if all(_in_name(latest, d) for d in latest.dates):
            latest.date(found[0], "pointing-back")


def _may_date_a_meeting(context: Context, claim: Claim) -> bool:
    """Not the document's own date, not a span of years ("2021-2025": a plan's period), and
    not a year far beyond the document's date ("by 2050": a target)."""
    if _is_dateline(context, claim):
        return False
    if _in_a_title(context, claim):
        return False  # "Vision 2045", "Action Plan 2021-2025": a plan's years
    value, end = claim.value["value"], claim.value.get("end")
    if end and len(value) == 4 and end != value:
        return False
    if len(value) == 4 and _since_year(context.text, claim.span):
        return False  # "since 2002, China has attended every ...": when a series began
    if len(value) == 4 and _CHAIR_BEFORE.search(
        context.text[max(0, claim.span[0] - 40) : claim.span[0]]
    ):
        return False  # "Malaysia's ASEAN Chairmanship 2025": a year of office, not a meeting's
    if context.dateline is not None and len(value) == 4:
        return int(value) <= context.dateline.year + 5
    return True


_SINCE_BEFORE = re.compile(
    r"(?:\b(?:since|ever since|sejak|semenjak|kể từ|mula noong|simula noong)|ตั้งแต่|ນັບແຕ່|តាំងពី|自从|自從|自)"
    r"\s*(?:năm|tahun|ปี|ປີ|ឆ្នាំ)?\s*$",
    re.IGNORECASE,
)
_SINCE_AFTER = re.compile(r"\s*(?:年)?\s*(?:以来|以來|起|至今)")


_CHAIR_BEFORE = re.compile(
    r"(?:Chairmanship|Chairship|Chair|Presidency|Keketuaan(?: ASEAN)?(?: \w+)?|Kepengerusian(?: ASEAN)?(?: \w+)?|"
    r"Pengerusi ASEAN|Chủ tịch ASEAN(?: năm)?|Năm Chủ tịch ASEAN|ประธานอาเซียน(?:\s*(?:ปี|พ\.ศ\.))?|"
    r"Pagkapangulo(?: ng ASEAN)?|轮值主席国|輪值主席國)\s*(?:of ASEAN\s*)?(?:in\s+|năm\s+|tahun\s+)?$",
    re.IGNORECASE,
)


def _since_year(text: str, span: tuple[int, int]) -> bool:
    return bool(
        _SINCE_BEFORE.search(text[max(0, span[0] - 16) : span[0]])
        or _SINCE_AFTER.match(text, span[1])
    )


def _in_a_title(context: Context, date: Claim) -> bool:
    """Whether a date is written inside the name of a framework or an agreement."""
    if "event-titles" not in context.memo:
        context.memo["event-titles"] = sorted(
            tuple(c.value["name_span"])
            for c in (*context.claims("framework"), *context.claims("agreement"))
        )
    titles = context.memo["event-titles"]
    index = bisect.bisect_right(titles, (date.span[0], float("inf"))) - 1
    return any(
        start <= date.span[0] and date.span[1] <= end
        for start, end in titles[max(0, index - 2) : index + 1]
    )


def _in_name(meeting: _Meeting, date: Claim) -> bool:
    return meeting.name[0] <= date.span[0] and date.span[1] <= meeting.name[1]


def _is_dateline(context: Context, claim: Claim) -> bool:
    """The document's own date is when it was written, not when a meeting met (only that
    mention: the same date in a sentence may well be a meeting's)."""
    return context.dateline_span is not None and claim.span == context.dateline_span


_LABEL = re.compile(
    r"\W*(?:meeting\s+|ngày\s+|hari\s*/\s*)?(?P<label>dates?|date and venue|venue|place|thời gian|ngày|địa điểm|tanggal|"
    r"waktu|tempat|tarikh|masa|วันที่|วันเวลา|สถานที่)[^:：\n]{0,16}[:：]",
    re.IGNORECASE,
)


def _labelled_lines(context: Context, meetings: list[_Meeting]) -> None:
    """Minutes and summary records name their meeting in the title and give its date and venue
    on labelled lines ("Meeting dates: 5-6 March 2024", "Tarikh: ...", "วันที่: ...")."""
    undated = [
        m
        for m in meetings
        if all(_in_name(m, d) for d in m.dates) and m.name[0] < len(context.text) // 4 + 200
    ]
    if not undated:
        return
    meeting = undated[0]
    venue_labels = ("venue", "place", "địa điểm", "tempat", "สถานที่")
    for start, end in context.segments.passages[:12]:
        label = _LABEL.match(context.text, start, end)
        if not label:
            continue
        if label.group("label").lower() in venue_labels:
            meeting.venue_line = (label.end(), end)
            continue
        dates = claims_at(context, "date").starting(start, end)
        if dates and all(_in_name(meeting, d) for d in meeting.dates):
            meeting.date(dates[0], "label")


def _best_date(context: Context, meeting: _Meeting) -> Claim:
    """The date its own clause gives ("..., held on 6-7 May"), else the date written closest
    to the name (after it on a tie); a year inside the name only when nothing else is said."""
    outside = [d for d in meeting.dates if not _in_name(meeting, d)]
    # a date written out beats "last Sunday" (often when something happened at the meeting)
    explicit = [d for d in outside if not d.value.get("relative")]
    chosen = explicit or outside or meeting.dates
    held = _held(context.language)
    if held is not None:
        own = [
            d
            for d in chosen
            if 0 <= d.span[0] - meeting.name[1] <= _HELD_GAP
            and held.search(context.text, meeting.name[1], d.span[0])
        ]
        chosen = own or chosen

    def distance(date: Claim) -> tuple[int, int, int]:
        # a day or month beats a bare year ("in 2025 ... from 9 to 10 June 2025")
        coarse = int(len(date.value["value"]) == 4 and not date.value.get("end"))
        if date.span[0] >= meeting.name[1]:
            return coarse, date.span[0] - meeting.name[1], 0
        return coarse, max(0, meeting.name[0] - date.span[1]), 1

    return min(chosen, key=distance)


_HELD_GAP = 48  # "(AMME-20), which was held in Jakarta on ..."


@cache
def _held(language: str) -> re.Pattern | None:
    words = language_profile(language).held_words
    if not words:
        return None
    unspaced = language_profile(language).unspaced
    return words_pattern(words, unspaced=unspaced, flags=0 if unspaced else re.IGNORECASE)


def _claim(context: Context, meeting: _Meeting, profile) -> Claim:
    text = context.text
    meeting.name = balanced(text, meeting.name)  # "... ASEAN (AMME" stops before "("
    name_text = text[meeting.name[0] : meeting.name[1]]
    date = _best_date(context, meeting)
    series, ordinal = _series_and_ordinal(context, meeting)
    if meeting.restated is not None and (series is None or ordinal is None):
        # "... (gọi tắt là Hội nghị AWGCW-8)": the short name says what the long one does not
        short = _series_and_ordinal(
            context,
            _Meeting(head=meeting.restated, name=meeting.restated, sentence=meeting.sentence),
        )
        series, ordinal = series or short[0], ordinal if ordinal is not None else short[1]
    place, country = _place(context, meeting)
    host = _host(context, meeting, profile)
    span = (min(meeting.name[0], date.span[0]), max(meeting.name[1], date.span[1]))
    return Claim(
        kind="event",
        span=span,
        text=text[span[0] : span[1]],
        value={
            "name": name_text,
            "name_span": list(meeting.name),
            "series": series,
            "ordinal": ordinal,
            "start": date.value["value"],
            "end": date.value["end"],
            "place": place,
            "country": country,
            "host": host,
            "dated_by": meeting.routes.get(id(date), "sentence"),
        },
        extractor=NAME,
        version=VERSION,
        confidence=0.8 if series else 0.65,
    )


def _series_and_ordinal(context: Context, meeting: _Meeting) -> tuple[str | None, int | None]:
    start, end = meeting.name
    series: str | None = None
    for match in names_at(context).overlapping(start - 2, end + 12):
        for entry in match.entries:
            if entry.kind == "series":
                series = series or entry.key
            elif (
                entry.kind == "organisation"
                and series is None
                and _is_series_key(context, entry.key)
            ):
                series = entry.key
    name = context.text[start:end]
    if series is None:
        series = _series_by_pattern(context, meeting)
    after = context.text[end : end + 40]
    ordinal = None
    # (a day is no ordinal: "June 26th", "ngày 26")
    dates = [d.span for d in claims_at(context, "date").overlapping(start, end + 40)]

    def in_a_date(offset: int, found: re.Match) -> bool:
        at = offset + found.start("n") if "n" in found.groupdict() and found.group("n") else None
        return at is not None and any(a <= at < b for a, b in dates)

    for pattern in context.profile.ordinal_patterns + language_profile("en").ordinal_patterns[:1]:
        candidates = (
            (start, re.search(pattern, name, re.IGNORECASE)),
            (end, re.match(r"\s*(?:\([^()]{1,16}\)\s*)?\(?\s*" + pattern, after, re.IGNORECASE)),
            # a name cut at an abbreviation's full stop: "... BIL" + ". 1/2026"
            (
                end - len(name[-6:]),
                re.match(r".{0,6}?" + pattern, name[-6:] + after, re.IGNORECASE),
            ),
        )
        found = next(
            (f for offset, f in candidates if f and ordinal_value(f) and not in_a_date(offset, f)),
            None,
        )
        if found is not None:
            ordinal = ordinal_value(found)
            break
    if ordinal is None:
        ordinal = _ordinal_in_words(name)
    if ordinal is None:
        found = re.search(_SERIES_NUMBER, name + after[:16])
        if found and (
            series is None or found.group("acr").upper().startswith(series.split("-")[0].upper())
        ):
            number = int(found.group("n"))
            if 0 < number < 200:
                ordinal = number
    return series, ordinal


_PLUS_THREE = re.compile(
    r"ASEAN\s*(?:\+|Plus|บวก)\s*(?:3|Three|สาม)|ASEAN-3|中日韩|中日韓|បូក\s*(?:3|បី)|\+\s*3\b",
    re.IGNORECASE,
)
_MINISTERS = re.compile(
    r"Minist|Bộ trưởng|Menteri|รัฐมนตรี|EMM|部长|部長|រដ្ឋមន្ត្រី|ລັດຖະມົນຕີ|ဝန်ကြီး", re.IGNORECASE
)
_SENIOR = re.compile(
    r"Senior Official|Quan chức cao cấp|quan chức cấp cao|Pejabat Senior|Pegawai Kanan|เจ้าหน้าที่อาวุโส|SOM"
    r"|高官|ឧត្តមមន្ត្រី|ເຈົ້າໜ້າທີ່ອາວຸໂສ",
    re.IGNORECASE,
)
_DIALOGUE = re.compile(
    r"Dialogue|Dialog|đối thoại|Đối thoại|การหารือ|对话|對話|កិច្ចពិភាក្សា|កិច្ចប្រជុំអាស៊ាន-", re.IGNORECASE
)
# The haze bodies by what their names say in any language: a conference of the parties, or
# a ministerial steering committee (of the Mekong sub-region or not), on haze
_HAZE = re.compile(
    r"Haze|Jerebu|Asap|khói mù|หมอกควัน|烟霾|煙霾|ផ្សែងអ័ព្ទ|ໝອກຄວັນ|မီးခိုးမြူ", re.IGNORECASE
)
_PARTIES = re.compile(
    r"Conference of (?:the )?Parties|\bCOP\b|Persidangan Pihak|Konferensi Para Pihak|các Bên|รัฐภาคี"
    r"|缔约方|締約方|ភាគី|ພາຄີ",
    re.IGNORECASE,
)
_STEERING = re.compile(
    r"Steering Committee|\bMSC\b|Jawatankuasa|Komite Pengarah|chỉ đạo|คณะกรรมการ.*รัฐมนตรี|指导委员会|指導委員會",
    re.IGNORECASE,
)
_MEKONG = re.compile(r"Mekong|Mê Công|Mê-kông|แม่โขง|湄公|មេគង្គ|ແມ່ຂອງ", re.IGNORECASE)
_DIALOGUE_PARTNERS = {"JP": "japan", "KR": "korea", "EU": "eu", "US": "us", "CN": "china"}


def _series_by_pattern(context: Context, meeting: _Meeting) -> str | None:
    """Series a name implies without naming it: ASEAN Plus Three meetings, partner dialogues."""
    name = context.text[meeting.name[0] : meeting.name[1]]
    candidate = None
    if _PLUS_THREE.search(name):
        if _SENIOR.search(name):
            candidate = "asean-plus-three-som"
        elif _MINISTERS.search(name):
            candidate = "amme-plus-three"
    elif _HAZE.search(name) and _PARTIES.search(name):
        candidate = "haze-cop"
    elif _HAZE.search(name) and _STEERING.search(name):
        candidate = "haze-msc-mekong" if _MEKONG.search(name) else "haze-msc"
    elif _DIALOGUE.search(name):
        for code in countries_in(context, *meeting.name):
            if code in _DIALOGUE_PARTNERS:
                candidate = f"asean-{_DIALOGUE_PARTNERS[code]}-dialogue"
                break
    return candidate if candidate and _is_series_key(context, candidate) else None


def _is_series_key(context: Context, key: str) -> bool:
    return key in gazetteer_of(context).series_keys


def _place(context: Context, meeting: _Meeting) -> tuple[str | None, str | None]:
    start, end = meeting.venue_line or meeting.sentence
    text = context.text
    online = _online_spans(context)
    index = bisect.bisect_left(online, (start, -1))
    if index < len(online) and online[index][1] <= end:
        return "online", None
    places = [
        match
        for match in names_at(context).starting(start, end)
        if any(entry.kind == "place" for entry in match.entries)
    ]
    after_name = [match for match in places if match.start >= meeting.name[1]]
    if places:
        place = (after_name or places)[0]
        entry = next(entry for entry in place.entries if entry.kind == "place")
        return text[place.start : place.end], entry.country
    words = "|".join(re.escape(word) for word in context.profile.place_words)
    if words:
        found = re.compile(
            rf"(?:^|\s)(?:{words})\s+(?P<place>[A-ZÀ-ÞĐ][\w’'\-]*(?:\s+[A-ZÀ-ÞĐ][\w’'\-]*){{0,3}})"
        ).search(text, meeting.name[1], end)
        if found and not _is_time_word(context, found.group("place")):
            place_text = found.group("place")
            codes = countries_in(context, found.start("place"), min(end, found.end("place") + 40))
            return place_text, codes[0] if codes else None
    return None, None


@cache
def _host_cue(language: str) -> re.Pattern:
    words = language_profile(language).host_words
    return re.compile("|".join(re.escape(word) for word in words)) if words else re.compile("")


@cache
def _host_patterns(language: str) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(pattern) for pattern in language_profile(language).host_patterns)


def _is_time_word(context: Context, word: str) -> bool:
    """ "in September", "on Monday": a time, not a place."""
    first = word.split()[0].rstrip(".,").lower()
    profile = context.profile
    names = {*profile.months, *profile.weekdays, *language_profile("en").months}
    names |= set(language_profile("en").weekdays)
    return first in {name.lower() for name in names}


def _host(context: Context, meeting: _Meeting, profile) -> str | None:
    """The host named in the meeting's paragraph (the same for every meeting named there)."""
    passage = context.passage_of(meeting.head[0])
    key = ("event-host", passage)
    if key not in context.memo:
        context.memo[key] = _passage_host(context, passage)
    return context.memo[key]


def _passage_host(context: Context, passage: tuple[int, int]) -> str | None:
    start, end = passage
    if not _host_cue(context.language).search(context.text, start, end):
        return None  # no "host" word: the host patterns (slow to try everywhere) cannot match
    for pattern in _host_patterns(context.language):
        found = pattern.search(context.text[start:end])
        if not found:
            continue
        host_start, host_end = start + found.start("host"), start + found.end("host")
        codes = countries_in(context, host_start, host_end, overlapping=True)
        if codes:
            return codes[0]
        for organisation in claims_at(context, "organisation").overlapping(host_start, host_end):
            if organisation.value.get("country"):
                return organisation.value["country"]
    return None


def _same_event(kept: Claim, other: Claim) -> bool:
    """One meeting named twice: the same series and number (or one of them unnumbered and the
    same start), or the same name."""
    a, b = kept.value, other.value
    if a["series"] and a["series"] == b["series"]:
        if a["ordinal"] and b["ordinal"]:
            return a["ordinal"] == b["ordinal"]
        return a["start"][:7] == b["start"][:7] or not (a["ordinal"] or b["ordinal"])
    if _key(a["name"]) == _key(b["name"]):
        return True
    if (
        a["ordinal"] is not None
        and a["ordinal"] == b["ordinal"]
        and not (a["series"] and b["series"])
        and len(a["start"]) >= 7
        and a["start"] == b["start"]
    ):
        return True  # the same number from the same day, once named without its series
    numbered = _TREATY_MEETING.findall(a["name"])
    return (
        bool(numbered)
        and a["ordinal"] == b["ordinal"]
        and bool(set(map(_key, numbered)) & set(map(_key, _TREATY_MEETING.findall(b["name"]))))
    )


@lru_cache(maxsize=4096)
def _key(name: str) -> str:
    return re.sub(r"\W+", " ", name).strip().lower()


def _merge(kept: Claim, other: Claim) -> None:
    for key in ("place", "country", "host", "series", "ordinal"):
        if kept.value.get(key) is None and other.value.get(key) is not None:
            kept.value[key] = other.value[key]
    if len(kept.value["start"]) < len(other.value["start"]):
        kept.value["start"], kept.value["end"] = other.value["start"], other.value["end"]
