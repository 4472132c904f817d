"""Reads of stored documents and their claims."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from envcoop.ingestion.models import Claim, Document

HIGHLIGHTED_KINDS = ("date", "country", "organisation", "event", "agreement", "project")


def document_list(*, lang: str | None = None, status: str | None = None) -> QuerySet[Document]:
    documents = Document.objects.defer("text").annotate(claim_count=Count("claims"))
    if lang:
        documents = documents.filter(lang=lang)
    if status:
        documents = documents.filter(status=status)
    return documents.order_by("-created_at", "-pk")


def document_languages() -> list[str]:
    return sorted(Document.objects.values_list("lang", flat=True).distinct())


@dataclass
class Piece:
    """A run of the document's text and the claims that cover it."""

    text: str
    claims: list[Claim]

    @property
    def kinds(self) -> list[str]:
        return sorted({claim.kind for claim in self.claims}, key=HIGHLIGHTED_KINDS.index)

    @property
    def tooltip(self) -> str:
        return "\n".join(f"{claim.get_kind_display()}: {describe(claim)}" for claim in self.claims)


def describe(claim: Claim) -> str:
    """A claim's normalised value in one line (what a reader sees on hover)."""
    value = claim.value
    if claim.kind == "date":
        return value["value"] + (f" – {value['end']}" if value.get("end") else "")
    if claim.kind == "country":
        return value["code"]
    if claim.kind == "organisation":
        parts = [value["name"], value.get("acronym"), value.get("country")]
        return " · ".join(p for p in parts if p)
    if claim.kind == "event":
        when = value["start"] + (f" – {value['end']}" if value.get("end") else "")
        parts = [
            value["name"],
            value.get("series"),
            value.get("ordinal") and f"#{value['ordinal']}",
            when,
            value.get("place"),
        ]
        return " · ".join(str(p) for p in parts if p)
    if claim.kind == "agreement":
        parts = [value["name"], value.get("kind"), value.get("date")]
        return " · ".join(p for p in parts if p)
    if claim.kind == "project":
        parts = [value["name"], value.get("fund"), value.get("start")]
        return " · ".join(p for p in parts if p)
    if claim.kind == "area":
        return value["code"]
    return str(value)


def highlighted(document: Document, claims: list[Claim]) -> list[Piece]:
    """The document's text cut at every claim boundary, each piece with its covering claims."""
    spans = [
        claim for claim in claims if claim.kind in HIGHLIGHTED_KINDS and claim.end > claim.start
    ]
    cuts = sorted({0, len(document.text), *(c.start for c in spans), *(c.end for c in spans)})
    pieces = []
    for start, end in itertools.pairwise(cuts):
        covering = [claim for claim in spans if claim.start <= start and end <= claim.end]
        pieces.append(Piece(document.text[start:end], covering))
    return pieces
