"""A set of non-overlapping spans that answers "is this span free?" in logarithmic time.

Extractors keep the longest of overlapping candidates; a document of several megabytes
brings tens of thousands of them, so the check cannot walk every span already taken.
"""

from __future__ import annotations

import bisect


class Spans:
    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect.bisect_right(self.starts, start)
        if index and self.ends[index - 1] > start:
            return True
        return index < len(self.starts) and self.starts[index] < end

    def add(self, start: int, end: int) -> None:
        index = bisect.bisect_right(self.starts, start)
        self.starts.insert(index, start)
        self.ends.insert(index, end)
