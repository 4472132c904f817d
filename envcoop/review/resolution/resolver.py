"""Resolving a batch of claims: each event, agreement, project and organisation claim gets a
proposal, "the same as record X (score, reasons)" or "a new record", shared by the pending
claims that describe the same new thing (their ``cluster``).

Candidates are found through a small inverted index (blocking): events by year and by
series and number, the other kinds by the words, acronyms and keys of their names. Only
candidates that share a block are compared, so a registry of thousands of records costs
a few comparisons per claim.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from envcoop.ingestion.models import Claim, ClaimStatus
from envcoop.registry.models import Fund
from envcoop.review.resolution.candidates import (
    MODELS,
    RESOLVED_KINDS,
    Candidate,
    from_claim,
    from_record,
    keys_by_name,
)
from envcoop.review.resolution.rules import THRESHOLD, Found, compare

_RELATED = {
    "event": ("series", "country"),
    "agreement": (),
    "project": ("fund",),
    "organisation": ("country",),
}


def blocks(candidate: Candidate) -> set[str]:
    """The blocks a candidate falls in; two candidates are compared when they share one."""
    found: set[str] = set()
    if candidate.kind == "event":
        if candidate.series and candidate.ordinal:
            found.add(f"numbered:{candidate.series}:{candidate.ordinal}")
        if candidate.span is not None:
            first, last = candidate.span
            found.update(f"year:{year}" for year in range(first.year, last.year + 1))
        return found
    if candidate.key:
        found.add(f"key:{candidate.key}")
    found.update(f"acronym:{acronym}" for acronym in candidate.acronyms)
    for words in candidate.words:
        found.update(f"word:{word}" for word in words if len(word) > 2 and not word.isdigit())
    found.update(f"name:{name}" for name in candidate.folded)
    return found


# An event is compared with the events of its years only where their dates can meet: a
# year's events are also filed by (year, month of the dates). At most this many
# (year, month) pairs per event; an event spanning more is checked against every event of
# its years, as before.
_MOST_MONTHS = 400


def _months(candidate: Candidate) -> range:
    """The months (year * 12 + month - 1) from the first to the last day of the dates."""
    days = candidate.days
    if days is None:
        return range(0)
    low, high = sorted(days)
    return range(low.year * 12 + low.month - 1, high.year * 12 + high.month)


def _year_of(block: str) -> int | None:
    return int(block[5:]) if block.startswith("year:") else None


class Index:
    """Candidates of one kind, found by block.

    Events are also filed under (year, month) and, once their series or number changes,
    under (series, number, year): ``best`` compares an event only with the events of its
    years whose dates could meet its own or that carry the same series and number (the
    only ones ``rules.compare_events`` can find the same), instead of every event of its
    years. The years are those the event was filed under, so the events compared are the
    ones among ``near`` that can match, and the result is the same.
    """

    def __init__(self) -> None:
        self.items: list[Candidate] = []
        self._by_block: dict[str, list[int]] = defaultdict(list)
        self._records: dict[int, int] = {}  # record pk -> position
        self._years: dict[int, set[int]] = {}  # event position -> the years it is filed under
        self._positions: dict[int, int] = {}  # id(candidate) -> position
        self._wide: set[int] = set()  # events whose dates span too many months to file

    def add(self, candidate: Candidate) -> None:
        """Add a candidate; a record already held is replaced by its newer form."""
        pk = getattr(candidate.record, "pk", None)
        if pk is not None and pk in self._records:
            position = self._records[pk]
            self._positions.pop(id(self.items[position]), None)
            self.items[position] = candidate
        else:
            position = len(self.items)
            self.items.append(candidate)
            if pk is not None:
                self._records[pk] = position
        self._positions[id(candidate)] = position
        found = blocks(candidate)
        for block in found:
            self._by_block[block].append(position)
        if candidate.kind == "event":
            years = {year for block in found if (year := _year_of(block)) is not None}
            self._years.setdefault(position, set()).update(years)
            self._file_dates(position, candidate)

    def changed(self, candidate: Candidate) -> None:
        """A candidate held here learnt more (``Candidate.merge``): file its dates, series
        and number again, under the years it was filed under."""
        position = self._positions.get(id(candidate))
        if candidate.kind != "event" or position is None:
            return
        self._file_dates(position, candidate)
        if candidate.series and candidate.ordinal:
            for year in self._years[position]:
                key = f"numbered-in:{candidate.series}:{candidate.ordinal}:{year}"
                self._by_block[key].append(position)

    def _file_dates(self, position: int, candidate: Candidate) -> None:
        years, months = self._years[position], _months(candidate)
        if len(years) * len(months) > _MOST_MONTHS:
            self._wide.add(position)
            return
        for year in years:
            for month in months:
                self._by_block[f"month:{year}:{month}"].append(position)

    def near(self, candidate: Candidate) -> list[Candidate]:
        positions: set[int] = set()
        for block in blocks(candidate):
            positions.update(self._by_block.get(block, ()))
        return [self.items[position] for position in sorted(positions)]

    def _comparable(self, candidate: Candidate) -> list[Candidate]:
        """The candidates of ``near`` that ``compare`` may find the same as this one."""
        if candidate.kind != "event":
            return self.near(candidate)
        found = blocks(candidate)
        years = {year for block in found if (year := _year_of(block)) is not None}
        months = _months(candidate)
        if len(years) * len(months) > _MOST_MONTHS:
            return self.near(candidate)
        keys = [block for block in found if block.startswith("numbered:")]
        if candidate.series and candidate.ordinal:
            keys += [f"numbered-in:{candidate.series}:{candidate.ordinal}:{y}" for y in years]
        keys += [f"month:{year}:{month}" for year in years for month in months]
        positions: set[int] = set()
        for key in keys:
            positions.update(self._by_block.get(key, ()))
        positions.update(p for p in self._wide if self._years[p] & years)
        return [self.items[position] for position in sorted(positions)]

    def best(self, candidate: Candidate) -> tuple[Candidate, Found] | None:
        best: tuple[Candidate, Found] | None = None
        for other in self._comparable(candidate):
            found = compare(candidate, other)
            if (
                found is not None
                and found.score >= THRESHOLD
                and (best is None or found.score > best[1].score)
            ):
                best = (other, found)
        return best


_PROPOSAL_FIELDS = ["match_type", "match_id", "match_score", "match_reasons", "cluster"]


def _write_proposals(claims: list[Claim]) -> None:
    """The proposals of a document's claims in one executemany of a plain UPDATE (a save
    per claim, or Django's bulk_update with its CASE expressions, cost more than reading
    the document did). Values are adapted by the fields themselves, so JSON suits the
    database in use."""
    if not claims:
        return
    fields = [Claim._meta.get_field(name) for name in _PROPOSAL_FIELDS]
    columns = ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f in fields)
    table = connection.ops.quote_name(Claim._meta.db_table)
    rows = [
        [f.get_db_prep_save(getattr(claim, f.attname), connection) for f in fields] + [claim.pk]
        for claim in claims
    ]
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET {columns} WHERE id = %s", rows)


class Resolver:
    """Resolves claims against the registry and the pending claims; keep one for a batch."""

    def __init__(self) -> None:
        self._records: dict[str, Index] = {}
        self._clusters: dict[str, Index] = {}
        self._cluster_of: dict[str, dict[int, str]] = {}  # kind -> id(candidate) -> cluster
        self._fund_keys: dict[str, str] | None = None

    # ------------------------------------------------------------ what is known
    def fund_keys(self) -> dict[str, str]:
        """Folded fund names, acronyms and aliases -> fund key."""
        if self._fund_keys is None:
            self._fund_keys = keys_by_name(Fund)
        return self._fund_keys

    def records(self, kind: str) -> Index:
        if kind not in self._records:
            index = Index()
            model = MODELS[kind]
            rows = model.objects.select_related(*_RELATED[kind]).prefetch_related("labels")
            for record in rows.iterator(chunk_size=2000):
                index.add(from_record(kind, record))
            self._records[kind] = index
        return self._records[kind]

    def clusters(self, kind: str) -> Index:
        """One candidate per cluster of pending claims that propose a new record."""
        if kind not in self._clusters:
            index, merged = Index(), {}
            pending = Claim.objects.filter(
                kind=kind, status=ClaimStatus.PENDING, match_id__isnull=True
            ).exclude(cluster="")
            for claim in pending.order_by("pk"):
                candidate = self.candidate(claim)
                if claim.cluster in merged:
                    merged[claim.cluster].merge(candidate)
                else:
                    merged[claim.cluster] = candidate
            self._cluster_of[kind] = {}
            for cluster, candidate in merged.items():
                index.add(candidate)
                self._cluster_of[kind][id(candidate)] = cluster
            self._clusters[kind] = index
        return self._clusters[kind]

    def candidate(self, claim: Claim) -> Candidate:
        return from_claim(claim.kind, claim.value, fund_keys=self.fund_keys())

    def add_record(self, kind: str, record: object) -> None:
        """A record created during the batch (an accepted claim): later claims may match it."""
        if kind in self._records:
            model = MODELS[kind]
            fresh = (
                model.objects.select_related(*_RELATED[kind])
                .prefetch_related("labels")
                .get(pk=record.pk)  # type: ignore[attr-defined]
            )
            self._records[kind].add(from_record(kind, fresh))
        self._clusters.pop(kind, None)  # its cluster is resolved now

    # ------------------------------------------------------------ proposals
    def propose(self, claim: Claim) -> tuple[Candidate | None, Found | None, str]:
        """(matched record's candidate, score and reasons, cluster) for one claim."""
        candidate = self.candidate(claim)
        if candidate.key:
            known = next(
                (c for c in self.records(claim.kind).near(candidate) if c.key == candidate.key),
                None,
            )
            if known is not None:
                return known, Found(1.0, [{"code": "known-name"}]), ""
        best = self.records(claim.kind).best(candidate)
        if best is not None:
            return best[0], best[1], ""
        clusters = self.clusters(claim.kind)
        near = clusters.best(candidate)
        if near is not None:
            other, found = near
            other.merge(candidate)
            clusters.changed(other)
            return None, found, self._cluster_of[claim.kind][id(other)]
        cluster = f"{claim.kind}:{claim.pk}"
        clusters.add(candidate)
        self._cluster_of[claim.kind][id(candidate)] = cluster
        return None, None, cluster

    def resolve(self, claims: Iterable[Claim]) -> int:
        """Give every pending claim of a resolved kind its proposal; returns how many."""
        proposed = []
        for claim in claims:
            if claim.kind not in RESOLVED_KINDS or claim.status != ClaimStatus.PENDING:
                continue
            matched, found, cluster = self.propose(claim)
            if matched is not None:
                record = matched.record
                claim.match_type = ContentType.objects.get_for_model(record)  # type: ignore[arg-type]
                claim.match_id = record.pk  # type: ignore[attr-defined]
            else:
                claim.match_type, claim.match_id = None, None
            claim.match_score = found.score if found else None
            claim.match_reasons = found.reasons if found else []
            claim.cluster = cluster
            proposed.append(claim)
        _write_proposals(proposed)
        return len(proposed)


def resolve_document(document: object, resolver: Resolver | None = None) -> int:
    """Proposals for the pending claims of one stored document."""
    resolver = resolver or Resolver()
    return resolver.resolve(_pending_claims(document.pk))  # type: ignore[attr-defined]


def _pending_claims(document_id: int) -> list[Claim]:
    """The document's pending claims of the resolved kinds, in the order of the text, with
    what resolving reads of them (id, kind, value, status). One plain query: the ORM took
    longer to build it and make the claims than the database took to answer, once per
    document stored."""
    quote = connection.ops.quote_name
    field = Claim._meta.get_field
    value = field("value")
    columns = ", ".join(quote(field(name).column) for name in ("id", "kind", "value", "status"))
    kinds = ", ".join(["%s"] * len(RESOLVED_KINDS))
    sql = (
        f"SELECT {columns} FROM {quote(Claim._meta.db_table)} "
        f"WHERE {quote(field('document').column)} = %s AND {quote(field('kind').column)} "
        f"IN ({kinds}) AND {quote(field('status').column)} = %s "
        f"ORDER BY {quote(field('start').column)}, {quote(field('id').column)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [document_id, *RESOLVED_KINDS, ClaimStatus.PENDING.value])
        rows = cursor.fetchall()
    loaded = ["id", "document_id", "kind", "value", "status"]  # (the others are deferred)
    return [
        Claim.from_db(
            connection.alias,
            loaded,
            [pk, document_id, kind, value.from_db_value(raw, None, connection), status],
        )
        for pk, kind, raw, status in rows
    ]
