"""`envcoop records history KIND KEY [--json]`: what history holds about one record."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from envcoop.registry.selectors.history import HISTORY_KINDS, history_model, record_history


def _value(value: object) -> str:
    if value is None or value == []:
        return "—"
    if isinstance(value, dict):  # a source: the document and the fields it gave
        return f"document {value['document']}: {', '.join(value['fields'])}"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


class Command(BaseCommand):
    help = (
        "Registry records. `history KIND KEY` prints every change to a record, newest first: "
        "when, who, how (form, import, accept of claim N, undo, merge, admin, API, command) "
        "and each value before and after, names and evidence included."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
        history = actions.add_parser("history", help="the changes to one record")
        history.add_argument("kind", help=f"one of {', '.join(HISTORY_KINDS)}")
        history.add_argument("key", help="the record's key (as in its address)")
        history.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        model = history_model(options["kind"])
        if model is None:
            raise CommandError(
                f"no history for {options['kind']!r}: use one of {', '.join(HISTORY_KINDS)}"
            )
        record = model.objects.filter(key=options["key"]).first()  # type: ignore[attr-defined]
        if record is None:
            raise CommandError(f"no {model._meta.verbose_name} with key {options['key']!r}")
        entries = record_history(record)
        if options["json"]:
            data = {
                "kind": options["kind"],
                "key": record.key,
                "entries": [e.as_json() for e in entries],
            }
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for entry in entries:
            who = entry.who or "—"
            how = entry.reason or entry.how or "not recorded"
            self.stdout.write(f"{entry.when:%Y-%m-%d %H:%M:%S}  {entry.action:<8} {how}  by {who}")
            for change in entry.changes:
                self.stdout.write(
                    f"    {change.field}: {_value(change.before)} → {_value(change.after)}"
                )
        self.stdout.write(f"{len(entries)} change(s) to {model._meta.verbose_name} {record.key}")
