"""The JSON object ``envcoop extract`` prints, exactly as ../shared/contracts/extract.md sets out."""

from __future__ import annotations

from typing import Any

from envcoop.ingestion.extractors.base import Claim
from envcoop.ingestion.understand import Understanding

# The contract's list fields: the claim kind each comes from and the values it shows, in
# the contract's order (every item ends with its span, and all but dates with a confidence).
_LISTS = {
    "dates": ("date", ("text", "value", "end")),
    "events": ("event", ("name", "series", "ordinal", "start", "end", "place", "country", "host")),
    "agreements": ("agreement", ("name", "kind", "date", "parties")),
    "projects": ("project", ("name", "partners", "fund", "start", "end")),
    "frameworks": ("framework", ("name", "kind", "start", "end", "partners", "components")),
    "priorities": ("priority", ("text", "year", "areas")),
    "mentions": ("mention", ("kind", "name", "series", "ordinal")),
}
_UNSCORED = {"dates"}


def contract_claims(result: Understanding) -> dict[str, list[Claim]]:
    """The claims behind each list of the contract, in its order (an organisation named
    twice is listed once)."""
    by_kind: dict[str, list[Claim]] = {}
    for claim in result.claims:
        by_kind.setdefault(claim.kind, []).append(claim)
    organisations, seen = [], set()
    for claim in by_kind.get("organisation", []):
        key = claim.value.get("key") or claim.value["name"]
        if key not in seen:
            seen.add(key)
            organisations.append(claim)
    lists = {"organisations": organisations}
    for name, (kind, _fields) in _LISTS.items():
        lists[name] = by_kind.get(kind, [])
    lists["areas"] = by_kind.get("area", [])
    lists["countries"] = by_kind.get("country", [])
    return lists


def to_contract(result: Understanding, source: str) -> dict[str, Any]:
    lists = contract_claims(result)
    contract: dict[str, Any] = {
        "source": source,
        "lang": result.language,
        "areas": [claim.value["code"] for claim in lists["areas"]],
        "countries": sorted({claim.value["code"] for claim in lists["countries"]}),
        "organisations": [
            {
                "name": claim.value["name"],
                "acronym": claim.value.get("acronym"),
                "country": claim.value.get("country"),
                "span": list(claim.span),
                "confidence": round(claim.confidence, 3),
            }
            for claim in lists["organisations"]
        ],
    }
    for name, (_kind, fields) in _LISTS.items():
        contract[name] = [
            {
                **{
                    field: claim.text if field == "text" else claim.value[field] for field in fields
                },
                "span": list(claim.span),
                **({} if name in _UNSCORED else {"confidence": round(claim.confidence, 3)}),
            }
            for claim in lists[name]
        ]
    return contract
