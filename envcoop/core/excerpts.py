"""Cutting an excerpt out of a text around a span, at white space, never inside a word."""

from __future__ import annotations


def excerpt_bounds(text: str, start: int, end: int, reach: int) -> tuple[int, int]:
    """[left, right) covering [start, end) and about ``reach`` characters each side, moved
    to the nearest white space inside that reach (Thai has spaces between phrases only: an
    excerpt may then end on a phrase boundary further in)."""
    left = max(0, start - reach)
    if left:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    right = min(len(text), max(end, end + reach))
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    return left, right


def excerpt(text: str, start: int, end: int, reach: int) -> str:
    """The excerpt as text, with "…" where it was cut."""
    left, right = excerpt_bounds(text, start, end, reach)
    return ("… " if left else "") + text[left:right] + (" …" if right < len(text) else "")
