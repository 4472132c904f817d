"""`envcoop export KIND --format F [filters] -o FILE`: a list as CSV, XLSX, JSON, IATI or iCalendar."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from envcoop.accounts.readers import add_reader_option, reader_from
from envcoop.exports.service import EXTENSIONS, LISTS, ExportError, export
from envcoop.registry.selectors.filters import ListFilters


class Command(BaseCommand):
    help = (
        "Export a list with the filters the list pages take. Formats: csv, xlsx, json for "
        "every list; iati (IATI activity XML 2.03) for projects; ics (iCalendar) for events. "
        "Example: envcoop export events --format ics --country CN --when upcoming -o asean-china.ics. "
        "The sources column names only public documents unless --as USERNAME makes the export "
        "for that user."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=list(LISTS))
        parser.add_argument("--format", required=True, choices=list(EXTENSIONS))
        for name in ("area", "country", "status", "kind", "series", "fund"):
            parser.add_argument(f"--{name}", dest=f"filter_{name}", help=f"only this {name}")
        parser.add_argument("--year", dest="filter_year", type=int, help="only this year")
        parser.add_argument("--when", dest="filter_when", choices=["upcoming", "past"])
        parser.add_argument("--columns", help="comma-separated column names (csv, xlsx, json)")
        parser.add_argument("--lang", default="en", help="language of headings and names")
        parser.add_argument("--site-url", default=settings.SITE_URL)
        add_reader_option(parser, default="the public")
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")

    def handle(self, *args: Any, **options: Any) -> None:
        filters = ListFilters(
            **{
                name: options[f"filter_{name}"]
                for name in ("area", "country", "year", "status", "kind", "series", "fund", "when")
            }
        )
        if filters.country:
            filters = ListFilters(**{**filters.__dict__, "country": filters.country.upper()})
        columns = [c.strip() for c in options["columns"].split(",")] if options["columns"] else None
        try:
            made = export(
                options["kind"],
                options["format"],
                filters=filters,
                columns=columns,
                lang=options["lang"],
                site=options["site_url"].rstrip("/"),
                reader=reader_from(options),
            )
        except ExportError as error:
            raise CommandError(str(error)) from error
        if options["output"]:
            path = Path(options["output"])
            try:
                path.write_bytes(made.data)
            except OSError as error:
                raise CommandError(f"cannot write {path}: {error.strerror}") from error
            self.stderr.write(f"wrote {made.count} record(s) to {path}")
        else:
            sys.stdout.buffer.write(made.data)
            sys.stdout.flush()
        if made.skipped:
            self.stderr.write(
                f"left out {len(made.skipped)} with no day or date to export: "
                + ", ".join(made.skipped[:20])
            )
