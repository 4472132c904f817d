"""The comparable facts of a claim or a record, in one shape for every kind."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.contrib.contenttypes.models import ContentType

from envcoop.core.folding import fold
from envcoop.core.partial_date import PartialDate, PartialDateError
from envcoop.registry.models import Agreement, Event, Label, LabelKind, Organisation, Project

RESOLVED_KINDS = ("event", "agreement", "project", "organisation")
MODELS = {"event": Event, "agreement": Agreement, "project": Project, "organisation": Organisation}

# Words that say what kind of thing a name is, not which one: left out when names are compared.
_COMMON_WORDS = frozenset(
    [
        "the",
        "of",
        "on",
        "and",
        "for",
        "to",
        "in",
        "at",
        "a",
        "an",
        "by",
        "with",
        "between",
        "asean",
        "meeting",
        "conference",
        "workshop",
        "forum",
        "dialogue",
        "session",
        "và",
        "của",
        "về",
        "các",
        "cho",
        "tại",
        "với",
        "lần",
        "thứ",
        "hội",
        "nghị",
        "dan",
        "yang",
        "untuk",
        "di",
        "ke",
        "pada",
        "dengan",
        "mengenai",
        "tentang",
        "bagi",
        "serta",
    ]
)
_ORDINAL_SUFFIX = re.compile(r"^(\d+)(st|nd|rd|th|e|er)$")
_NUMBER = re.compile(r"\d+")


@lru_cache(maxsize=50_000)
def name_words(name: str) -> frozenset[str]:
    words = set()
    for word in fold(name).split():
        ordinal = _ORDINAL_SUFFIX.match(word)
        word = ordinal.group(1) if ordinal else word
        if word not in _COMMON_WORDS:
            words.add(word)
    return frozenset(words)


def _number_in(name: str) -> int | None:
    """The one small number a name carries ("8th AHP Conference": 8), else None."""
    numbers = {int(n) for n in _NUMBER.findall(fold(name))}
    small = [n for n in numbers if 0 < n < 200]
    return small[0] if len(small) == 1 and len(numbers) == 1 else None


def _date(value: object) -> PartialDate | None:
    if not value:
        return None
    try:
        return PartialDate.parse(value)  # type: ignore[arg-type]
    except PartialDateError:
        return None


@dataclass
class Candidate:
    kind: str
    names: list[str] = field(default_factory=list)
    key: str | None = None  # a registry key: the record's own, or the one a claim's name found
    acronyms: set[str] = field(default_factory=set)
    series: str | None = None
    ordinal: int | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    country: str | None = None
    place: str = ""  # folded
    subkind: str = ""  # an agreement's kind
    fund: str = ""  # a fund's key, or its folded name when it is not in the registry
    record: object = None  # the registry record this was built from
    folded: set[str] = field(init=False)
    words: list[frozenset[str]] = field(init=False)
    numbers: frozenset[str] = field(init=False)
    _days: tuple[dt.date, dt.date] | None = field(
        init=False, default=None, repr=False, compare=False
    )
    _days_of: tuple = field(init=False, default=(None, None), repr=False, compare=False)

    def __post_init__(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.folded = {fold(name) for name in self.names if name}
        self.words = [name_words(name) for name in self.names if name]
        main = fold(self.names[0]) if self.names else ""
        self.numbers = frozenset(_NUMBER.findall(main))  # "COP28" and "COP 28" carry 28

    def merge(self, other: Candidate) -> None:
        """Learn what another source says of the same thing (a cluster of pending claims)."""
        self.names.extend(name for name in other.names if name not in self.names)
        self.acronyms |= other.acronyms
        for name in ("key", "series", "ordinal", "start", "end", "country", "subkind", "fund"):
            if not getattr(self, name) and getattr(other, name):
                setattr(self, name, getattr(other, name))
        self.place = self.place or other.place
        self.refresh()

    @property
    def span(self) -> tuple[PartialDate, PartialDate] | None:
        """The days the dates could cover (a month covers all of it)."""
        if self.start is None:
            return None
        return self.start, self.end or self.start

    @property
    def days(self) -> tuple[dt.date, dt.date] | None:
        """The first and the last day of ``span`` (computed again only when the dates
        change: events are compared with many candidates)."""
        if self.start is None:
            return None
        start, end = self._days_of
        if self._days is None or start is not self.start or end is not self.end:
            self._days = (self.start.earliest(), (self.end or self.start).latest())
            self._days_of = (self.start, self.end)
        return self._days


def keys_by_name(model: type) -> dict[str, str]:
    """Folded name, acronym or alias of every record of ``model`` -> the record's key."""
    keys = dict(model.objects.values_list("pk", "key"))  # type: ignore[attr-defined]
    found: dict[str, str] = {}
    labels = Label.objects.filter(content_type=ContentType.objects.get_for_model(model))
    for object_id, text in labels.exclude(kind=LabelKind.DESCRIPTION).values_list(
        "object_id", "text"
    ):
        if object_id in keys:
            found.setdefault(fold(text), keys[object_id])
    return found


