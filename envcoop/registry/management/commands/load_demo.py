from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from envcoop.registry.data.loader import DataFileError, load_data_file, load_demo, load_reference


class Command(BaseCommand):
    help = (
        "Load the demo records (ASEAN–China cooperation, ASEAN cooperation in 2023). Records "
        "that already exist are left as they are, so running it twice changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--update", action="store_true", help="overwrite existing demo records")
        parser.add_argument("--file", help="load this data file instead of the built-in demo")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            load_reference()
            if options["file"]:
                report = load_data_file(options["file"], overwrite=options["update"])
            else:
                report = load_demo(overwrite=options["update"])
        except DataFileError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Demo data: {report.summary()}")
