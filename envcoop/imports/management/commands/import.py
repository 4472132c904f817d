"""`envcoop import KIND FILE [--dry-run]`: projects or events from CSV or XLSX, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from envcoop.imports.importer import KINDS, import_table, template
from envcoop.imports.reading import ImportFileError


def _cell(value: object) -> str:
    if value in (None, "", []):
        return "—"
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


class Command(BaseCommand):
    help = (
        "Import projects or events from a CSV or XLSX file whose first row names the columns "
        "(the export's names; --template FILE writes an empty one). Every row is checked; "
        "with any problem nothing is imported and each problem is named by row and column. "
        "--dry-run checks and reports without importing. Each row's changes to an existing "
        "record are listed (before → after); an empty cell keeps the record's value, a cell "
        "reading (clear) empties it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=KINDS)
        parser.add_argument("file", nargs="?", help="the CSV or XLSX file to import")
        parser.add_argument("--dry-run", action="store_true", help="check and report only")
        parser.add_argument("--lang", default="en", help="the language of the name column")
        parser.add_argument(
            "--template", metavar="FILE", help="write an empty template (.csv or .xlsx)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        kind = options["kind"]
        if options["template"]:
            path = Path(options["template"])
            fmt = "xlsx" if path.suffix.lower() == ".xlsx" else "csv"
            path.write_bytes(template(kind, fmt, options["lang"]))
            self.stdout.write(f"wrote the {kind} template to {path}")
            return
        if not options["file"]:
            raise CommandError("give the file to import (or --template FILE)")
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from error
        try:
            report = import_table(
                kind, data, path.name, dry_run=options["dry_run"], lang=options["lang"]
            )
        except ImportFileError as error:
            raise CommandError(f"{path}: {error}") from error
        for problem in report.problems:
            column = f", column {problem.column}" if problem.column else ""
            self.stdout.write(f"row {problem.row}{column}: {problem.message}")
        for row in report.changes:
            for change in row.changes:
                before = _cell(change.before)
                self.stdout.write(
                    f"row {row.row} ({row.key}): {change.field}: {before} → {_cell(change.after)}"
                )
        if report.ignored:
            self.stdout.write(f"columns not imported (read-only): {', '.join(report.ignored)}")
        if report.problems:
            raise CommandError(report.summary())
        self.stdout.write(report.summary())
