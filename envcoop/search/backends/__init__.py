"""Full-text backends, chosen by database vendor (after wagtail): SQLite FTS5 by default,
PostgreSQL's tsvector when the database is PostgreSQL. Both read the same search_entry
table and the same pre-segmented terms, and answer the same three questions."""

from __future__ import annotations

from django.db import connection

from envcoop.search.backends.base import Backend, Filters


def backend() -> Backend:
    if connection.vendor == "postgresql":
        from envcoop.search.backends.postgres import PostgresBackend

        return PostgresBackend()
    from envcoop.search.backends.sqlite_fts5 import SqliteBackend

    return SqliteBackend()


__all__ = ["Backend", "Filters", "backend"]
