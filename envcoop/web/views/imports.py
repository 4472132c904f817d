"""Importing projects and events from a spreadsheet (the Secretariat):
a form, the report per row and column, and the templates to download."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from envcoop.exports.service import CONTENT_TYPES
from envcoop.imports.importer import KINDS, import_table, template
from envcoop.imports.reading import MAX_BYTES, ImportFileError
from envcoop.web.guards import rule_required
from envcoop.web.language import reader_language


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        choices=[("projects", _("Projects")), ("events", _("Events"))],
    )
    file = forms.FileField(label=_("CSV or XLSX file"))
    dry_run = forms.BooleanField(
        label=_("Only check the file (dry run)"), required=False, initial=True
    )


importer_required = rule_required(
    "import", _("Importing is for the Secretariat's reviewers and administrators.")
)


@importer_required
def import_page(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        kind = form.cleaned_data["kind"]
        upload = form.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            form.add_error("file", _("The file is larger than 20 MB."))
            return render(request, "web/imports/import.html", {"form": form, "kinds": KINDS})
        try:
            report = import_table(
                kind, upload.read(), upload.name, dry_run=form.cleaned_data["dry_run"],
                lang=reader_language(),
            )  # fmt: skip
        except ImportFileError as error:
            form.add_error("file", str(error))
    return render(
        request, "web/imports/import.html", {"form": form, "report": report, "kinds": KINDS}
    )


@importer_required
def import_template(request: HttpRequest, kind: str, format: str) -> HttpResponse:
    if kind not in KINDS or format not in ("csv", "xlsx"):
        raise Http404(kind)
    response = HttpResponse(
        template(kind, format, reader_language()),
        content_type=CONTENT_TYPES[format],
    )
    response["Content-Disposition"] = f'attachment; filename="envcoop-{kind}-template.{format}"'
    return response
