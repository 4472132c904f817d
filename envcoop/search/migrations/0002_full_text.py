"""The full-text index over search_entry.terms, by database vendor.

SQLite: an FTS5 table reading search_entry (external content) with the unicode61
tokenizer over our pre-segmented, pre-folded terms (the categories option keeps Thai vowel
and tone marks, M*, inside words), kept in step by triggers in the same transaction.
PostgreSQL: a generated tsvector ('simple' configuration: the terms are already folded)
with a GIN index.
"""

from django.db import migrations

SQLITE_CREATE = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        terms, content='search_entry', content_rowid='id',
        tokenize="unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
    )""",
    """CREATE TRIGGER search_entry_ai AFTER INSERT ON search_entry BEGIN
        INSERT INTO search_fts(rowid, terms) VALUES (new.id, new.terms);
    END""",
    """CREATE TRIGGER search_entry_ad AFTER DELETE ON search_entry BEGIN
        INSERT INTO search_fts(search_fts, rowid, terms) VALUES ('delete', old.id, old.terms);
    END""",
    """CREATE TRIGGER search_entry_au AFTER UPDATE OF terms ON search_entry BEGIN
        INSERT INTO search_fts(search_fts, rowid, terms) VALUES ('delete', old.id, old.terms);
        INSERT INTO search_fts(rowid, terms) VALUES (new.id, new.terms);
    END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_entry_au",
    "DROP TRIGGER IF EXISTS search_entry_ad",
    "DROP TRIGGER IF EXISTS search_entry_ai",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_CREATE = [
    "ALTER TABLE search_entry ADD COLUMN tsv tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', terms)) STORED",
    "CREATE INDEX search_entry_tsv ON search_entry USING GIN (tsv)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_entry_tsv",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS tsv",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor, [])
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        )
    ]
