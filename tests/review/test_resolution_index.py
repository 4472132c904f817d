"""The resolver's index compares an event only with the events that can match it, and
finds the same best match as comparing it with every event of its blocks."""

from __future__ import annotations

import random

from envcoop.core.partial_date import PartialDate
from envcoop.review.resolution.candidates import Candidate
from envcoop.review.resolution.resolver import Index
from envcoop.review.resolution.rules import THRESHOLD, compare

SERIES = [None, "amme", "asoen", "awgcc"]
NAMES = ["Meeting on haze", "Workshop on mangroves", "Hội nghị về khí hậu", "Forum on cities"]


def _date(rng: random.Random) -> PartialDate:
    year = rng.choice([2022, 2023, 2024])
    precision = rng.random()
    if precision < 0.15:
        return PartialDate(year)
    if precision < 0.4:
        return PartialDate(year, rng.randint(1, 12))
    return PartialDate(year, rng.randint(1, 12), rng.randint(1, 28))


def _event(rng: random.Random) -> Candidate:
    candidate = Candidate(kind="event", names=[rng.choice(NAMES)])
    candidate.series = rng.choice(SERIES)
    candidate.ordinal = rng.choice([None, 1, 2, 3])
    if rng.random() < 0.9:
        candidate.start = _date(rng)
        if rng.random() < 0.5:
            candidate.end = _date(rng)  # sometimes before the start, or years after it
    candidate.country = rng.choice([None, "TH", "VN"])
    return candidate


def _brute_force(index: Index, candidate: Candidate) -> tuple[int, float] | None:
    best = None
    for other in index.near(candidate):
        found = compare(candidate, other)
        if found and found.score >= THRESHOLD and (best is None or found.score > best[1]):
            best = (id(other), found.score)
    return best


def test_best_event_is_the_one_among_all_near_ones() -> None:
    rng = random.Random(11)
    index = Index()
    for _round in range(600):
        candidate = _event(rng)
        expected = _brute_force(index, candidate)
        best = index.best(candidate)
        assert (None if best is None else (id(best[0]), best[1].score)) == expected
        if best is not None and rng.random() < 0.7:
            best[0].merge(candidate)  # what the resolver does with a cluster: learn more
            index.changed(best[0])
        else:
            index.add(candidate)


def test_an_event_spanning_decades_is_still_found() -> None:
    index = Index()
    long = Candidate(kind="event", names=["Programme meeting"])
    long.start, long.end = PartialDate(1990), PartialDate(2060)
    index.add(long)
    query = Candidate(kind="event", names=["Programme meeting"])
    query.start = PartialDate(2023, 5, 2)
    best = index.best(query)
    assert best is not None and best[0] is long
