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
    """The document's text cut at every claim boundary, each piece with its covering claims.

    One sweep over the boundaries: a claim joins the open set where it starts and leaves it
    where it ends, so a long document with many claims costs (boundaries + claims) work.
    """
    spans = sorted(
        (c for c in claims if c.kind in HIGHLIGHTED_KINDS and c.end > c.start),
        key=lambda c: c.start,
    )
    cuts = sorted({0, len(document.text), *(c.start for c in spans), *(c.end for c in spans)})
    pieces: list[Piece] = []
    open_claims: list[Claim] = []
    waiting = 0
    for start, end in itertools.pairwise(cuts):
        open_claims = [claim for claim in open_claims if claim.end > start]
        while waiting < len(spans) and spans[waiting].start <= start:
            open_claims.append(spans[waiting])
            waiting += 1
        pieces.append(Piece(document.text[start:end], list(open_claims)))
    return pieces
