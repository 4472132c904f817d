"""A date the sources still disagree on is reported as a disagreement: both values, each
cited to the document that gives it, in every language and format; never one of them as
the fact. Uses the demo's own deliberate conflict: the English press release dates the 34th
ASOEN 22 August 2023, the Vietnamese item 21 August."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from docx import Document as WordDocument

from envcoop.core.long_dates import format_long_date
from envcoop.core.partial_date import PartialDate
from envcoop.ingestion.models import Visibility
from envcoop.ingestion.pipeline import Filing, ingest_bytes
from envcoop.registry.models import Event
from envcoop.reports.annual import annual_report
from envcoop.reports.markdown import annual_markdown
from envcoop.reports.word_document import annual_docx
from envcoop.review.evidence import conflict_resolve, conflicts_of
from envcoop.review.resolution.resolver import Resolver
from envcoop.review.services import document_accept_all

PUBLIC = Filing(visibility=Visibility.PUBLIC)  # the demo's news items are public
pytestmark = pytest.mark.django_db
DEMO = Path(__file__).resolve().parents[2] / "envcoop" / "registry" / "data" / "demo-documents"


@pytest.fixture
def disputed():
    """The two demo documents that disagree, accepted; returns {date: document}."""
    found = {}
    resolver = Resolver()
    for name in ("en-01-amme17-press-release.txt", "vi-02-asoen34.txt"):
        outcome = ingest_bytes(
            (DEMO / name).read_bytes(), source=name, filename=name, filing=PUBLIC
        )
        document_accept_all(outcome.document, resolver=resolver)
        found[name] = outcome.document
    event = Event.objects.get(key="asoen-34")
    (conflict,) = [c for c in conflicts_of(event, "event") if c.field == "start"]
    by_value = {v.value: {e.document_id for e in v.evidence} for v in conflict.values}
    assert by_value == {  # the precondition: the two documents, one date each
        "2023-08-22": {found["en-01-amme17-press-release.txt"].pk},
        "2023-08-21": {found["vi-02-asoen34.txt"].pk},
    }
    return {
        "2023-08-22": found["en-01-amme17-press-release.txt"],
        "2023-08-21": found["vi-02-asoen34.txt"],
    }


def asoen(report):
    return next(
        s
        for section in report.sections
        for block in section.blocks
        for s in block.statements
        if s.url.endswith("/events/asoen-34/")
    )


@pytest.mark.parametrize(
    ("lang", "days", "differ"),
    [
        ("en", "on 21 or 22 August 2023", "; sources differ."),
        ("th", "เมื่อวันที่ 21 หรือ 22 สิงหาคม 2566", "(แหล่งข้อมูลระบุไม่ตรงกัน)"),
        ("vi", "vào ngày 21 hoặc 22 tháng 8 năm 2023", "; các nguồn chưa thống nhất."),
    ],
)
def test_the_statement_gives_both_dates_and_says_the_sources_differ(disputed, lang, days, differ):
    report = annual_report(2023, lang=lang)
    statement = asoen(report)
    assert days in statement.text and statement.text.endswith(differ)
    cited = {report.citations[n - 1].title for n in statement.notes}
    assert {str(document) for document in disputed.values()} <= cited
    # each value with the document that gives it
    sides = {value.text: value.notes for value in statement.disputed}
    assert len(sides) == 2
    for value, document in disputed.items():
        shown = format_long_date(PartialDate.parse(value), lang)
        (notes,) = [notes for text, notes in sides.items() if text == shown]
        assert [report.citations[n - 1].title for n in notes] == [str(document)]


def test_no_format_states_one_side(disputed):
    report = annual_report(2023, lang="en")
    one_side = re.compile(r"on 2[12] August 2023\.")
    markdown = annual_markdown(report)
    line = next(line for line in markdown.splitlines() if "34th Meeting" in line)
    assert "21 or 22 August 2023" in line and not one_side.search(line)
    numbers = {str(document): n for n, document in _numbers(report, disputed).items()}
    said = markdown.splitlines()[markdown.splitlines().index(line) + 1]
    for value, document in disputed.items():
        shown = format_long_date(PartialDate.parse(value), "en")
        assert f"{shown}[^{numbers[str(document)]}]" in said
    word = WordDocument(io.BytesIO(annual_docx(report)))
    paragraphs = [p.text for p in word.paragraphs]
    (statement,) = [text for text in paragraphs if "34th Meeting" in text]
    assert "21 or 22 August 2023; sources differ." in statement
    following = paragraphs[paragraphs.index(statement) + 1]
    assert "21 August 2023" in following and "22 August 2023" in following


def test_the_page_shows_the_disagreement(client, disputed):
    html = client.get("/reports/annual/?year=2023").content.decode()
    item = re.search(r"<li>(?:(?!</li>).)*34th Meeting.*?</li>", html, re.S).group(0)
    assert "21 or 22 August 2023; sources differ." in item
    assert 'class="disputed"' in item
    for document in disputed.values():
        assert f"documents/{document.pk}/" in html  # both cited in the sources


def test_once_a_reviewer_keeps_a_value_the_report_states_it(disputed):
    event = Event.objects.get(key="asoen-34")
    conflict_resolve(record=event, kind="event", field="start", value="2023-08-21")
    report = annual_report(2023, lang="en")
    statement = asoen(report)
    assert statement.text.endswith("on 21 August 2023.") and not statement.disputed
    assert "sources differ" not in statement.text
    cited = {report.citations[n - 1].title for n in statement.notes}
    assert str(disputed["2023-08-21"]) in cited  # (the other still gives the place and name)


def _numbers(report, disputed) -> dict[int, object]:
    titles = {str(document): document for document in disputed.values()}
    return {c.number: titles[c.title] for c in report.citations if c.title in titles}


def test_a_project_whose_start_the_sources_dispute():
    from django.contrib.contenttypes.models import ContentType

    from envcoop.registry.models import Project
    from envcoop.review.models import Evidence
    from tests.review import samples

    document = samples.ingest(samples.ASOEN36_EN, "project-source.txt").document
    project = Project.objects.get(key="monsoon-onset-monitoring")
    project.planned_start = PartialDate.parse("2021")  # typed into the registry
    project.save()
    Evidence.objects.create(  # a document that gives another start
        content_type=ContentType.objects.get_for_model(Project),
        object_id=project.pk,
        field="start",
        value="2022",
        document=document,
        start=0,
        end=10,
        quote="since 2022",
        lang="en",
    )
    report = annual_report(2023)
    (statement,) = [
        s
        for section in report.sections
        for block in section.blocks
        for s in block.statements
        if s.url.endswith(f"/projects/{project.key}/")
    ]
    assert "2021 or 2022" in statement.text and statement.text.endswith("; sources differ.")
    sides = {
        value.text: [report.citations[n - 1] for n in value.notes] for value in statement.disputed
    }
    assert set(sides) == {"2021 –", "2022 –"}  # projects run on: open-ended spans
    assert [c.title for c in sides["2022 –"]] == [str(document)]
    assert sides["2021 –"][0].url.endswith(f"/projects/{project.key}/")  # the registry's value
