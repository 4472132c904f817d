"""What goes into the index, and keeping it in step with the data.

Passages: each passage of a document, in its language, with the document's areas and year,
the countries named in the passage and the series of the meetings it names. Records:
events, agreements, projects, organisations, frameworks and funds, with every name,
acronym, alias and description in every language, their areas, the countries they involve,
their year and (for events) series. Writes happen in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, models, transaction

from envcoop.ingestion.models import Claim, Document, Passage
from envcoop.ingestion.pipeline import insert_rows
from envcoop.registry.models import Agreement, Event, Framework, Fund, Organisation, Project
from envcoop.search.facet_words import facet_words
from envcoop.search.models import AREA_BITS, Entry
from envcoop.search.readers import PUBLIC, readers_of
from envcoop.search.text import index_text

RECORD_KINDS: dict[str, type[models.Model]] = {
    "event": Event,
    "agreement": Agreement,
    "project": Project,
    "organisation": Organisation,
    "framework": Framework,
    "fund": Fund,
}
# The countries a record involves, per kind: (foreign keys, many-to-many fields).
_COUNTRIES = {
    "event": (("country", "chair_country"), ("host_countries", "participant_countries")),
    "agreement": ((), ("party_countries",)),
    "project": ((), ("recipient_countries",)),
    "organisation": (("country",), ()),
    "framework": ((), ("partner_countries",)),
    "fund": ((), ("partner_countries",)),
}
_YEAR = {
    "event": ("start",),
    "agreement": ("date",),
    "project": ("actual_start", "planned_start"),
    "framework": ("period_start",),
}
ENTRY_FIELDS = (
    "kind",
    "object_id",
    "document",
    "lang",
    "year",
    "series",
    "areas",
    "countries",
    "terms",
    "facets",
)


def _insert(rows: list[tuple]) -> None:
    """Rows of the ENTRY_FIELDS before ``facets``, then the entry's reader words
    (``readers``): ``facets`` is made from them here."""
    insert_rows(Entry, ENTRY_FIELDS, [entry_row(*row) for row in rows])


def entry_row(
    kind: str,
    object_id: int,
    document_id: int | None,
    lang: str,
    year: int | None,
    series: str,
    areas: int,
    countries: str,
    terms: str,
    readers: list[str] | tuple[str, ...] = (PUBLIC,),
) -> tuple:
    """The values of ENTRY_FIELDS for one entry (a record's readers: everyone)."""
    facets = facet_words(kind, lang, year, series, areas, countries, readers)
    return (kind, object_id, document_id, lang, year, series, areas, countries, terms, facets)


def _countries(codes: Iterable[str]) -> str:
    unique = sorted({code for code in codes if code})
    return f" {' '.join(unique)} " if unique else ""


# ----------------------------------------------------------------- passages


_INDEXED_KINDS = ("area", "country", "event")


def _passages(document_id: int) -> list[tuple]:
    """(pk, start, end, lang) of a document's passages in order: one plain query (the ORM
    took longer to build it than the database to answer, once per document stored)."""
    quote = connection.ops.quote_name
    columns = ", ".join(
        quote(Passage._meta.get_field(name).column) for name in ("id", "start", "end", "lang")
    )
    table = quote(Passage._meta.db_table)
    document_column = quote(Passage._meta.get_field("document").column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns} FROM {table} WHERE {document_column} = %s ORDER BY "
            f"{quote('position')}, {quote('id')}",
            [document_id],
        )
        return cursor.fetchall()


