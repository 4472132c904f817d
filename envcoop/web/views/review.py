"""The review queue (staff only): accept, correct, reject and bulk-accept what documents
say; pick a value where sources disagree. Every action is a POST that redirects back."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from envcoop.core.excerpts import excerpt
from envcoop.ingestion.models import Claim, ClaimKind, ClaimStatus
from envcoop.review.evidence import conflict_resolve, flagged_count
from envcoop.review.permissions import REVIEW_PERMISSION
from envcoop.review.records import EDITABLE
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

PER_PAGE = 50


def reviewer_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Staff with the right to change claims (superusers have it; others get it from an
    administrator, in a group or on their account). Others are sent to log in, or refused."""

    @staff_member_required
    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.has_perm(REVIEW_PERMISSION):
            raise PermissionDenied(_("Reviewing needs the permission to change claims."))
        return view(request, *args, **kwargs)

    return checked


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
    claims = pending_claims(kind=kind)
    _resolve_missing(claims)
    page = Paginator(claims, PER_PAGE).get_page(request.GET.get("page"))
    items = proposals(page.object_list)
    context: dict[str, Any] = {
        "form": form,
        "view": view,
        "page": page,
        "total": page.paginator.count,
        "groups": by_record(items) if view == "records" else None,
        "documents": by_document(items) if view == "documents" else None,
        "flagged": flagged_count(),
    }
    return render(request, "web/review/queue.html", context)


def _resolve_missing(claims: Any) -> None:
    """Claims stored before resolution existed (or whose proposal failed) get one now."""
    missing = list(claims.filter(cluster="", match_id=None)[:500])
    if missing:
        Resolver().resolve(missing)


def _claim(pk: int) -> Claim:
    claim = Claim.objects.select_related("document").filter(pk=pk).first()
    if claim is None or claim.kind not in RESOLVED_KINDS:
        raise Http404(pk)
    return claim


def _review_once(
    request: HttpRequest, pk: int, act: Callable[[Claim], str], failed: str
) -> HttpResponse:
    """Run ``act`` on a pending claim (its message on success), or say why not."""
    claim = _claim(pk)
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
    claim = _claim(pk)
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
    claim = _claim(pk)
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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["claims"].queryset = pending_claims()  # type: ignore[attr-defined]
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
    form = BulkForm(request.POST)
    if not form.is_valid():
        problems = [str(m) for messages_ in form.errors.values() for m in messages_]
        messages.error(request, _("Nothing accepted: %(errors)s") % {"errors": " ".join(problems)})
        return _back(request, reverse("web:review"))
    if form.selected:
        chosen = list(form.cleaned_data["claims"].order_by("document", "start", "pk"))
        accepted, refused = claims_accept(chosen, user=request.user)
    else:
        claims = list(pending_claims(kind=form.cleaned_data.get("kind") or None))
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


class ClaimForm(forms.Form):
    """The claim's values, to correct before accepting, and where it goes."""

    target = forms.ChoiceField(label=gettext_lazy("Into"), widget=forms.RadioSelect)
    other = forms.CharField(
        label=gettext_lazy("Key of another record"), required=False, max_length=120
    )

    def __init__(self, *args: Any, claim: Claim, choices: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.claim = claim
        self.fields["target"].choices = choices
        labels = {
            "name": gettext_lazy("Name"),
            "series": gettext_lazy("Series (key)"),
            "ordinal": gettext_lazy("Number in series"),
            "start": gettext_lazy("Start"),
            "end": gettext_lazy("End"),
            "place": gettext_lazy("Place"),
            "country": gettext_lazy("Country (ISO code)"),
            "host": gettext_lazy("Host (ISO code)"),
            "kind": gettext_lazy("Kind"),
            "date": gettext_lazy("Date"),
            "fund": gettext_lazy("Fund"),
            "acronym": gettext_lazy("Acronym"),
        }
        for name in EDITABLE[claim.kind]:
            if name == "ordinal":
                field: forms.Field = forms.IntegerField(min_value=1, required=False)
            else:
                field = forms.CharField(required=name == "name", max_length=500)
            field.label = labels[name]
            field.initial = claim.value.get(name)
            self.fields[f"v_{name}"] = field

    def edits(self) -> dict[str, Any]:
        edits: dict[str, Any] = {}
        for name in EDITABLE[self.claim.kind]:
            value = self.cleaned_data.get(f"v_{name}")
            edits[name] = value if value not in ("",) else None
        return edits


def _choices(claim: Claim) -> list[tuple[str, str]]:
    choices = []
    if claim.match_id is not None and claim.match is not None:
        choices.append(("match", _("the matched record: %(record)s") % {"record": claim.match}))
    choices.append(("new", _("a new record")))
    choices.append(("other", _("another record (give its key)")))
    return choices


@reviewer_required
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim(pk)
    choices = _choices(claim)
    change = None  # what accepting writes, when it asks for confirmation
    if request.method == "POST" and claim.status == ClaimStatus.PENDING:
        form = ClaimForm(request.POST, claim=claim, choices=choices)
        if form.is_valid():
            target, new_record = None, False
            if form.cleaned_data["target"] == "new":
                new_record = True
            elif form.cleaned_data["target"] == "other":
                key = form.cleaned_data.get("other") or ""
                target = MODELS[claim.kind].objects.filter(key=key).first()
                if target is None:
                    form.add_error("other", _("No record with this key."))
            if not form.errors:
                try:
                    record = claim_accept(
                        claim=claim,
                        user=request.user,
                        edits=form.edits(),
                        target=target,
                        new_record=new_record,
                        **_confirmation(request),
                    )
                except NeedsConfirmation as asked:
                    change = asked.change
                except ValidationError as error:
                    form.add_error(None, error_text(error))
                else:
                    messages.success(request, _("Accepted into %(record)s.") % {"record": record})
                    return HttpResponseRedirect(reverse("web:review"))
    else:
        form = ClaimForm(claim=claim, choices=choices, initial={"target": choices[0][0]})
    context = {
        "claim": claim,
        "form": form,
        "asks": change is not None,
        "change": change
        or (accept_preview(claim) if claim.status == ClaimStatus.PENDING else None),
        "reasons": [reason_text(reason) for reason in claim.match_reasons or []],
        "confidence": proposal_confidence(claim),
        "context_text": excerpt(claim.document.text, claim.start, claim.end, 300),
    }
    return render(request, "web/review/claim.html", context)


@reviewer_required
def conflicts(request: HttpRequest) -> HttpResponse:
    return render(request, "web/review/conflicts.html", {"flagged": flagged_records()})


@reviewer_required
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
