"""Is candidate ``a`` the same thing as candidate ``b``? A score with its reasons, or None.

Events:        the same series and number; else the same series and overlapping dates;
               else overlapping dates with names alike (and the same country or place).
               Another number of the same series is never the same meeting.
Agreements:    the same name in any language the record knows; else the same kind and
               names alike. Names that carry different numbers (COP27, COP28) differ.
Projects:      the same name, or names alike, under the same fund when both name one.
Organisations: the registry name the extractor recognised; else the same acronym or
               the same name, in a compatible country; else names alike in the same country.

Reasons are codes with values (``{"code": "series-number", "series": "amme", ...}``);
``envcoop/review/selectors.py`` turns them into sentences in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from envcoop.core.partial_date import Precision
from envcoop.review.resolution.candidates import Candidate

THRESHOLD = 0.7  # below this, a claim proposes a new record


@dataclass
class Found:
    score: float
    reasons: list[dict] = field(default_factory=list)


_MIN_CONTAINED = 12  # letters: a shorter unspaced name is too likely to be a common word


def similarity(a: Candidate, b: Candidate) -> float:
    """The best word overlap (Jaccard) between any name of ``a`` and any name of ``b``.

    Thai, Lao, Khmer and Burmese names are written without spaces between words: one
    such name inside the other ("ความตกลงอาเซียนว่าด้วย..." in "การประชุมรัฐภาคีความตกลง
    อาเซียนว่าด้วย...") counts as 0.9.
    """
    if a.folded & b.folded:
        return 1.0
    best = 0.0
    for first in a.folded:
        for second in b.folded:
            short, long = sorted((first, second), key=len)
            if " " not in short and len(short) >= _MIN_CONTAINED and short in long:
                best = 0.9
    for first in a.words:
        for second in b.words:
            if first and second:
                best = max(best, len(first & second) / len(first | second))
    return best


def _overlap(a: Candidate, b: Candidate) -> str | None:
    """ "same" when the dates agree, "overlap" when they could be the same days, else None."""
    a_days, b_days = a.days, b.days
    if a_days is None or b_days is None:
        return None
    if a_days[0] > b_days[1] or b_days[0] > a_days[1]:
        return None
    if a.start == b.start and (a.end == b.end or a.end is None or b.end is None):
        return "same"
    return "overlap"


def _dates_differ(a: Candidate, b: Candidate) -> bool:
    return a.span is not None and b.span is not None and _overlap(a, b) is None


def _countries_fit(a: Candidate, b: Candidate) -> bool:
    return not a.country or not b.country or a.country == b.country


def compare_events(a: Candidate, b: Candidate) -> Found | None:
    if a.series and b.series and a.series != b.series:
        return None
    if a.ordinal and b.ordinal and a.ordinal != b.ordinal:
        return None
    dates = _overlap(a, b)
    if a.series and a.series == b.series:
        if a.ordinal and b.ordinal:
            found = Found(
                0.97, [{"code": "series-number", "series": a.series, "ordinal": a.ordinal}]
            )
            if dates:
                found.score = 0.99
                found.reasons.append({"code": "dates-" + dates})
            elif _dates_differ(a, b):
                found.score = 0.9
                found.reasons.append({"code": "dates-differ"})
            return found
        if dates:
            score = 0.9 if dates == "same" else 0.8
            return Found(
                score, [{"code": "series", "series": a.series}, {"code": "dates-" + dates}]
            )
        return None
    if not dates:
        return None
    alike = similarity(a, b)
    if alike < 0.5:
        return _numbered_or_exact(a, b, dates)
    reasons = [{"code": "dates-" + dates}, {"code": "names", "similarity": round(alike, 2)}]
    score = 0.6 + 0.25 * alike
    if a.country and a.country == b.country:
        reasons.append({"code": "country", "country": a.country})
        score += 0.1
    elif not _countries_fit(a, b):
        return None
    elif a.place and b.place and (a.place in b.place or b.place in a.place):
        reasons.append({"code": "place"})
        score += 0.1
    return Found(min(score, 0.95), reasons)


def _numbered_or_exact(a: Candidate, b: Candidate, dates: str) -> Found | None:
    """Names in two languages share no words; the same number at overlapping dates (the
    8th AHP Conference, "Persidangan Taman Warisan ASEAN Ke-8", both in 2025), or the same
    days to the day in the same country, still say one meeting. When one side's series
    was recognised and the other's not, only the same number on the same day will do."""
    if (a.series and b.series) or not _countries_fit(a, b):
        return None
    precise = all(c.start is not None and c.start.precision == Precision.DAY for c in (a, b))
    if (a.series or b.series) and not (dates == "same" and precise):
        return None  # one series unrecognised: only the same number on the same day
    same_country = bool(a.country) and a.country == b.country
    if a.ordinal and a.ordinal == b.ordinal:
        reasons = [{"code": "number", "ordinal": a.ordinal}, {"code": "dates-" + dates}]
        score = 0.75 + (0.1 if dates == "same" else 0.0)
        if same_country:
            reasons.append({"code": "country", "country": a.country})
            score += 0.05
        return Found(score, reasons)
    if (
        dates == "same"
        and precise
        and not (a.series or b.series)
        and same_country
        and a.end is not None
        and a.end == b.end
        and a.start != a.end
    ):
        return Found(0.72, [{"code": "dates-same"}, {"code": "country", "country": a.country}])
    return None


def compare_agreements(a: Candidate, b: Candidate) -> Found | None:
    if a.numbers != b.numbers and (a.numbers and b.numbers):
        return None
    # "the joint statement on climate change" names none of the yearly ones for sure
    one_numbered = bool(a.numbers) != bool(b.numbers)
    if a.key and b.key:
        return Found(1.0, [{"code": "known-name"}]) if a.key == b.key else None
    if a.folded & b.folded:
        return Found(0.97, [{"code": "same-name"}])
    alike = similarity(a, b)
    same_kind = bool(a.subkind) and a.subkind == b.subkind
    if one_numbered:
        return (
            Found(0.8, [{"code": "names", "similarity": round(alike, 2)}]) if alike >= 0.9 else None
        )
    if same_kind and alike >= 0.75:
        return Found(
            0.6 + 0.3 * alike, [{"code": "kind"}, {"code": "names", "similarity": round(alike, 2)}]
        )
    if alike >= 0.9:
        return Found(0.8, [{"code": "names", "similarity": round(alike, 2)}])
    return None


def compare_projects(a: Candidate, b: Candidate) -> Found | None:
    if a.fund and b.fund and a.fund != b.fund:
        return None
    if a.numbers and b.numbers and a.numbers != b.numbers:
        return None
    if a.key and b.key:
        return Found(1.0, [{"code": "known-name"}]) if a.key == b.key else None
    reasons: list[dict] = []
    if a.folded & b.folded:
        score, reasons = 0.95, [{"code": "same-name"}]
    else:
        alike = similarity(a, b)
        if alike < 0.7:
            return _same_period(a, b)
        score, reasons = 0.55 + 0.3 * alike, [{"code": "names", "similarity": round(alike, 2)}]
    if a.fund and a.fund == b.fund:
        score += 0.05
        reasons.append({"code": "fund"})
    return Found(min(score, 0.99), reasons)


def _same_period(a: Candidate, b: Candidate) -> Found | None:
    """Names in two languages share no words; a project that runs over the same months,
    start and end (July 2022 to June 2025), is most likely the same one."""
    if not (a.start and a.end and b.start and b.end):
        return None
    precise = all(d.precision >= Precision.MONTH for d in (a.start, a.end, b.start, b.end))
    if precise and a.start == b.start and a.end == b.end:
        return Found(0.75, [{"code": "period"}])
    return None


def compare_organisations(a: Candidate, b: Candidate) -> Found | None:
    if a.key and b.key:
        return Found(1.0, [{"code": "known-name"}]) if a.key == b.key else None
    if not _countries_fit(a, b):
        return None
    if a.acronyms & b.acronyms:
        return Found(0.9, [{"code": "acronym", "acronym": sorted(a.acronyms & b.acronyms)[0]}])
    if a.folded & b.folded:
        return Found(0.95, [{"code": "same-name"}])
    alike = similarity(a, b)
    if alike >= 0.85 and a.country and a.country == b.country:
        return Found(0.8, [{"code": "names", "similarity": round(alike, 2)}])
    return None


RULES = {
    "event": compare_events,
    "agreement": compare_agreements,
    "project": compare_projects,
    "organisation": compare_organisations,
}


def compare(a: Candidate, b: Candidate) -> Found | None:
    return RULES[a.kind](a, b)
