"""The annual report on the site (a form: year, partner, country; the report in the
reader's language; DOCX or Markdown to download) and a framework's implementation matrix
(HTML, XLSX)."""

from __future__ import annotations

import datetime as dt

from babel import Locale
from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from envcoop.accounts.activity import log_export
from envcoop.accounts.rules import may
from envcoop.core.formatting import babel_locale, display_year
from envcoop.registry.models import Country, Framework
from envcoop.reports.annual import LANGUAGES, annual_report
from envcoop.reports.markdown import annual_markdown
from envcoop.reports.matrix import implementation_matrix
from envcoop.reports.matrix_xlsx import matrix_xlsx
from envcoop.reports.word_document import annual_docx
from envcoop.web.language import reader_language, site_address

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class AnnualForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    partner = forms.ChoiceField(label=_("Partner"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    format = forms.ChoiceField(
        choices=[("html", "HTML"), ("docx", "DOCX"), ("md", "Markdown")], required=False
    )
    paper = forms.ChoiceField(
        label=_("Paper"), choices=[("a4", "A4"), ("letter", "Letter")], required=False
    )

    def __init__(self, *args: object, lang: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        countries = sorted(
            ((c.code, str(c.name_in(lang))) for c in Country.objects.all()), key=lambda c: c[1]
        )
        everyone = [("", _("All"))]
        self.fields["partner"].choices = everyone + countries
        self.fields["country"].choices = everyone + countries


def annual(request: HttpRequest) -> HttpResponse:
    lang = reader_language()
    lang = lang if lang in LANGUAGES else "en"
    this_year = dt.date.today().year
    data = request.GET if "year" in request.GET else {"year": this_year - 1}
    form = AnnualForm(data, lang=lang)
    years = [(year, display_year(year, lang)) for year in range(this_year + 1, 1999, -1)]
    context = {"form": form, "years": years}
    if not form.is_valid():
        return render(request, "web/reports/annual.html", context, status=400)
    values = form.cleaned_data
    report = annual_report(
        values["year"],
        lang=lang,
        partner=values["partner"] or None,
        country=values["country"] or None,
        site_url=site_address(request),
        reader=request.user,
    )
    name = f"envcoop-annual-report-{values['year']}-{lang}"
    if values["format"] in ("docx", "md"):
        # the report cites the documents its values came from, members' ones included
        log_export(request.user, _report_described(values, lang))
    if values["format"] == "docx":
        response = HttpResponse(
            annual_docx(report, paper=values["paper"] or "a4"), content_type=DOCX
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
        return response
    if values["format"] == "md":
        response = HttpResponse(
            annual_markdown(report), content_type="text/markdown; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.md"'
        return response
    context["report"] = report
    if report.missing and may(request.user, "change_record"):
        query = {name: values[name] for name in ("year", "partner", "country") if values[name]}
        context["names_url"] = reverse("web:annual_report_names") + "?" + urlencode(query)
        context["names_language"] = Locale.parse(babel_locale(lang)).languages.get(lang, lang)
    return render(request, "web/reports/annual.html", context)


def _report_described(values: dict, lang: str) -> str:
    """The annual report downloaded, as the activity log gives it."""
    parts = [f"annual report {values['year']}", values["format"].upper(), lang]
    parts += [f"{name} {values[name]}" for name in ("partner", "country") if values[name]]
    return ", ".join(parts)


def matrix(request: HttpRequest, key: str) -> HttpResponse:
    """A framework's implementation matrix; ?format=xlsx for the workbook."""
    lang = reader_language()
    try:
        found = implementation_matrix(
            key, lang=lang if lang in LANGUAGES else "en",
            site=site_address(request),
        )  # fmt: skip
    except Framework.DoesNotExist as error:
        raise Http404(key) from error
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(matrix_xlsx(found), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="envcoop-matrix-{key}.xlsx"'
        return response
    return render(request, "web/reports/matrix.html", {"matrix": found})
