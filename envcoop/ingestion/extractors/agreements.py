"""Named agreements, MoUs, declarations, joint statements and treaties.

Found by their head words in each language ("Memorandum of Understanding", "MoU",
"บันทึกความเข้าใจ", "Bản ghi nhớ", "Nota Kesepahaman", "Memorandum Persefahaman",
"Joint Statement", "Tuyên bố chung", ...); the name is the title around the head
word. A head word used as a common noun ("reached an agreement", "kesepakatan
tersebut") is not a name. Plans, strategies and roadmaps are not agreements. The
date and parties are read from the same sentence.
"""

from __future__ import annotations

import re
from functools import cache

from envcoop.ingestion.extractors.base import (
    Claim,
    Context,
    headline_repeats_dropped,
    unique_by_name,
    words_pattern,
)
from envcoop.ingestion.extractors.names import countries_in
from envcoop.ingestion.extractors.phrases import balanced, head_words, title
from envcoop.ingestion.extractors.positions import claims_at
from envcoop.ingestion.languages import profile as language_profile

NAME = "agreements"
VERSION = "1"

_PLANS = re.compile(
    r"\b(?:Action Plan|Plan of Action|Strategy|Strategic Plan|Roadmap|Work Plan|Work Programme|Framework|"
    r"Kế hoạch|Chiến lược|Lộ trình|Khung|Rencana Aksi|Strategi|Peta Jalan|Pelan Tindakan|Pelan|Kerangka)\b"
)


@cache
def _heads(language: str) -> tuple[re.Pattern, dict[str, str]]:
    return head_words(language, "agreement_words", capitals=True)


def extract(context: Context) -> list[Claim]:
    text, language = context.text, context.language
    pattern, kinds = _heads(language)
    claims: list[Claim] = []
    for match in pattern.finditer(text):
        head = match.span()
        around = [  # (claims come in text order: only the latest can hold this head)
            c for c in claims[-3:] if c.value["name_span"][0] <= head[0] < c.value["name_span"][1]
        ]
        sentence = context.sentence_of(head[0])
        barriers = [d.span for d in claims_at(context, "date").starting(*sentence)]
        name_span = title(text, language, head, sentence, barriers, context.boundaries.is_boundary)
        name_span = _after_parties(text, name_span, head)
        if around and name_span[0] <= around[0].value["name_span"][0]:
            continue  # the same name again (a treaty named inside it is a name of its own)
        name_span = balanced(text, name_span)
        if _translates(text, name_span, claims):
            continue
        name = text[name_span[0] : name_span[1]]
        if not _is_a_name(name, match.group(), language):
            continue
        kind = (
            kinds.get(match.group())
            or kinds.get(match.group().title())
            or kinds.get(_title_case(match.group()), "other")
        )
        if re.match(r"ASEAN Agreement on Transboundary Haze Pollution", name):
            kind = "agreement"
        if _is_draft(context, name_span) or (
            kind in ("joint-statement", "declaration", "mou")
            and _yet_to_come(context, sentence, name_span)
        ):
            claims.append(_mention(context, name_span, name))
            continue
        signing = _signing(context, sentence, name_span)
        date = _date_in(context, sentence, name_span, signing)
        parties = _parties(context, sentence, name_span) if signing is not None else []
        span = (name_span[0], max(name_span[1], date.span[1] if date else name_span[1]))
        parts = _shared_head(text, name_span, match.span(), language)
        # "Công ước Basel, Rotterdam và Stockholm": one claim per name sharing the head
        named = [(part, _shared_head_name(text, part, match.group())) for part in parts]
        for part, part_name in named or [(name_span, name)]:
            claim_span = part if parts else span
            claims.append(
                Claim(
                    kind="agreement",
                    span=claim_span,
                    text=text[claim_span[0] : claim_span[1]],
                    value={
                        "name": part_name,
                        "name_span": list(part),
                        "kind": kind,
                        "date": date.value["value"] if date else None,
                        "parties": parties,
                    },
                    extractor=NAME,
                    version=VERSION,
                    confidence=0.7,
                )
            )
    return headline_repeats_dropped(context, unique_by_name(claims))


