"""`envcoop records`: actions on registry records as a whole."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from envcoop.registry.selectors.history import HISTORY_KINDS, history_model, record_history
from envcoop.registry.services.keys import record_rename
from envcoop.review.duplicates import not_the_same, possible_duplicates
from envcoop.review.merging import MergeResult, merge_preview, merge_undo, record_merge
from envcoop.review.models import Merge
from envcoop.review.resolution.candidates import RESOLVED_KINDS
from envcoop.review.selectors import reason_text
from envcoop.review.services import error_text

MERGEABLE = RESOLVED_KINDS  # the kinds documents propose, which may turn out twice
# every kind of record with a key, by its singular name ("event", "fund")
MODELS = {model._meta.model_name: model for model in HISTORY_KINDS.values()}


def _kind(value: str) -> str:
    """ "event" or "events" (as in the site's addresses and `records history`)."""
    kind = value.lower()
    kind = kind[:-1] if kind.endswith("s") and kind[:-1] in MODELS else kind
    if kind not in MODELS:
        raise CommandError(f"{value!r} is not a kind of record: use one of {', '.join(MODELS)}")
    return kind


class Command(BaseCommand):
    help = (
        "Registry records as a whole. `rename KIND KEY NEW_KEY` gives a record a new key "
        "(its old address and key go on leading to it); `merge KIND FROM_KEY INTO_KEY "
        "[--dry-run]` merges a record into the one it duplicates; `undo-merge ID` undoes a "
        "merge; `duplicates [--kind K] [--json]` lists records that look like the same thing; "
        "`not-same KIND KEY KEY` says two records are different things; `history KIND KEY "
        "[--json]` prints every change to a record, newest first: when, who, how (form, "
        "import, accept of claim N, undo, merge, admin, API, command) and each value before "
        "and after, names and evidence included."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
        rename = actions.add_parser("rename", help="give a record a new key")
        rename.add_argument("kind", type=_kind, help=f"one of {', '.join(MODELS)}")
        rename.add_argument("key")
        rename.add_argument("new_key")
        merge = actions.add_parser("merge", help="merge a record into the one it duplicates")
        merge.add_argument("kind", type=_kind, help=f"one of {', '.join(MERGEABLE)}")
        merge.add_argument("from_key")
        merge.add_argument("into_key")
        merge.add_argument("--dry-run", action="store_true", help="say what it would do")
        undo = actions.add_parser("undo-merge", help="undo a merge (its number)")
        undo.add_argument("merge_id", type=int)
        duplicates = actions.add_parser("duplicates", help="records that may be the same")
        duplicates.add_argument("--kind", type=_kind, help=f"one of {', '.join(MERGEABLE)}")
        duplicates.add_argument("--json", action="store_true")
        different = actions.add_parser("not-same", help="two records are different things")
        different.add_argument("kind", type=_kind, help=f"one of {', '.join(MERGEABLE)}")
        different.add_argument("first")
        different.add_argument("second")
        history = actions.add_parser("history", help="the changes to one record")
        history.add_argument("kind", help=f"one of {', '.join(HISTORY_KINDS)}")
        history.add_argument("key", help="the record's key (as in its address)")
        history.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "rename":
            self._rename(options)
        elif action == "merge":
            self._merge(options)
        elif action == "undo-merge":
            self._undo(options)
        elif action == "duplicates":
            self._duplicates(options)
        elif action == "history":
            self._history(options)
        elif action == "not-same":
            not_the_same(
                self._record(options["kind"], options["first"]),
                self._record(options["kind"], options["second"]),
            )
            self.stdout.write(f"{options['first']} and {options['second']} are different things")

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

    def _merge(self, options: dict[str, Any]) -> None:
        if options["kind"] not in MERGEABLE:
            raise CommandError(
                f"{options['kind']} records are not merged: use one of {', '.join(MERGEABLE)}"
            )
        source = self._record(options["kind"], options["from_key"])
        target = self._record(options["kind"], options["into_key"])
        try:
            if options["dry_run"]:
                result = merge_preview(source=source, target=target)
            else:
                result = record_merge(source=source, target=target)
        except ValidationError as error:
            raise CommandError(error_text(error)) from None
        verb = "would merge" if options["dry_run"] else "merged"
        self.stdout.write(f"{verb} {options['from_key']} into {options['into_key']}")
        self._describe(result)
        if result.merge_id:
            self.stdout.write(f"undo with: envcoop records undo-merge {result.merge_id}")

    def _describe(self, result: MergeResult) -> None:
        for name in result.names_added:
            self.stdout.write(f"  name added: {name}")
        for field, value in result.fields_filled.items():
            self.stdout.write(f"  {field}: (empty) -> {value}")
        for what, count in result.links_moved.items():
            self.stdout.write(f"  {what}: {count} moved")
        self.stdout.write(
            f"  evidence: {result.evidence_moved} moved; claims: {result.claims_moved} moved"
        )
        for field, (kept, other) in result.conflicts.items():
            self.stdout.write(f"  differs, kept: {field}: {kept} (the merged record said {other})")

    def _undo(self, options: dict[str, Any]) -> None:
        done = Merge.objects.filter(pk=options["merge_id"]).first()
        if done is None:
            raise CommandError(f"no merge number {options['merge_id']}")
        try:
            restored = merge_undo(done)
        except ValidationError as error:
            raise CommandError(error_text(error)) from None
        self.stdout.write(f"merge {done.pk} undone: {restored.key} is back")

    def _duplicates(self, options: dict[str, Any]) -> None:
        pairs = possible_duplicates(options.get("kind"))
        rows = [
            {
                "kind": pair.kind,
                "first": pair.first.key,
                "second": pair.second.key,
                "score": round(pair.score, 3),
                "reasons": [reason_text(reason) for reason in pair.reasons],
            }
            for pair in pairs
        ]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not rows:
            self.stdout.write("no two records look like the same thing")
        for row in rows:
            self.stdout.write(
                f"{row['kind']}: {row['first']} / {row['second']} ({row['score']:.2f}): "
                + "; ".join(row["reasons"])
            )

    def _history(self, options: dict[str, Any]) -> None:
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


def _value(value: object) -> str:
    if value is None or value == []:
        return "—"
    if isinstance(value, dict):  # a source: the document and the fields it gave
        return f"document {value['document']}: {', '.join(value['fields'])}"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)
