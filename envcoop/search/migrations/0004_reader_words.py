"""Who may read each entry, as words of its ``facets`` (envcoop.search.readers): a search
finds only the passages of the documents its reader may read. Every entry's facets are
written again: records and public documents for everyone, the others for their readers."""

from django.db import migrations

from envcoop.search.facet_words import facet_words
from envcoop.search.readers import PUBLIC, document_readers


def forwards(apps, schema_editor):
    Entry = apps.get_model("search", "Entry")
    Document = apps.get_model("ingestion", "Document")
    readers = {
        document.pk: document_readers(
            document.visibility,
            document.country.code if document.country_id else None,
            [organisation.pk for organisation in document.shared_with.all()],
            document.uploaded_by_id,
        )
        for document in Document.objects.only("pk", "visibility", "country", "uploaded_by")
        .select_related("country")
        .prefetch_related("shared_with")
    }
    batch = []
    entries = Entry.objects.only(
        "kind", "document", "lang", "year", "series", "areas", "countries"
    ).order_by("pk")
    for entry in entries.iterator(chunk_size=2000):
        words = readers.get(entry.document_id, []) if entry.document_id else [PUBLIC]
        entry.facets = facet_words(
            entry.kind, entry.lang, entry.year, entry.series, entry.areas, entry.countries, words
        )
        batch.append(entry)
        if len(batch) >= 2000:
            Entry.objects.bulk_update(batch, ["facets"])
            batch = []
    if batch:
        Entry.objects.bulk_update(batch, ["facets"])


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_facet_words"),
        ("ingestion", "0004_document_visibility"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