def from_claim(kind: str, value: dict, *, fund_keys: dict[str, str] | None = None) -> Candidate:
    """A candidate from a claim's value (the shape the extractors write)."""
    name = value.get("name") or ""
    candidate = Candidate(kind=kind, names=[name] if name else [], key=value.get("key"))
    if kind == "event":
        candidate.series = value.get("series") or None
        ordinal = value.get("ordinal")
        candidate.ordinal = ordinal if isinstance(ordinal, int) and ordinal > 0 else None
        candidate.start, candidate.end = _date(value.get("start")), _date(value.get("end"))
        candidate.country = value.get("country") or None
        candidate.place = fold(value.get("place") or "")
    elif kind == "agreement":
        candidate.subkind = value.get("kind") or ""
        candidate.start = _date(value.get("date"))
    elif kind == "project":
        fund = value.get("fund") or ""
        candidate.fund = (fund_keys or {}).get(fold(fund), fold(fund)) if fund else ""
        candidate.start, candidate.end = _date(value.get("start")), _date(value.get("end"))
    elif kind == "organisation":
        if value.get("acronym"):
            candidate.acronyms.add(value["acronym"])
        candidate.country = value.get("country") or None
    return candidate


def from_record(kind: str, record: object) -> Candidate:
    """A candidate from a registry record (labels, series, dates, ... prefetched or not)."""
    labels = list(record.labels.all())  # type: ignore[attr-defined]
    names = [label.text for label in labels if label.kind == LabelKind.NAME]
    names.sort(
        key=lambda text: 0 if any(lb.is_original and lb.text == text for lb in labels) else 1
    )
    names += [label.text for label in labels if label.kind == LabelKind.ALIAS]
    candidate = Candidate(
        kind=kind,
        names=names,
        key=record.key,  # type: ignore[attr-defined]
        acronyms={label.text for label in labels if label.kind == LabelKind.ACRONYM},
        record=record,
    )
    if kind == "event":
        candidate.series = record.series.key if record.series_id else None  # type: ignore[attr-defined]
        # an event outside any series keeps its number in its name ("8th AHP Conference")
        candidate.ordinal = record.ordinal or _number_in(names[0] if names else "")  # type: ignore[attr-defined]
        candidate.start, candidate.end = record.start, record.end  # type: ignore[attr-defined]
        candidate.country = record.country.code if record.country_id else None  # type: ignore[attr-defined]
        candidate.place = fold(record.place)  # type: ignore[attr-defined]
    elif kind == "agreement":
        candidate.subkind = record.kind  # type: ignore[attr-defined]
        candidate.start = record.date  # type: ignore[attr-defined]
    elif kind == "project":
        candidate.fund = record.fund.key if record.fund_id else ""  # type: ignore[attr-defined]
        candidate.start = record.actual_start or record.planned_start  # type: ignore[attr-defined]
        candidate.end = record.actual_end or record.planned_end  # type: ignore[attr-defined]
    elif kind == "organisation":
        candidate.country = record.country.code if record.country_id else None  # type: ignore[attr-defined]
    # numbers come from the original name, the one every language's name should carry
    candidate.refresh()
    return candidate
