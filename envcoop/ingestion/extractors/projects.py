"""Named projects and programmes, with partners, fund and years.

Found by their head words ("project", "programme", "โครงการ", "dự án", "proyek",
"projek"); the name is the title after (or around) the head word. A generic
"cooperation projects" is not a name: English, Indonesian and Malay names are
capitalised; a Thai name is an embedded English title or a quoted name; a Vietnamese
name has a capitalised word. The fund is a fund the registry knows, or a "... Fund" /
"Quỹ ..." / "กองทุน ..." named in the same paragraph or in the paragraph introducing a
list the project is an item of. Partners are the countries named there.
"""

from __future__ import annotations

import re
from functools import cache

from envcoop.ingestion.extractors.base import (
    Claim,
    Context,
    headline_repeats_dropped,
    words_pattern,
)
from envcoop.ingestion.extractors.names import countries_in
from envcoop.ingestion.extractors.phrases import balanced, latin_title, title
from envcoop.ingestion.extractors.positions import Positions, claims_at, names_at
from envcoop.ingestion.languages import profile as language_profile

NAME = "projects"
VERSION = "1"

_LIST_ITEM = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\([a-z]\)|[-•*·–])\s*")
_GENERIC_THAI = ("ความร่วมมือ", "ต่างๆ", "ที่", "นี้")


@cache
def _heads(language: str) -> re.Pattern:
    words = set(language_profile(language).project_words)
    if language != "en":
        words |= {"Project", "Programme"}
    return words_pattern(words, unspaced=language_profile(language).unspaced)


def extract(context: Context) -> list[Claim]:
    text, language = context.text, context.language
    claims: list[Claim] = []
    blocked = Positions(
        [
            c.value["name_span"]
            for c in (
                *context.claims("event"),
                *context.claims("agreement"),
                *context.claims("framework"),
            )
        ],
        lambda span: (span[0], span[1]),
    )
    for match in _heads(language).finditer(text):
        head = match.span()
        if any(start <= head[0] < end for start, end in blocked.overlapping(head[0], head[0] + 1)):
            continue
        if any(c.value["name_span"][0] <= head[0] < c.value["name_span"][1] for c in claims[-3:]):
            continue
        sentence = context.sentence_of(head[0])
        name_span = _name(context, head, sentence)
        if name_span is None:
            # "Nine more projects ..., among them “Clean Air for Sustainable ASEAN” (CASA)",
            # "项目，包括“空气质量监测和评价”“……”": quoted names listed after the head word
            for quoted in _quoted_list(text, head, sentence):
                if not any(s <= quoted[0] < e for s, e in blocked.overlapping(*quoted)):
                    claims.append(_claim(context, quoted, sentence, head))
            continue
        claims.append(_claim(context, balanced(text, name_span), sentence, head))
    named = [c.value["name_span"] for c in claims]
    for match in _LAUNCHED.finditer(text):
        quoted = match.span("name") if match.group("name") else match.span("name2")
        taken = any(s <= quoted[0] < e for s, e in blocked.overlapping(*quoted))
        if not taken and not any(s <= quoted[0] < e for s, e in named):
            claims.append(_claim(context, quoted, context.sentence_of(quoted[0]), quoted))
            named.append(list(quoted))
    for match in _plural_heads(language).finditer(text):
        sentence = context.sentence_of(match.start())
        for quoted in _quoted_list(text, match.span(), sentence):
            taken = any(s <= quoted[0] < e for s, e in blocked.overlapping(*quoted))
            if not taken and not any(s <= quoted[0] < e for s, e in named):
                claims.append(_claim(context, quoted, sentence, match.span()))
                named.append(list(quoted))
    return headline_repeats_dropped(context, claims)


# A quoted title launched, or a programme's "title": "'Enhancing Conservation ... in ASEAN'
# (EnCORE Wetlands) was officially launched", "activities under the title "..."", "“...”
# (ABC) diluncurkan", "“...” được khởi động", "“……”启动"
_LAUNCHED = re.compile(
    r"(?:under the (?:title|name)\s+)[“\"'‘](?P<name>[A-Z][^”\"’\n]{8,150}?)[”\"'’]"
    r"|[“\"'‘](?P<name2>[^”\"’\n]{8,150}?)[”\"'’]\s*(?:\([^()\n]{2,24}\)\s*)?,?\s*"
    r"(?:(?:was|were|has been|is|will be)\s+)?(?:officially\s+|formally\s+)?"
    r"(?:launched|kicked off|diluncurkan|dilancarkan|resmi diluncurkan|được khởi động|được phát động|ra mắt|"
    r"ได้เปิดตัว|เปิดตัว|正式启动|启动|啟動)"
)


@cache
def _plural_heads(language: str) -> re.Pattern:
    words = language_profile(language).project_plural_words
    return words_pattern(words, unspaced=False, boundary=r"\w-")


