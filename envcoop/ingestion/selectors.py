"""Reads of stored documents and their claims."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from envcoop.core.countries import country_name
from envcoop.core.formatting import (
    display_year,
    format_partial_date,
    format_period,
    uses_buddhist_era,
)
from envcoop.core.partial_date import PartialDate, PartialDateError
from envcoop.ingestion.models import Claim, Document
from envcoop.registry.models import AgreementKind, Area, EventSeries

HIGHLIGHTED_KINDS = (
    "date", "country", "organisation", "event", "agreement", "project", "framework", "priority",
    "mention",
)  # fmt: skip


def document_list(*, lang: str | None = None, status: str | None = None) -> QuerySet[Document]:
    documents = Document.objects.defer("text").annotate(claim_count=Count("claims"))
    if lang:
        documents = documents.filter(lang=lang)
    if status:
        documents = documents.filter(status=status)
    return documents.order_by("-created_at", "-pk")


def document_languages(documents: QuerySet[Document] | None = None) -> list[str]:
    """The languages of ``documents`` (default: all), for the list's filter."""
    documents = Document.objects.all() if documents is None else documents
    return sorted(documents.order_by().values_list("lang", flat=True).distinct())


@dataclass(frozen=True)
class CodeNames:
    """Names, in the reader's language, for the codes facts carry: countries (CLDR), areas
    and meeting series (the registry's names). Read once per page."""

    lang: str
    areas: dict[str, str] = field(default_factory=dict)
    series: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, lang: str) -> CodeNames:
        def names(model: type) -> dict[str, str]:
            key = "code" if model is Area else "key"
            return {
                getattr(record, key): str(record.name_in(lang) or record.display_name)
                for record in model.objects.prefetch_related("labels")
            }

        return cls(lang=lang, areas=names(Area), series=names(EventSeries))

    def country(self, code: str | None) -> str | None:
        return country_name(code, self.lang) if code else None


_ENGLISH = CodeNames(lang="en")  # countries in English; areas and series by their codes


@dataclass
class Piece:
    """A run of the document's text and the claims that cover it."""

    text: str
    claims: list[Claim]
    names: CodeNames = _ENGLISH
    focus: bool = False  # inside the span a reader was sent to (a record's source)
    first_focus: bool = False

    @property
    def kinds(self) -> list[str]:
        return sorted({claim.kind for claim in self.claims}, key=HIGHLIGHTED_KINDS.index)

    @property
    def tooltip(self) -> str:
        return "\n".join(
            f"{claim.get_kind_display()}: {describe(claim, self.names)}" for claim in self.claims
        )


def _dates(start: object, end: object, lang: str) -> str:
    """A claim's date or span: ISO dates ("2023-08-22 – 2023-08-24"), or for a reader who
    counts years in the Buddhist era, in their calendar ("22–24 ส.ค. 2566")."""
    if not start:
        return ""
    if uses_buddhist_era(lang):
        try:
            first = PartialDate.parse(str(start))
            last = PartialDate.parse(str(end)) if end else None
        except PartialDateError:
            pass
        else:
            return format_period(first, last, lang) if last else format_partial_date(first, lang)
    return f"{start} – {end}" if end else str(start)


def describe(claim: Claim, names: CodeNames = _ENGLISH) -> str:
    """A claim's normalised value in one line (what a reader sees on hover): dates as ISO
    dates (in the Buddhist era for Thai readers), codes with their names in the reader's
    language when a page gives them."""
    value = claim.value
    if claim.kind == "date":
        return _dates(value["value"], value.get("end"), names.lang)
    if claim.kind == "country":
        return f"{names.country(value['code'])} ({value['code']})"
    if claim.kind == "organisation":
        parts = [value["name"], value.get("acronym"), names.country(value.get("country"))]
        return " · ".join(p for p in parts if p)
    if claim.kind == "event":
        when = _dates(value["start"], value.get("end"), names.lang)
        parts = [
            value["name"],
            names.series.get(value.get("series") or "", value.get("series")),
            value.get("ordinal") and f"#{value['ordinal']}",
            when,
            value.get("place"),
        ]
        return " · ".join(str(p) for p in parts if p)
    if claim.kind == "agreement":
        kind = value.get("kind")
        kind_label = str(AgreementKind(kind).label) if kind in AgreementKind.values else kind
        parts = [value["name"], kind_label, _dates(value.get("date"), None, names.lang)]
        return " · ".join(p for p in parts if p)
    if claim.kind == "project":
        parts = [value["name"], value.get("fund"), _dates(value.get("start"), None, names.lang)]
        return " · ".join(p for p in parts if p)
    if claim.kind == "area":
        return names.areas.get(value["code"], value["code"])
    if claim.kind == "framework":
        if uses_buddhist_era(names.lang) and value.get("start"):
            period = _dates(value.get("start"), value.get("end"), names.lang)
        else:
            period = "–".join(p for p in (value.get("start"), value.get("end")) if p)
        return " · ".join(p for p in (value["name"], value.get("kind"), period) if p)
    if claim.kind == "priority":
        areas = ", ".join(names.areas.get(code, code) for code in value.get("areas", []))
        year = value.get("year")
        shown = display_year(int(year), names.lang) if str(year or "").isdigit() else year
        return " · ".join(str(p) for p in (value["text"], shown, areas) if p)
    if claim.kind == "mention":
        parts = [
            value["name"],
            names.series.get(value.get("series") or "", value.get("series")),
            value.get("ordinal") and f"#{value['ordinal']}",
        ]
        return " · ".join(str(p) for p in parts if p)
    return str(value)


def highlighted(
    document: Document,
    claims: list[Claim],
    names: CodeNames = _ENGLISH,
    focus: tuple[int, int] | None = None,
) -> list[Piece]:
    """The document's text cut at every claim boundary, each piece with its covering claims.

    One sweep over the boundaries: a claim joins the open set where it starts and leaves it
    where it ends, so a long document with many claims costs (boundaries + claims) work.
    """
    spans = sorted(
        (c for c in claims if c.kind in HIGHLIGHTED_KINDS and c.end > c.start),
        key=lambda c: c.start,
    )
    cuts = sorted({0, len(document.text), *(c.start for c in spans), *(c.end for c in spans)})
    if focus is not None:
        focus = (
            max(0, min(focus[0], len(document.text))),
            max(0, min(focus[1], len(document.text))),
        )
        cuts = sorted({*cuts, *focus})
    first = True
    pieces: list[Piece] = []
    open_claims: list[Claim] = []
    waiting = 0
    for start, end in itertools.pairwise(cuts):
        open_claims = [claim for claim in open_claims if claim.end > start]
        while waiting < len(spans) and spans[waiting].start <= start:
            open_claims.append(spans[waiting])
            waiting += 1
        inside = focus is not None and focus[0] <= start and end <= focus[1] and start < end
        pieces.append(
            Piece(document.text[start:end], list(open_claims), names, inside, inside and first)
        )
        first = first and not inside
    return pieces
