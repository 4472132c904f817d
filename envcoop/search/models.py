"""The search index: one entry per passage of a document and per registry record.

``terms`` holds the entry's words as ``text.terms`` makes them (segmented, folded); the
full-text index over it is built by the database (SQLite FTS5 with triggers, PostgreSQL a
generated tsvector with a GIN index; see the migration), so it changes in the same
transaction as the entry. The other columns are the facets and filters.
"""

from __future__ import annotations

from django.db import models

from envcoop.ingestion.models import Document
from envcoop.registry.models import AreaCode

AREA_BITS = {code: 1 << position for position, code in enumerate(AreaCode.values)}


class EntryKind(models.TextChoices):
    PASSAGE = "passage", "passage"
    EVENT = "event", "event"
    AGREEMENT = "agreement", "agreement"
    PROJECT = "project", "project"
    ORGANISATION = "organisation", "organisation"
    FRAMEWORK = "framework", "framework"
    FUND = "fund", "fund"


class Entry(models.Model):
    kind = models.CharField(max_length=16, choices=EntryKind.choices)
    object_id = models.PositiveBigIntegerField()
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    lang = models.CharField(max_length=16, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    series = models.CharField(max_length=120, blank=True)
    areas = models.PositiveIntegerField(default=0)  # a bit per area (AREA_BITS)
    countries = models.CharField(max_length=400, blank=True)  # " TH VN ": codes between spaces
    terms = models.TextField()
    facets = models.TextField(blank=True, default="")  # the filter values as words (facet_words)

    class Meta:
        db_table = "search_entry"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_once")
        ]
        indexes = [models.Index(fields=["document"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
