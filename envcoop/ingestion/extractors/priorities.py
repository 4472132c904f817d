"""What a text names as priorities or planned work for a year, one claim per item.

Found after the words that open such a list in each language ("priorities for 2024",
"Phương hướng năm 2024", "ทิศทางปี 2567", "Pada tahun 2025, ... akan", "2021年...重点"):
the items are the parts of what follows (to the end of its sentence, or of its passage
after a colon) cut at semicolons, numbers and list marks. The year is the one the opening
words name, else "next year" read against the dateline. Each item's areas come from the
area lexicon.
"""

from __future__ import annotations

import re
from functools import cache

from envcoop.core.partial_date import BUDDHIST_ERA_OFFSET
from envcoop.ingestion.extractors import areas as area_lexicon
from envcoop.ingestion.extractors.base import Claim, Context
from envcoop.ingestion.languages import profile as language_profile

NAME = "priorities"
VERSION = "1"

_ITEM_BREAK = re.compile(
    r"\s*(?:[;；]|、|\n\s*(?:[-•*·–]|\(?\d{1,2}[.)]|\(?[a-z][.)])?\s*|(?<=\s)\(?(?:\d{1,2}|[a-h]|[ivx]{1,4})\)\s*"
    r"|[一二三四五六七八九]是|[（(][一二三四五六七八九][）)])"
)
_NEXT_YEAR = re.compile(
    r"next year|coming year|năm tới|năm sau|tahun depan|tahun hadapan|ปีหน้า|明年|ឆ្នាំក្រោយ|ປີໜ້າ",
    re.I,
)
_SHORTEST = 3  # characters of an item in a script without spaces; words otherwise


@cache
def _cues(language: str) -> re.Pattern | None:
    patterns = language_profile(language).priority_cues
    return re.compile("|".join(f"(?:{p})" for p in _unique_groups(patterns))) if patterns else None


def _unique_groups(patterns: tuple[str, ...]) -> list[str]:
    """The patterns with their groups renamed apart (y, next become y1, next1, ...)."""
    renamed = []
    for index, pattern in enumerate(patterns):
        renamed.append(re.sub(r"\(\?P<(\w+)>", lambda m, i=index: f"(?P<{m.group(1)}{i}>", pattern))
    return renamed


def extract(context: Context) -> list[Claim]:
    cues = _cues(context.language)
    if cues is None:
        return []
    text = context.text
    claims: list[Claim] = []
    done = 0
    for cue in cues.finditer(text):
        if cue.start() < done:
            continue
        year = _year(context, cue)
        sentence = context.sentence_of(cue.start())
        passage = context.passage_of(cue.start())
        colon = re.match(r"\s*[:：]", text[cue.end() : cue.end() + 3])
        end = passage[1] if colon else sentence[1]
        begin = cue.end() + (colon.end() if colon else 0)
        done = end
        for start, stop in _items(text, begin, end):
            item = text[start:stop]
            if len(item.split()) < 2 and (not context.profile.unspaced or len(item) < _SHORTEST):
                continue
            claims.append(
                Claim(
                    kind="priority",
                    span=(start, stop),
                    text=item,
                    value={"text": item, "year": year, "areas": _areas(context, item)},
                    extractor=NAME,
                    version=VERSION,
                    confidence=0.5 if year else 0.35,
                )
            )
    return claims


def _items(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    pieces, cursor = [], begin
    for found in _ITEM_BREAK.finditer(text, begin, end):
        pieces.append((cursor, found.start()))
        cursor = found.end()
    pieces.append((cursor, end))
    trimmed = []
    for start, stop in pieces:
        while start < stop and (text[start].isspace() or text[start] in ",.:;-–—“”\"'"):
            start += 1
        while stop > start and (text[stop - 1].isspace() or text[stop - 1] in ",.;。:-–—“”\"'"):
            stop -= 1
        if stop > start:
            trimmed.append((start, stop))
    return trimmed


def _year(context: Context, cue: re.Match) -> str | None:
    for name, value in cue.groupdict().items():
        if value and name.startswith("y"):
            year = int(value)
            return str(year - BUDDHIST_ERA_OFFSET if year > 2400 else year)
    window = context.text[cue.start() : cue.end() + 80]
    if context.dateline is not None and (
        any(v for n, v in cue.groupdict().items() if n.startswith("next"))
        or _NEXT_YEAR.search(window)
    ):
        return str(context.dateline.year + 1)
    return None


def _areas(context: Context, item: str) -> list[str]:
    found: list[str] = []
    for _end, (_term, areas) in area_lexicon.automaton(context.language).iter(item.lower()):
        for area, _weight in areas:
            if area not in found:
                found.append(area)
    return found
