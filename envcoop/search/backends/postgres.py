"""PostgreSQL: the generated tsvector column with its GIN index (see migration 0002),
ranked by ts_rank_cd (cover density; PostgreSQL has no BM25)."""

from __future__ import annotations

from envcoop.search.backends.base import Backend
from envcoop.search.query import Query, to_tsquery


class PostgresBackend(Backend):
    name = "postgresql"

    def match(self, query: Query) -> tuple[str, list]:
        return "FROM search_entry e WHERE e.tsv @@ to_tsquery('simple', %s)", [to_tsquery(query)]

    def rank(self) -> str:
        return "ts_rank_cd(e.tsv, to_tsquery('simple', %s))"

    def rank_params(self, query: Query) -> list:
        return [to_tsquery(query)]