# "the Conference of the Parties to the ...", "Konferensi Para Pihak ...", "các Bên tham gia
# ...", "รัฐภาคี...": the meeting of the treaty's parties, not part of the treaty's name
_PARTIES_TO = re.compile(
    r"(?:Parties|Party)\s+to\s+(?:the\s+)?|Para\s+Pihak\s+(?:pada\s+|dalam\s+)?|Pihak-Pihak\s+"
    r"|Negara\s+Pihak\s+|các\s+Bên\s+(?:tham\s+gia\s+)?|รัฐภาคี(?:ของ)?\s*"
)


def _after_parties(text: str, name: tuple[int, int], head: tuple[int, int]) -> tuple[int, int]:
    """The name without a meeting of the parties written before the treaty's own words."""
    last = None
    for last in _PARTIES_TO.finditer(text, name[0], head[0]):  # noqa: B007 (the last one)
        pass
    return name if last is None else (last.end(), name[1])


def _translates(text: str, name: tuple[int, int], claims: list[Claim]) -> bool:
    """ "ปฏิญญาอาเซียนว่าด้วยอุทยานมรดก (ASEAN Declaration on Heritage Parks)": the name in
    parentheses right after another agreement's name is that agreement again."""
    opening = text.rfind("(", max(0, name[0] - 8), name[0] + 1)
    if opening < 0 or text[opening + 1 : name[0]].strip() not in ("", "ASEAN"):
        return False
    return any(0 <= opening - c.value["name_span"][1] <= 2 for c in claims)


def _is_a_name(name: str, head: str, language: str) -> bool:
    if _PLANS.search(name.replace(head, " ")) and not re.search(
        r"Agreement|Declaration|Statement|MoU|Memorandum|Convention|Treaty|Protocol", name[:60]
    ):
        return False
    if re.search(
        r"\bConvention\s+(?:Centre|Center|Hall)\b|Pusat Konven|Trung tâm Hội nghị|ศูนย์การประชุม",
        name,
        re.IGNORECASE,
    ):
        return False  # a venue
    rest = name.replace(head, "", 1).strip()
    if head in ("MoU", "MOU") and not rest:
        return False
    if "Chair" in head:
        return True  # "a Co-Chairs' Statement" is the statement's name
    if language in ("en", "id", "ms", "fil") or (head.isascii() and head[:1].isupper()):
        capitalised = re.findall(r"(?:^|\s)[A-Z][\w’'\-]+", rest)
        return head[0].isupper() and len(capitalised) >= 1 and len(rest.split()) >= 1
    if language == "vi":
        # "Bản ghi nhớ về hợp tác ...", "Thỏa thuận thành lập ...", "Tuyên bố chung ASEAN ...";
        # not "Bản ghi nhớ trong quý I" (the MoU, in the first quarter)
        if re.match(r"\s*(?:trong|vào|tại|này|đó|nói trên|đã|sẽ|được|với)\b", rest):
            return False
        if re.match(r"[A-ZĐ][\wÀ-ỹ-]+", rest) and head[0].isupper():
            return True  # "Công ước Minamata", "Hiệp định Paris"
        named = re.match(r"\s*(?:về|giữa|thành lập|hợp tác|[A-ZĐ“\"])", rest)
        return len(rest.split()) >= 3 and bool(named or re.search(r"[A-ZĐ]", rest))
    if _DEMONSTRATIVE.search(rest):
        return False  # "这项协议" (this agreement), "the said MoU"
    # Thai: not "บันทึกความเข้าใจกับ ..." (an MoU with ...) or "... ฉบับนี้" (this MoU)
    return len(rest) >= 6 and not re.match(r"\s*(?:กับ|ฉบับนี้|ดังกล่าว|นี้)", rest)


# "this", "that", "the said" next to a head word in the unspaced languages
_DEMONSTRATIVE = re.compile(
    r"(?:这项|這項|这份|這份|该|該|此项|此項|上述|នេះ|នោះ|ນີ້|ດັ່ງກ່າວ|ယင်း|ထို|အဆိုပါ)"
)


def _title_case(word: str) -> str:
    return " ".join(part if part.lower() in ("of", "on") else part.title() for part in word.split())


@cache
def _signing_words(language: str) -> re.Pattern | None:
    words = set(language_profile(language).signing_words)
    if language != "en":
        words |= set(language_profile("en").signing_words)
    if not words:
        return None
    return words_pattern(words, unspaced=language_profile(language).unspaced, flags=re.IGNORECASE)


