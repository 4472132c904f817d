"""`envcoop reindex`: rebuild the search index from the documents and the registry."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from envcoop.cli.progress import Progress
from envcoop.ingestion.models import Document
from envcoop.search.index import RECORD_KINDS, reindex


class Command(BaseCommand):
    help = (
        "Rebuild the search index (every passage of every document, every record) in one "
        "transaction, with a progress bar. The index is kept in step with every write, so "
        "this is needed only after restoring a database or changing how text is indexed."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        steps = len(RECORD_KINDS) + Document.objects.count()
        progress = Progress(steps, label="reindex", stream=self.stderr._out)
        total = reindex(progress)
        progress.finish()
        self.stdout.write(f"indexed {total} entries")
