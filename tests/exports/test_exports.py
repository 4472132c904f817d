"""Every export format read back with its own library: CSV with the csv module, XLSX with
openpyxl, iCalendar with icalendar, IATI XML with lxml against the official 2.03 schema
(fetched from PyPI by scripts/iati-schema), JSON with json. The demo registry is the data."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from icalendar import Calendar
from lxml import etree
from openpyxl import load_workbook

from envcoop.exports.service import ExportError, export
from envcoop.exports.tables import neutralised
from envcoop.registry.models import Event, Project
from envcoop.registry.models.base import LabelKind
from envcoop.registry.selectors.filters import ListFilters
from envcoop.registry.services.labels import label_add

pytestmark = pytest.mark.django_db
SCHEMA = Path(sys.prefix) / "share" / "iati-2.03" / "iati-activities-schema.xsd"


def rows_of(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_has_codes_beside_labels_and_follows_the_filters():
    rows = rows_of(export("projects", "csv", lang="th").data)
    names, headings, *records = rows
    assert names[:3] == ["key", "name", "original_name"] and "status_label" in names
    assert headings[1] == "ชื่อ"  # headings in the reader's language
    by_key = {row[0]: dict(zip(names, row, strict=True)) for row in records}
    marine = by_key["marine-endangered-species"]
    assert marine["name"] == "การวิจัยสัตว์ทะเลหายาก" and marine["status"] == "2"
    assert marine["recipient_countries"] == "CN; TH"
    narrowed = rows_of(export("projects", "csv", filters=ListFilters(country="TH")).data)[2:]
    assert 0 < len(narrowed) < len(records) + 1
    chosen = rows_of(export("events", "csv", columns=["start", "key"]).data)
    assert chosen[0] == ["start", "key"] and all(len(row) == 2 for row in chosen)
    with pytest.raises(ExportError, match="no column nope"):
        export("events", "csv", columns=["nope"])


def test_formula_injection_is_neutralised_in_csv_and_xlsx():
    project = Project.objects.get(key="marine-endangered-species")
    hostile = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"]
    assert [neutralised(text) for text in hostile] == ["'" + text for text in hostile]
    assert neutralised(-5) == -5 and neutralised("a=b") == "a=b"
    label_add(record=project, kind=LabelKind.NAME, lang="vi", text=hostile[0])
    event = Event.objects.get(key="amme-17")
    event.place = hostile[2]
    event.save()
    events = rows_of(export("events", "csv", columns=["key", "place"]).data)
    assert ["amme-17", "'-2+3"] in events
    rows = rows_of(export("projects", "csv", lang="vi").data)
    names = rows[0]
    row = next(r for r in rows[2:] if r[0] == "marine-endangered-species")
    assert row[names.index("name")] == "'" + hostile[0]
    book = load_workbook(io.BytesIO(export("projects", "xlsx", lang="vi").data))
    sheet = book.active
    cells = [c for r in sheet.iter_rows(min_row=3) for c in r if c.value == "'" + hostile[0]]
    assert cells and all(c.data_type == "s" for c in cells)
    assert not any(
        isinstance(c.value, str) and c.value.startswith("=") for r in sheet.iter_rows() for c in r
    )


def test_xlsx_round_trips_thai_and_vietnamese_and_keeps_numbers():
    book = load_workbook(io.BytesIO(export("projects", "xlsx", lang="vi").data))
    sheet = book.active
    names = [c.value for c in sheet[1]]
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    marine = next(v for v in values if v[0] == "marine-endangered-species")
    assert "th: การวิจัยสัตว์ทะเลหายาก" in marine[names.index("names")]
    assert marine[names.index("status")] == 2  # a number, not text
    assert sheet[2][1].value == "tên"  # the heading row in Vietnamese


def test_json_lists_and_records():
    items = json.loads(export("agreements", "json").data)
    assert {"key", "name", "kind", "kind_label", "status", "date"} <= set(items[0])
    assert all(item["key"] for item in items)


def test_icalendar_feed_takes_the_list_filters():
    data = export("events", "ics", site="https://envcoop.example").data
    calendar = Calendar.from_ical(data)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    amme = events["amme-17@envcoop"]
    assert amme.decoded("DTSTART").isoformat() == "2023-08-22"
    assert amme.decoded("DTEND").isoformat() == "2023-08-25"  # the day after the last day
    assert str(amme["URL"]) == "https://envcoop.example/events/amme-17/"
    thai = Calendar.from_ical(export("events", "ics", lang="th").data)
    summaries = [str(e["SUMMARY"]) for e in thai.walk("VEVENT")]
    assert any("อาเซียน" in s for s in summaries)
    narrowed = Calendar.from_ical(export("events", "ics", filters=ListFilters(country="LA")).data)
    assert 0 < len(narrowed.walk("VEVENT")) < len(events)


def test_iati_activities_validate_against_the_official_schema():
    assert SCHEMA.exists(), "run scripts/iati-schema (make test does)"
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    made = export("projects", "iati", site="https://envcoop.example")
    document = etree.fromstring(made.data)
    schema.assertValid(document)
    activities = document.findall("iati-activity")
    assert len(activities) == made.count >= 1
    marine = next(
        a
        for a in activities
        if a.findtext("iati-identifier").endswith("marine-debris-microplastic-monitoring")
    )
    assert "marine-endangered-species" in made.skipped  # no date: not an IATI activity
    languages = {n.get("{http://www.w3.org/XML/1998/namespace}lang") for n in marine.find("title")}
    assert languages == {"en", "th"}
    assert {s.get("vocabulary") for s in marine.findall("sector")} == {"1", "99"}
    assert {c.get("code") for c in marine.findall("recipient-country")} == {"CN", "TH"}
    assert marine.find("participating-org").get("role") in {"1", "2", "3", "4"}
    from envcoop.registry.models import Label

    Label.objects.filter(kind=LabelKind.DESCRIPTION).delete()  # as projects read from news have
    bare = etree.fromstring(export("projects", "iati").data)
    schema.assertValid(bare)
    assert bare.find("iati-activity/description/narrative").text


def test_the_command_and_the_list_pages(tmp_path, client):
    target = tmp_path / "events.ics"
    call_command("export", "events", "--format", "ics", "--country", "la", "-o", str(target))
    assert Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    with pytest.raises(CommandError, match="cannot be exported as iati"):
        call_command("export", "events", "--format", "iati", "-o", str(target))
    feed = client.get("/vi/events/export/?format=ics&when=upcoming")
    assert feed["Content-Type"].startswith("text/calendar")
    page = client.get("/projects/?country=TH")
    assert b"/projects/export/?country=TH&amp;format=xlsx" in page.content
    response = client.get("/projects/export/?country=TH&format=csv&columns=key,name")
    assert response["Content-Type"].startswith("text/csv")
    assert rows_of(response.content)[0] == ["key", "name"]
    assert client.get("/projects/export/?format=pdf").status_code == 400
    assert client.get("/projects/export/?format=csv&columns=secret").status_code == 400
    chooser = client.get("/projects/export/?country=TH&column=key&column=status_label&format=xlsx")
    sheet = load_workbook(io.BytesIO(chooser.content)).active
    assert [c.value for c in sheet[1]] == ["key", "status_label"]
    assert b'name="column" value="status_label" checked' in page.content
    single = Calendar.from_ical(client.get("/events/amme-17.ics").content)
    assert [str(e["UID"]) for e in single.walk("VEVENT")] == ["amme-17@envcoop"]
    assert b"/events/amme-17.ics" in client.get("/events/amme-17/").content
    assert client.get("/events/asean-us-dialogue-2023.ics").status_code == 404  # a month only
    record = client.get("/events/amme-17.json").json()
    assert record["key"] == "amme-17" and record["start"] == "2023-08-22"
    assert client.get("/events/nothing-here.json").status_code == 404


def test_control_characters_in_stored_text_do_not_break_xml_exports():
    project = Project.objects.get(key="marine-debris-microplastic-monitoring")
    label_add(record=project, kind=LabelKind.NAME, lang="vi", text="Rác\x01 thải biển")
    sheet = load_workbook(io.BytesIO(export("projects", "xlsx", lang="vi").data)).active
    assert "Rác thải biển" in [c.value for r in sheet.iter_rows() for c in r]
    document = etree.fromstring(export("projects", "iati").data)
    assert "Rác thải biển" in etree.tostring(document, encoding="unicode")


def test_funds_and_priorities_export_too(client):
    funds = rows_of(client.get("/funds/export/?format=csv").content)
    assert funds[0][:2] == ["key", "name"] and any(
        r[0] == "asean-china-maritime-cooperation-fund" for r in funds
    )
    assert b"/funds/export/?format=xlsx" in client.get("/funds/").content
    items = client.get("/priorities/export/?format=json").json()
    assert items and {"year", "kind", "frameworks"} <= set(items[0])
    assert b"/priorities/export/?format=csv" in client.get("/priorities/").content
    by_year = json.loads(export("priorities", "json", filters=ListFilters(year=2024)).data)
    assert by_year and all(item["year"] == 2024 for item in by_year)


def test_an_export_takes_as_many_queries_for_more_records():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from envcoop.registry.services.labels import NameSet
    from envcoop.registry.services.organisations import organisation_upsert

    def queries(kind: str, fmt: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            export(kind, fmt)
        return len(captured.captured_queries)

    before = {(k, f): queries(k, f) for k, f in [("organisations", "csv"), ("projects", "iati")]}
    for index in range(3):
        organisation_upsert(
            key=f"extra-{index}", type="ngo", names=NameSet(names={"en": f"Extra {index}"}),
            country="TH", areas=["biodiversity"],
        )  # fmt: skip
        project = Project.objects.get(key="marine-debris-microplastic-monitoring")
        project.pk, project.key = None, f"copy-{index}"
        project.save()
    assert {key: queries(*key) for key in before} == before
