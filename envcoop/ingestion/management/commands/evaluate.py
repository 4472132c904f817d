"""`envcoop evaluate DOCS_DIR GOLD_DIR`: precision, recall and F1 per field and language."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from envcoop.ingestion.evaluate import evaluate, format_table
from envcoop.ingestion.parsers import DocumentError


class Command(BaseCommand):
    help = (
        "Score extraction against gold annotations: for every GOLD_DIR/<name>.json, the document "
        "DOCS_DIR/<name>.<ext> is read and compared field by field."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("docs", metavar="DOCS_DIR")
        parser.add_argument("gold", metavar="GOLD_DIR")
        parser.add_argument("--json", action="store_true", help="print the scores as JSON")
        parser.add_argument(
            "--part",
            choices=("tuning", "checking"),
            help="only that part of a set split by document number (03, 06, 09, ... check)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        docs, gold = Path(options["docs"]), Path(options["gold"])
        for path in (docs, gold):
            if not path.is_dir():
                raise CommandError(f"{path} is not a folder")
        try:
            report = evaluate(docs, gold, part=options["part"])
        except (FileNotFoundError, json.JSONDecodeError, KeyError) as error:
            raise CommandError(str(error)) from error
        except DocumentError as error:
            raise CommandError(f"a document cannot be read: {error.message}") from error
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), indent=2))
        else:
            self.stdout.write(format_table(report))