def _claim(
    context: Context, name_span: tuple[int, int], sentence: tuple[int, int], head: tuple[int, int]
) -> Claim:
    name = context.text[name_span[0] : name_span[1]]
    passage = context.passage_of(head[0])
    header = _list_header(context, passage)
    fund = _fund(context, passage) or (_fund(context, header) if header else None)
    partners = countries_in(context, *passage) + (countries_in(context, *header) if header else [])
    start, end = _years(context, sentence, name_span)
    return Claim(
        kind="project",
        span=name_span,
        text=name,
        value={
            "name": name,
            "name_span": list(name_span),
            "partners": list(dict.fromkeys(partners)),
            "fund": fund,
            "start": start,
            "end": end,
        },
        extractor=NAME,
        version=VERSION,
        confidence=0.65,
    )


# "such as", "including", "among them", ... between a plural head word and the names it lists
_LIST_CUE = re.compile(
    r"such as|including|among them|among which|namely|e\.g\.|gồm|bao gồm|như|seperti|termasuk|"
    r"antara lain|antaranya|iaitu|tulad ng|kabilang|ได้แก่|เช่น|包括|如|ដូចជា|រួមមាន|ເຊັ່ນ|ລວມມີ"
)
_OPENING_QUOTE = re.compile(r"[“\"]")
_QUOTED = re.compile(r"[“\"]([^”\"\n]{4,120}?)\s*[”\"]")
_BETWEEN_QUOTED = re.compile(
    r"\s*(?:\([^()\n]{1,40}\))?\s*(?:,|、|，|;|and|và|dan|serta|และ|和|及|与)?\s*"
)


def _quoted_list(
    text: str, head: tuple[int, int], sentence: tuple[int, int]
) -> list[tuple[int, int]]:
    """The quoted names a list cue introduces after a project word in its sentence."""
    window_end = min(sentence[1], head[1] + 160)
    cue = _LIST_CUE.search(text, head[1], window_end)
    if cue is None:
        return []
    names: list[tuple[int, int]] = []
    position = cue.end()
    while True:
        if not names:  # the first name opens within a few words of the cue
            opening = _OPENING_QUOTE.search(text, position, position + 40)
            position = opening.start() if opening else position
        quoted = _QUOTED.match(text, position)
        if quoted is None or quoted.start() > sentence[1]:
            return names
        names.append(quoted.span(1))
        gap = _BETWEEN_QUOTED.match(text, quoted.end())
        position = gap.end() if gap else quoted.end()


_COUNTED = re.compile(
    r"[一二三四五六七八九十两几多数百千\d]+\s*[个項项批類类]|这些|這些|上述|该|該|许多|許多|很多|一些|多项|多項|具体|具體"
)
_GENERIC_CHINESE = re.compile(
    r"合作|相关|相關|重点|重點|示范|示範|务实|務實|环境|環境|[的等和及与與、，]"
)
_THAI_GENERIC = re.compile(
    r"^(?:ความร่วมมือ|ต่าง\s*ๆ|ดังกล่าว|นี้|นั้น|ที่|ใน|ของ|และ|เพื่อ|ซึ่ง|ได้|จะ|ทั้ง|หลาย|อื่น|ต่อ|กับ|ให้|โดย|จาก)"
)
# "United Nations Development Programme", "Secretariat of the AHP Programme": bodies
_A_BODY = re.compile(r"(?:the\s+)?(?:United Nations?\b|UN\s|Secretariat\b|Office\b|Unit\b)", re.I)
_UN_PROGRAMME = re.compile(r"\bUnited Nations?\s+(?:\w+\s+){1,3}Programme$")
_BODY_AFTER = re.compile(
    r"\s+(?:Steering|Management|Coordination|Implementation)\s+(?:Committee|Unit|Board|Team|Office)"
    r"|\s+(?:Office|Team|Manager|Coordinator|Board|Committee)\b"
)


