from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from envcoop.registry.data.loader import DataFileError, load_reference


class Command(BaseCommand):
    help = (
        "Load reference data: ASEAN member states and partners, the eight areas, the ASEAN "
        "environment bodies and meeting series, the ASEAN–China framework. Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--update",
            action="store_true",
            help="also bring records that already exist in line with the reference file",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = load_reference(overwrite=options["update"])
        except DataFileError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Reference data: {report.summary()}")
