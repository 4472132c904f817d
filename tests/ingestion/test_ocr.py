"""OCR of scans: pages drawn at test time (bench/scanned_pages.py: text in a language,
installed fonts, rasterised, degraded), read through the real pipeline, and the dates and
meetings found in them. A few small pages: each OCR costs seconds.

A degraded page is made from a seed; OCR misreads a letter here and there on some seeds
(bench/ocr.py measures how often), so each test uses a seed whose page reads its meeting
name whole: these tests check the pipeline around OCR, the bench its accuracy."""

from __future__ import annotations

import html
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from bench.scanned_pages import degrade, fonts_installed, render, save
from envcoop.ingestion import ocr
from envcoop.ingestion.models import Document, Visibility
from envcoop.ingestion.ocr import first_pass, languages, spaces
from envcoop.ingestion.parsers import DocumentError, parse_bytes
from envcoop.ingestion.pipeline import Filing, ingest_bytes

FILES = Path(__file__).resolve().parents[1] / "data" / "files"
PUBLIC = Filing(visibility=Visibility.PUBLIC)

needs_ocr = pytest.mark.skipif(
    not ocr.available(), reason="Tesseract is not installed (scripts/system-packages.sh)"
)


def _scan(lang: str, kind: str = "pdf", *, degraded: bool = True, seed: int = 0) -> bytes:
    if not fonts_installed(lang):
        pytest.skip(f"no font for {lang} (scripts/system-packages.sh test)")
    page = render(lang)
    return save(degrade(page, seed=seed) if degraded else page, kind)


def _ingest(data: bytes, name: str, **options) -> Document:
    outcome = ingest_bytes(data, source=name, filename=name, filing=PUBLIC, **options)
    assert outcome.document is not None, f"{outcome.reason}: {outcome.message}"
    return outcome.document


def _facts(document: Document) -> tuple[set, set]:
    dates = {c.value["value"] for c in document.claims.filter(kind="date")}
    events = {
        (c.value.get("series"), c.value.get("ordinal"), c.value.get("start"))
        for c in document.claims.filter(kind="event")
    }
    for claim in document.claims.all():  # every span points into the text shown
        assert document.text[claim.start : claim.end] == claim.quote
    return dates, events


# ---------------------------------------------------------------- spaces (no OCR)


@pytest.mark.parametrize(
    ("read", "repaired"),
    [
        ("下一       届会议将由 泰国主办。", "下一届会议将由泰国主办。"),
        ("通过了联合\n声明。\n\n第二段", "通过了联合声明。\n\n第二段"),  # a paragraph stays
        ("การประ ชุม ครั้งที่ 35", "การประชุม ครั้งที่ 35"),  # inside a word: removed
        ("ที่ประชุมได้หารือแผน และการจัดการ", "ที่ประชุมได้หารือแผน และการจัดการ"),  # between
        ("อ ง ค์กร ๒๕๖๗", "องค์กร ๒๕๖๗"),  # before a number: kept
        ("အစည်း အဝေး ကို ၂၀၂၅", "အစည်းအဝေး ကို ၂၀၂၅"),
        ("ASEAN  meeting on", "ASEAN meeting on"),
        ("ครั้งที่ ASEAN", "ครั้งที่ ASEAN"),  # between two scripts: kept
    ],
)
def test_spurious_spaces_inside_words_are_removed(read, repaired):
    assert spaces.repair(read) == repaired


def test_the_simple_rule_removes_every_space_between_runs_of_a_script():
    assert spaces.repair("การประชุม ครั้งที่ 35", dictionary=False) == "การประชุมครั้งที่ 35"


def test_page_offsets_point_into_the_repaired_text():
    from envcoop.ingestion.ocr.engine import PageText

    result = ocr.assemble(
        [PageText("การประ ชุม\n", 91.5, 3), PageText("", None, 0), PageText("下 一届", 40.0, 2)],
        language="th",
        packs=("tha", "eng"),
        kind="pdf",
        chosen="given",
    )
    assert [result.text[p.start : p.end] for p in result.pages] == ["การประชุม", "", "下一届"]
    assert [p.number for p in result.low_pages(60)] == [3]  # (nothing read: not marked)


def test_the_first_pass_scores_real_words_above_a_wrong_packs_letters():
    right = first_pass.Reading(pack="lao", text="ກອງປະຊຸມລັດຖະມົນຕີສິ່ງແວດລ້ອມອາຊຽນ", confidence=30)
    wrong = first_pass.Reading(pack="tha", text="ภธาปะอธูมลัดถะมับติธาธรม ลด้ามสิ", confidence=85)
    assert first_pass.plausibility(right) > first_pass.plausibility(wrong)


def test_an_unknown_ocr_language_is_refused():
    with pytest.raises(ValueError, match="does not read"):
        languages.language_code("xx")
    assert languages.language_code("zh-TW") == "zh-hant"
    assert languages.language_code("auto") is None


# ---------------------------------------------------------------- OCR through the pipeline


