"""SQLite FTS5: the search_fts table (migrations 0002 and 0003), BM25 ranking.

What a person typed is matched in the ``terms`` column only; filters are words of the
``facets`` column (see facet_words), so filtering is part of the match and nothing has to
be joined with search_entry until the twenty rows of a page are known.

Ranking costs about a microsecond per matching row (FTS5 computes BM25 for every row
before it can sort), so a word found in half a million passages would take half a second.
When more than RECENT entries match, the ranking and the facets are made over the RECENT
most recently indexed of them (see base.py): FTS5 finds where that window starts by
walking row ids backwards, which costs next to nothing. Narrower searches are ranked in
full. What stays proportional to the number of matches is BM25's inverse document
frequency: FTS5 counts every row with each phrase of the query, about 30 ns a row.
"""

from __future__ import annotations

from envcoop.search.backends.base import COUNT_CAP, RECENT, Backend, Filters
from envcoop.search.facet_words import word
from envcoop.search.models import AREA_BITS
from envcoop.search.query import Query, to_fts5

_COLUMNS = "e.id, e.kind, e.object_id, e.document_id, e.lang"


def match_text(query: Query, filters: Filters) -> str:
    """The FTS5 MATCH text: the query in the terms column, the filters as facet words."""
    text = f"{{terms}} : ({to_fts5(query)})"
    words = filter_words(filters)
    if words:
        text += " AND {facets} : (" + " AND ".join(f'"{w}"' for w in words) + ")"
    if filters.readers is not None:  # any of the reader's words (never empty: "public")
        text += " AND {facets} : (" + " OR ".join(f'"{w}"' for w in filters.readers) + ")"
    return text


def filter_words(filters: Filters) -> list[str]:
    words = []
    if filters.kind:
        words.append(word("k", filters.kind))
    if filters.lang:
        words.append(word("l", filters.lang))
    if filters.year:
        words.append(word("y", filters.year))
    if filters.series:
        words.append(word("s", filters.series))
    if filters.area:
        # an unknown area matches nothing: the word of a value no entry has
        words.append(word("a", filters.area if filters.area in AREA_BITS else "?"))
    if filters.country:
        words.append(word("c", filters.country))
    return words


class SqliteBackend(Backend):
    name = "sqlite-fts5"

    # top, count and facet_rows are written for FTS5 here; match() and rank() serve the
    # shared versions in Backend, which this backend does not use.

    def top(self, query: Query, filters: Filters, *, limit: int, offset: int = 0) -> list[tuple]:
        text = match_text(query, filters)
        window, params = "", [text]
        start = self._rows(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rowid DESC "
            "LIMIT 1 OFFSET %s",
            [text, RECENT - 1],
        )
        if start:
            window = " AND rowid >= %s"
            params.append(start[0][0])
        return self._rows(
            f"SELECT {_COLUMNS}, -best.rank FROM (SELECT rowid, rank FROM search_fts "
            f"WHERE search_fts MATCH %s{window} ORDER BY rank LIMIT %s OFFSET %s) AS best "
            "JOIN search_entry e ON e.id = best.rowid ORDER BY best.rank, e.id",
            [*params, limit, offset],
        )

    def count(self, query: Query, filters: Filters, *, cap: int = COUNT_CAP) -> int:
        return self._rows(
            "SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH %s LIMIT %s) AS c",
            [match_text(query, filters), cap + 1],
        )[0][0]

    def facet_rows(self, query: Query, filters: Filters) -> list[tuple]:
        return self._rows(
            "SELECT e.kind, e.lang, e.year, e.series, e.areas, e.countries, count(*) FROM "
            "(SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rowid DESC LIMIT %s) "
            "AS matched "
            "JOIN search_entry e ON e.id = matched.rowid "
            "GROUP BY e.kind, e.lang, e.year, e.series, e.areas, e.countries",
            [match_text(query, filters), RECENT],
        )
