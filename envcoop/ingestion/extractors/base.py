"""The claim every extractor returns, and the context it reads."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from envcoop.ingestion.languages.base import LanguageProfile, Span
from envcoop.ingestion.segment import BoundaryChecker, Segments


@dataclass
class Claim:
    kind: str  # date, country, organisation, event, agreement, project, area
    span: Span  # into the reading text (the pipeline maps it to the source text)
    text: str
    value: dict[str, Any]
    extractor: str
    version: str
    confidence: float


@dataclass
class Context:
    """Everything an extractor may read about one document."""

    text: str  # the normalised reading text
    language: str
    profile: LanguageProfile
    segments: Segments
    boundaries: BoundaryChecker
    dateline: Any = None  # PartialDate of the document's own date, when it has one
    dateline_span: tuple[int, int] | None = None  # where it is written (None: from metadata)
    found: dict[str, list[Claim]] = field(default_factory=dict)  # claims of earlier extractors
    gazetteer: Any = None  # the gazetteer this document is read with (extractors/names.py)
    memo: dict[Any, Any] = field(default_factory=dict)  # per-document results extractors reuse

    def sentence_of(self, position: int) -> Span:
        return _containing(self.segments.sentences, position) or (0, len(self.text))

    def passage_of(self, position: int) -> Span:
        return _containing(self.segments.passages, position) or (0, len(self.text))

    def claims(self, kind: str) -> list[Claim]:
        return self.found.get(kind, [])


def _containing(spans: list[Span], position: int) -> Span | None:
    index = bisect.bisect_right(spans, (position, float("inf"))) - 1
    if index >= 0 and spans[index][0] <= position < spans[index][1] + 1:
        return spans[index]
    return None


def words_alike(first: str, second: str, share: float = 0.6) -> bool:
    """Whether two names share most of their words (``share`` of the shorter one's)."""
    mine = set(re.findall(r"\w+", first.lower()))
    theirs = set(re.findall(r"\w+", second.lower()))
    return bool(mine and theirs) and len(mine & theirs) >= share * min(len(mine), len(theirs))


def unique_by_name(claims: list[Claim]) -> list[Claim]:
    """The first claim of each name (case, spaces and punctuation aside)."""
    seen: set[str] = set()
    unique = []
    for claim in claims:
        key = re.sub(r"\W+", " ", claim.value["name"]).strip().lower()
        if key not in seen:
            seen.add(key)
            unique.append(claim)
    return unique


def headline_repeats_dropped(context: Context, claims: list[Claim]) -> list[Claim]:
    """Claims less those named in a title-case headline and again in the body, where the
    headline's capitals run the name into its verb ("Cambodia Attends First Regional
    Workshop of ... Programme"): the body's name is the one to keep."""
    passages = context.segments.passages
    if len(passages) < 2:
        return claims
    headline = passages[0]

    def in_headline(claim: Claim) -> bool:
        return headline[0] <= claim.span[0] < headline[1]

    body = [claim.value["name"] for claim in claims if not in_headline(claim)]
    kept = []
    for claim in claims:
        if in_headline(claim) and any(words_alike(claim.value["name"], name) for name in body):
            continue
        kept.append(claim)
    return kept


def words_pattern(
    words: Iterable[str], *, unspaced: bool, flags: int = 0, boundary: str = r"\w"
) -> re.Pattern:
    """Any of ``words``, the longest first; whole words only where the script puts spaces
    between words (``boundary``: the characters a match may not touch)."""
    alternation = "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))
    if not alternation:
        return re.compile(r"(?!)")
    if unspaced:
        return re.compile(f"(?:{alternation})", flags)
    return re.compile(rf"(?<![{boundary}])(?:{alternation})(?![{boundary}])", flags)
