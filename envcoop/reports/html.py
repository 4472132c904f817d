"""The annual report and the implementation matrix as printable HTML documents (the same
bodies the site shows)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation

from envcoop.reports.annual import AnnualReport
from envcoop.reports.matrix import Matrix


def annual_html(report: AnnualReport) -> str:
    with translation.override(report.lang):
        return render_to_string("reports/annual_document.html", {"report": report})


def matrix_html(matrix: Matrix) -> str:
    with translation.override(matrix.lang):
        return render_to_string("reports/matrix_document.html", {"matrix": matrix})
