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

import re
from dataclasses import dataclass, field
from functools import cache

from envcoop.ingestion.extractors.base import Claim, Context
from envcoop.ingestion.extractors.names import countries_in, known_names
from envcoop.ingestion.extractors.phrases import title
from envcoop.ingestion.languages import profile as language_profile

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
_SERIES_NUMBER = r"(?P<acr>[A-Z][A-Za-z+]{2,12})\s?-?\s?(?P<n>\d{1,3})(?![\d/.,])"


@dataclass
class _Meeting:
    head: tuple[int, int]
    name: tuple[int, int]
    sentence: tuple[int, int]
    dates: list[Claim] = field(default_factory=list)


@cache
def _heads(language: str) -> re.Pattern:
    profile = language_profile(language)
    words = sorted(set(profile.meeting_words), key=len, reverse=True)
    alternation = "|".join(re.escape(word) for word in words)
    if language == "th":
        return re.compile(f"(?:{alternation})")
    return re.compile(rf"(?<![\w])(?:{alternation})(?![\w])")


@cache
def _online(language: str) -> re.Pattern:
    profile = language_profile(language)
    words = sorted(
        {*profile.online_words, *language_profile("en").online_words}, key=len, reverse=True
    )
    return re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)


def extract(context: Context) -> list[Claim]:
    text, language = context.text, context.language
    profile = context.profile
    blocked = [tuple(claim.value["name_span"]) for claim in context.claims("agreement")]
    online = _online(language)
    online_spans = [m.span() for m in online.finditer(text)]
    heads: list[tuple[int, int]] = []
    for match in _heads(language).finditer(text):
        span = match.span()
        if _inside(span, blocked) or _inside(span, online_spans):
            continue
        heads.append(span)
    for match in known_names(context):
        if any(entry.kind == "series" for entry in match.entries) and not _inside(
            (match.start, match.end), blocked
        ):
            heads.append((match.start, match.end))
    meetings: list[_Meeting] = []
    for head in sorted(heads):
        if any(m.name[0] <= head[0] and head[1] <= m.name[1] for m in meetings):
            continue
        sentence = context.sentence_of(head[0])
        name = title(text, language, head, sentence)
        if name[1] <= name[0]:
            continue
        if not _looks_like_a_name(text[name[0] : name[1]], text[head[0] : head[1]], language):
            continue
        # a longer name found later that covers earlier ones replaces them
        meetings = [m for m in meetings if not (name[0] <= m.name[0] and m.name[1] <= name[1])]
        meetings.append(_Meeting(head=head, name=name, sentence=sentence))
    _assign_dates(context, meetings)
    claims = []
    seen: dict[tuple, Claim] = {}
    for meeting in meetings:
        if not meeting.dates:
            continue
        claim = _claim(context, meeting, profile)
        key = _identity(claim)
        if key in seen:
            _merge(seen[key], claim)
            continue
        seen[key] = claim
        claims.append(claim)
    return claims


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in spans)


def _looks_like_a_name(name: str, head: str, language: str) -> bool:
    """A title, not a passing "the meeting" / "pertemuan tersebut"."""
    rest = name.replace(head, "", 1).strip()
    if not rest:
        return bool(re.fullmatch(r"[A-Z][A-Za-z+]{2,12}", head))  # a bare series acronym (AMME)
    if language in ("th", "vi"):
        return len(rest) >= 4
    return bool(re.search(r"(?:^|\s)(?:[A-Z][\w’'\-]*|\d{4}|\d{1,3}(?:st|nd|rd|th))", rest))


def _assign_dates(context: Context, meetings: list[_Meeting]) -> None:
    """Each date goes to the nearest meeting named before it in its sentence (else the first after)."""
    dates = [claim for claim in context.claims("date")]
    by_sentence: dict[tuple[int, int], list[_Meeting]] = {}
    for meeting in meetings:
        by_sentence.setdefault(meeting.sentence, []).append(meeting)
    for sentence, group in by_sentence.items():
        group.sort(key=lambda m: m.name[0])
        inside = [d for d in dates if sentence[0] <= d.span[0] < sentence[1]]
        for date in inside:
            owner = None
            for meeting in group:
                if meeting.name[0] <= date.span[0]:
                    owner = meeting
            if owner is None and group[0].name[0] - date.span[1] <= 100:
                owner = group[0]  # "On 22 August, the ... Meeting"
            if owner is not None:
                owner.dates.append(date)
    # A meeting still without a date takes the next date of its paragraph, unless another
    # meeting is named in between ("... was held in Vientiane. It ran from 22 to 24 August.")
    starts = sorted(meeting.name[0] for meeting in meetings)
    for meeting in meetings:
        if meeting.dates:
            continue
        passage = context.passage_of(meeting.head[0])
        later = [d for d in dates if meeting.name[1] <= d.span[0] < passage[1]]
        if later and not any(meeting.name[1] <= start < later[0].span[0] for start in starts):
            meeting.dates.append(later[0])


def _best_date(meeting: _Meeting) -> Claim:
    """The first date outside the name (a year in the name only when nothing else is said)."""
    outside = [
        d
        for d in meeting.dates
        if not (meeting.name[0] <= d.span[0] and d.span[1] <= meeting.name[1])
    ]
    chosen = outside or meeting.dates
    precise = [d for d in chosen if len(d.value["value"]) > 4]
    return (precise or chosen)[0]


