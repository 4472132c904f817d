"""The JSON object ``envcoop extract`` prints, exactly as ../shared/contracts/extract.md sets out."""

from __future__ import annotations

from typing import Any

from envcoop.ingestion.understand import Understanding


def to_contract(result: Understanding, source: str) -> dict[str, Any]:
    by_kind: dict[str, list] = {}
    for claim in result.claims:
        by_kind.setdefault(claim.kind, []).append(claim)
    organisations, seen = [], set()
    for claim in by_kind.get("organisation", []):
        key = claim.value.get("key") or claim.value["name"]
        if key in seen:
            continue
        seen.add(key)
        organisations.append(
            {
                "name": claim.value["name"],
                "acronym": claim.value.get("acronym"),
                "country": claim.value.get("country"),
                "span": list(claim.span),
            }
        )
    return {
        "source": source,
        "lang": result.language,
        "areas": [claim.value["code"] for claim in by_kind.get("area", [])],
        "countries": sorted({claim.value["code"] for claim in by_kind.get("country", [])}),
        "organisations": organisations,
        "dates": [
            {
                "text": claim.text,
                "value": claim.value["value"],
                "end": claim.value["end"],
                "span": list(claim.span),
            }
            for claim in by_kind.get("date", [])
        ],
        "events": [
            {
                "name": claim.value["name"],
                "series": claim.value["series"],
                "ordinal": claim.value["ordinal"],
                "start": claim.value["start"],
                "end": claim.value["end"],
                "place": claim.value["place"],
                "country": claim.value["country"],
                "host": claim.value["host"],
                "span": list(claim.span),
            }
            for claim in by_kind.get("event", [])
        ],
        "agreements": [
            {
                "name": claim.value["name"],
                "kind": claim.value["kind"],
                "date": claim.value["date"],
                "parties": claim.value["parties"],
                "span": list(claim.span),
            }
            for claim in by_kind.get("agreement", [])
        ],
        "projects": [
            {
                "name": claim.value["name"],
                "partners": claim.value["partners"],
                "fund": claim.value["fund"],
                "start": claim.value["start"],
                "end": claim.value["end"],
                "span": list(claim.span),
            }
            for claim in by_kind.get("project", [])
        ],
    }
