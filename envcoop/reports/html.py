"""The annual report as a printable HTML document (the same body the site shows)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation

from envcoop.reports.annual import AnnualReport


def annual_html(report: AnnualReport) -> str:
    with translation.override(report.lang):
        return render_to_string("reports/annual_document.html", {"report": report})
