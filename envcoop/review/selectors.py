"""Reads for the review: the queue of pending claims (by document or by proposed record), the
sources of a record, the records whose sources disagree, and reasons as sentences."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import get_language, gettext_lazy

from envcoop.accounts.roles import User
from envcoop.accounts.scope import visible_document_ids
from envcoop.core.countries import country_name
from envcoop.core.formatting import format_partial_date
from envcoop.core.partial_date import PartialDate, PartialDateError
from envcoop.ingestion.models import Claim, ClaimKind, Document
from envcoop.review.changes import AcceptChange
from envcoop.review.evidence import Conflict, conflicts_of, flagged_ids
from envcoop.review.models import Evidence
from envcoop.review.resolution.candidates import MODELS
from envcoop.review.services import accept_preview, pending, proposal_confidence

# What each reason code says; its values (series, ordinal, ...) fill the placeholders.
REASONS = {
    "known-name": gettext_lazy("names a record the registry knows"),
    "series-number": gettext_lazy("same series (%(series)s) and number (%(ordinal)s)"),
    "series": gettext_lazy("same series (%(series)s)"),
    "dates-same": gettext_lazy("same dates"),
    "dates-overlap": gettext_lazy("dates overlap"),
    "dates-differ": gettext_lazy("the dates differ: see the conflict"),
    "names": gettext_lazy("names alike (%(percent)s%% of their words)"),
    "same-name": gettext_lazy("same name"),
    "acronym": gettext_lazy("same acronym (%(acronym)s)"),
    "country": gettext_lazy("same country (%(country)s)"),
    "number": gettext_lazy("same number (%(ordinal)s)"),
    "place": gettext_lazy("same place"),
    "kind": gettext_lazy("same kind"),
    "period": gettext_lazy("runs over the same months"),
    "fund": gettext_lazy("same fund"),
}


def reason_text(reason: dict) -> str:
    """One reason of a proposal as a sentence in the active language."""
    template = REASONS.get(reason.get("code", ""))
    if template is None:
        return str(reason.get("code"))
    values = {**reason, "percent": round(100 * float(reason.get("similarity", 0)))}
    return str(template) % values


def pending_claims(*, kind: str | None = None, document: int | None = None) -> QuerySet[Claim]:
    claims = pending()
    if kind:
        claims = claims.filter(kind=kind)
    if document:
        claims = claims.filter(document_id=document)
    return claims.select_related("document", "match_type").order_by("document", "start", "pk")


@dataclass
class Proposal:
    """A pending claim with what the resolver proposes for it."""

    claim: Claim
    record: models.Model | None  # the record it would go into (None: a new one)
    reasons: list[str]
    confidence: float
    change: AcceptChange | None = None  # what accepting it writes

    @property
    def name(self) -> str:
        return self.claim.value.get("name") or self.claim.quote


@dataclass
class Group:
    """Claims proposed as one record (an existing one, or one they would create together)."""

    kind: str
    record: models.Model | None
    proposals: list[Proposal] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return str(ClaimKind(self.kind).label)

    @property
    def title(self) -> str:
        if self.record is not None:
            return str(self.record)
        return self.proposals[0].name


def proposals(claims: QuerySet[Claim]) -> list[Proposal]:
    claims = list(claims)
    wanted: dict[int, set[int]] = defaultdict(set)
    for claim in claims:
        if claim.match_id is not None:
            wanted[claim.match_type_id].add(claim.match_id)  # type: ignore[index]
    found: dict[tuple[int, int], models.Model] = {}
    for type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        records = model.objects.filter(pk__in=ids).prefetch_related("labels")  # type: ignore[union-attr]
        if any(f.name == "country" for f in model._meta.get_fields()):  # type: ignore[union-attr]
            records = records.select_related("country")  # an organisation's name shows it
        for record in records:
            found[(type_id, record.pk)] = record
    items = []
    for claim in claims:
        record = (
            found.get((claim.match_type_id, claim.match_id))  # type: ignore[arg-type]
            if claim.match_id is not None
            else None
        )
        items.append(
            Proposal(
                claim=claim,
                record=record,
                reasons=[reason_text(reason) for reason in claim.match_reasons or []],
                confidence=proposal_confidence(claim),
                change=accept_preview(claim, target=record),
            )
        )
    return items


def by_document(items: list[Proposal]) -> list[tuple[Document, list[Proposal]]]:
    groups: dict[int, tuple[Document, list[Proposal]]] = {}
    for item in items:
        groups.setdefault(item.claim.document_id, (item.claim.document, []))[1].append(item)
    return list(groups.values())


def by_record(items: list[Proposal]) -> list[Group]:
    groups: dict[tuple, Group] = {}
    for item in items:
        if item.record is not None:
            key: tuple = ("record", item.claim.match_type_id, item.claim.match_id)
        else:
            key = ("new", item.claim.cluster or f"claim:{item.claim.pk}")
        groups.setdefault(key, Group(item.claim.kind, item.record)).proposals.append(item)
    return sorted(groups.values(), key=lambda group: (group.kind, group.title.casefold()))


@dataclass
class Source:
    document: Document | None  # None: a document the reader may not read
    quotes: list[Evidence]  # (none from such a document)

    @property
    def restricted(self) -> bool:
        return self.document is None


def sources_of(record: models.Model, reader: User | None) -> list[Source]:
    """The documents a record's values came from, each with its quotes (newest first). A
    document ``reader`` may not read (None: the public) is a restricted source: no title,
    no quote, no address."""
    evidence = list(
        Evidence.objects.filter(
            content_type=ContentType.objects.get_for_model(record), object_id=record.pk
        )
        .select_related("document")
        .order_by("-document__created_at", "start")
    )
    readable = visible_document_ids(reader, {item.document_id for item in evidence})
    by_document: dict[int, Source] = {}
    seen: set[tuple[int, int, int]] = set()
    for item in evidence:
        if item.document_id not in readable:
            by_document.setdefault(item.document_id, Source(None, []))
            continue
        source = by_document.setdefault(item.document_id, Source(item.document, []))
        span = (item.document_id, item.start, item.end)
        if span not in seen:  # one quote per span (several fields come from one sentence)
            seen.add(span)
            source.quotes.append(item)
    return list(by_document.values())


def kind_of(record: models.Model) -> str:
    return next(kind for kind, model in MODELS.items() if isinstance(record, model))


_FIELD_LABELS = {
    "start": gettext_lazy("start"),
    "end": gettext_lazy("end"),
    "country": gettext_lazy("country"),
}


def _shown(field: str, value: object) -> str:
    """A disputed value the reader's way (dates in their calendar, countries by name)."""
    lang = get_language() or "en"
    if field == "country" and isinstance(value, str):
        return f"{country_name(value, lang)} ({value})"
    if isinstance(value, str):
        try:
            return format_partial_date(PartialDate.parse(value), lang)
        except PartialDateError:
            return value
    return str(value)


def conflict_rows(record: models.Model, reader: User | None) -> list[Conflict]:
    """The record's conflicts, each with a label and each value as a reader should see it;
    the evidence from a document ``reader`` may not read is marked ``restricted`` (shown
    without its title, quote or address)."""
    conflicts = conflicts_of(record, kind_of(record))
    documents = {item.document_id for c in conflicts for v in c.values for item in v.evidence}
    readable = visible_document_ids(reader, documents)
    for conflict in conflicts:
        conflict.label = str(_FIELD_LABELS.get(conflict.field, conflict.field))  # type: ignore[attr-defined]
        for value in conflict.values:
            value.shown = _shown(conflict.field, value.value)  # type: ignore[attr-defined]
            for item in value.evidence:
                item.restricted = item.document_id not in readable  # type: ignore[attr-defined]
    return conflicts


def flagged_records(reader: User | None) -> list[tuple[str, models.Model, list[Conflict]]]:
    """Every record whose sources disagree, with its conflicts as ``reader`` sees them."""
    flagged = []
    for kind, model in MODELS.items():
        ids = flagged_ids(model, kind)
        for record in model.objects.filter(pk__in=ids).prefetch_related("labels"):
            flagged.append((kind, record, conflict_rows(record, reader)))
    return flagged
