"""Claims and names indexed by position: the ones in a window, found by bisection.

An extractor asks, for every meeting or agreement it finds, which names or dates lie in
its sentence or paragraph. Scanning every claim each time made long documents quadratic
(a 20 MB document must not take hours); these indexes answer in logarithmic time.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from envcoop.ingestion.extractors.base import Claim, Context
from envcoop.ingestion.gazetteer import Match

T = TypeVar("T")


class Positions(Generic[T]):
    def __init__(self, items: Iterable[T], span: Callable[[T], tuple[int, int]]) -> None:
        self.items = sorted(items, key=lambda item: span(item)[0])
        self.span = span
        self.starts = [span(item)[0] for item in self.items]
        self.longest = max((span(item)[1] - span(item)[0] for item in self.items), default=0)

    def starting(self, start: int, end: int) -> list[T]:
        """Items that start in [start, end), in text order."""
        return self.items[
            bisect.bisect_left(self.starts, start) : bisect.bisect_left(self.starts, end)
        ]

    def inside(self, start: int, end: int) -> list[T]:
        """Items that lie wholly in [start, end)."""
        return [item for item in self.starting(start, end) if self.span(item)[1] <= end]

    def overlapping(self, start: int, end: int) -> list[T]:
        """Items that share at least one character with [start, end)."""
        return [
            item for item in self.starting(start - self.longest, end) if self.span(item)[1] > start
        ]

    def first_from(self, position: int) -> int:
        """Index of the first item starting at or after ``position``."""
        return bisect.bisect_left(self.starts, position)


def claims_at(context: Context, kind: str) -> Positions[Claim]:
    """The claims of one kind found so far, indexed (rebuilt when that list changes)."""
    claims = context.claims(kind)
    key = ("positions", kind)
    cached = context.memo.get(key)
    if cached is None or cached[0] is not claims or cached[1] != len(claims):
        cached = (claims, len(claims), Positions(claims, lambda claim: claim.span))
        context.memo[key] = cached
    return cached[2]


def names_at(context: Context) -> Positions[Match]:
    """The gazetteer's matches in the document, indexed."""
    from envcoop.ingestion.extractors.names import known_names

    if "positions-names" not in context.memo:
        context.memo["positions-names"] = Positions(
            known_names(context), lambda match: (match.start, match.end)
        )
    return context.memo["positions-names"]
