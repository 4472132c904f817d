"""Which Tesseract language packs read a document in each language envcoop understands.

The packs are Debian's (tesseract-ocr-tha, -vie, ...; scripts/system-packages.sh). A
language written in its own script is read with its pack and English, for the names,
acronyms and Latin digits its documents carry ("AMME-17", "12 มีนาคม 2567"); the Latin-
script languages' packs read English words by themselves.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import cache

PACKS: dict[str, tuple[str, ...]] = {
    "th": ("tha", "eng"),
    "lo": ("lao", "eng"),
    "km": ("khm", "eng"),
    "my": ("mya", "eng"),
    "zh": ("chi_sim", "eng"),
    "zh-hant": ("chi_tra", "eng"),
    "vi": ("vie",),
    "id": ("ind",),
    "ms": ("msa",),
    "fil": ("fil",),
    "en": ("eng",),
}
# What a user may give for a language (envcoop ingest --ocr-lang, ingest_bytes(ocr_lang=)).
ALIASES = {"zh-hans": "zh", "zh-cn": "zh", "zh-tw": "zh-hant", "zh-hk": "zh-hant", "tl": "fil"}
# Tesseract's page segmentation per language when its default (3, automatic) loses text:
# Burmese's stacked marks become lines of their own, and a Khmer line's subscripts cut it
# (bench/ocr.py: Burmese 0.30 -> 0.97 character accuracy on a clean page with 11,
# Khmer 0.90 -> 1.00 with 4).
PAGE_SEGMENTATION = {"my": 11, "km": 4}
DEBIAN_PACKAGE = "tesseract-ocr-{}"


def language_code(value: str | None) -> str | None:
    """The envcoop code for a language given by a user (None: choose by a first pass).
    Raises ValueError for a language OCR cannot read."""
    if value is None or not value.strip() or value.strip().lower() == "auto":
        return None
    code = value.strip().lower().replace("_", "-")
    code = ALIASES.get(code, code)
    if code not in PACKS:
        raise ValueError(
            f"OCR does not read {value!r}; choose one of {', '.join(sorted(PACKS))} or auto"
        )
    return code


def packs(language: str) -> tuple[str, ...]:
    return PACKS[language]


def debian_packages(names: tuple[str, ...]) -> list[str]:
    return [DEBIAN_PACKAGE.format(name.replace("_", "-")) for name in names]


@cache
def tesseract() -> str | None:
    return shutil.which("tesseract")


@cache
def installed() -> frozenset[str]:
    """The packs this machine's Tesseract has."""
    program = tesseract()
    if program is None:
        return frozenset()
    try:
        listed = subprocess.run(
            [program, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(line.strip() for line in listed.splitlines()[1:] if line.strip())


def missing(names: tuple[str, ...]) -> list[str]:
    have = installed()
    return [name for name in names if name not in have]
