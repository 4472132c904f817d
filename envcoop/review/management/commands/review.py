"""`envcoop review`: the review queue from the command line."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from envcoop.ingestion.models import Claim, ClaimStatus
from envcoop.review.resolution.candidates import RESOLVED_KINDS
from envcoop.review.selectors import flagged_records, pending_claims, proposals
from envcoop.review.services import claim_accept, claim_reject, claims_accept, error_text


class Command(BaseCommand):
    help = (
        "Review what documents say before it enters the registry. "
        "`list` shows pending claims with their proposals; `accept ID...` accepts them "
        "(into the matched record, or a new one); `accept --all [--min-confidence X]` accepts "
        "every pending claim at or above a confidence; `reject ID... --reason TEXT` rejects; "
        "`conflicts` lists records whose sources disagree."
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
        elif action == "conflicts":
            flagged = flagged_records()
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
        self.stdout.write(f"{len(items)} pending")

    def _accept(self, options: dict[str, Any]) -> None:
        if options["all"] == bool(options["ids"]):
            raise CommandError("give claim ids, or --all (not both)")
        if options["ids"] and (options["kind"] or options["min_confidence"]):
            raise CommandError("--kind and --min-confidence go with --all")
        if not 0.0 <= options["min_confidence"] <= 1.0:
            raise CommandError("--min-confidence is between 0 and 1")
        if options["all"]:
            claims = pending_claims(kind=options.get("kind"))
            accepted, refused = claims_accept(
                list(claims), min_confidence=options["min_confidence"]
            )
            for claim, error in refused:
                self.stdout.write(f"refused    {claim.pk}  {claim.kind}: {error_text(error)}")
            self.stdout.write(f"accepted {accepted} claim(s)")
            if refused:
                sys.exit(1)
            return
        failed = False
        for claim in self._claims(options["ids"]):
            try:
                record = claim_accept(claim=claim, new_record=options["new"])
            except ValidationError as error:
                self.stdout.write(f"refused    {claim.pk}  {claim.kind}: {error_text(error)}")
                failed = True
                continue
            self.stdout.write(f"accepted   {claim.pk}  -> {claim.kind} {record.key}")  # type: ignore[attr-defined]
        if failed:
            sys.exit(1)
