"""The review's write path: accept a claim (into a new record or the one it matches), accept
with corrections, reject with a reason, accept many at once.

Each call is one transaction: a claim that cannot become a record (a corrected date that
is no date, a series the registry does not know) raises a ValidationError naming the field
and changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone

from envcoop.accounts.activity import Action, log
from envcoop.core.recording import How, recorded
from envcoop.ingestion.languages.detect import has_ruled_script
from envcoop.ingestion.models import Claim, ClaimStatus, Passage
from envcoop.registry.models import AgreementKind, EventSeries
from envcoop.registry.services.resolve import date_value
from envcoop.review import records
from envcoop.review.changes import (
    AcceptChange,
    FieldChange,
    change_for_new,
    change_for_record,
    safely,
)
from envcoop.review.evidence import evidence_add
from envcoop.review.resolution.candidates import MODELS, RESOLVED_KINDS
from envcoop.review.resolution.resolver import Resolver

_NON_LATIN_LANGUAGES = ("th", "lo", "km", "my", "zh", "ja", "ko")


def name_language(name: str, passage_language: str) -> str:
    """The language a name is written in: a Latin-script name in a Thai passage ("17th
    AMME") is not Thai; it is taken as English."""
    if passage_language in _NON_LATIN_LANGUAGES and name and not has_ruled_script(name):
        return "en"
    return passage_language


def claim_language(claim: Claim) -> str:
    """The language of the claim's name: its passage's (else the document's), unless the
    name's own script says otherwise."""
    passage = (
        Passage.objects.filter(
            document_id=claim.document_id, start__lte=claim.start, end__gt=claim.start
        )
        .values_list("lang", flat=True)
        .first()
    )
    lang = passage or claim.document.lang
    lang = lang if lang and lang != "und" else "en"
    return name_language(claim.value.get("name") or "", lang)


def proposal_confidence(claim: Claim) -> float:
    """How sure the proposal is: the extractor's confidence, and the match score when matched."""
    if claim.match_id is not None and claim.match_score is not None:
        return min(claim.confidence, claim.match_score)
    return claim.confidence


def _user(user: object) -> Any:
    return user if getattr(user, "pk", None) else None


# The longest text a corrected field may hold (what the record's column holds).
_TEXT_LIMITS = {"name": 500, "place": 200, "acronym": 100, "fund": 500}
_MAX_PARTIES = 60


def _edit_problem(name: str, value: Any, before: Any = None) -> str | None:
    """Why a reviewer's correction of ``name`` (the claim had ``before``) cannot stand
    (None: it can). A party the claim itself lists may stay unknown to the registry (it is
    kept as evidence and linked to nothing); one a reviewer adds must be known."""
    if value in (None, "", []):
        return None
    if name in _TEXT_LIMITS:
        if not isinstance(value, str):
            return "expected text"
        if len(value) > _TEXT_LIMITS[name]:
            return f"longer than {_TEXT_LIMITS[name]} characters"
    elif name in ("country", "host"):
        if records.country_code(value) is None:
            return f"{value!r} is not an ISO country code (TH, VN, EU, ...)"
    elif name in ("start", "end", "date"):
        try:
            date_value(value, field=name)
        except ValidationError as error:
            return " ".join(error.messages)
    elif name == "ordinal":
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 32767:
            return f"{value!r} is not a number in a series"
    elif name == "series":
        if not isinstance(value, str) or not EventSeries.objects.filter(key=value).exists():
            return f"no meeting series with key {value!r}"
    elif name == "kind":
        if value not in AgreementKind.values:
            return f"{value!r} is not a kind of agreement"
    elif name in ("parties", "partners"):
        if not isinstance(value, list):
            return "expected a list of countries and organisations"
        if len(value) > _MAX_PARTIES:
            return f"more than {_MAX_PARTIES} {name}"
        listed = before if isinstance(before, list) else []
        for party in value:
            if party not in listed and (problem := records.party_problem(party)):
                return problem
    return None


def _corrected(claim: Claim, edits: dict[str, Any] | None) -> tuple[dict[str, Any], set[str]]:
    """The claim's values with a reviewer's corrections; ValidationError (naming the field)
    for a correction that cannot stand: nothing is written then."""
    values = dict(claim.value)
    changed: set[str] = set()
    for name, value in (edits or {}).items():
        if name not in records.EDITABLE[claim.kind]:
            raise ValidationError({name: f"{claim.kind} claims have no field {name!r} to correct"})
        if problem := _edit_problem(name, value, values.get(name)):
            raise ValidationError({name: problem})
        if value != values.get(name):
            values[name] = value
            changed.add(name)
    return values, changed


def _target(claim: Claim, target: models.Model | None) -> models.Model | None:
    if target is not None:
        if not isinstance(target, MODELS[claim.kind]):
            raise ValidationError({"target": f"a {claim.kind} claim cannot go into that record"})
        return target
    if claim.cluster:  # a claim of the same proposed record was accepted before
        earlier = (
            Claim.objects.filter(cluster=claim.cluster, status=ClaimStatus.ACCEPTED)
            .exclude(record_id=None)
            .exclude(pk=claim.pk)
            .first()
        )
        if earlier is not None:
            return earlier.record
    return claim.match


class NeedsConfirmation(ValidationError):
    """Accepting would change a value the record already has: a person must confirm it."""

    def __init__(self, change: AcceptChange) -> None:
        lines = [item.line() for item in change.fields if item.kind == "precise"]
        super().__init__(
            {"confirm": f"accepting changes what the record holds ({'; '.join(lines)}): confirm it"}
        )
        self.change = change


def accept_preview(
    claim: Claim,
    *,
    edits: dict[str, Any] | None = None,
    target: models.Model | None = None,
    new_record: bool = False,
) -> AcceptChange:
    """What accepting ``claim`` (with these arguments) would write, computed without writing.
    A claim whose values cannot become a record gets a change with its ``error``."""
    try:
        values, _edited = _corrected(claim, edits)
        record = None if new_record else _target(claim, target)
    except ValidationError as error:
        return AcceptChange(kind=claim.kind, record=None, error=error_text(error))
    lang = claim_language(claim)
    if record is None:
        return safely(change_for_new, claim.kind, values, lang, claim, kind=claim.kind)
    return safely(
        change_for_record, record, claim.kind, values, lang, claim, kind=claim.kind, record=record
    )


def claim_accept(
    *,
    claim: Claim,
    user: object = None,
    edits: dict[str, Any] | None = None,
    target: models.Model | None = None,
    new_record: bool = False,
    confirm: bool = False,
    keep_values: bool = False,
) -> models.Model:
    """Accept ``claim``: into ``target``, else the record it matches, else a new record
    (``new_record`` forces one). ``edits`` correct the claim's values first.

    Accepting into a record that holds a coarser value ("2023" for "2023-08-22") changes a
    value it has: that needs ``confirm`` (else NeedsConfirmation, and nothing is written),
    or ``keep_values`` to accept without changing it (names, links, evidence and empty
    fields only, as a bulk accept does)."""
    record, _change = _accept(
        claim=claim,
        user=user,
        edits=edits,
        target=target,
        new_record=new_record,
        confirm=confirm,
        keep_values=keep_values,
    )
    return record


@transaction.atomic
def _accept(
    *,
    claim: Claim,
    user: object,
    edits: dict[str, Any] | None,
    target: models.Model | None,
    new_record: bool,
    confirm: bool,
    keep_values: bool,
) -> tuple[models.Model, AcceptChange | None]:
    """``claim_accept``, also returning the change merged into an existing record."""
    if claim.kind not in RESOLVED_KINDS:
        raise ValidationError(
            {"kind": f"{claim.kind} claims are facts of the document, not records"}
        )
    claim = Claim.objects.select_for_update().select_related("document").get(pk=claim.pk)
    if claim.status != ClaimStatus.PENDING:  # a second click, or another reviewer first
        raise ValidationError({"status": f"this claim is {claim.status} already"})
    if claim.cluster:  # the claims of one proposed record are accepted one after the other
        list(Claim.objects.select_for_update().filter(cluster=claim.cluster).order_by("pk"))
    values, edited = _corrected(claim, edits)
    lang = claim_language(claim)
    record = None if new_record else _target(claim, target)
    created = record is None
    change = None
    with recorded(user, How.ACCEPT, claim=claim.pk):
        if record is None:
            record = records.create(claim.kind, values, lang)
        else:
            overwrite = confirm and not keep_values
            change = records.merge(record, claim.kind, values, lang, overwrite=overwrite)
            if change.needs_confirmation and not (confirm or keep_values):
                raise NeedsConfirmation(change)  # rolls back what the merge wrote
        evidence_add(record=record, claim=claim, values=values, lang=lang, edited=edited)
    claim.status = ClaimStatus.ACCEPTED
    claim.record_type = ContentType.objects.get_for_model(record)
    claim.record_id = record.pk
    claim.reviewed_by = _user(user)
    claim.reviewed_at = timezone.now()
    claim.review_note = ""
    claim.save()
    if claim.cluster:  # the claims proposing the same new record now propose this one
        Claim.objects.filter(
            cluster=claim.cluster, status=ClaimStatus.PENDING, match_id=None
        ).update(match_type=claim.record_type, match_id=record.pk)
    log(
        user,
        Action.ACCEPT,
        obj=record,
        country=claim.document.country,
        detail=_accepted(claim, created, edited),
    )
    return record, change


def _accepted(claim: Claim, created: bool, edited: set[str]) -> str:
    """The activity log's detail of an accept: the claim, its document, what was done."""
    parts = [f"claim {claim.pk} of document {claim.document_id}"]
    if created:
        parts.append("new record")
    if edited:
        parts.append(f"corrected: {', '.join(sorted(edited))}")
    return "; ".join(parts)


@transaction.atomic
def claim_reject(*, claim: Claim, user: object = None, reason: str = "") -> None:
    reason = " ".join((reason or "").split())
    if len(reason) > 2000:
        raise ValidationError({"reason": "longer than 2000 characters"})
    updated = Claim.objects.filter(pk=claim.pk, status=ClaimStatus.PENDING).update(
        status=ClaimStatus.REJECTED,
        review_note=reason,
        reviewed_by=_user(user),
        reviewed_at=timezone.now(),
    )
    if not updated:
        status = Claim.objects.filter(pk=claim.pk).values_list("status", flat=True).first()
        raise ValidationError({"status": f"this claim is {status or 'gone'} already"})
    log(user, Action.REJECT, obj=claim, detail=reason)


def error_text(error: ValidationError) -> str:
    """A ValidationError as one line: "field: message; field: message"."""
    if hasattr(error, "message_dict"):
        return "; ".join(f"{field}: {' '.join(text)}" for field, text in error.message_dict.items())
    return " ".join(error.messages)


def pending(claims: QuerySet[Claim] | None = None) -> QuerySet[Claim]:
    claims = Claim.objects.all() if claims is None else claims
    return claims.filter(status=ClaimStatus.PENDING, kind__in=RESOLVED_KINDS)


@dataclass
class BulkAccept:
    """What a bulk accept did: how many claims it accepted, those it refused (with why; they
    stay pending), and the values it left for a person (accepted claims whose record holds
    a value the claim would change: ``(claim, record, field changes)``)."""

    accepted: int = 0
    refused: list[tuple[Claim, ValidationError]] = field(default_factory=list)
    left: list[tuple[Claim, models.Model, list[FieldChange]]] = field(default_factory=list)

    def __iter__(self) -> Iterator[Any]:
        """Unpacks as ``accepted, refused`` (what callers had before ``left``)."""
        return iter((self.accepted, self.refused))

    def left_lines(self) -> list[str]:
        """What was left for a person, one line per value (for the command line)."""
        lines = []
        for claim, record, changes in self.left:
            for change in changes:
                why = "more precise" if change.kind == "precise" else "differs"
                lines.append(
                    f"left for a person: claim {claim.pk} -> {claim.kind} "
                    f"{getattr(record, 'key', record.pk)}: {change.line()} ({why})"
                )
        return lines


def claims_accept(
    claims: Iterable[Claim],
    *,
    user: object = None,
    min_confidence: float = 0.0,
    resolver: Resolver | None = None,
) -> BulkAccept:
    """Accept each claim at or above ``min_confidence``, one transaction each, in the order
    given. A bulk accept never changes a value a record has: it adds names, links and
    evidence and fills empty fields; what it would have changed is reported in ``left``.
    With a ``resolver``, each claim is resolved again first (records made by the claims
    before it may be its match) and the records made are added to it."""
    outcome = BulkAccept()
    for claim in claims:
        if resolver is not None:
            resolver.resolve([claim])
        if proposal_confidence(claim) < min_confidence:
            continue
        try:
            record, change = _accept(
                claim=claim,
                user=user,
                edits=None,
                target=None,
                new_record=False,
                confirm=False,
                keep_values=True,
            )
        except ValidationError as error:
            outcome.refused.append((claim, error))
            continue
        left = change.left(overwrite=False) if change is not None else []
        if left:
            outcome.left.append((claim, record, left))
        if resolver is not None:
            resolver.add_record(claim.kind, record)
        outcome.accepted += 1
    return outcome


def document_accept_all(document: object, *, resolver: Resolver, user: object = None) -> BulkAccept:
    """Resolve and accept every claim of one document (``envcoop ingest --accept``)."""
    claims = pending(Claim.objects.filter(document=document)).order_by("start", "pk")
    return claims_accept(list(claims), user=user, resolver=resolver)
