"""What makes the annual report sendable: each record once (under its first area, the others
named), projects under way with no dates counted as running, names in the reader's language
or else English (never a third language), places and long dates the reader's way, and the
DOCX on A4 paper unless Letter is asked for."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from babel.dates import get_timezone_location
from django.core.management import call_command
from django.utils import timezone
from docx import Document as WordDocument
from docx.shared import Inches, Mm

from envcoop.core.partial_date import PartialDate
from envcoop.registry.models import AreaCode, Event, Priority, Project
from envcoop.registry.services.labels import label_add
from envcoop.reports.annual import RUNNING, annual_report
from envcoop.reports.word_document import annual_docx

pytestmark = pytest.mark.django_db


def statements(report, sections=None):
    return [
        s
        for section in (sections if sections is not None else report.sections)
        for block in section.blocks
        for s in block.statements
    ]


def undated_under_way():
    return Project.objects.filter(
        activity_status=2, planned_start__isnull=True, actual_start__isnull=True
    )


def test_each_record_once_under_its_first_area_with_the_others_named():
    report = annual_report(2023)
    urls = Counter(s.url for s in statements(report))
    assert urls and max(urls.values()) == 1
    nexts = Counter(s.url for s in statements(report, report.next_year))
    assert nexts and max(nexts.values()) == 1
    order = list(AreaCode.values)
    for key in ("asoen-34", "asean-us-dialogue-2023"):
        event = Event.objects.get(key=key)
        codes = sorted((a.code for a in event.areas.all()), key=order.index)
        assert len(codes) > 1  # the demo gives these meetings more than one area
        (section,) = [
            s
            for s in report.sections
            if any(st.url.endswith(f"/{key}/") for st in statements(report, [s]))
        ]
        assert section.code == codes[0]
        (statement,) = [st for st in statements(report, [section]) if st.url.endswith(f"/{key}/")]
        others = [str(a.name_in("en")) for a in event.areas.all() if a.code != codes[0]]
        assert statement.also.startswith("also: ") and all(
            name in statement.also for name in others
        )
    # the summary adds up to the statements: nothing counted twice
    assert report.totals == [
        sum(len(s.blocks[i].statements) for s in report.sections) for i in range(5)
    ]
    assert sum(report.totals) == len(urls)


def test_projects_under_way_without_dates_are_running_and_counted():
    undated = list(undated_under_way())
    assert len(undated) >= 2  # the demo's Maritime Cooperation Fund projects
    report = annual_report(2023)
    running = [s for section in report.sections for s in section.blocks[RUNNING].statements]
    for project in undated:
        (statement,) = [s for s in running if s.url.endswith(f"/projects/{project.key}/")]
        assert "(dates not recorded)" in statement.text
    assert report.totals[RUNNING] == len(running)
    assert report.undated_note.startswith(f"{len(undated)} projects under way have no recorded")
    assert report.undated_note in report.summary_note
    thai = annual_report(2023, lang="th")
    assert "ไม่มีบันทึกช่วงเวลาดำเนินการ" in " ".join(s.text for s in statements(thai))


def test_undated_projects_stay_within_what_is_known_of_them():
    linked = Project.objects.get(key="monsoon-onset-monitoring")  # a 2021–2025 plan's
    loose = Project.objects.get(key="blue-economy-trat")
    loose.components.clear()
    framework = linked.components.get().framework
    before = framework.period_start.year - 1
    keys = {s.url.rsplit("/", 2)[-2] for s in statements(annual_report(before))}
    assert loose.key in keys and linked.key not in keys
    later = timezone.localdate().year + 1  # not yet: nothing says it will still run
    assert loose.key not in {s.url.rsplit("/", 2)[-2] for s in statements(annual_report(later))}
    loose.planned_end = PartialDate.parse(str(before - 1))
    loose.save()
    assert loose.key not in {s.url.rsplit("/", 2)[-2] for s in statements(annual_report(before))}


def test_names_fall_back_to_english_before_any_third_language():
    report = annual_report(2023, lang="th")
    for statement in statements(report) + statements(report, report.next_year):
        assert statement.name.lang.split("-")[0] in ("th", "en"), statement.text
    priority = Priority.objects.get(key="2024-one-health")
    assert set(priority.names()) == {"en", "vi"}  # English and (original) Vietnamese only
    (shown,) = [
        s for s in statements(report, report.next_year) if s.url.endswith("#2024-one-health")
    ]
    assert shown.name.text == priority.names()["en"] and shown.name.marked == "อังกฤษ"
    assert priority.names()["vi"] not in shown.text
    assert ("priority", priority.key) in {(m.kind, m.key) for m in report.missing}
    label_add(record=priority, kind="name", lang="th", text="ความริเริ่มสุขภาพหนึ่งเดียว")
    report = annual_report(2023, lang="th")
    (shown,) = [
        s for s in statements(report, report.next_year) if s.url.endswith("#2024-one-health")
    ]
    assert shown.name.text == "ความริเริ่มสุขภาพหนึ่งเดียว" and not shown.name.marked
    assert ("priority", priority.key) not in {(m.kind, m.key) for m in report.missing}


def test_places_and_long_dates_in_the_readers_language():
    for lang in ("en", "th", "vi"):
        report = annual_report(2023, lang=lang)
        (amme,) = [s for s in statements(report) if s.url.endswith("/events/amme-17/")]
        city = get_timezone_location("Asia/Vientiane", locale=lang, return_city=True)
        assert f" {city}, " in amme.text, amme.text
    vietnamese = annual_report(2023, lang="vi")
    (amme,) = [s for s in statements(vietnamese) if s.url.endswith("/events/amme-17/")]
    assert amme.text.endswith("vào ngày 22–24 tháng 8 năm 2023.")
    assert all("thg" not in s.text for s in statements(vietnamese))
    assert all("thg" not in c.date for c in vietnamese.citations)
    thai = annual_report(2023, lang="th")
    (dialogue,) = [s for s in statements(thai) if s.url.endswith("/asean-us-dialogue-2023/")]
    indonesia = Event.objects.get(key="asean-us-dialogue-2023").country.name_in("th").text
    assert f"ที่ {indonesia} " in dialogue.text and "Indonesia" not in dialogue.text


def test_docx_is_a4_by_default_and_letter_on_request(tmp_path, client):
    report = annual_report(2023, lang="vi")
    for data, (width, height) in (
        (annual_docx(report), (Mm(210), Mm(297))),
        (annual_docx(report, paper="letter"), (Inches(8.5), Inches(11))),
    ):
        word = WordDocument(io.BytesIO(data))
        section = word.sections[0]
        assert abs(section.page_width - width) < Mm(1) and abs(section.page_height - height) < Mm(1)
        assert word.paragraphs[0].text == report.title
        assert any("vào ngày 22–24 tháng 8 năm 2023" in p.text for p in word.paragraphs)
    with pytest.raises(ValueError):
        annual_docx(report, paper="a3")
    target = tmp_path / "letter.docx"
    call_command("report", "annual", "--year", "2023", "--format", "docx", "--paper", "letter",
                 "-o", str(target))  # fmt: skip
    assert abs(WordDocument(str(target)).sections[0].page_width - Inches(8.5)) < Mm(1)
    target = tmp_path / "a4.docx"
    call_command("report", "annual", "--year", "2023", "--format", "docx", "-o", str(target))
    assert abs(WordDocument(str(target)).sections[0].page_height - Mm(297)) < Mm(1)
    page = client.get("/reports/annual/?year=2023&format=docx&paper=letter")
    assert abs(WordDocument(io.BytesIO(page.content)).sections[0].page_height - Inches(11)) < Mm(1)
    page = client.get("/reports/annual/?year=2023&format=docx")
    assert abs(WordDocument(io.BytesIO(page.content)).sections[0].page_width - Mm(210)) < Mm(1)
    assert client.get("/reports/annual/?year=2023&format=docx&paper=a3").status_code == 400
