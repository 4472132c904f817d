"""The annual report from the demo registry and documents written for the review tests:
sentences, sources, languages, filters, and each format read back with its own library."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import CommandError, call_command
from docx import Document as WordDocument
from docx.oxml.ns import qn

from envcoop.reports.annual import annual_report
from envcoop.reports.markdown import annual_markdown
from envcoop.reports.word_document import annual_docx
from envcoop.review.resolution.resolver import Resolver
from envcoop.review.services import document_accept_all
from tests.review import samples

pytestmark = pytest.mark.django_db


@pytest.fixture
def asoen36():
    """The 36th ASOEN reported in English, Thai and Vietnamese, accepted into the registry."""
    outcomes = [
        samples.ingest(samples.ASOEN36_EN, "asoen36-en.txt"),
        samples.ingest(samples.ASOEN36_TH, "asoen36-th.txt"),
        samples.ingest(samples.ASOEN36_VI, "asoen36-vi.txt"),
    ]
    resolver = Resolver()
    for outcome in outcomes:
        document_accept_all(outcome.document, resolver=resolver)
    return [outcome.document for outcome in outcomes]


def statements(report) -> list:
    return [s for section in report.sections for block in section.blocks for s in block.statements]


def test_a_year_by_area_with_a_sentence_and_its_sources_for_each_record(asoen36):
    report = annual_report(2025, lang="en", site_url="https://envcoop.example")
    meeting = next(s for s in statements(report) if "36th" in s.text)
    assert re.search(r"was held in Manila, Philippines on 14.15 October 2025\.$", meeting.text)
    cited = {report.citations[n - 1].title for n in meeting.notes}
    assert cited == {str(document) for document in asoen36}  # three documents, three languages
    assert all(
        report.citations[n - 1].url.startswith("https://envcoop.example/documents/")
        for n in meeting.notes
    )
    assert meeting.url == "https://envcoop.example" + "/events/" + meeting.url.split("/events/")[1]


def test_records_typed_into_the_registry_cite_their_page():
    report = annual_report(2023, lang="en")
    amme = next(s for s in statements(report) if s.text.startswith("17th ASEAN Ministerial"))
    assert amme.text == (
        "17th ASEAN Ministerial Meeting on Environment was held in Vientiane, Laos "
        "on 22–24 August 2023."
    )
    (number,) = amme.notes
    assert report.citations[number - 1].url.endswith("/events/amme-17/")
    assert report.citations[number - 1].date.startswith(
        "updated "
    )  # the record's, not a document's
    assert all(s.notes == sorted(s.notes) for s in statements(report))
    agreements = [
        b for s in report.sections for b in s.blocks if b.heading.startswith("Agreements")
    ]
    assert any("was adopted in 2023." in s.text for b in agreements for s in b.statements)
    assert report.next_year and "Priorities for 2024" in report.next_year[0].blocks[0].heading
    counted = {heading: counts for heading, counts in report.summary}
    assert counted["Climate change"][0] == sum(
        len(b.statements)
        for s in report.sections
        if s.heading == "Climate change"
        for b in s.blocks[:1]
    )


def test_the_readers_language_buddhist_era_and_marked_originals():
    thai = annual_report(2023, lang="th")
    assert thai.title.endswith("พ.ศ. 2566")
    texts = [s.text for s in statements(thai)]
    assert any("2566" in text and "2023" not in text for text in texts)
    dialogue = next(s for s in statements(thai) if "Dialogue" in s.text)
    assert dialogue.name.marked == "อังกฤษ" and "(อังกฤษ)" in dialogue.text  # no Thai name
    vietnamese = annual_report(2023, lang="vi")
    dialogue = next(s for s in statements(vietnamese) if "Hoa Kỳ" in s.text)
    assert dialogue.name.lang == "vi" and not dialogue.name.marked
    assert "được tổ chức tại Indonesia vào tháng 7 năm 2023." in dialogue.text


def test_a_partner_or_a_country_narrows_the_report():
    everything = {s.url for s in statements(annual_report(2023))}
    with_us = {s.url for s in statements(annual_report(2023, partner="US"))}
    assert with_us and with_us < everything
    assert all("amme-17" not in url for url in with_us)
    assert annual_report(2023, partner="us").scope == "ASEAN–United States cooperation"
    assert annual_report(1999).empty


def test_docx_has_real_headings_a_summary_table_sources_and_thai_fonts(asoen36):
    report = annual_report(2025, lang="th")
    word = WordDocument(io.BytesIO(annual_docx(report)))
    headings = [
        (p.style.name, p.text)
        for p in word.paragraphs
        if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings[0] == ("Title", report.title)
    assert ("Heading 1", "แหล่งที่มา") in headings or ("Heading 1", "Sources") in headings
    assert {text for style, text in headings if style == "Heading 1"} >= {
        s.heading for s in report.sections
    }
    table = word.tables[0]
    assert len(table.rows) == len(report.summary) + 2  # the headings and the totals
    superscripts = [r.text for p in word.paragraphs for r in p.runs if r.font.superscript]
    cited = {n for text in superscripts for n in text.split(",")}
    assert superscripts and cited == {str(c.number) for c in report.citations}
    meeting = next(p for p in word.paragraphs if "ครั้งที่ 36" in p.text)
    assert meeting.runs[-1].font.superscript and len(meeting.runs[-1].text.split(",")) == 3
    body = "\n".join(p.text for p in word.paragraphs)
    assert "ครั้งที่ 36" in body and "2568" in body  # Thai text, Buddhist-era dates
    fonts = word.styles["Normal"].element.rPr.rFonts
    assert fonts.get(qn("w:cs")) == "Noto Sans Thai" and fonts.get(qn("w:ascii")) == "Noto Sans"


def test_markdown_has_a_footnote_for_every_citation(asoen36):
    report = annual_report(2025, lang="vi")
    text = annual_markdown(report)
    assert text.startswith("# Hợp tác môi trường năm 2025")
    used = set(re.findall(r"\[\^(\d+)\](?!:)", text))
    defined = set(re.findall(r"^\[\^(\d+)\]:", text, flags=re.MULTILINE))
    assert used == defined == {str(c.number) for c in report.citations}
    assert "Hội nghị Quan chức cao cấp ASEAN về môi trường lần thứ 36" in text


def test_the_command_writes_each_format(tmp_path):
    target = tmp_path / "report.docx"
    call_command(
        "report", "annual", "--year", "2023", "--lang", "vi", "--format", "docx", "-o", str(target)
    )
    word = WordDocument(str(target))
    assert word.paragraphs[0].text.startswith("Hợp tác môi trường năm 2023")
    page = tmp_path / "report.html"
    call_command(
        "report", "annual", "--year", "2023", "--partner", "US", "--format", "html", "-o", str(page)
    )
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "ASEAN–United States cooperation" in html
    with pytest.raises(CommandError, match="needs a file"):
        call_command("report", "annual", "--year", "2023", "--format", "docx")
    with pytest.raises(CommandError, match="no country"):
        call_command("report", "annual", "--year", "2023", "--partner", "XX", "-o", str(page))
    assert "ASEAN–United States" in page.read_text(encoding="utf-8")  # left as it was


def test_the_page_and_its_downloads(client):
    page = client.get("/reports/annual/?year=2023&partner=US")
    assert page.status_code == 200
    html = page.content.decode()
    assert "ASEAN–United States Dialogue on Environment 2023" in html
    assert 'href="?format=docx&amp;partner=US&amp;year=2023"' in html
    word = client.get("/reports/annual/?year=2023&format=docx")
    assert word["Content-Type"].startswith("application/vnd.openxmlformats")
    assert WordDocument(io.BytesIO(word.content)).paragraphs[0].text.startswith("Environmental")
    thai = client.get("/th/reports/annual/?year=2023")
    assert "พ.ศ. 2566" in thai.content.decode()
    markdown = client.get("/vi/reports/annual/?year=2023&format=md")
    assert markdown.content.decode().startswith("# Hợp tác môi trường năm 2023")
    assert client.get("/reports/annual/?year=abc").status_code == 400
    assert client.get("/reports/annual/?year=2023&partner=<script>").status_code == 400


def test_what_has_not_happened_is_not_reported_as_done(asoen36):
    import datetime as dt

    from django.utils import timezone

    from envcoop.core.partial_date import PartialDate
    from envcoop.registry.models import Event, Project
    from envcoop.review.models import Evidence

    this_year = timezone.localdate().year
    later = timezone.localdate() + dt.timedelta(days=3)
    event = Event.objects.get(key="amme-17")
    event.start = event.end = PartialDate.parse(later)
    event.save()
    project = Project.objects.get(key="marine-debris-microplastic-monitoring")
    project.activity_status = 5  # cancelled
    project.save()
    report = annual_report(this_year)
    amme = next(s for s in statements(report) if s.url.endswith("/events/amme-17/"))
    assert " is to be held in Vientiane, Laos on " in amme.text
    assert all("Marine Debris" not in s.text for s in statements(report))
    Evidence.objects.filter(document__in=asoen36).update(set_aside=True)
    meeting = next(s for s in statements(annual_report(2025)) if "36th" in s.text)
    assert len(meeting.notes) == 1  # its registry page only: every source was set aside
