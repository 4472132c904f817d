"""PostgreSQL: the generated tsvector column with its GIN index (see migration 0002),
ranked by ts_rank_cd (cover density; PostgreSQL has no BM25)."""

from __future__ import annotations

from envcoop.search.backends.base import Backend
from envcoop.search.query import Query, to_tsquery


class PostgresBackend(Backend):
    name = "postgresql"

    def match(self, query: Query) -> tuple[str, list]:
        self._tsquery = to_tsquery(query)
        return "FROM search_entry e WHERE e.tsv @@ to_tsquery('simple', %s)", [self._tsquery]

    def rank(self) -> str:
        return "ts_rank_cd(e.tsv, to_tsquery('simple', %s))"

    def top(self, query: Query, filters, *, limit: int, offset: int = 0) -> list[tuple]:  # type: ignore[override]
        source, params = self.match(query)
        where, more = filters.sql()
        return self._rows(
            f"SELECT e.id, e.kind, e.object_id, e.document_id, e.lang, {self.rank()} AS score "
            f"{source}{where} ORDER BY score DESC, e.id LIMIT %s OFFSET %s",
            [self._tsquery, *params, *more, limit, offset],
        )