def _signing(context: Context, sentence: tuple[int, int], name: tuple[int, int]) -> re.Match | None:
    """Where the sentence says the agreement was signed, adopted or entered into force."""
    pattern = _signing_words(context.language)
    if pattern is None:
        return None
    found = [
        m for m in pattern.finditer(context.text, *sentence) if not name[0] <= m.start() < name[1]
    ]
    if not found:
        return None
    return min(found, key=lambda m: min(abs(m.start() - name[1]), abs(name[0] - m.end())))


def _date_in(
    context: Context, sentence: tuple[int, int], name: tuple[int, int], signing: re.Match | None
) -> Claim | None:
    """The date of the signing, adoption or entry into force the sentence tells of; a
    sentence that tells of none gives no date (the meeting it mentions has its own)."""
    if signing is None:
        return _date_after(context, name)
    dates = claims_at(context, "date").starting(*sentence)
    outside = [
        d
        for d in dates
        if not (name[0] <= d.span[0] < name[1])
        and not (d.value.get("end") and len(d.value["value"]) == 4)
    ]
    # In the signing's own clause: any date before it ("On 19 February, A and B signed the
    # MoU ..."), and after it only one written right after the words of the signing
    # ("... signed the MoU last Friday in Nanning"), not one of the next item of a list
    # ("... adopted the X, and plans to launch Y in early 2026").
    first, last = min(signing.start(), name[0]), max(signing.end(), name[1])
    outside = [
        d
        for d in outside
        if not re.search(r"[;；]", context.text[min(d.span[1], first) : max(d.span[0], last)])
        and (d.span[1] <= first or d.span[0] - last <= 40)
    ]
    if not outside:
        return _date_after(context, name)
    return min(
        outside,
        key=lambda d: (
            len(d.value["value"]) == 4,  # a day or a month before a bare year
            min(abs(d.span[0] - signing.end()), abs(signing.start() - d.span[1])),
        ),
    )


# A date written right after a name, as its date: "..., dated 21 January 2019",
# "... เมื่อวันที่ 21 มกราคม 2562", "... ngày 5/6/2023", "... pada 3 September 2025"
_DATED = re.compile(
    r"\s*,?\s*(?:\(|dated\s+|of\s+|on\s+|เมื่อ|ลงวันที่|ngày\s+|pada\s+|tanggal\s+|bertarikh\s+)?\s*$",
    re.IGNORECASE,
)


def _date_after(context: Context, name: tuple[int, int]) -> Claim | None:
    dates = claims_at(context, "date")
    index = dates.first_from(name[1])
    if index >= len(dates.items):
        return None
    date = dates.items[index]
    gap = context.text[name[1] : date.span[0]]
    if len(gap) <= 14 and _DATED.match(gap) and (gap.strip() or len(date.value["value"]) > 4):
        return date
    return None


def _is_draft(context: Context, name: tuple[int, int]) -> bool:
    """ "the draft ASEAN Joint Statement ...", "Dự thảo Tuyên bố ...": not (yet) made."""
    words = (*context.profile.draft_words, *language_profile("en").draft_words)
    before = context.text[max(0, name[0] - 24) : name[0]].lower()
    inside = context.text[name[0] : name[1]][:16].lower()
    return any(
        before.rstrip().endswith(word.lower()) or inside.startswith(word.lower()) for word in words
    )


# Words that put what follows in the future: "will", "sẽ", "akan", "จะ", "将", "នឹង", "ຈະ"
_FUTURE = re.compile(
    r"\b(?:will|shall|to be (?:adopted|signed|presented|submitted|issued|finali[sz]ed)|sẽ|dự kiến|"
    r"akan|bakal|rancang|dijangka)\b|จะ|将|將|拟|擬|នឹង|ຈະ",
    re.IGNORECASE,
)


