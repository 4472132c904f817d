"""The ASEAN areas a document is about, scored from a lexicon per area and language.

Each term of an area's lexicon found in the text adds its weight (more for the
title and first paragraph). A sentence that lists four areas or more is an
enumeration ("cooperation in 8 areas: climate change; water; ...") and counts for
little. An area is reported when its score is high enough on its own and as a share
of all areas' scores: a passing mention is not enough.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache

import ahocorasick

from envcoop.ingestion.extractors.base import Claim, Context
from envcoop.ingestion.languages import profile as language_profile
from envcoop.ingestion.spans import Spans

NAME = "areas"
VERSION = "1"

MIN_SCORE = 5.0
MIN_SHARE = 0.12
ENUMERATION_WEIGHT = 0.2
LEAD_WEIGHT = 1.5
AGENDA = 5  # distinct areas named in one sentence that make it a list of what is covered


@cache
def automaton(language: str) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    terms: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for code in {language, "en"}:
        for area, lexicon in language_profile(code).area_terms.items():
            for term, weight in lexicon.items():
                terms[term.lower()].append((area, weight))
    for term, areas in terms.items():
        automaton.add_word(term, (term, tuple(dict.fromkeys(areas))))
    automaton.make_automaton()
    return automaton


def score(context: Context) -> dict[str, float]:
    text = context.text
    lowered = text.lower()
    if len(lowered) != len(text):  # (a few letters such as "İ" change length)
        lowered = text
    hits: list[tuple[int, int, tuple[tuple[str, float], ...]]] = []
    for end_index, (term, areas) in automaton(context.language).iter(lowered):
        start, end = end_index - len(term) + 1, end_index + 1
        if context.boundaries.is_boundary(start) and context.boundaries.is_boundary(end):
            hits.append((start, end, areas))
    # longest match wins where terms overlap ("marine debris" over "marine")
    hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
    kept: list[tuple[int, int, tuple[tuple[str, float], ...]]] = []
    occupied = Spans()
    for hit in hits:
        if occupied.overlaps(hit[0], hit[1]):
            continue
        kept.append(hit)
        occupied.add(hit[0], hit[1])
    per_sentence: dict[tuple[int, int], set[str]] = defaultdict(set)
    for start, _end, areas in kept:
        per_sentence[context.sentence_of(start)].update(area for area, _ in areas)
    lead_end = context.segments.passages[1][1] if len(context.segments.passages) > 1 else len(text)
    scores: dict[str, float] = defaultdict(float)
    for start, _end, areas in kept:
        weight = ENUMERATION_WEIGHT if len(per_sentence[context.sentence_of(start)]) >= 4 else 1.0
        if start < lead_end:
            weight *= LEAD_WEIGHT
        for area, value in areas:
            scores[area] += value * weight
    # A sentence that lists most of the areas (a meeting's agenda, the working groups'
    # fields) says the text covers each of them.
    for listed in per_sentence.values():
        if len(listed) >= AGENDA:
            for area in listed:
                scores[area] = max(scores[area], MIN_SCORE)
    return dict(scores)


def extract(context: Context) -> list[Claim]:
    scores = score(context)
    total = sum(scores.values()) or 1.0
    claims = []
    for area, value in sorted(scores.items(), key=lambda item: -item[1]):
        if value >= MIN_SCORE and value / total >= MIN_SHARE:
            claims.append(
                Claim(
                    kind="area",
                    span=(0, 0),
                    text="",
                    value={
                        "code": area,
                        "score": round(value, 2),
                        "share": round(value / total, 3),
                    },
                    extractor=NAME,
                    version=VERSION,
                    confidence=min(0.95, 0.5 + value / (4 * MIN_SCORE)),
                )
            )
    return claims
