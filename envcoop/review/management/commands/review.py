"""`envcoop review`: the review queue from the command line."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from envcoop.accounts.readers import OPERATOR
from envcoop.ingestion.models import Claim, ClaimStatus
from envcoop.review.resolution.candidates import RESOLVED_KINDS
from envcoop.review.selectors import flagged_records, pending_claims, proposals
from envcoop.review.services import (
    NeedsConfirmation,
    accept_preview,
    claim_accept,
    claim_reject,
    claims_accept,
    error_text,
)
from envcoop.review.undo import claim_undo


class Command(BaseCommand):
    help = (
        "Review what documents say before it enters the registry. "
        "`list` shows pending claims with their proposals and what accepting each would write; "
        "`accept ID...` accepts them (into the matched record, or a new one; one that changes a "
        "value the record has needs --confirm, or --keep-values); `accept --all "
        "[--min-confidence X]` accepts every pending claim at or above a confidence, changing "
        "no value a record has; `reject ID... --reason TEXT` rejects; `undo ID...` undoes "
        "accepts; `conflicts` lists records whose sources disagree."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", metavar="ACTION")
        listing = actions.add_parser("list", help="pending claims and their proposals")
        listing.add_argument("--kind", choices=RESOLVED_KINDS)
        listing.add_argument("--document", type=int, help="claims of this document (its id)")
        listing.add_argument("--json", action="store_true")
        accept = actions.add_parser("accept", help="accept claims")
        accept.add_argument("ids", nargs="*", type=int, metavar="ID")
        accept.add_argument("--all", action="store_true", help="every pending claim")
        accept.add_argument("--kind", choices=RESOLVED_KINDS, help="with --all: of this kind")
        accept.add_argument(
            "--min-confidence",
            type=float,
            default=0.0,
            help="with --all: only proposals at or above this confidence (0 to 1)",
        )
        accept.add_argument(
            "--new", action="store_true", help="make a new record even where one matches"
        )
        accept.add_argument(
            "--confirm",
            action="store_true",
            help="change values the record already has (a coarse date made precise)",
        )
        accept.add_argument(
            "--keep-values",
            action="store_true",
            help="accept without changing values the record has (names, links, evidence only)",
        )
        undo = actions.add_parser("undo", help="undo accepts: the claims are pending again")
        undo.add_argument("ids", nargs="+", type=int, metavar="ID")
        reject = actions.add_parser("reject", help="reject claims")
        reject.add_argument("ids", nargs="+", type=int, metavar="ID")
        reject.add_argument("--reason", default="", help="why (shown to other reviewers)")
        actions.add_parser("conflicts", help="records whose sources disagree")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options.get("action") or "list"
        if action == "list":
            self._list(options)
        elif action == "accept":
            self._accept(options)
        elif action == "reject":
            for claim in self._claims(options["ids"]):
                try:
                    claim_reject(claim=claim, reason=options["reason"])
                except ValidationError as error:
                    raise CommandError(f"claim {claim.pk}: {error_text(error)}") from error
                self.stdout.write(f"rejected   {claim.pk}  {claim.kind}: {claim.quote[:70]}")
        elif action == "undo":
            self._undo(options["ids"])
        elif action == "conflicts":
            flagged = flagged_records(OPERATOR)  # (the command line reviews as the Secretariat)
            for kind, record, conflicts in flagged:
                for conflict in conflicts:
                    values = ", ".join(str(value.value) for value in conflict.values)
                    self.stdout.write(f"{kind} {record.key}  {conflict.field}: {values}")
            self.stdout.write(f"{len(flagged)} record(s) with conflicting sources")

    def _claims(self, ids: list[int]) -> list[Claim]:
        claims = {c.pk: c for c in Claim.objects.filter(pk__in=ids)}
        missing = [str(i) for i in ids if i not in claims]
        if missing:
            raise CommandError(f"no claim with id {', '.join(missing)}")
        done = [c for c in claims.values() if c.status != ClaimStatus.PENDING]
        if done:
            raise CommandError(
                f"claim {done[0].pk} is {done[0].status} already; only pending claims are reviewed"
            )
        return [claims[i] for i in ids]

    def _list(self, options: dict[str, Any]) -> None:
        items = proposals(
            pending_claims(kind=options.get("kind"), document=options.get("document"))
        )
        if options.get("json"):
            data = [
                {
                    "id": item.claim.pk,
                    "kind": item.claim.kind,
                    "document": item.claim.document_id,
                    "quote": item.claim.quote,
                    "value": item.claim.value,
                    "proposal": (
                        {"record": item.record.key, "score": item.claim.match_score}  # type: ignore[attr-defined]
                        if item.record is not None
                        else {"record": None, "group": item.claim.cluster}
                    ),
                    "reasons": item.reasons,
                    "confidence": round(item.confidence, 3),
                    "changes": accept_preview(item.claim).as_json(),
                }
                for item in items
            ]
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for item in items:
            target = (
                f"same as {item.record.key} ({item.claim.match_score:.2f}: {'; '.join(item.reasons)})"  # type: ignore[attr-defined]
                if item.record is not None
                else "new record"
            )
            self.stdout.write(
                f"{item.claim.pk:>6}  {item.claim.kind:<12} doc {item.claim.document_id:<5} "
                f"{item.name[:60]}  ->  {target}"
            )
            for line in accept_preview(item.claim).lines():
                self.stdout.write(f"{'':>8}{line}")
        self.stdout.write(f"{len(items)} pending")

    def _accept(self, options: dict[str, Any]) -> None:
        if options["all"] == bool(options["ids"]):
            raise CommandError("give claim ids, or --all (not both)")
        if options["ids"] and (options["kind"] or options["min_confidence"]):
            raise CommandError("--kind and --min-confidence go with --all")
        if options["all"] and (options["confirm"] or options["keep_values"] or options["new"]):
            raise CommandError("--confirm, --keep-values and --new go with claim ids")
        if options["confirm"] and options["keep_values"]:
            raise CommandError("--confirm or --keep-values, not both")
        if not 0.0 <= options["min_confidence"] <= 1.0:
            raise CommandError("--min-confidence is between 0 and 1")
        if options["all"]:
            claims = pending_claims(kind=options.get("kind"))
            outcome = claims_accept(list(claims), min_confidence=options["min_confidence"])
            for claim, error in outcome.refused:
                self.stdout.write(f"refused    {claim.pk}  {claim.kind}: {error_text(error)}")
            for line in outcome.left_lines():
                self.stdout.write(line)
            self.stdout.write(f"accepted {outcome.accepted} claim(s)")
            if outcome.refused:
                sys.exit(1)
            return
        failed = False
        for claim in self._claims(options["ids"]):
            try:
                record = claim_accept(
                    claim=claim,
                    new_record=options["new"],
                    confirm=options["confirm"],
                    keep_values=options["keep_values"],
                )
            except NeedsConfirmation as asked:
                self.stdout.write(
                    f"not accepted {claim.pk}: it changes what {asked.change.record.key} holds "  # type: ignore[union-attr]
                    "(accept again with --confirm to change it, or --keep-values to keep it):"
                )
                for change in asked.change.fields:
                    if change.kind == "precise":
                        self.stdout.write(f"           {change.line()}")
                failed = True
                continue
            except ValidationError as error:
                self.stdout.write(f"refused    {claim.pk}  {claim.kind}: {error_text(error)}")
                failed = True
                continue
            self.stdout.write(f"accepted   {claim.pk}  -> {claim.kind} {record.key}")  # type: ignore[attr-defined]
        if failed:
            sys.exit(1)

    def _undo(self, ids: list[int]) -> None:
        claims = {c.pk: c for c in Claim.objects.filter(pk__in=ids)}
        missing = [str(i) for i in ids if i not in claims]
        if missing:
            raise CommandError(f"no claim with id {', '.join(missing)}")
        failed = False
        for pk in ids:
            try:
                undone = claim_undo(claim=claims[pk])
            except ValidationError as error:
                self.stdout.write(f"not undone {pk}: {error_text(error)}")
                failed = True
                continue
            if undone.removed:
                self.stdout.write(f"undone     {pk}: the record it made is removed; pending again")
            else:
                key = getattr(undone.record, "key", "")
                self.stdout.write(f"undone     {pk}: {key} is as before; pending again")
        if failed:
            sys.exit(1)
