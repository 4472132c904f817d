"""SQLite FTS5: the search_fts table (see migration 0002), BM25 ranking."""

from __future__ import annotations

from envcoop.search.backends.base import Backend
from envcoop.search.query import Query, to_fts5


class SqliteBackend(Backend):
    name = "sqlite-fts5"

    def match(self, query: Query) -> tuple[str, list]:
        return (
            "FROM search_fts JOIN search_entry e ON e.id = search_fts.rowid "
            "WHERE search_fts MATCH %s",
            [to_fts5(query)],
        )

    def rank(self) -> str:
        return "-bm25(search_fts)"  # FTS5's bm25 is lower for better matches
