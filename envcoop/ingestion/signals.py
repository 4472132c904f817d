"""Signals ingestion sends, for the parts downstream of it (the search index)."""

from django.dispatch import Signal

# Sent inside the storing transaction, after a document's passages and claims are written.
document_stored = Signal()

# Sent inside the writer's transaction after who may read a document, or its date, changed
# (the document page's forms): the search index writes its entries again.
document_filed = Signal()
