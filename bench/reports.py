"""Annual-report generation time on a large registry, beside a baseline measured in the same run.

    .venv/bin/python bench/reports.py [--projects 10000] [--events 5000] [--agreements 2000]

A throwaway SQLite database gets the reference data (areas, countries) and generated
records: events, agreements and projects spread over 2015-2025, each with an English name
(a third also Thai, a third Vietnamese), one or two areas, one to three countries, and for
every fourth record a source document with evidence. The run then times, for 2023:

- the report's data (queries, sentences, citations) in en, th and vi;
- DOCX, Markdown and HTML written from it (the command's work);
- the baseline: python-docx's plain API (styles given by name) writing a document with
  the same number of headings and paragraphs and no database at all.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["ENVCOOP_VAR_DIR"] = tempfile.mkdtemp(prefix="envcoop-bench-reports-")
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from docx import Document as WordDocument  # noqa: E402

from envcoop.core.partial_date import PartialDate  # noqa: E402
from envcoop.ingestion.models import Document  # noqa: E402
from envcoop.registry.models import Agreement, Area, Country, Event, Label, Project  # noqa: E402
from envcoop.reports.annual import annual_report  # noqa: E402
from envcoop.reports.html import annual_html  # noqa: E402
from envcoop.reports.markdown import annual_markdown  # noqa: E402
from envcoop.reports.word_document import annual_docx  # noqa: E402
from envcoop.review.models import Evidence  # noqa: E402

YEAR = 2023
WORDS = ("regional", "workshop", "marine", "haze", "climate", "capacity", "cities", "waste",
         "biodiversity", "water", "education", "monitoring", "peatland", "coastal", "forum")  # fmt: skip


def _date(rng: random.Random) -> PartialDate:
    day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(11 * 365))
    return PartialDate.parse(day if rng.random() < 0.8 else f"{day.year}-{day.month:02d}")


@transaction.atomic
def generate(projects: int, events: int, agreements: int, seed: int = 5) -> None:
    rng = random.Random(seed)
    areas = list(Area.objects.all())
    countries = list(Country.objects.all())
    made: list[tuple[type, list]] = []
    for model, count in ((Event, events), (Agreement, agreements), (Project, projects)):
        rows = []
        for index in range(count):
            start = _date(rng)
            fields: dict = {"key": f"{model.__name__.lower()}-{index}"}
            if model is Event:
                fields.update(
                    start=start, end=start, place="Jakarta", country=rng.choice(countries)
                )
            elif model is Agreement:
                fields.update(
                    date=start, kind="mou", status=rng.choice(["adopted", "signed", "draft"])
                )
            else:
                end = PartialDate.parse(f"{start.year + rng.randint(0, 4)}")
                fields.update(
                    planned_start=start, planned_end=end, activity_status=rng.choice([2, 3, 4])
                )
            rows.append(model(**fields))
        made.append((model, model.objects.bulk_create(rows, batch_size=2000)))
    labels, evidence, documents = [], [], []
    for model, records in made:
        kind = ContentType.objects.get_for_model(model)
        for record in records:
            name = " ".join(rng.sample(WORDS, 3)).capitalize()
            labels.append(Label(content_type=kind, object_id=record.pk, kind="name", lang="en",
                                text=f"{name} {record.pk}", is_original=True))  # fmt: skip
            other = rng.choice(["th", "vi", ""])
            if other:
                labels.append(Label(content_type=kind, object_id=record.pk, kind="name",
                                    lang=other, text=f"ชื่อ {record.pk}" if other == "th" else f"Tên {record.pk}"))  # fmt: skip
            record.areas.add(*rng.sample(areas, rng.randint(1, 2)))
            many = {"Event": "participant_countries", "Agreement": "party_countries",
                    "Project": "recipient_countries"}[model.__name__]  # fmt: skip
            getattr(record, many).add(*rng.sample(countries, rng.randint(1, 3)))
            if record.pk % 4 == 0:
                documents.append((kind, record))
    Label.objects.bulk_create(labels, batch_size=5000)
    now = timezone.now()
    stored = Document.objects.bulk_create(
        [
            Document(
                content_hash=f"{index:064x}",
                source=f"doc-{index}.txt",
                format="text",
                size_bytes=100,
                title=f"News item {index}",
                lang="en",
                status="stored",
                text="x" * 100,
                pipeline_version="bench",
                extracted_at=now,
            )
            for index in range(len(documents))
        ],
        batch_size=2000,
    )
    for document, (kind, record) in zip(stored, documents, strict=True):
        evidence.append(Evidence(content_type=kind, object_id=record.pk, field="name",
                                 value="x", document=document, start=0, end=10, quote="x", lang="en"))  # fmt: skip
    Evidence.objects.bulk_create(evidence, batch_size=5000)


def timed(function, *args, repeat: int = 3, **kwargs):
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function(*args, **kwargs)
        best = min(best, time.perf_counter() - started)
    return best, result


def baseline_docx(headings: int, paragraphs: int) -> bytes:
    document = WordDocument()
    for index in range(headings):
        document.add_heading(f"Heading {index}", level=2)
    for index in range(paragraphs):
        paragraph = document.add_paragraph(
            f"Statement {index} about a meeting.", style="List Bullet"
        )
        paragraph.add_run("1").font.superscript = True
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=5_000)
    parser.add_argument("--agreements", type=int, default=2_000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)
    started = time.perf_counter()
    generate(args.projects, args.events, args.agreements)
    print(
        f"registry: {args.projects:,} projects, {args.events:,} events, {args.agreements:,} "
        f"agreements (generated in {time.perf_counter() - started:.0f} s); report for {YEAR}"
    )
    for lang in ("en", "th", "vi"):
        data, report = timed(annual_report, YEAR, lang=lang)
        docx, written = timed(annual_docx, report)
        markdown, _ = timed(annual_markdown, report)
        html, _ = timed(annual_html, report)
        statements = sum(len(b.statements) for s in report.sections for b in s.blocks)
        print(
            f"  {lang}: {statements:,} statements, {len(report.citations):,} sources, "
            f"DOCX {len(written) / 1e6:.1f} MB"
        )
        print(
            f"      data {data:.2f} s | DOCX total {data + docx:.2f} s (writing {docx:.2f} s) | "
            f"Markdown total {data + markdown:.2f} s | HTML total {data + html:.2f} s"
        )
        headings = sum(1 + len(s.blocks) for s in report.sections)
        baseline, _ = timed(baseline_docx, headings, statements + len(report.citations), repeat=1)
        print(
            f"      baseline: python-docx's plain API, same headings and paragraphs: {baseline:.2f} s"
        )


if __name__ == "__main__":
    main()
