"""What every backend answers: the best entries for a query, how many match, and the facet
rows (one row per combination of facet values, with its count)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

from envcoop.search.models import AREA_BITS
from envcoop.search.query import Query


@dataclass(frozen=True)
class Filters:
    kind: str | None = None
    lang: str | None = None
    area: str | None = None
    country: str | None = None
    year: int | None = None
    series: str | None = None
    # the reader words (envcoop.search.readers) an entry needs one of; None: any entry
    readers: tuple[str, ...] | None = None

    def sql(self) -> tuple[str, list]:
        """ " AND ..." conditions on search_entry (alias e), with their parameters."""
        clauses, params = [], []
        if self.kind:
            clauses.append("e.kind = %s")
            params.append(self.kind)
        if self.lang:
            clauses.append("e.lang = %s")
            params.append(self.lang)
        if self.area:
            clauses.append("(e.areas & %s) <> 0")
            params.append(AREA_BITS.get(self.area, 0))
        if self.country:
            clauses.append("e.countries LIKE %s")
            params.append(f"% {self.country} %")
        if self.year:
            clauses.append("e.year = %s")
            params.append(self.year)
        if self.series:
            clauses.append("e.series = %s")
            params.append(self.series)
        if self.readers is not None:
            padded = "(' ' || e.facets || ' ') LIKE %s"
            clauses.append("(" + " OR ".join([padded] * len(self.readers)) + ")")
            params.extend(f"% {word} %" for word in self.readers)
        return "".join(f" AND {clause}" for clause in clauses), params


FACET_COLUMNS = ("kind", "lang", "year", "series", "areas", "countries")
# A common word at a million passages matches hundreds of thousands of entries; ranking or
# grouping all of them costs far more than the search. Totals are exact up to COUNT_CAP
# ("10,000+" beyond). When more than RECENT entries match, the ranking and the facets are
# made over the RECENT most recently indexed matches (finding them walks the index from
# its newest end, which is cheap for exactly the queries that match much).
COUNT_CAP = 10_000
RECENT = 5_000


class Backend:
    def match(self, query: Query) -> tuple[str, list]:
        """FROM ... WHERE ... matching the query (alias e for search_entry), and params."""
        raise NotImplementedError

    def rank(self) -> str:
        """An SQL expression: the relevance of a row (higher is better)."""
        raise NotImplementedError

    def rank_params(self, query: Query) -> list:
        """The parameters of ``rank()``, if it has any."""
        return []

    def _rows(self, sql: str, params: list) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _recent(self, query: Query, filters: Filters, size: int) -> tuple[str, list]:
        """A subquery: the ids of the ``size`` most recent entries that match, and params."""
        source, params = self.match(query)
        where, more = filters.sql()
        return f"SELECT e.id {source}{where} ORDER BY e.id DESC LIMIT %s", [*params, *more, size]

    def top(self, query: Query, filters: Filters, *, limit: int, offset: int = 0) -> list[tuple]:
        """(entry id, kind, object id, document id, lang, score), best first."""
        recent, params = self._recent(query, filters, RECENT)
        return self._rows(
            f"SELECT e.id, e.kind, e.object_id, e.document_id, e.lang, {self.rank()} AS score "
            f"FROM search_entry e WHERE e.id IN ({recent}) "
            "ORDER BY score DESC, e.id LIMIT %s OFFSET %s",
            [*self.rank_params(query), *params, limit, offset],
        )

    def count(self, query: Query, filters: Filters, *, cap: int = COUNT_CAP) -> int:
        """How many entries match, counted up to ``cap`` + 1 (beyond: "more than cap")."""
        source, params = self.match(query)
        where, more = filters.sql()
        return self._rows(
            f"SELECT count(*) FROM (SELECT 1 {source}{where} LIMIT %s) AS counted",
            [*params, *more, cap + 1],
        )[0][0]

    def facet_rows(self, query: Query, filters: Filters) -> list[tuple]:
        """Facet rows (facet values, count) over the RECENT most recent matches."""
        recent, params = self._recent(query, filters, RECENT)
        columns = ", ".join(f"e.{c}" for c in FACET_COLUMNS)
        return self._rows(
            f"SELECT {columns}, count(*) FROM search_entry e WHERE e.id IN ({recent}) "
            f"GROUP BY {columns}",
            params,
        )
