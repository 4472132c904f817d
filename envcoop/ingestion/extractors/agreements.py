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

from envcoop.ingestion.extractors.base import Claim, Context
from envcoop.ingestion.extractors.names import countries_in
from envcoop.ingestion.extractors.phrases import balanced, title
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
    words = dict(language_profile(language).agreement_words)
    if language != "en":
        for word, kind in language_profile("en").agreement_words.items():
            words.setdefault(word, kind)
    alternation = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    if language == "th":
        return re.compile(f"(?:{alternation})"), words
    return re.compile(rf"(?<![\w])(?:{alternation})(?![\w])"), words


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
        name_span = title(text, language, head, sentence)
        name_span = _after_parties(text, name_span, head)
        if around and name_span[0] <= around[0].value["name_span"][0]:
            continue  # the same name again (a treaty named inside it is a name of its own)
        name_span = balanced(text, name_span)
        if _translates(text, name_span, claims):
            continue
        name = text[name_span[0] : name_span[1]]
        if not _is_a_name(name, match.group(), language):
            continue
        kind = kinds.get(match.group()) or kinds.get(match.group().title(), "other")
        if re.match(r"ASEAN Agreement on Transboundary Haze Pollution", name):
            kind = "agreement"
        date = _date_in(context, sentence, name_span)
        parties = _parties(context, sentence, name_span)
        span = (name_span[0], max(name_span[1], date.span[1] if date else name_span[1]))
        claims.append(
            Claim(
                kind="agreement",
                span=span,
                text=text[span[0] : span[1]],
                value={
                    "name": name,
                    "name_span": list(name_span),
                    "kind": kind,
                    "date": date.value["value"] if date else None,
                    "parties": parties,
                },
                extractor=NAME,
                version=VERSION,
                confidence=0.7,
            )
        )
    return _unique(claims)


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
    if re.search(r"\bConvention\s+(?:Centre|Center|Hall)\b", name):
        return False  # a venue
    rest = name.replace(head, "", 1).strip()
    if head in ("MoU", "MOU") and not rest:
        return False
    if "Chair" in head:
        return True  # "a Co-Chairs' Statement" is the statement's name
    if language in ("en", "id", "ms"):
        capitalised = re.findall(r"(?:^|\s)[A-Z][\w’'\-]+", rest)
        return head[0].isupper() and len(capitalised) >= 1 and len(rest.split()) >= 1
    if language == "vi":
        # "Bản ghi nhớ về hợp tác ...", "Thỏa thuận thành lập ...", "Tuyên bố chung ASEAN ...";
        # not "Bản ghi nhớ trong quý I" (the MoU, in the first quarter)
        if re.match(r"\s*(?:trong|vào|tại|này|đó|nói trên|đã|sẽ|được|với)\b", rest):
            return False
        named = re.match(r"\s*(?:về|giữa|thành lập|hợp tác|[A-ZĐ“\"])", rest)
        return len(rest.split()) >= 3 and bool(named or re.search(r"[A-ZĐ]", rest))
    # Thai: not "บันทึกความเข้าใจกับ ..." (an MoU with ...) or "... ฉบับนี้" (this MoU)
    return len(rest) >= 6 and not re.match(r"\s*(?:กับ|ฉบับนี้|ดังกล่าว|นี้)", rest)


def _date_in(context: Context, sentence: tuple[int, int], name: tuple[int, int]) -> Claim | None:
    dates = claims_at(context, "date").starting(*sentence)
    outside = [d for d in dates if not (name[0] <= d.span[0] < name[1])]
    after = [d for d in outside if d.span[0] >= name[1]]
    if after:
        return after[0]
    return outside[-1] if outside else None


def _parties(context: Context, sentence: tuple[int, int], name: tuple[int, int]) -> list[str]:
    """Countries and organisations named in the sentence, outside the agreement's own name."""
    parties: list[str] = []
    for organisation in claims_at(context, "organisation").starting(*sentence):
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


def _unique(claims: list[Claim]) -> list[Claim]:
    seen: set[str] = set()
    unique = []
    for claim in claims:
        key = re.sub(r"\W+", " ", claim.value["name"]).strip().lower()
        if key in seen:
            continue
        seen.add(key)
        unique.append(claim)
    return unique
