"""The implementation matrix of the demo's ASEAN–China action plan 2021–2025: rows,
years, cells, totals and components with no activity, as data, HTML and XLSX."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from envcoop.core.partial_date import PartialDate
from envcoop.registry.models import Framework, Project
from envcoop.reports.matrix import implementation_matrix
from envcoop.reports.matrix_xlsx import matrix_xlsx

pytestmark = pytest.mark.django_db
SAP = "asean-china-sap-2021-2025"


def test_rows_years_cells_and_totals():
    matrix = implementation_matrix(SAP)
    assert matrix.years == [2021, 2022, 2023, 2024, 2025]
    assert [row.label[:2] for row in matrix.rows] == ["1.", "2.", "3.", "4."]
    policy, cities = matrix.rows[0], matrix.rows[1]
    week = [i.key for i in policy.cells[1]]  # 2022
    assert "asean-china-cooperation-week-2022" in week and not policy.cells[0]
    running = [year for year, items in zip(matrix.years, cities.cells, strict=True)
               if any(i.key == "marine-debris-microplastic-monitoring" for i in items)]  # fmt: skip
    assert running == matrix.years  # a project counts in every year it runs
    assert {i.status for i in cities.cells[0]} == {"project-2"}
    assert matrix.column_totals[1] == len({i.key for row in matrix.rows for i in row.cells[1]})
    undated = {i.key for row in matrix.rows for i in row.undated}
    assert "marine-endangered-species" in undated and matrix.undated == len(undated)
    assert matrix.total == sum(
        1 for _ in {(i.kind, i.key) for r in matrix.rows for c in [*r.cells, r.undated] for i in c}
    )


def test_a_component_with_nothing_linked_is_listed_apart():
    Project.objects.get(key="monsoon-onset-monitoring").components.clear()
    matrix = implementation_matrix(SAP, lang="th")
    assert [label[:2] for label in matrix.idle] == ["3."]
    assert matrix.rows[2].total == 0


def test_xlsx_and_html_and_the_command(tmp_path, client):
    matrix = implementation_matrix(SAP, lang="vi")
    book = load_workbook(io.BytesIO(matrix_xlsx(matrix)))
    sheet = book.active
    header = [c.value for c in sheet[2]]
    assert header[1:6] == ["2021", "2022", "2023", "2024", "2025"] and header[-1]
    totals = next(r for r in sheet.iter_rows(values_only=True) if r[0] == header[-1])
    assert totals[-1] == matrix.total
    cities = next(r for r in sheet.iter_rows() if str(r[0].value).startswith("2."))
    assert cities[1].fill.fgColor.rgb.endswith("BDD7EE")  # a project under way: blue
    target = tmp_path / "m.xlsx"
    call_command("report", "matrix", "--framework", SAP, "--format", "xlsx", "-o", str(target))
    assert load_workbook(target).sheetnames[1]
    with pytest.raises(CommandError, match="no framework"):
        call_command("report", "matrix", "--framework", "nope", "--format", "html")
    with pytest.raises(CommandError, match="written as xlsx or html"):
        call_command("report", "matrix", "--framework", SAP, "--format", "docx", "-o", str(target))
    page = client.get(f"/frameworks/{SAP}/matrix/")
    assert page.status_code == 200 and b"marine-debris-microplastic-monitoring" in page.content
    assert client.get(f"/frameworks/{SAP}/matrix/?format=xlsx")["Content-Type"].endswith("sheet")
    assert client.get("/frameworks/nope/matrix/").status_code == 404
    assert f"/frameworks/{SAP}/matrix/".encode() in client.get(f"/frameworks/{SAP}/").content
    assert Framework.objects.filter(key=SAP).exists()


def test_a_long_period_and_records_outside_it():
    from envcoop.registry.services.frameworks import component_upsert, framework_upsert
    from envcoop.registry.services.labels import NameSet

    framework, _ = framework_upsert(
        key="long-plan", names=NameSet(names={"en": "=Long plan"}), kind="strategy",
        status="adopted", period_start="1990", period_end="2030",
    )  # fmt: skip
    component_upsert(framework=framework, number=1, names=NameSet(names={"en": "Everything"}))
    project = Project.objects.get(key="marine-debris-microplastic-monitoring")
    project.components.add(framework.components.get())
    matrix = implementation_matrix("long-plan")
    assert len(matrix.years) == 41 and matrix.rows[0].total == 1
    book = load_workbook(io.BytesIO(matrix_xlsx(matrix)))
    assert book.active["A1"].value == "'=Long plan"  # a name is never a formula
    sap = implementation_matrix(SAP)
    old = Project.objects.get(key="blue-economy-trat")
    old.planned_start, old.planned_end = PartialDate.parse("2010"), PartialDate.parse("2012")
    old.save()
    outside = implementation_matrix(SAP)
    assert any(i.key == "blue-economy-trat" for r in outside.rows for i in r.undated)
    assert outside.total == sap.total


def test_thai_matrix_columns_are_buddhist_era_years(client):
    matrix = implementation_matrix(SAP, lang="th")
    labels = [f"พ.ศ. {year + 543}" for year in matrix.years]
    assert matrix.year_labels == labels
    header = [c.value for c in load_workbook(io.BytesIO(matrix_xlsx(matrix))).active[2]]
    assert header[1 : 1 + len(labels)] == labels
    page = client.get(f"/th/frameworks/{SAP}/matrix/").content.decode()
    headings = re.findall(r'<th scope="col">([^<]*)</th>', page)
    assert headings[1 : 1 + len(labels)] == labels
    assert not any(str(year) in heading for heading in headings for year in matrix.years)
    english = implementation_matrix(SAP, lang="en")
    assert english.year_labels == [str(year) for year in english.years]