def document_index(document: Document, claims: list[tuple] | None = None) -> int:
    """(Re)index the passages of one document; returns how many entries it has now.
    ``claims``, when the caller has them at hand, are (kind, start, end, value) of every
    claim not rejected (else they are read from the database)."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:  # (one DELETE, built without the ORM)
        cursor.execute(
            f"DELETE FROM {quote(Entry._meta.db_table)} "
            f"WHERE {quote(Entry._meta.get_field('document').column)} = %s",
            [document.pk],
        )
    if claims is None:
        claims = list(
            Claim.objects.filter(document=document, kind__in=_INDEXED_KINDS)
            .exclude(status="rejected")
            .values_list("kind", "start", "end", "value")
        )
    else:
        claims = [claim for claim in claims if claim[0] in _INDEXED_KINDS]
    areas = 0
    for kind, _start, _end, value in claims:
        if kind == "area":
            areas |= AREA_BITS.get(value.get("code"), 0)
    year = document.date.year if document.date else None
    readers = readers_of(document)
    rows = []
    text = document.text
    for pk, start, end, lang in _passages(document.pk):
        inside = [(k, v) for k, s, e, v in claims if start <= s < end]
        countries = _countries(v.get("code") for k, v in inside if k == "country")
        series = next((v.get("series") for k, v in inside if k == "event" and v.get("series")), "")
        rows.append(
            (
                "passage", pk, document.pk, lang, year, series or "", areas, countries,
                index_text(text[start:end], lang), readers,
            )
        )  # fmt: skip
    _insert(rows)
    return len(rows)


# ------------------------------------------------------------------ records


def _record_row(kind: str, record: models.Model) -> tuple:
    labels = list(record.labels.all())  # type: ignore[attr-defined]
    parts = [index_text(label.text, label.lang) for label in labels]
    if kind == "event" and record.place:  # type: ignore[attr-defined]
        parts.append(index_text(record.place))  # type: ignore[attr-defined]
    original = next((label for label in labels if label.is_original), labels[0] if labels else None)
    areas = 0
    if hasattr(record, "areas"):
        for code in record.areas.values_list("code", flat=True):  # type: ignore[attr-defined]
            areas |= AREA_BITS.get(code, 0)
    single, many = _COUNTRIES[kind]
    codes = [getattr(getattr(record, name), "code", None) for name in single]
    for name in many:
        codes.extend(getattr(record, name).values_list("code", flat=True))
    year = None
    for name in _YEAR.get(kind, ()):
        value = getattr(record, name)
        if value is not None:
            year = value.year
            break
    series = record.series.key if kind == "event" and record.series_id else ""  # type: ignore[attr-defined]
    return (
        kind, record.pk, None, original.lang if original else "", year, series, areas,
        _countries(codes), " ".join(p for p in parts if p),
    )  # fmt: skip


def record_index(record: models.Model) -> None:
    kind = next(k for k, model in RECORD_KINDS.items() if isinstance(record, model))
    Entry.objects.filter(kind=kind, object_id=record.pk).delete()
    if type(record).objects.filter(pk=record.pk).exists():  # type: ignore[attr-defined]
        _insert([_record_row(kind, record)])


def record_unindex(record: models.Model) -> None:
    kind = next(k for k, model in RECORD_KINDS.items() if isinstance(record, model))
    Entry.objects.filter(kind=kind, object_id=record.pk).delete()


@transaction.atomic
def reindex(progress: object = None) -> int:
    """Rebuild the whole index; ``progress`` (optional) has advance(label) and finish()."""
    Entry.objects.all().delete()
    total = 0
    documents = (
        Document.objects.only(
            "pk", "text", "dateline", "publication_date", "visibility", "country__code",
            "uploaded_by_id",
        )
        .select_related("country")
        .prefetch_related("shared_with")
        .order_by("pk")
    )  # fmt: skip
    for kind, model in RECORD_KINDS.items():
        rows = [_record_row(kind, record) for record in model.objects.prefetch_related("labels")]  # type: ignore[attr-defined]
        _insert(rows)
        total += len(rows)
        if progress is not None:
            progress.advance(kind)  # type: ignore[attr-defined]
    for document in documents.iterator(chunk_size=50):
        total += document_index(document)
        if progress is not None:
            progress.advance(str(document))  # type: ignore[attr-defined]
    return total
