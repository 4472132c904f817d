"""The review queue (staff only): accept, correct, reject and bulk-accept what documents
say; pick a value where sources disagree. Every action is a POST that redirects back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from envcoop.accounts.rules import may
from envcoop.accounts.scope import claims_reviewable_by
from envcoop.core.excerpts import excerpt
from envcoop.ingestion.models import Claim, ClaimKind, ClaimStatus
from envcoop.review.evidence import conflict_resolve, flagged_count
from envcoop.review.picker import MAX_QUERY, records_named
from envcoop.review.resolution.candidates import MODELS, RESOLVED_KINDS
from envcoop.review.resolution.resolver import Resolver
from envcoop.review.selectors import (
    by_document,
    by_record,
    flagged_records,
    pending_claims,
    proposals,
    reason_text,
)
from envcoop.review.services import (
    NeedsConfirmation,
    accept_preview,
    claim_accept,
    claim_reject,
    claims_accept,
    error_text,
    proposal_confidence,
)
from envcoop.review.undo import claim_undo
from envcoop.web.guards import json_rule_required, rule_required
from envcoop.web.record_forms.pickers import picker_texts
from envcoop.web.review_forms import ClaimForm

PER_PAGE = 50


REVIEWERS = gettext_lazy(
    "Reviewing is for the Secretariat's reviewers and, for their own country's documents, "
    "the national focal points."
)
SECRETARIAT = gettext_lazy("Only the Secretariat's reviewers and administrators may do this.")


# The queue and the claims: the Secretariat, and focal points for their country's documents.
reviewer_required = rule_required("review", REVIEWERS)
# Merging, renaming, duplicates and conflicts between sources: the Secretariat.
secretariat_required = rule_required("merge_records", SECRETARIAT)


def _back(request: HttpRequest, default: str) -> HttpResponseRedirect:
    target = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = default
    return HttpResponseRedirect(target or default)


class QueueFilterForm(forms.Form):
    view = forms.ChoiceField(
        label=gettext_lazy("Show"),
        choices=[
            ("documents", gettext_lazy("by document")),
            ("records", gettext_lazy("by record")),
        ],
        required=False,
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=[("", gettext_lazy("all kinds"))]
        + [(k, label) for k, label in ClaimKind.choices if k in RESOLVED_KINDS],
        required=False,
    )


@reviewer_required
def queue(request: HttpRequest) -> HttpResponse:
    form = QueueFilterForm(request.GET)
    if not form.is_valid():
        messages.warning(request, _("A filter was not understood and is ignored."))
        form = QueueFilterForm({})
        form.is_valid()
    view = form.cleaned_data.get("view") or "documents"
    kind = form.cleaned_data.get("kind") or None
    claims = claims_reviewable_by(request.user, pending_claims(kind=kind))
    _resolve_missing(claims)
    page = Paginator(claims, PER_PAGE).get_page(request.GET.get("page"))
    items = proposals(page.object_list)
    groups = by_record(items) if view == "records" else None
    documents = by_document(items) if view == "documents" else None
    shown = [item for group in groups or [] for item in group.proposals] or [
        item for _document, listed in documents or [] for item in listed
    ]
    _stay_in_place(shown, request.get_full_path())
    context: dict[str, Any] = {
        "form": form,
        "view": view,
        "page": page,
        "total": page.paginator.count,
        "groups": groups,
        "documents": documents,
        "flagged": flagged_count(),
    }
    return render(request, "web/review/queue.html", context)


def _stay_in_place(shown: list[Any], here: str) -> None:
    """Each card's ``return_to``: this page at the card that takes its place once it is
    reviewed (the next one; the one before for the last card), so the reviewer goes on where
    they were instead of at the top of a long page."""
    for index, item in enumerate(shown):
        after = shown[index + 1] if index + 1 < len(shown) else None
        after = after or (shown[index - 1] if index > 0 else None)
        item.return_to = f"{here}#claim-{after.claim.pk}" if after else here


def _resolve_missing(claims: Any) -> None:
    """Claims stored before resolution existed (or whose proposal failed) get one now."""
    missing = list(claims.filter(cluster="", match_id=None)[:500])
    if missing:
        Resolver().resolve(missing)


def _claim(pk: int, user: Any) -> Claim:
    """The claim, if ``user`` may review it (a focal point: their country's documents)."""
    claim = Claim.objects.select_related("document__country").filter(pk=pk).first()
    if claim is None or claim.kind not in RESOLVED_KINDS:
        raise Http404(pk)
    if not may(user, "review_claim", claim):
        raise PermissionDenied(
            _("This claim comes from a document of another country: %(who)s") % {"who": REVIEWERS}
        )
    return claim


def _review_once(
    request: HttpRequest, pk: int, act: Callable[[Claim], str], failed: str
) -> HttpResponse:
    """Run ``act`` on a pending claim (its message on success), or say why not."""
    claim = _claim(pk, request.user)
    if claim.status != ClaimStatus.PENDING:
        messages.warning(request, _("This claim was reviewed already."))
    else:
        try:
            messages.success(request, act(claim))
        except ValidationError as error:
            messages.error(request, failed % {"errors": error_text(error)})
    return _back(request, reverse("web:review"))


def _confirmation(request: HttpRequest) -> dict[str, bool]:
    """The second submit of an accept: "confirm" changes the values, "keep" keeps them."""
    return {
        "confirm": bool(request.POST.get("confirm")),
        "keep_values": bool(request.POST.get("keep")),
    }


@reviewer_required
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept from the queue's card. An accept that changes a value the record has shows the
    change and asks again (a second submit with "confirm" or "keep")."""
    claim = _claim(pk, request.user)
    if claim.status != ClaimStatus.PENDING:
        messages.warning(request, _("This claim was reviewed already."))
        return _back(request, reverse("web:review"))
    try:
        record = claim_accept(claim=claim, user=request.user, **_confirmation(request))
    except NeedsConfirmation as asked:
        context = {"claim": claim, "change": asked.change, "next": request.POST.get("next", "")}
        return render(request, "web/review/confirm.html", context)
    except ValidationError as error:
        messages.error(request, _("Not accepted: %(errors)s") % {"errors": error_text(error)})
    else:
        messages.success(request, _("Accepted into %(record)s.") % {"record": record})
    return _back(request, reverse("web:review"))


@reviewer_required
@require_POST
def undo(request: HttpRequest, pk: int) -> HttpResponse:
    """Undo an accept: the record as it was (or gone, if the accept made it), the claim
    pending again; refused, with the reason, when a later change would be lost."""
    claim = _claim(pk, request.user)
    try:
        undone = claim_undo(claim=claim, user=request.user)
    except ValidationError as error:
        messages.error(request, _("Not undone: %(errors)s") % {"errors": error_text(error)})
    else:
        if undone.removed:
            messages.success(
                request,
                _("Undone: the record this claim made is removed; the claim is pending again."),
            )
        else:
            messages.success(
                request,
                _("Undone: %(record)s is as it was; the claim is pending again.")
                % {"record": undone.record},
            )
    return _back(request, reverse("web:review_claim", args=[claim.pk]))


@reviewer_required
@require_POST
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    def act(claim: Claim) -> str:
        claim_reject(claim=claim, user=request.user, reason=request.POST.get("reason", ""))
        return _("Rejected.")

    return _review_once(request, pk, act, _("Not rejected: %(errors)s"))


class BulkForm(forms.Form):
    """Either the ticked claims ("selected"), or every pending claim (of a kind) at or above a
    confidence ("above"): the button pressed says which."""

    claims = forms.ModelMultipleChoiceField(queryset=Claim.objects.none(), required=False)
    min_confidence = forms.FloatField(min_value=0.0, max_value=1.0, required=False)
    kind = forms.ChoiceField(choices=[("", "")] + [(k, k) for k in RESOLVED_KINDS], required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["claims"].queryset = claims_reviewable_by(user, pending_claims())  # type: ignore[attr-defined]
        self.selected = "selected" in self.data

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.selected and not data.get("claims") and "claims" not in self.errors:
            raise ValidationError(_("Tick the claims to accept first."))
        if not self.selected and data.get("min_confidence") is None and not self.errors:
            raise ValidationError(_("Give the confidence to accept every claim at or above."))
        return data


@reviewer_required
@require_POST
def bulk_accept(request: HttpRequest) -> HttpResponse:
    form = BulkForm(request.POST, user=request.user)
    if not form.is_valid():
        problems = [str(m) for messages_ in form.errors.values() for m in messages_]
        messages.error(request, _("Nothing accepted: %(errors)s") % {"errors": " ".join(problems)})
        return _back(request, reverse("web:review"))
    if form.selected:
        chosen = list(form.cleaned_data["claims"].order_by("document", "start", "pk"))
        accepted, refused = claims_accept(chosen, user=request.user)
    else:
        kind = form.cleaned_data.get("kind") or None
        claims = list(claims_reviewable_by(request.user, pending_claims(kind=kind)))
        accepted, refused = claims_accept(
            claims, user=request.user, min_confidence=form.cleaned_data["min_confidence"]
        )
    messages.success(
        request,
        ngettext("%(count)s claim accepted.", "%(count)s claims accepted.", accepted)
        % {"count": accepted},
    )
    for claim, error in refused[:10]:
        messages.error(
            request,
            _("Claim %(id)s not accepted: %(errors)s")
            % {"id": claim.pk, "errors": error_text(error)},
        )
    return _back(request, reverse("web:review"))


def _choices(claim: Claim) -> list[tuple[str, str]]:
    choices = []
    if claim.match_id is not None and claim.match is not None:
        choices.append(("match", _("the matched record: %(record)s") % {"record": claim.match}))
    choices.append(("new", _("a new record")))
    choices.append(("other", _("another record (find it by name)")))
    return choices


def _return_to(request: HttpRequest, claim: Claim) -> tuple[str, str]:
    """Where the reviewer goes after acting on the claim's page (the queue at the card
    after this one, as the queue's "Edit, then accept" link said), and back to it when
    they leave without acting (the queue at this claim's card)."""
    queue = reverse("web:review")
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = ""
    target = target or f"{queue}#claim-{claim.pk}"
    return target, f"{target.split('#')[0]}#claim-{claim.pk}"


@reviewer_required
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim(pk, request.user)
    choices = _choices(claim)
    after, back = _return_to(request, claim)
    change = None  # what accepting writes, when it asks for confirmation
    if request.method == "POST" and claim.status == ClaimStatus.PENDING:
        form = ClaimForm(request.POST, claim=claim, choices=choices)
        if form.is_valid():
            try:
                record = claim_accept(
                    claim=claim,
                    user=request.user,
                    edits=form.edits(),
                    target=form.record if form.cleaned_data["target"] == "other" else None,
                    new_record=form.cleaned_data["target"] == "new",
                    **_confirmation(request),
                )
            except NeedsConfirmation as asked:
                change = asked.change
            except ValidationError as error:
                form.add_error(None, _("Not accepted: %(errors)s") % {"errors": error_text(error)})
            else:
                messages.success(request, _("Accepted into %(record)s.") % {"record": record})
                return HttpResponseRedirect(after)
    elif request.method == "POST":
        messages.warning(request, _("This claim was reviewed already."))
        return HttpResponseRedirect(after)
    else:
        form = ClaimForm(claim=claim, choices=choices, initial={"target": choices[0][0]})
    context = {
        "claim": claim,
        "form": form,
        "after": after,
        "back": back,
        "asks": change is not None,
        "change": change
        or (accept_preview(claim) if claim.status == ClaimStatus.PENDING else None),
        "reasons": [reason_text(reason) for reason in claim.match_reasons or []],
        "confidence": proposal_confidence(claim),
        "context_text": excerpt(claim.document.text, claim.start, claim.end, 300),
        "value_fields": [f for f in form if f.name not in ("target", "other")],
        "picker_texts": picker_texts(),
    }
    return render(request, "web/review/claim.html", context)


# The picker's data: for those who may review (as JSON: a 403 says why not).
review_json_required = json_rule_required("review", REVIEWERS)


@review_json_required
def record_names(request: HttpRequest, kind: str) -> HttpResponse:
    """The records of a kind whose names (in any language), acronyms or keys match what a
    reviewer typed (``?q=``), for the "another record" picker: at most ten, best first."""
    if kind not in RESOLVED_KINDS:
        raise Http404(kind)
    query = request.GET.get("q", "")
    if len(query) > MAX_QUERY:
        return JsonResponse({"error": _("Type a shorter name.")}, status=400)
    found = records_named(kind, query, limit=10)
    return JsonResponse({"query": query, "results": [item.as_json() for item in found]})


@secretariat_required
def conflicts(request: HttpRequest) -> HttpResponse:
    return render(request, "web/review/conflicts.html", {"flagged": flagged_records(request.user)})


@secretariat_required
@require_POST
def conflict_pick(request: HttpRequest) -> HttpResponse:
    kind = request.POST.get("kind", "")
    model = MODELS.get(kind)
    record = model.objects.filter(key=request.POST.get("key", "")).first() if model else None
    if record is None:
        raise Http404("record")
    try:
        conflict_resolve(
            record=record,
            kind=kind,
            field=request.POST.get("field", ""),
            value=request.POST.get("value") or None,
        )
    except ValidationError as error:
        messages.error(request, _("Not changed: %(errors)s") % {"errors": error_text(error)})
    else:
        messages.success(request, _("%(record)s now says what you chose.") % {"record": record})
    return _back(request, reverse("web:review_conflicts"))
