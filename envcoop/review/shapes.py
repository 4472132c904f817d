"""Records as plain data, with their sources and conflicts (``envcoop show --json``)."""

from __future__ import annotations

from typing import Any

from envcoop.review.evidence import Conflict, code_of, conflicts_of
from envcoop.review.selectors import sources_of


def _date(value: object) -> str | None:
    return None if value is None else str(value)


def fields_of(kind: str, record: Any) -> dict[str, Any]:
    if kind == "event":
        return {
            "series": code_of(record.series),
            "ordinal": record.ordinal,
            "start": _date(record.start),
            "end": _date(record.end),
            "place": record.place or None,
            "country": code_of(record.country),
            "hosts": sorted(
                [c.code for c in record.host_countries.all()]
                + [o.key for o in record.host_organisations.all()]
            ),
        }
    if kind == "agreement":
        return {
            "kind": record.kind,
            "status": record.status,
            "date": _date(record.date),
            "parties": sorted(
                [c.code for c in record.party_countries.all()]
                + [o.key for o in record.party_organisations.all()]
            ),
            "adopted_at": code_of(record.adopted_at),
        }
    if kind == "project":
        return {
            "status": record.activity_status,
            "fund": code_of(record.fund),
            "planned_start": _date(record.planned_start),
            "planned_end": _date(record.planned_end),
            "actual_start": _date(record.actual_start),
            "actual_end": _date(record.actual_end),
            "recipient_countries": sorted(c.code for c in record.recipient_countries.all()),
        }
    if kind == "organisation":
        return {
            "type": record.type,
            "acronyms": sorted({label.text for label in record.labels_of("acronym")}),
            "country": code_of(record.country),
            "parent": code_of(record.parent),
        }
    raise ValueError(kind)


def record_as_dict(kind: str, record: Any) -> dict[str, Any]:
    return {
        "id": record.key,
        "names": record.names(),
        **fields_of(kind, record),
        "sources": [
            {
                "document": source.document.pk,
                "lang": quote.lang,
                "span": [quote.start, quote.end],
                "quote": quote.quote,
            }
            for source in sources_of(record)
            for quote in source.quotes
        ],
        "conflicts": [
            {"field": conflict.field, "values": _values(conflict)}
            for conflict in conflicts_of(record, kind)
        ],
    }


def _values(conflict: Conflict) -> list[dict[str, Any]]:
    """Each value with the document that gives it (None: the registry's own value)."""
    values: list[dict[str, Any]] = []
    for value in conflict.values:
        if value.evidence:
            values.extend({"value": value.value, "document": e.document_id} for e in value.evidence)
        else:
            values.append({"value": value.value, "document": None})
    return values