def _name(
    context: Context, head: tuple[int, int], sentence: tuple[int, int]
) -> tuple[int, int] | None:
    """The span of the project's name, or None where the head word is a common noun."""
    text, language = context.text, context.language
    head_text = text[head[0] : head[1]]
    if _BODY_AFTER.match(text, head[1]):
        return None  # "Project Steering Committee": a body of the project, not a project
    if re.match(r"\s+nghị sự", text[head[1] : head[1] + 10], re.IGNORECASE):
        return None  # "chương trình nghị sự": an agenda, not a programme
    if not context.profile.unspaced:
        quoted = re.match(r"\s*[“\"]([^”\"\n]{4,200})[”\"]", text[head[1] : sentence[1]])
        if quoted:  # dự án "Tăng cường năng lực ...", the project "..."
            return head[1] + quoted.start(1), head[1] + quoted.end(1)
        # “Clean Air for Sustainable ASEAN ”(CASA) project: the quoted name before the head
        before = re.search(
            r"[“\"]([^”\"\n]{4,200})\s*[”\"]\s*(?:\([A-Z][A-Za-z0-9\-]{1,12}\)\s*)?$",
            text[max(sentence[0], head[0] - 220) : head[0]],
        )
        if before and head_text[:1].islower():
            offset = max(sentence[0], head[0] - 220)
            return offset + before.start(1), offset + before.end(1)
    if context.profile.unspaced and language != "th" and not head_text.isascii():
        span = title(text, language, head, sentence)
        rest = text[span[0] : span[1]].replace(head_text, "", 1)
        if re.match(r"\s*(?:របស់|សំណើ|ຂອງ|ສະເໜີ)", text[head[1] : head[1] + 8]):
            return None  # "គម្រោងរបស់អង្គការ..." (a project of the UN...), "គម្រោងសំណើ" (a proposal)
        if _COUNTED.match(text, span[0]) or not _GENERIC_CHINESE.sub("", rest).strip():
            return None  # "三个合作项目", "相关合作项目": how many, not which
        return span if len(rest.strip(' “”"《》')) >= 3 else None
    if language == "th":
        following = text[head[1] : sentence[1]]
        quoted = re.match(r"\s*[“\"]([^”\"]{4,200})[”\"]", following)
        if quoted:
            return head[0], head[1] + quoted.end()
        span = title(text, language, head, sentence)
        if span[0] >= head[1]:
            return span  # an embedded English title
        rest = text[head[1] : span[1]]
        if len(rest) < 8 or _THAI_GENERIC.match(rest) or rest == "ความร่วมมือ":
            return None
        return span
    if language == "vi":
        span = title(text, language, head, sentence)
        rest = text[head[1] : span[1]]
        # "Dự án Bảo tồn ...": the name starts right after the head word; a capitalised "Dự án"
        # inside a sentence names one even when the words after it are not capitalised
        # ("giới thiệu Dự án nâng cao năng lực dự báo hạn hán ...")
        capitalised_head = head_text[0].isupper() and head[0] > sentence[0]
        if len(rest.split()) < 2 or not (
            re.match(r"\s+[A-ZĐ]", rest) or (capitalised_head and len(rest.split()) >= 4)
        ):
            return None
        return span
    if not head_text[0].isupper() and not re.match(r"\s+[A-Z“\"]", text[head[1] : head[1] + 3]):
        # "the Smart Green ASEAN Cities (SGAC) programme": the title is before the head word
        before = latin_title(text, head[0], head[1], sentence, language)
        words = text[before[0] : head[0]].split()
        if len([w for w in words if w[:1].isupper() or w[:1] == "("]) < 2:
            return None  # "Melalui program ...": one capitalised word starts the sentence
        return before[0], head[1]
    span = latin_title(text, head[0], head[1], sentence, language)
    rest = text[span[0] : span[1]].replace(head_text, "", 1)
    whole = text[span[0] : span[1]]
    if not re.search(r"[A-Z]", rest) or _A_BODY.match(whole) or _UN_PROGRAMME.search(whole):
        return None
    if re.fullmatch(
        r"\s*(?:for|of|in)?\s*(?:the\s+)?(?:Phase|Stage|Year)\s*(?:[IVX\d]+)?\s*", rest
    ):
        return None  # "the Project for Phase 3": a stage of a project named elsewhere
    return span if span[1] > span[0] else None


def _list_header(context: Context, passage: tuple[int, int]) -> tuple[int, int] | None:
    """For a list item, the paragraph that introduces the list (one not marked like the item)."""
    style = _marker_style(context.text[passage[0] : passage[1]])
    if style is None:
        return None
    previous = [p for p in context.segments.passages if p[1] <= passage[0]]
    for candidate in reversed(previous[-12:]):
        if _marker_style(context.text[candidate[0] : candidate[1]]) != style:
            return candidate
    return None


def _marker_style(text: str) -> str | None:
    """ "(1)", "1.", "a)" and bullets are different list styles; None for a plain paragraph."""
    marker = _LIST_ITEM.match(text)
    if not marker:
        return None
    return re.sub(r"\d+", "9", re.sub(r"[a-z]", "a", marker.group().strip()))


def _fund(context: Context, span: tuple[int, int]) -> str | None:
    for match in names_at(context).starting(*span):
        if any(entry.kind == "fund" for entry in match.entries):
            return context.text[match.start : match.end]
    words = "|".join(re.escape(word) for word in context.profile.fund_words + ("Fund",))
    found = re.search(  # (words before the head bounded: long capitalised runs stay linear)
        rf"(?:[A-Z][\w’'\-–]* +){{0,8}}(?:{words})(?: +[A-ZĐ][\w’'\-–À-ỹ]*)*",
        context.text[span[0] : span[1]],
    )
    if found and len(found.group().split()) >= 2:
        return found.group().strip()
    return None


def _years(
    context: Context, sentence: tuple[int, int], name: tuple[int, int]
) -> tuple[str | None, str | None]:
    dates = claims_at(context, "date").starting(*sentence)
    outside = [d for d in dates if not (name[0] <= d.span[0] < name[1])] or dates
    if not outside:
        return None, None
    first = outside[0]
    return first.value["value"], first.value["end"]