@needs_ocr
@pytest.mark.django_db
def test_a_degraded_thai_scan_gives_its_meeting_and_date():
    document = _ingest(_scan("th", seed=2), "thai-scan.pdf", ocr_lang="th")
    assert (document.format, document.lang, document.encoding) == ("pdf", "th", "OCR tha+eng")
    [page] = document.ocr_pages
    assert page["page"] == 1 and page["confidence"] > 50 and page["words"] > 10
    assert document.text[page["start"] : page["end"]] == document.text.strip()
    dates, events = _facts(document)
    assert "2024-03-12" in dates
    assert ("asoen", 35, "2024-03-12") in events


@needs_ocr
@pytest.mark.django_db
def test_a_vietnamese_png_is_read_in_the_language_a_first_pass_finds():
    document = _ingest(_scan("vi", "png", degraded=False), "hoi-nghi.png")
    assert (document.format, document.lang, document.encoding) == ("png", "vi", "OCR vie")
    dates, events = _facts(document)
    assert ("amme", 18, "2025-10-14") in events and "2025-10-14" in dates


@needs_ocr
@pytest.mark.django_db
def test_a_degraded_khmer_scan_gives_its_meeting_and_date():
    document = _ingest(_scan("km", seed=3), "khmer-scan.pdf", ocr_lang="km")
    assert document.lang == "km"
    dates, events = _facts(document)
    assert "2025-10-14" in dates
    assert ("amme", 18, "2025-10-14") in events


@needs_ocr
@pytest.mark.django_db
def test_a_chinese_tiff_is_recognised_as_chinese_and_gives_its_meeting():
    document = _ingest(_scan("zh", "tiff"), "huiyi.tiff")
    assert (document.format, document.lang) == ("tiff", "zh")
    assert " " not in document.text.replace("\n", "")  # no space between Han characters
    dates, events = _facts(document)
    assert "2025-10-14" in dates
    assert any(series == "amme" and start == "2025-10-14" for series, _n, start in events)


@needs_ocr
@pytest.mark.django_db
def test_an_english_jpeg_with_two_pages_in_a_pdf_keeps_each_pages_place():
    pages = [degrade(render("en"), seed=1), degrade(render("th"), seed=2)]
    document = _ingest(save(pages, "pdf"), "two-pages.pdf", ocr_lang="th")
    first, second = document.ocr_pages
    assert first["end"] < second["start"]
    assert "Jakarta" in document.text[first["start"] : first["end"]]
    assert "ครั้งที่" in document.text[second["start"] : second["end"]]
    jpeg = _ingest(_scan("en", "jpeg", seed=4), "asoen.jpg", ocr_lang="en")
    _dates, events = _facts(jpeg)
    assert ("asoen", 36, "2025-09-09") in events


@pytest.mark.django_db
def test_a_born_digital_pdf_is_never_ocred(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("OCR ran on a PDF with a text layer")

    monkeypatch.setattr(ocr, "ocr_document", refuse)
    document = _ingest((FILES / "english-text-layer.pdf").read_bytes(), "digital.pdf")
    assert document.format == "pdf" and document.ocr_pages is None
    assert "OCR" not in document.encoding


def test_without_tesseract_a_scan_is_refused_with_a_reason(monkeypatch):
    monkeypatch.setattr(languages, "tesseract", lambda: None)
    with pytest.raises(DocumentError) as error:
        parse_bytes(_scan("en", "png", degraded=False), filename="scan.png")
    assert error.value.status == "ocr-unavailable"


@needs_ocr
def test_a_scan_over_the_page_limit_is_refused(settings):
    settings.ENVCOOP_OCR_MAX_PAGES = 1
    pages = [render("en"), render("en")]
    with pytest.raises(DocumentError) as error:
        parse_bytes(save(pages, "pdf"), filename="long.pdf", ocr_lang="en")
    assert error.value.status == "too-many-pages"


# ---------------------------------------------------------------- the reviewer sees low pages


@pytest.mark.django_db
def test_the_document_page_marks_pages_read_with_low_confidence(settings):
    settings.ENVCOOP_OCR_MIN_CONFIDENCE = 60
    document = _ingest(b"ASEAN meeting text\n\nmore text", "as-read.txt")
    document.ocr_pages = [
        {"page": 1, "confidence": 91.0, "words": 3, "start": 0, "end": 18},
        {"page": 2, "confidence": 41.5, "words": 2, "start": 20, "end": 29},
    ]
    document.save()
    with translation.override("en"):
        url = reverse("web:document", args=[document.pk])
    page = html.unescape(Client().get(url).content.decode())
    assert "OCR read one page of this scan with low confidence" in page
    assert '?at=20-29#source">page 2 (41.5%)' in page
    assert "page 1 (" not in page
    document.ocr_pages = document.ocr_pages[:1]
    document.save()
    assert "low confidence" not in Client().get(url).content.decode()


@pytest.mark.django_db
def test_ingest_takes_an_ocr_language_and_refuses_an_unknown_one(tmp_path: Path):
    with pytest.raises(CommandError, match="ocr-lang"):
        call_command("ingest", str(tmp_path), "--ocr-lang", "xx", stdout=io.StringIO())
    text = tmp_path / "a.txt"
    text.write_text("The 36th ASEAN Senior Officials Meeting on the Environment.", "utf-8")
    out = io.StringIO()
    call_command("ingest", str(text), "--ocr-lang", "th", stdout=out, stderr=io.StringIO())
    assert "stored" in out.getvalue()
