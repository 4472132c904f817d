"""`envcoop report annual`: the annual report by area, in a language and a format."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from envcoop.registry.models import Country
from envcoop.reports.annual import LANGUAGES, annual_report
from envcoop.reports.html import annual_html
from envcoop.reports.markdown import annual_markdown
from envcoop.reports.word_document import annual_docx

FORMATS = ("docx", "md", "html")


class Command(BaseCommand):
    help = (
        "Write a report. annual: what the cooperation did in a year, area by area (events "
        "held, agreements adopted or signed, projects started, running and completed), then "
        "the priorities for the next year; every statement cites its sources. "
        "Example: envcoop report annual --year 2023 --partner CN --lang vi --format docx -o report.docx"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("report", choices=["annual"])
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument(
            "--partner", help="only cooperation with this partner (ISO code, e.g. CN)"
        )
        parser.add_argument("--country", help="only what involves this country (ISO code, e.g. TH)")
        parser.add_argument("--lang", choices=LANGUAGES, default="en")
        parser.add_argument("--format", choices=FORMATS, default="html")
        parser.add_argument(
            "-o", "--output", help="file to write (default: standard output; docx needs a file)"
        )
        parser.add_argument(
            "--site-url",
            default=settings.SITE_URL,
            help="the address links in the report start with (default: SITE_URL)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        year = options["year"]
        if not 1900 <= year <= 2200:
            raise CommandError(f"--year {year} is not a year this registry could hold")
        for option in ("partner", "country"):
            code = options[option]
            if code and not Country.objects.filter(code=code.upper()).exists():
                raise CommandError(f"--{option} {code}: no country with this code in the registry")
        if options["format"] == "docx" and not options["output"]:
            raise CommandError("a DOCX report needs a file: give -o report.docx")
        report = annual_report(
            year,
            lang=options["lang"],
            partner=options["partner"],
            country=options["country"],
            site_url=options["site_url"],
        )
        if options["format"] == "docx":
            data = annual_docx(report)
        elif options["format"] == "md":
            data = annual_markdown(report).encode("utf-8")
        else:
            data = annual_html(report).encode("utf-8")
        if options["output"]:
            path = Path(options["output"])
            try:
                path.write_bytes(data)
            except OSError as error:
                raise CommandError(f"cannot write {path}: {error.strerror}") from error
            self.stderr.write(
                f"wrote {path} ({len(report.citations)} source(s), {len(report.sections)} area(s))"
            )
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
