"""Named strategies, action plans, work plans, roadmaps, blueprints and visions.

Found by their head words in each language ("Action Plan", "Plan of Action", "Strategy",
"แผนปฏิบัติการ", "Kế hoạch hành động", "Rencana Aksi", "Pelan Tindakan", "行动计划", ...);
the name is the title around the head word, as for agreements. The period is the range of
years written in the name or right after it ("(2021-2025)"); a single year is when a
vision or agenda ends ("Vision 2045") and otherwise the year the plan is named for
("Chiang Rai 2017 Plan of Action"). Partners are the countries the name pairs with ASEAN
("ASEAN-China ...", "ASEAN-RoK ..."). Frameworks are never agreements.
"""

from __future__ import annotations

import re
from functools import cache

from envcoop.ingestion.extractors.base import Claim, Context, unique_by_name
from envcoop.ingestion.extractors.names import countries_in
from envcoop.ingestion.extractors.phrases import balanced, head_words, title
from envcoop.ingestion.extractors.positions import claims_at

NAME = "frameworks"
VERSION = "1"

# Heads whose single year is an end ("Vision 2045", "2030 Agenda"), not a start.
_HORIZON = re.compile(
    r"Vision|Agenda|Blueprint|Visi|Tầm nhìn|วิสัยทัศน์|愿景|願景|议程|議程|ចក្ខុវិស័យ|ວິໄສທັດ", re.I
)
# What a head word is followed by when it names no plan: "the strategy", "this action plan"
_GENERIC_REST = re.compile(
    r"^(?:the|this|that|these|its|their|a|an|new|national|regional|joint|its own)?$", re.I
)


@cache
def _heads(language: str) -> tuple[re.Pattern, dict[str, str]]:
    return head_words(language, "framework_words")


def extract(context: Context) -> list[Claim]:
    text, language = context.text, context.language
    profile = context.profile
    pattern, kinds = _heads(language)
    claims: list[Claim] = []
    taken: list[tuple[int, int]] = [
        tuple(c.value["name_span"]) for c in context.claims("agreement")
    ]
    for match in pattern.finditer(text):
        head = match.span()
        if any(start <= head[0] < end for start, end in taken):
            continue
        sentence = context.sentence_of(head[0])
        name_span = balanced(text, title(text, language, head, sentence))
        name_span = _with_period(context, name_span)
        name = text[name_span[0] : name_span[1]]
        if not _is_a_name(name, match.group(), profile.unspaced):
            continue
        taken.append(name_span)
        start, end = _period(context, name_span, name)
        claims.append(
            Claim(
                kind="framework",
                span=name_span,
                text=name,
                value={
                    "name": name,
                    "name_span": list(name_span),
                    "kind": kinds.get(match.group()) or kinds.get(match.group().title(), "other"),
                    "start": start,
                    "end": end,
                    "partners": _partners(context, name_span),
                    "components": [],
                },
                extractor=NAME,
                version=VERSION,
                confidence=0.6,
            )
        )
    return unique_by_name(claims)


def _with_period(context: Context, name: tuple[int, int]) -> tuple[int, int]:
    """A range of years in parentheses or right after the name belongs to it."""
    after = re.match(
        r"\s*\(?\s*(?:giai đoạn\s*|for\s*|tahun\s*|พ\.ศ\.\s*)?", context.text[name[1] :]
    )
    if after is None:
        return name
    at = name[1] + after.end()
    for date in claims_at(context, "date").starting(at, at + 1):
        if date.value.get("end") and len(date.value["value"]) == 4:
            close = re.match(r"\s*\)", context.text[date.span[1] :])
            return name[0], date.span[1] + (close.end() if close and "(" in after.group() else 0)
    return name


def _period(context: Context, span: tuple[int, int], name: str) -> tuple[str | None, str | None]:
    years = [d for d in claims_at(context, "date").starting(*span) if len(d.value["value"]) == 4]
    for date in years:
        if date.value.get("end"):
            return date.value["value"], date.value["end"]
    if years:
        year = years[-1].value["value"]
        return (None, year) if _HORIZON.search(name) else (year, None)
    return None, None


def _partners(context: Context, span: tuple[int, int]) -> list[str]:
    """The countries the name itself pairs with ASEAN or names as its parties."""
    return sorted(set(countries_in(context, *span)))


def _is_a_name(name: str, head: str, unspaced: bool) -> bool:
    rest = name.replace(head, " ", 1).strip(" -–,")
    if unspaced and not head.isascii():
        return len(rest) >= 3
    if not head[0].isupper():
        return False
    words = re.findall(r"[\w’'\-]+", rest)
    if not words or _GENERIC_REST.match(" ".join(words)):
        return False
    capitalised = [w for w in words if w[0].isupper() or w[0].isdigit()]
    return len(capitalised) >= 1
