"""Importing projects and events: round trips with the exports, a report per row and column,
dry runs, all-or-nothing, hostile files, the command and the page."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from openpyxl import load_workbook

from envcoop.exports.columns import choose
from envcoop.exports.service import export
from envcoop.exports.tables import to_csv
from envcoop.imports.importer import import_table, template
from envcoop.imports.reading import ImportFileError
from envcoop.registry.models import Event, Label, Project

pytestmark = pytest.mark.django_db


def snapshot() -> tuple:
    events = list(
        Event.objects.order_by("key").values_list("key", "start", "end", "place", "country_id")
    )
    projects = list(
        Project.objects.order_by("key").values_list("key", "activity_status", "planned_start")
    )
    return events, projects, Label.objects.count()


def test_an_export_imports_back_unchanged_in_every_format():
    for kind in ("events", "projects"):
        for fmt in ("xlsx", "csv"):
            data = export(kind, fmt, lang="th").data
            report = import_table(kind, data, f"{kind}.{fmt}", lang="th")
            assert not report.problems, report.problems
            assert report.rows == len(report.unchanged) >= 4, (kind, fmt)
            assert "url" in report.ignored


def test_rows_create_and_update_in_thai_and_vietnamese():
    before = Event.objects.count()
    csv = (
        "key,names,start,end,country,place,areas\n"
        'hoi-thao-2025,"vi: Hội thảo khu vực về than bùn; th: การสัมมนาเรื่องพรุ",2025-05-06,2025-05-07,VN,Hà Nội,biodiversity\n'
        "amme-17,,2023-08-22,2023-08-24,LA,Luang Prabang,\n"
    ).encode()
    report = import_table("events", csv, "events.csv")
    assert (
        report.committed and report.created == ["hoi-thao-2025"] and report.updated == ["amme-17"]
    )
    created = Event.objects.get(key="hoi-thao-2025")
    assert created.names() == {"vi": "Hội thảo khu vực về than bùn", "th": "การสัมมนาเรื่องพรุ"}
    assert str(created.start) == "2025-05-06" and created.country.code == "VN"
    amme = Event.objects.get(key="amme-17")
    assert (
        amme.place == "Luang Prabang" and amme.series.key == "amme"
    )  # columns not in the file stay
    assert list(amme.areas.values_list("code", flat=True)) == ["climate-change"]  # empty: kept
    assert [row.key for row in report.changes] == ["amme-17"]
    assert {c.field: (c.before, c.after) for c in report.changes[0].changes}["place"] == (
        "Vientiane",
        "Luang Prabang",
    )
    assert Event.objects.count() == before + 1
    from envcoop.search.backends import Filters
    from envcoop.search.service import search

    found = search(
        "than bùn", filters=Filters(kind="event"), expand=False
    )  # indexed once, at the end
    assert [r.id for r in found.results] == ["hoi-thao-2025"]
    assert search("Luang Prabang", expand=False).results[0].id == "amme-17"


def test_an_empty_cell_keeps_a_value_and_clear_empties_it():
    csv = b"key,place,areas,start\namme-17,,(clear),\n"
    dry = import_table("events", csv, "events.csv", dry_run=True)
    assert not dry.committed and [row.key for row in dry.changes] == ["amme-17"]
    changes = {c.field: (c.before, c.after) for c in dry.changes[0].changes}
    assert changes == {"areas": (["climate-change"], [])}  # the place is not touched
    amme = Event.objects.get(key="amme-17")
    assert amme.place == "Vientiane" and amme.areas.exists()  # a dry run changes nothing
    report = import_table("events", csv, "events.csv")
    assert report.committed
    amme = Event.objects.get(key="amme-17")
    assert amme.place == "Vientiane" and str(amme.start) == "2023-08-22"
    assert not amme.areas.exists()
    latest = amme.history.first()
    assert (latest.history_how, latest.history_change_reason) == ("import", "import")
    bad = import_table("projects", b"key,status\nmcf-blue-economy,(clear)\n", "p.csv")
    assert bad.problems and bad.problems[0].column == "status"


def test_problems_are_named_by_row_and_column_and_nothing_changes():
    before = snapshot()
    csv = (
        b"key,name,start,end,country,series,ordinal\n"
        b"good-one,Good meeting,2024-03-05,2024-03-07,TH,,\n"
        b"bad one,Bad,2024-03-05,,TH,,\n"
        b"bad-date,Bad date,2024-13-01,,TH,,\n"
        b"bad-country,Bad country,2024-03-05,,XX,,\n"
        b"backwards,Backwards,2024-03-07,2024-03-05,TH,,\n"
        b"no-series,No series,2024-03-05,,TH,nope,\n"
        b"count,Count,2024-03-05,,TH,amme,first\n"
        b"good-one,Again,2024-03-05,,TH,,\n"
        b"nameless,,2024-03-05,,TH,,\n"
    )
    report = import_table("events", csv, "events.csv")
    found = {(p.row, p.column) for p in report.problems}
    assert found == {
        (3, "key"), (4, "start"), (5, "country"), (6, "end"), (7, "series"), (8, "ordinal"),
        (9, "key"), (10, "name"),
    }, report.problems  # fmt: skip
    assert not report.committed and "nothing was imported" in report.summary()
    assert snapshot() == before and not Event.objects.filter(key="good-one").exists()


def test_a_dry_run_reports_and_changes_nothing():
    before = snapshot()
    csv = b"key,name,start\nnew-event,New event,2026-01-10\n"
    report = import_table("events", csv, "e.csv", dry_run=True)
    assert report.created == ["new-event"] and not report.committed
    assert snapshot() == before


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "e.csv", "empty"),
        (b"\x00\x01\x02binary", "e.csv", "not text"),
        ("key,name\nx,Réunion régionale\n".encode("latin-1"), "e.csv", "not UTF-8"),
        (b"name,start\nA,2024\n", "e.csv", "column called key"),
        (b"key,key\na,b\n", "e.csv", "more than once"),
        (b"PK\x03\x04 not really a zip", "e.xlsx", "not an Excel workbook"),
        (b"key,name\n", "e.xlsx", "not an Excel workbook"),
    ],
)
def test_bad_files_get_a_sentence(data, name, message):
    with pytest.raises(ImportFileError, match=message):
        import_table("events", data, name)


def test_templates_semicolons_and_neutralised_values():
    book = load_workbook(io.BytesIO(template("projects", "xlsx", "vi")))
    names = [c.value for c in book.active[1]]
    assert names[:3] == ["key", "name", "names"] and "status" in names and "url" not in names
    blank = to_csv([], choose("events", ["key", "name", "start"]), "th").decode("utf-8-sig")
    assert len(blank.splitlines()) == 2  # the names, then the headings in Thai
    data = (blank + "sem-2025,'=Seminar,2025-02-03\r\n").replace(",", ";").encode()
    report = import_table("events", data, "e.csv", lang="en")
    assert report.created == ["sem-2025"] and not report.problems, report.problems
    assert Event.objects.get(key="sem-2025").names() == {"en": "=Seminar"}


def test_the_command(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("key,name,start\nx-1,X,2024-99-01\n", encoding="utf-8")
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import", "events", str(bad))
    good = tmp_path / "good.csv"
    good.write_text("key,name,start\nx-1,X,2024-09-01\n", encoding="utf-8")
    call_command("import", "events", str(good), "--dry-run")
    assert not Event.objects.filter(key="x-1").exists()
    call_command("import", "events", str(good))
    assert Event.objects.filter(key="x-1").exists()
    target = tmp_path / "t.xlsx"
    call_command("import", "projects", "--template", str(target))
    assert load_workbook(target).active["A1"].value == "key"


def test_the_page_is_for_the_secretariat(client, staff_client, member_client):
    assert client.get("/import/").status_code == 302  # to the login page
    assert member_client.get("/import/").status_code == 403
    upload = SimpleUploadedFile("e.csv", b"key,name,start\nweb-event,Web event,2026-02-02\n")
    page = staff_client.post("/import/", {"kind": "events", "file": upload, "dry_run": "on"})
    assert page.status_code == 200 and "web-event" not in str(
        Event.objects.values_list("key", flat=True)
    )
    bad = SimpleUploadedFile("e.csv", b"key,name,start\nweb-event,Web event,2026-02-31\n")
    page = staff_client.post("/import/", {"kind": "events", "file": bad})
    html = page.content.decode()
    assert "<td>2</td><td>start</td>" in html and not Event.objects.filter(key="web-event").exists()
    good = SimpleUploadedFile("e.csv", b"key,name,start\nweb-event,Web event,2026-02-02\n")
    staff_client.post("/import/", {"kind": "events", "file": good})
    assert Event.objects.filter(key="web-event").exists()
    template_file = staff_client.get("/import/template/events.xlsx")
    assert template_file["Content-Type"].endswith("sheet")
    clerk = get_user_model().objects.create_user(
        username="clerk", password="x-not-real-9", is_staff=True
    )
    limited = Client()
    limited.force_login(clerk)
    upload = SimpleUploadedFile("e.csv", b"key,name\na-b,A\n")
    assert limited.post("/import/", {"kind": "events", "file": upload}).status_code == 403


def test_what_a_spreadsheet_program_does_to_a_file():
    """Dates as date cells, an edited name, names with commas, an empty status, control
    characters, a long row, a sheet of instructions before the data, a damaged workbook."""
    import datetime as dt

    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Read me"
    book.active.append(["Fill in the second sheet."])
    data = book.create_sheet("data")
    data.append(["key", "name", "names", "status", "planned_start"])
    data.append(
        [
            "marine-endangered-species",
            "Rare marine species research",
            "",
            "",
            dt.datetime(2024, 1, 15),
        ]
    )
    data.append(
        [
            "water-nexus",
            "",
            "en: Water, Energy and Food Nexus; th: น้ำ พลังงาน อาหาร",
            "1",
            dt.date(2025, 2, 1),
        ]
    )
    out = io.BytesIO()
    book.save(out)
    status_before = Project.objects.get(key="marine-endangered-species").activity_status
    report = import_table("projects", out.getvalue(), "p.xlsx", lang="en")
    assert not report.problems, report.problems
    marine = Project.objects.get(key="marine-endangered-species")
    assert marine.name_in("en").text == "Rare marine species research"  # the edited name
    assert marine.activity_status == status_before  # an empty status keeps it
    assert str(marine.planned_start) == "2024-01-15"
    nexus = Project.objects.get(key="water-nexus")
    assert nexus.names() == {"en": "Water, Energy and Food Nexus", "th": "น้ำ พลังงาน อาหาร"}
    control = import_table("events", b"key,name\nctl-1,Bad\x01name\n", "e.csv")
    assert control.created == ["ctl-1"] and Event.objects.get(key="ctl-1").names() == {
        "en": "Badname"
    }
    with pytest.raises(ImportFileError, match="more cells than the first row"):
        import_table("events", b"key,name\na-b,Meeting, with a comma\n", "e.csv")
    broken = out.getvalue()
    with pytest.raises(ImportFileError, match="not an Excel workbook"):
        import_table("projects", broken[: len(broken) // 2], "p.xlsx")


def test_a_small_file_that_claims_a_huge_sheet_is_refused_quickly():
    lines = b"key,name\n" + b",\n" * 30_000 + b"last,Last\n"
    report = import_table("events", lines[:200], "e.csv")  # blank rows are skipped
    assert report.rows == 0
    with pytest.raises(ImportFileError, match="more than 20,000 rows"):
        import_table("events", lines, "e.csv")


def test_a_formula_saved_without_its_value_is_refused():
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["key", "name", "start"])
    book.active.append(["formula-row", "Formula", "=TODAY()"])  # openpyxl saves no value
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(ImportFileError, match="row 2, column C holds a formula"):
        import_table("events", out.getvalue(), "e.xlsx")
    assert not Event.objects.filter(key="formula-row").exists()