def _claim(context: Context, meeting: _Meeting, profile) -> Claim:
    text = context.text
    name_text = text[meeting.name[0] : meeting.name[1]]
    date = _best_date(meeting)
    series, ordinal = _series_and_ordinal(context, meeting)
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
        },
        extractor=NAME,
        version=VERSION,
        confidence=0.8 if series else 0.65,
    )


def _series_and_ordinal(context: Context, meeting: _Meeting) -> tuple[str | None, int | None]:
    start, end = meeting.name
    series: str | None = None
    for match in known_names(context):
        if match.end <= start - 2 or match.start >= end + 12:
            continue
        for entry in match.entries:
            if entry.kind == "series":
                series = series or entry.key
            elif entry.kind == "organisation" and series is None and _is_series_key(entry.key):
                series = entry.key
    name = context.text[start:end]
    if series is None:
        series = _series_by_pattern(context, meeting)
    after = context.text[end : end + 24]
    ordinal = None
    for pattern in context.profile.ordinal_patterns + language_profile("en").ordinal_patterns[:1]:
        found = re.search(pattern, name) or re.match(r"\s*\(?\s*" + pattern, after)
        if found and found.groupdict().get("n"):
            ordinal = int(found.group("n"))
            break
    if ordinal is None:
        word = re.search(r"\b(" + "|".join(_ORDINAL_WORDS) + r")\b", name, re.IGNORECASE)
        if word:
            ordinal = _ORDINAL_WORDS[word.group(1).lower()]
    if ordinal is None:
        found = re.search(_SERIES_NUMBER, name + after[:16])
        if found and (
            series is None or found.group("acr").upper().startswith(series.split("-")[0].upper())
        ):
            number = int(found.group("n"))
            if 0 < number < 200:
                ordinal = number
    return series, ordinal


_PLUS_THREE = re.compile(r"ASEAN\s*(?:\+|Plus|บวก)\s*(?:3|Three|สาม)", re.IGNORECASE)
_MINISTERS = re.compile(r"Minist|Bộ trưởng|Menteri|รัฐมนตรี|EMM", re.IGNORECASE)
_SENIOR = re.compile(
    r"Senior Official|Quan chức cao cấp|quan chức cấp cao|Pejabat Senior|Pegawai Kanan|เจ้าหน้าที่อาวุโส|SOM",
    re.IGNORECASE,
)
_DIALOGUE = re.compile(r"Dialogue|Dialog|đối thoại|Đối thoại|การหารือ", re.IGNORECASE)
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
    elif _DIALOGUE.search(name):
        for code in countries_in(context, *meeting.name):
            if code in _DIALOGUE_PARTNERS:
                candidate = f"asean-{_DIALOGUE_PARTNERS[code]}-dialogue"
                break
    return candidate if candidate and _is_series_key(candidate) else None


@cache
def _series_keys() -> frozenset[str]:
    from envcoop.ingestion.gazetteer import gazetteer

    return frozenset(entry.key for entry in gazetteer().entries if entry.kind == "series")


def _is_series_key(key: str) -> bool:
    return key in _series_keys()


def _place(context: Context, meeting: _Meeting) -> tuple[str | None, str | None]:
    start, end = meeting.sentence
    text = context.text
    if _online(context.language).search(text, start, end):
        return "online", None
    places = [
        match
        for match in known_names(context)
        if start <= match.start < end and any(entry.kind == "place" for entry in match.entries)
    ]
    if places:
        place = places[0]
        entry = next(entry for entry in place.entries if entry.kind == "place")
        return text[place.start : place.end], entry.country
    words = "|".join(re.escape(word) for word in context.profile.place_words)
    if words:
        found = re.compile(
            rf"(?:^|\s)(?:{words})\s+(?P<place>[A-ZÀ-ÞĐ][\w’'\-]*(?:\s+[A-ZÀ-ÞĐ][\w’'\-]*){{0,3}})"
        ).search(text, meeting.name[1], end)
        if found:
            place_text = found.group("place")
            codes = countries_in(context, found.start("place"), min(end, found.end("place") + 40))
            return place_text, codes[0] if codes else None
    return None, None


def _host(context: Context, meeting: _Meeting, profile) -> str | None:
    start, end = meeting.sentence
    for pattern in profile.host_patterns:
        found = re.search(pattern, context.text[start:end])
        if not found:
            continue
        host_start, host_end = start + found.start("host"), start + found.end("host")
        codes = countries_in(context, host_start, host_end, overlapping=True)
        if codes:
            return codes[0]
        for organisation in context.claims("organisation"):
            overlaps = organisation.span[0] < host_end and host_start < organisation.span[1]
            if overlaps and organisation.value.get("country"):
                return organisation.value["country"]
    return None


def _identity(claim: Claim) -> tuple:
    value = claim.value
    if value["series"] and value["ordinal"]:
        return ("series", value["series"], value["ordinal"])
    return ("name", re.sub(r"\W+", " ", value["name"]).strip().lower())


def _merge(kept: Claim, other: Claim) -> None:
    for key in ("place", "country", "host", "series", "ordinal"):
        if kept.value.get(key) is None and other.value.get(key) is not None:
            kept.value[key] = other.value[key]
    if len(kept.value["start"]) < len(other.value["start"]):
        kept.value["start"], kept.value["end"] = other.value["start"], other.value["end"]
