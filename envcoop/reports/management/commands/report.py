"""`envcoop report annual`: the annual report by area, in a language and a format."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from envcoop.accounts.readers import add_reader_option, reader_from
from envcoop.registry.models import Country, Framework
from envcoop.reports.annual import LANGUAGES, annual_report
from envcoop.reports.html import annual_html, matrix_html
from envcoop.reports.markdown import annual_markdown
from envcoop.reports.matrix import implementation_matrix
from envcoop.reports.matrix_xlsx import matrix_xlsx
from envcoop.reports.word_document import PAPER_SIZES, annual_docx

FORMATS = {"annual": ("docx", "md", "html"), "matrix": ("xlsx", "html")}


class Command(BaseCommand):
    help = (
        "Write a report. annual: what the cooperation did in a year, area by area (events "
        "held, agreements adopted or signed, projects started, running and completed), then "
        "the priorities for the next year; every statement cites its sources. matrix: a "
        "framework's components and action lines by year, with the projects, events and "
        "agreements linked to them. Examples: envcoop report annual --year 2023 --partner CN "
        "--lang vi --format docx -o report.docx; envcoop report matrix --framework KEY "
        "--format xlsx -o m.xlsx. An annual report is written for the public (it cites only "
        "public documents) unless --as USERNAME writes it for that user."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("report", choices=list(FORMATS))
        parser.add_argument("--year", type=int, help="annual: the year")
        parser.add_argument("--framework", help="matrix: the framework's key")
        parser.add_argument(
            "--partner", help="only cooperation with this partner (ISO code, e.g. CN)"
        )
        parser.add_argument("--country", help="only what involves this country (ISO code, e.g. TH)")
        parser.add_argument("--lang", choices=LANGUAGES, default="en")
        every = sorted({fmt for formats in FORMATS.values() for fmt in formats})
        parser.add_argument("--format", choices=every, default="html")
        parser.add_argument(
            "--paper",
            choices=list(PAPER_SIZES),
            default="a4",
            help="annual, docx: the paper size (default: a4)",
        )
        parser.add_argument(
            "-o", "--output", help="file to write (default: standard output; docx needs a file)"
        )
        add_reader_option(parser, default="the public")
        parser.add_argument(
            "--site-url",
            default=settings.SITE_URL,
            help="the address links in the report start with (default: SITE_URL)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = options["report"]
        if options["format"] not in FORMATS[report]:
            raise CommandError(f"a {report} report is written as {' or '.join(FORMATS[report])}")
        if options["format"] in ("docx", "xlsx") and not options["output"]:
            raise CommandError(f"a {options['format'].upper()} report needs a file: give -o FILE")
        data = self._matrix(options) if report == "matrix" else self._annual(options)
        self._write(data, options)

    def _matrix(self, options: dict[str, Any]) -> bytes:
        if not options["framework"]:
            raise CommandError(
                "give the framework: --framework KEY (see envcoop show or /frameworks/)"
            )
        try:
            matrix = implementation_matrix(
                options["framework"], lang=options["lang"], site=options["site_url"].rstrip("/")
            )
        except Framework.DoesNotExist as error:
            raise CommandError(f"no framework with the key {options['framework']}") from error
        if options["format"] == "xlsx":
            return matrix_xlsx(matrix)
        return matrix_html(matrix).encode("utf-8")

    def _annual(self, options: dict[str, Any]) -> bytes:
        year = options["year"]
        if year is None:
            raise CommandError("give the year: --year 2023")
        if not 1900 <= year <= 2200:
            raise CommandError(f"--year {year} is not a year this registry could hold")
        for option in ("partner", "country"):
            code = options[option]
            if code and not Country.objects.filter(code=code.upper()).exists():
                raise CommandError(f"--{option} {code}: no country with this code in the registry")
        report = annual_report(
            year,
            lang=options["lang"],
            partner=options["partner"],
            country=options["country"],
            site_url=options["site_url"],
            reader=reader_from(options),
        )
        if options["format"] == "docx":
            return annual_docx(report, paper=options["paper"])
        if options["format"] == "md":
            return annual_markdown(report).encode("utf-8")
        return annual_html(report).encode("utf-8")

    def _write(self, data: bytes, options: dict[str, Any]) -> None:
        if options["output"]:
            path = Path(options["output"])
            try:
                path.write_bytes(data)
            except OSError as error:
                raise CommandError(f"cannot write {path}: {error.strerror}") from error
            self.stderr.write(f"wrote {path}")
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
