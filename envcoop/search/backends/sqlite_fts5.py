"""SQLite FTS5: the search_fts table (see migration 0002), BM25 ranking.

FTS5 orders by its ``rank`` column (BM25) faster than by an expression, and counts
matches without reading search_entry; the join with search_entry is made only when a
filter needs its columns.
"""

from __future__ import annotations

from envcoop.search.backends.base import Backend, Filters
from envcoop.search.query import Query, to_fts5

_COLUMNS = "e.id, e.kind, e.object_id, e.document_id, e.lang"


class SqliteBackend(Backend):
    name = "sqlite-fts5"

    def match(self, query: Query) -> tuple[str, list]:
        return (
            "FROM search_fts JOIN search_entry e ON e.id = search_fts.rowid "
            "WHERE search_fts MATCH %s",
            [to_fts5(query)],
        )

    def rank(self) -> str:
        return "-search_fts.rank"  # FTS5's rank (bm25) is lower for better matches

    def top(self, query: Query, filters: Filters, *, limit: int, offset: int = 0) -> list[tuple]:
        where, more = filters.sql()
        if where:
            return self._rows(
                f"SELECT {_COLUMNS}, -search_fts.rank FROM search_fts "
                f"JOIN search_entry e ON e.id = search_fts.rowid WHERE search_fts MATCH %s{where} "
                "ORDER BY search_fts.rank, e.id LIMIT %s OFFSET %s",
                [to_fts5(query), *more, limit, offset],
            )
        return self._rows(
            f"SELECT {_COLUMNS}, -best.rank FROM (SELECT rowid, rank FROM search_fts "
            "WHERE search_fts MATCH %s ORDER BY rank LIMIT %s OFFSET %s) AS best "
            "JOIN search_entry e ON e.id = best.rowid ORDER BY best.rank, e.id",
            [to_fts5(query), limit, offset],
        )

    def count(self, query: Query, filters: Filters, *, cap: int = 10_000) -> int:
        where, _more = filters.sql()
        if where:
            return super().count(query, filters, cap=cap)
        return self._rows(
            "SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH %s LIMIT %s) AS c",
            [to_fts5(query), cap + 1],
        )[0][0]
