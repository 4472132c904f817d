"""Reviewers' actions on a record as a whole: a new key (the old address redirects), merging
it into the record it duplicates (with a preview, and undo), and the list of possible
duplicates."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from envcoop.registry.selectors.history import HISTORY_KINDS
from envcoop.registry.services.keys import record_rename
from envcoop.review.duplicates import not_the_same, possible_duplicates
from envcoop.review.merging import merge_preview, merge_undo, record_merge
from envcoop.review.models import Merge
from envcoop.review.resolution.candidates import MODELS, RESOLVED_KINDS
from envcoop.review.selectors import reason_text
from envcoop.review.services import error_text
from envcoop.web.views.review import secretariat_required

# The kinds in URLs ("events") -> model, and the name of each record page
KINDS = {kinds: (model, f"web:{kinds[:-1]}") for kinds, model in HISTORY_KINDS.items()}


def _record(kind: str, key: str):  # type: ignore[no-untyped-def]
    if kind not in KINDS:
        raise Http404(kind)
    model, _page = KINDS[kind]
    return get_object_or_404(model, key=key)


@secretariat_required
@require_POST
def rename(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    if kind not in KINDS:
        raise Http404(kind)
    model, page = KINDS[kind]
    record = model.objects.filter(key=key).first()
    if record is None:
        raise Http404(key)
    try:
        record_rename(record, request.POST.get("key", ""), user=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return HttpResponseRedirect(reverse(page, args=[key]))
    if record.key != key:
        messages.success(
            request,
            _("The key is now %(new)s; the address with %(old)s leads here.")
            % {"new": record.key, "old": key},
        )
    return HttpResponseRedirect(reverse(page, args=[record.key]))


# the kinds in URLs that have possible duplicates ("events" -> "event")
_MERGEABLE = {f"{kind}s": kind for kind in RESOLVED_KINDS}


@secretariat_required
def merge(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    """Merge one record into another: pick the other, see what the merge would do, confirm."""
    source = _record(kind, key)
    model, page = KINDS[kind]
    into = (request.POST.get("into") or request.GET.get("into") or "").strip()
    target = model.objects.filter(key=into).first() if into else None
    if into and target is None:
        messages.error(request, _("No record has the key %(key)s.") % {"key": into})
    preview, error = None, None
    if target is not None:
        try:
            if request.method == "POST" and request.POST.get("confirm"):
                result = record_merge(source=source, target=target, user=request.user)
                messages.success(
                    request,
                    _("%(old)s is merged into this record; its address leads here.") % {"old": key},
                )
                request.session["last_merge"] = result.merge_id
                return HttpResponseRedirect(reverse(page, args=[target.key]))
            preview = merge_preview(source=source, target=target)
        except ValidationError as refused:
            error = error_text(refused)
    choices = model.objects.exclude(pk=source.pk).prefetch_related("labels").order_by("key")
    return render(
        request,
        "web/records/merge.html",
        {
            "kind": kind,
            "source": source,
            "target": target,
            "preview": preview,
            "error": error,
            "choices": choices,
        },
    )


@secretariat_required
@require_POST
def merge_undo_view(request: HttpRequest, pk: int) -> HttpResponse:
    done = get_object_or_404(Merge, pk=pk)
    model = done.content_type.model_class()
    kind = next(name for name, (each, _page) in KINDS.items() if each is model)
    try:
        restored = merge_undo(done, request.user)
    except ValidationError as refused:
        messages.error(request, _("Not undone: %(errors)s") % {"errors": error_text(refused)})
        target = model.objects.filter(pk=done.target_id).first()
        return HttpResponseRedirect(
            reverse(KINDS[kind][1], args=[target.key]) if target else reverse("web:review")
        )
    messages.success(request, _("The merge is undone: %(key)s is back.") % {"key": restored.key})
    return HttpResponseRedirect(reverse(KINDS[kind][1], args=[restored.key]))


@secretariat_required
def duplicates(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind") or None
    if kind not in (None, *RESOLVED_KINDS):
        raise Http404(kind)
    pairs = possible_duplicates(kind)
    rows = [
        {
            "pair": pair,
            "kinds": f"{pair.kind}s",
            "percent": round(100 * pair.score),
            "reasons": [reason_text(reason) for reason in pair.reasons],
        }
        for pair in pairs
    ]
    kinds = [(each, MODELS[each]._meta.verbose_name_plural) for each in RESOLVED_KINDS]
    return render(
        request, "web/review/duplicates.html", {"rows": rows, "kind": kind, "kinds": kinds}
    )


@secretariat_required
@require_POST
def not_same(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in _MERGEABLE:
        raise Http404(kind)
    model, _page = KINDS[kind]
    first = get_object_or_404(model, key=request.POST.get("first", ""))
    second = get_object_or_404(model, key=request.POST.get("second", ""))
    not_the_same(first, second, request.user)
    messages.success(
        request,
        _("%(first)s and %(second)s will not be proposed as the same again.")
        % {"first": first.key, "second": second.key},
    )
    return HttpResponseRedirect(reverse("web:review_duplicates"))
