"""Burmese written in the Zawgyi font encoding, converted to Unicode before anything reads it.

Zawgyi reuses the Unicode code points of the Myanmar block for other glyphs, so a Zawgyi
page decodes as valid UTF-8 and still reads as nonsense. Google's detector (myanmartools,
its model ships in the wheel) tells Zawgyi from Unicode; ICU's ``Zawgyi-my`` transform
converts it. The document then stores, shows and points its spans into the Unicode text,
and its encoding says it was converted.
"""

from __future__ import annotations

import re
import warnings
from functools import cache

import icu
from myanmartools import ZawgyiDetector

_MYANMAR = re.compile("[\u1000-\u109f]+(?:[\\s\u104a\u104b]+[\u1000-\u109f]+)*")
THRESHOLD = 0.95  # the detector's probability above which a text is taken to be Zawgyi
NOTE = "Zawgyi → Unicode"


@cache
def _detector() -> ZawgyiDetector:
    with warnings.catch_warnings():  # (the package loads its model with a deprecated call)
        warnings.simplefilter("ignore", DeprecationWarning)
        return ZawgyiDetector()


@cache
def _transform() -> icu.Transliterator:
    return icu.Transliterator.createInstance("Zawgyi-my")


def is_zawgyi(text: str) -> bool:
    """Whether the Burmese in ``text`` is written in Zawgyi (judged on its Burmese runs)."""
    burmese = " ".join(_MYANMAR.findall(text[:20000]))
    return len(burmese) >= 8 and _detector().get_zawgyi_probability(burmese) > THRESHOLD


def to_unicode(text: str) -> str:
    """The text with its Burmese runs converted from Zawgyi to Unicode (the rest untouched)."""
    return _MYANMAR.sub(lambda run: _transform().transliterate(run.group()), text)
