"""Dates the sources still disagree on, as a report must state them: every value, each with
the documents that give it, and never one of them as the fact.

A disagreement is the review's own (``review.evidence.conflicts_of``): it lasts until a
reviewer keeps one value. Each document gives one span (its start, and its end or the
record's); the value the record holds is one more, cited to the documents that give it
or, when none does, to the registry. A value that is a coarser form of another ("August
2023" beside "22 August 2023") says nothing against either and is left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Model

from envcoop.core.partial_date import PartialDate
from envcoop.review.evidence import CONFLICT_FIELDS, conflicts_of, flagged_ids

_DATES = ("start", "end")


@dataclass(frozen=True)
class Alternative:
    start: PartialDate
    end: PartialDate | None
    documents: tuple[int, ...]  # the documents that give it; () for the registry's own value


def disputed_ids(model: type[Model], kind: str) -> set[int]:
    """Ids of the records of ``model`` with any disagreement (two queries for them all)."""
    return set(flagged_ids(model, kind)) if kind in CONFLICT_FIELDS else set()


def _covers(coarse: tuple[str | None, str | None], fine: tuple[str | None, str | None]) -> bool:
    """Whether ``coarse`` is ``fine`` said less precisely (and not the same)."""
    if coarse == fine:
        return False
    return all(
        a == b or (a is not None and b is not None and b.startswith(a))
        for a, b in zip(coarse, fine, strict=True)
    )


def date_alternatives(record: Model, kind: str) -> list[Alternative]:
    """The spans the sources give for ``record`` when they disagree on its dates, else []."""
    fields = CONFLICT_FIELDS.get(kind, {})
    conflicts = {c.field: c for c in conflicts_of(record, kind) if c.field in _DATES}
    if not conflicts or "start" not in fields:
        return []
    held: tuple[str | None, str | None] = tuple(  # type: ignore[assignment]
        str(value) if (value := getattr(record, fields[name])) else None for name in _DATES
    )
    said: dict[int, dict[str, str]] = {}
    for name, conflict in conflicts.items():
        for value in conflict.values:
            for item in value.evidence:
                said.setdefault(item.document_id, {})[name] = str(value.value)
    spans: dict[tuple[str | None, str | None], list[int]] = {held: []}
    for document, values in sorted(said.items()):
        span = (values.get("start", held[0]), values.get("end", held[1]))
        spans.setdefault(span, []).append(document)
    kept = [
        span
        for span in spans
        if span[0] is not None and not any(_covers(span, other) for other in spans)
    ]
    if len(kept) < 2:
        return []
    found = [
        Alternative(
            PartialDate.parse(start),  # type: ignore[arg-type]
            PartialDate.parse(end) if end else None,
            tuple(spans[(start, end)]),
        )
        for start, end in kept
    ]
    return sorted(
        found, key=lambda a: (a.start.earliest(), a.end.earliest() if a.end else a.start.earliest())
    )
