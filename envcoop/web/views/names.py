"""Names missing in the report's language: the records an annual report names in another
language, for reviewers and focal points, each with a form to add the name in place.

Who may see and add what is ``accounts.rules``: the Secretariat's reviewers any
record, a country's focal point the records their country takes part in. The page lists
every missing name of the report (it shows only what the report shows) and offers the
form where the reader may use it; a POST checks again, record by record.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from babel import Locale
from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from envcoop.accounts.rules import may, may_edit_record
from envcoop.accounts.scope import countries_of
from envcoop.core.formatting import babel_locale
from envcoop.core.languages import base_language
from envcoop.registry.models import Agreement, Event, LabelKind, Priority, Project
from envcoop.registry.services.labels import DEFAULT_MAX_LENGTH, label_add
from envcoop.reports.annual import LANGUAGES, MissingName, annual_report
from envcoop.web.language import reader_language, site_address
from envcoop.web.views.reports import AnnualForm

_ANCHOR = re.compile(r"missing-[a-z]+-[a-z0-9-]+")
NAMEABLE: dict[str, type[Model]] = {
    "event": Event,
    "agreement": Agreement,
    "project": Project,
    "priority": Priority,
}


class NameForm(forms.Form):
    kind = forms.ChoiceField(choices=[(kind, kind) for kind in NAMEABLE])
    key = forms.SlugField(max_length=120)
    text = forms.CharField(label=gettext_lazy("Name"), max_length=DEFAULT_MAX_LENGTH, strip=True)


@dataclass
class Entry:
    missing: MissingName
    anchor: str
    may_add: bool
    next_anchor: str = ""


def language_name(lang: str) -> str:
    """The language's own name in itself ("ไทย", "Tiếng Việt", "English")."""
    return Locale.parse(babel_locale(lang)).languages.get(lang, lang)


def names_url(lang_query: dict[str, str]) -> str:
    return reverse("web:annual_report_names") + "?" + urlencode(lang_query)


def _checked(request: HttpRequest) -> HttpResponse | None:
    """A sign-in for visitors; a refusal for those who may name nothing."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not may(request.user, "change_record"):
        raise PermissionDenied(
            _(
                "Adding names is for the Secretariat's reviewers and the focal points of "
                "the countries a record involves."
            )
        )
    return None


def _entries(request: HttpRequest, missing: list[MissingName]) -> list[Entry]:
    countries: dict[tuple[str, int], set[str]] = {}
    for kind, model in NAMEABLE.items():
        pks = [m.pk for m in missing if m.kind == kind]
        for pk, codes in countries_of(model, pks).items():
            countries[(kind, pk)] = codes
    entries = [
        Entry(
            m,
            f"missing-{m.kind}-{m.key}",
            may_edit_record(request.user, NAMEABLE[m.kind](pk=m.pk), countries[(m.kind, m.pk)]),
        )
        for m in missing
    ]
    for entry, following in itertools.pairwise(entries):
        entry.next_anchor = following.anchor
    return entries


def annual_names(request: HttpRequest) -> HttpResponse:
    """GET: the list for the report given by year, partner and country. POST: add a name."""
    refused = _checked(request)
    if refused:
        return refused
    lang = reader_language()
    lang = lang if lang in LANGUAGES else "en"
    query = request.GET if request.method == "GET" else request.POST
    report_form = AnnualForm(query, lang=lang)
    if not report_form.is_valid():
        return render(request, "web/reports/names.html", {"invalid": True}, status=400)
    values = report_form.cleaned_data
    report_query = {
        name: str(values[name]) for name in ("year", "partner", "country") if values[name]
    }
    status = 200
    name_form = NameForm()
    if request.method == "POST":
        name_form = NameForm(request.POST)
        if name_form.is_valid():
            return _add_name(request, name_form, lang, report_query)
        status = 400
    report = annual_report(
        values["year"],
        lang=lang,
        partner=values["partner"] or None,
        country=values["country"] or None,
        site_url=site_address(request),
        reader=request.user,
    )
    context = {
        "report": report,
        "entries": _entries(request, report.missing),
        "language": language_name(lang),
        "report_query": report_query,
        "report_url": reverse("web:annual_report") + "?" + urlencode(report_query),
        "name_form": name_form,
    }
    return render(request, "web/reports/names.html", context, status=status)


def _add_name(
    request: HttpRequest, form: NameForm, lang: str, report_query: dict[str, str]
) -> HttpResponse:
    model = NAMEABLE[form.cleaned_data["kind"]]
    record = get_object_or_404(model, key=form.cleaned_data["key"])
    if not may_edit_record(request.user, record):
        raise PermissionDenied(
            _(
                "Only the Secretariat's reviewers or a focal point of a country it involves may name this record."
            )
        )
    back = names_url(report_query)
    existing = record.name_in(lang)  # type: ignore[attr-defined]
    if existing is not None and base_language(existing.lang) == lang:
        messages.warning(
            request,
            _("“%(record)s” already has a name in %(language)s: %(name)s.")
            % {"record": record.key, "language": language_name(lang), "name": existing.text},  # type: ignore[attr-defined]
        )
        return HttpResponseRedirect(back)
    label_add(record=record, kind=LabelKind.NAME, lang=lang, text=form.cleaned_data["text"])
    messages.success(
        request,
        _("Name added: %(name)s.") % {"name": form.cleaned_data["text"]},
    )
    anchor = request.POST.get("next_anchor", "")
    return HttpResponseRedirect(back + (f"#{anchor}" if _ANCHOR.fullmatch(anchor) else ""))
