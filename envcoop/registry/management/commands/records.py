"""`envcoop records`: actions on registry records as a whole."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from envcoop.registry.models import Agreement, Event, Framework, Fund, Organisation, Project
from envcoop.registry.services.keys import record_rename
from envcoop.review.services import error_text

MODELS = {
    "event": Event,
    "agreement": Agreement,
    "project": Project,
    "organisation": Organisation,
    "framework": Framework,
    "fund": Fund,
}


class Command(BaseCommand):
    help = (
        "Registry records as a whole. `rename KIND KEY NEW_KEY` gives a record a new key "
        "(its old address and key go on leading to it)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
        rename = actions.add_parser("rename", help="give a record a new key")
        rename.add_argument("kind", choices=sorted(MODELS))
        rename.add_argument("key")
        rename.add_argument("new_key")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "rename":
            self._rename(options)

    def _record(self, kind: str, key: str) -> Any:
        record = MODELS[kind].objects.filter(key=key).first()
        if record is None:
            raise CommandError(f"no {kind} with key {key!r}")
        return record

    def _rename(self, options: dict[str, Any]) -> None:
        record = self._record(options["kind"], options["key"])
        try:
            record_rename(record, options["new_key"])
        except ValidationError as error:
            raise CommandError(error_text(error)) from None
        self.stdout.write(f"{options['kind']} {options['key']} is now {record.key}")
