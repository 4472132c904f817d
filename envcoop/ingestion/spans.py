"""A set of non-overlapping spans that answers "is this span free?" quickly.

Extractors keep the longest of overlapping candidates; a document of several megabytes
brings hundreds of thousands of them. The set is a byte per character of the text
(taken or free), so checking or adding a span costs its own length, in C, whatever the
number of spans already taken.
"""

from __future__ import annotations


class Spans:
    def __init__(self) -> None:
        self._taken = bytearray()

    def overlaps(self, start: int, end: int) -> bool:
        return self._taken.find(1, start, end) != -1

    def add(self, start: int, end: int) -> None:
        if end > len(self._taken):
            self._taken.extend(bytes(max(end - len(self._taken), len(self._taken))))
        self._taken[start:end] = b"\x01" * (end - start)
