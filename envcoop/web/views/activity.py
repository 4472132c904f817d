"""The activity log for the Secretariat: who did what, when, to which record, newest first,
filtered by user, country, kind of action and days. A filter value that is not understood
is ignored, and the page says so."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from envcoop.accounts.activity import activities
from envcoop.accounts.models import Action, Activity
from envcoop.core.countries import country_name
from envcoop.ingestion.models import Claim
from envcoop.registry.models import Country
from envcoop.registry.selectors.history import HISTORY_KINDS
from envcoop.web.guards import rule_required

PAGE_SIZE = 50

# model -> the kind in its history address ("events")
_HISTORY_KIND = {model: kind for kind, model in HISTORY_KINDS.items()}


class ActivityFilterForm(forms.Form):
    user = forms.CharField(
        label=gettext_lazy("User"),
        required=False,
        max_length=150,
    )
    country = forms.ChoiceField(label=gettext_lazy("Country"), required=False)
    action = forms.ChoiceField(label=gettext_lazy("Action"), required=False)
    since = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    until = forms.DateField(
        label=gettext_lazy("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lang = get_language() or "en"
        everyone = [("", _("All"))]
        codes = Country.objects.values_list("code", flat=True)
        self.fields["country"].choices = everyone + sorted(
            ((code, country_name(code, lang)) for code in codes), key=lambda pair: pair[1]
        )
        self.fields["action"].choices = everyone + list(Action.choices)

    def clean_user(self) -> Any:
        name = self.cleaned_data["user"].strip()
        if not name:
            return None
        found = get_user_model().objects.filter(username=name).first()
        if found is None:
            raise forms.ValidationError(_("No user is called “%(name)s”.") % {"name": name})
        return found

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end of the range is before its start."))
        return data

    def filters(self) -> dict[str, Any]:
        """The filters that are understood (a field with an error is left out)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            name: data[name]
            for name in ("user", "action", "country", "since", "until")
            if data.get(name) and name not in self.errors
        }


def _links(rows: list[Activity]) -> list[dict[str, Any]]:
    """Each row with the current address of its object (None when it is gone) and, for a
    record with a history, the address of its History tab: one query per kind shown."""
    wanted: dict[Any, set[int]] = defaultdict(set)
    for row in rows:
        if row.content_type_id and row.object_id is not None:
            wanted[row.content_type].add(row.object_id)
    found: dict[tuple[int, int], tuple[str | None, str | None]] = {}
    user_model = get_user_model()
    for content_type, pks in wanted.items():
        model = content_type.model_class()
        if model is None:
            continue
        objects = model._default_manager.filter(pk__in=pks)
        if hasattr(model, "key"):
            objects = objects.only("pk", "key")
        elif model is Claim:
            objects = objects.only("pk")
        for obj in objects:
            found[(content_type.pk, obj.pk)] = _addresses(obj, user_model)
    shown = []
    for row in rows:
        url, history = found.get((row.content_type_id or 0, row.object_id or 0), (None, None))
        shown.append(
            {
                "row": row,
                "url": url,
                "history": history,
                "gone": row.content_type_id is not None and url is None and history is None,
            }
        )
    return shown


def _addresses(obj: Any, user_model: type) -> tuple[str | None, str | None]:
    """(the object's page, its History tab) as they are now."""
    if isinstance(obj, user_model):
        return f"{reverse('web:activity')}?{urlencode({'user': obj.get_username()})}", None
    if isinstance(obj, Claim):
        return reverse("web:review_claim", args=[obj.pk]), None
    try:
        url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else None
    except NoReverseMatch:
        url = None
    kind = _HISTORY_KIND.get(type(obj))
    history = reverse("web:record_history", args=[kind, obj.key]) if kind else None
    return url, history


@rule_required("view_activity", gettext_lazy("The activity log is for the Secretariat."))
def activity_list(request: HttpRequest) -> HttpResponse:
    form = ActivityFilterForm(request.GET or None)
    rows = activities(**form.filters()) if request.GET else activities()
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "rows": _links(list(page.object_list))}
    return render(request, "web/activity/list.html", context)
