"""Records as plain data, with their sources and conflicts (``envcoop show --json``)."""

from __future__ import annotations

from typing import Any

from envcoop.review.evidence import Conflict, code_of
from envcoop.review.selectors import conflict_rows, sources_of


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


def record_as_dict(kind: str, record: Any, reader: Any) -> dict[str, Any]:
    """The record, with its sources and conflicts as ``reader`` may see them: a document
    they may not read is ``{"restricted": true}``, without its number or quote."""
    sources: list[dict[str, Any]] = []
    for source in sources_of(record, reader):
        if source.restricted:
            sources.append({"restricted": True})
            continue
        sources.extend(
            {
                "document": source.document.pk,  # type: ignore[union-attr]
                "lang": quote.lang,
                "span": [quote.start, quote.end],
                "quote": quote.quote,
            }
            for quote in source.quotes
        )
    return {
        "id": record.key,
        "names": record.names(),
        **fields_of(kind, record),
        "sources": sources,
        "conflicts": [
            {"field": conflict.field, "values": _values(conflict)}
            for conflict in conflict_rows(record, reader)
        ],
    }


def _values(conflict: Conflict) -> list[dict[str, Any]]:
    """Each value with the document that gives it (None: the registry's own value; a
    document the reader may not read: ``"restricted": true`` instead of its number)."""
    values: list[dict[str, Any]] = []
    for value in conflict.values:
        for item in value.evidence:
            if getattr(item, "restricted", False):
                values.append({"value": value.value, "document": None, "restricted": True})
            else:
                values.append({"value": value.value, "document": item.document_id})
        if not value.evidence:
            values.append({"value": value.value, "document": None})
    return values
