"""CharMap gives str.translate's result."""

from __future__ import annotations

import pytest

from envcoop.core.charmap import CharMap


@pytest.mark.parametrize(
    "text",
    [
        "",
        "nothing to replace here",
        "Đà Nẵng – Hà Nội — ‘quoted’ ß",
        "๒๕๖๖ ๑๒ ມ໐໑ ၂၀၂၃ ２０２３",
        "ĐĐđđ" * 100,
    ],
)
def test_same_as_translate(text: str) -> None:
    mapping = {
        "đ": "d", "Đ": "D", "ß": "ss", "–": "-", "—": "-", "‘": "'", "’": "'",
        "๒": "2", "๕": "5", "๖": "6", "๑": "1", "\u00a0": " ", "-": "~", "]": ")",
    }  # fmt: skip
    assert CharMap(mapping)(text) == text.translate(str.maketrans(mapping))


def test_only_single_characters() -> None:
    with pytest.raises(ValueError):
        CharMap({"ab": "c"})
