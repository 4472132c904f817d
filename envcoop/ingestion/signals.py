"""Signals ingestion sends, for the parts downstream of it (the search index)."""

from django.dispatch import Signal

# Sent inside the storing transaction, after a document's passages and claims are written.
document_stored = Signal()
