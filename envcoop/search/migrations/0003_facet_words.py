"""Filter values as words (envcoop.search.facet_words) in a second FTS5 column on SQLite.

The FTS5 table is made again with the columns (terms, facets); ``rank`` is BM25 with weight
0 for ``facets``, so the filter words never change a score. PostgreSQL filters on the
columns themselves and only gains the (unused) text column.
"""

from importlib import import_module

from django.db import migrations, models

from envcoop.search.facet_words import facet_words

_FULL_TEXT = import_module("envcoop.search.migrations.0002_full_text")
OLD_TABLE = _FULL_TEXT.SQLITE_DROP
NEW_TABLE = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        terms, facets, content='search_entry', content_rowid='id',
        tokenize="unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
    )""",
    "INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(1.0, 0.0)')",
    """CREATE TRIGGER search_entry_ai AFTER INSERT ON search_entry BEGIN
        INSERT INTO search_fts(rowid, terms, facets) VALUES (new.id, new.terms, new.facets);
    END""",
    """CREATE TRIGGER search_entry_ad AFTER DELETE ON search_entry BEGIN
        INSERT INTO search_fts(search_fts, rowid, terms, facets)
            VALUES ('delete', old.id, old.terms, old.facets);
    END""",
    """CREATE TRIGGER search_entry_au AFTER UPDATE OF terms, facets ON search_entry BEGIN
        INSERT INTO search_fts(search_fts, rowid, terms, facets)
            VALUES ('delete', old.id, old.terms, old.facets);
        INSERT INTO search_fts(rowid, terms, facets) VALUES (new.id, new.terms, new.facets);
    END""",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
# Going back: the table of migration 0002, filled again from search_entry.
FIRST_TABLE = [
    *_FULL_TEXT.SQLITE_CREATE,
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    for statement in OLD_TABLE:
        schema_editor.execute(statement)
    Entry = apps.get_model("search", "Entry")
    for entry in Entry.objects.only("kind", "lang", "year", "series", "areas", "countries"):
        entry.facets = facet_words(
            entry.kind, entry.lang, entry.year, entry.series, entry.areas, entry.countries
        )
        entry.save(update_fields=["facets"])
    for statement in NEW_TABLE:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in OLD_TABLE + FIRST_TABLE:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text")]

    operations = [
        migrations.AddField(
            model_name="entry",
            name="facets",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(forwards, backwards),
    ]
