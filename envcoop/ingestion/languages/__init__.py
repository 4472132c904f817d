"""One module per language envcoop understands, loaded on first use.

Each module holds what its language needs: how to cut it into words, how it writes
dates, meetings, ordinals, agreements and projects, and its words for each area.
Month and weekday names come from CLDR (Babel). A document in a language without
a module is stored and marked "not yet understood", never read with the wrong rules.
"""

from __future__ import annotations

import importlib
from functools import cache

from envcoop.ingestion.languages.base import LanguageProfile
from envcoop.ingestion.languages.detect import UNDERSTOOD, detect

__all__ = ["UNDERSTOOD", "LanguageProfile", "detect", "profile", "understood"]


def understood(code: str) -> bool:
    return code in UNDERSTOOD


@cache
def profile(code: str) -> LanguageProfile:
    """The profile of an understood language (imported the first time it is asked for)."""
    if code not in UNDERSTOOD:
        raise LookupError(f"envcoop does not understand {code!r} yet")
    module = importlib.import_module(f"envcoop.ingestion.languages.{code}")
    return module.PROFILE