def _yet_to_come(context: Context, sentence: tuple[int, int], name: tuple[int, int]) -> bool:
    """ "The agenda will open with a discussion of the “ASEAN Joint Statement ...”", "... sẽ
    thông qua Tuyên bố chung ...": a statement to be made, not one that was (a mention),
    unless the sentence also tells of its signing or adoption."""
    clause_start = max(sentence[0], name[0] - 90)
    before = context.text[clause_start : name[0]]
    before = re.split(r"[;；]|,\s+(?:and|but|while|và|dan|tetapi)\s", before)[-1]
    after = context.text[name[1] : min(sentence[1], name[1] + 30)]
    future = _FUTURE.search(before) or re.match(
        r"\s*(?:\([^()]{1,20}\)\s*)?(?:will be|is to be|to be|sẽ được|akan)\b", after
    )
    if future and future.re is _FUTURE and _CARRIED_OUT.search(before, future.end()):
        return False  # "will implement the ... Declaration": it exists already
    return bool(future) and _signing(context, sentence, name) is None


# Carrying out what exists: "implement", "落实", "thực hiện", "melaksanakan", "ปฏิบัติตาม"
_CARRIED_OUT = re.compile(
    r"implement|carry out|follow up|落实|落實|实施|實施|履行|贯彻|thực hiện|triển khai|"
    r"melaksana|pelaksanaan|ปฏิบัติตาม|ดำเนินการตาม",
    re.IGNORECASE,
)


def _mention(context: Context, name_span: tuple[int, int], name: str) -> Claim:
    return Claim(
        kind="mention",
        span=name_span,
        text=name,
        value={
            "kind": "agreement",
            "name": name,
            "name_span": list(name_span),
            "series": None,
            "ordinal": None,
        },
        extractor=NAME,
        version=VERSION,
        confidence=0.5,
    )


# "Công ước Basel, Rotterdam và Stockholm", "Konvensyen Basel, Rotterdam dan Stockholm":
# one head word for several agreements, each a single capitalised word
_SHARED_AFTER = re.compile(
    r"\s+[A-Z][\w-]+(?:\s*,\s*[A-Z][\w-]+)*\s*,?\s+(?:và|dan|and|at)\s+[A-Z][\w-]+"
    r"(?=\s+[a-zà-ỹđ]|\s*[,.;:)]|\s*$)"
)


def _shared_head(
    text: str, name: tuple[int, int], head: tuple[int, int], language: str
) -> list[tuple[int, int]]:
    """The spans of the names that share one head word, or [] for a name of its own."""
    if head[0] != name[0]:
        return []
    listed = _SHARED_AFTER.match(text, head[1], head[1] + 200)
    if listed is None:
        return []
    parts = [
        (head[1] + m.start(), head[1] + m.end())
        for m in re.finditer(r"[A-Z][\w-]+", text[head[1] : listed.end()])
    ]
    # "Nghị định thư Montreal và Công ước Minamata": the last "item" opens another name
    pattern, _kinds = _heads(language)
    if any(pattern.match(text, start) for start, _end in parts):
        return []
    return parts


def _shared_head_name(text: str, part: tuple[int, int], head: str) -> str:
    return f"{head} {text[part[0] : part[1]]}"


# Bodies that meet or work but do not sign: meetings, working groups, committees
_NOT_A_PARTY = re.compile(
    r"^(?:AMME|ASOEN|AWG\w*|COP\w*|MSC|SOM\w*)$|Working Group|Meeting|Committee|Kelompok Kerja|"
    r"Kumpulan Kerja|Nhóm công tác|Hội nghị|คณะทำงาน|การประชุม|Pertemuan|Mesyuarat",
    re.IGNORECASE,
)


def _parties(context: Context, sentence: tuple[int, int], name: tuple[int, int]) -> list[str]:
    """Countries and organisations named in the sentence that tells of the signing, outside
    the agreement's own name (never a meeting or a working group)."""
    parties: list[str] = []
    for organisation in claims_at(context, "organisation").starting(*sentence):
        label = organisation.value.get("acronym") or organisation.value["name"]
        if _NOT_A_PARTY.search(label) or _NOT_A_PARTY.search(organisation.value["name"]):
            continue
        if not (name[0] <= organisation.span[0] < name[1]):
            label = organisation.value.get("acronym") or organisation.value["name"]
            if label not in parties:
                parties.append(label)
    for code in countries_in(context, sentence[0], name[0]) + countries_in(
        context, name[1], sentence[1]
    ):
        if code not in parties:
            parties.append(code)
    return parties
