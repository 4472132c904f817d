"""Parsers on real files: every format, legacy encodings, and the bad inputs users send."""

from pathlib import Path

import pytest
from django.test import override_settings

from envcoop.ingestion.parsers import DocumentError, parse_bytes
from envcoop.ingestion.understand import understand_bytes

FILES = Path(__file__).resolve().parents[1] / "data" / "files"


def parse(name: str):
    path = FILES / name
    return parse_bytes(path.read_bytes(), filename=path.name)


@pytest.mark.parametrize("name", ["thai-tis620.txt", "thai-windows874.txt"])
def test_thai_legacy_encodings(name):
    parsed = parse(name)
    assert parsed.encoding == "cp874"
    assert parsed.text.startswith("กรมควบคุมมลพิษเข้าร่วมการประชุม")


def test_vietnamese_windows_1258_is_composed():
    parsed = parse("vietnamese-windows1258.txt")
    assert parsed.encoding == "cp1258"
    assert "Hội nghị Nhóm công tác ASEAN về quản lý tài nguyên nước" in parsed.text
    assert "thành phố Đà Nẵng" in parsed.text


def test_utf16_with_a_byte_order_mark():
    assert parse("utf16-with-bom.txt").text.startswith("The 14th Meeting")


def test_html_keeps_the_article_and_drops_scripts_styles_and_furniture():
    parsed = parse("page-with-script.html")
    assert parsed.format == "html"
    assert "The 25th Meeting of the Sub-Regional Ministerial Steering Committee" in parsed.text
    for hidden in ("SCRIPT", "STYLE", "NAVIGATION", "FOOTER", "SECOND-SCRIPT", "2001-01-01"):
        assert hidden not in parsed.text
    assert parsed.title == "ASEAN haze ministers meet in Singapore"


def test_pdf_with_a_text_layer():
    parsed = parse("english-text-layer.pdf")
    assert parsed.format == "pdf"
    assert "ASEAN Working Group on Chemicals and Waste" in parsed.text
    assert "5-6 March 2024" in parsed.text


def test_docx_paragraphs_and_tables():
    parsed = parse("vietnamese-minutes.docx")
    assert parsed.format == "docx"
    assert "Hội nghị Nhóm công tác ASEAN" in parsed.text
    assert "29/11 - 1/12/2023" in parsed.text  # a table cell
    assert parsed.title == "Hội nghị AWGWRM lần thứ 23"


def test_the_format_is_recognised_by_content_not_only_by_name():
    pdf = (FILES / "english-text-layer.pdf").read_bytes()
    assert parse_bytes(pdf, filename="misnamed.txt").format == "pdf"
    html = (FILES / "page-with-script.html").read_bytes()
    assert parse_bytes(html, filename="no-extension").format == "html"


@pytest.mark.parametrize(
    ("name", "status", "words"),
    [
        ("empty.txt", "empty", "empty"),
        ("binary.bin", "binary", "binary"),
        ("scanned-no-text.pdf", "no-text-layer", "no text layer"),
        ("truncated.docx", "malformed", "damaged or truncated"),
        ("unknown-filter.pdf", "malformed", "cannot be read"),
    ],
)
def test_bad_files_get_a_status_and_a_sentence(name, status, words):
    with pytest.raises(DocumentError) as error:
        parse(name)
    assert error.value.status == status
    assert words in error.value.message


def test_undecodable_bytes_are_refused():
    garbage = bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 50 + b"\x1b" * 300
    with pytest.raises(DocumentError) as error:
        parse_bytes(garbage, filename="odd.txt")
    assert error.value.status in ("undecodable", "binary")


@override_settings(ENVCOOP_MAX_DOCUMENT_MB=0.0001)
def test_files_over_the_size_limit_are_refused_before_reading():
    with pytest.raises(DocumentError) as error:
        understand_bytes((FILES / "english-text-layer.pdf").read_bytes(), filename="big.pdf")
    assert error.value.status == "too-large"
    assert "limit" in error.value.message and "ENVCOOP_MAX_DOCUMENT_MB" in error.value.message


def _docx_bytes(build) -> bytes:
    import io

    import docx

    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            archive.writestr(item.filename, replace.pop(item.filename, source.read(item.filename)))
        for name, content in replace.items():
            archive.writestr(name, content)
    return target.getvalue()


def test_docx_line_breaks_tabs_nested_tables_and_content_controls():
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    def build(document):
        run = document.add_paragraph().add_run("Hanoi")
        run.add_break()
        run.add_text("12 March 2024")
        run.add_tab()
        run.add_text("Jakarta")
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "Outer cell"
        inner = table.cell(0, 1).add_table(rows=1, cols=1)
        inner.cell(0, 0).text = "Inner cell"
        control = parse_xml(
            f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>Text in a content control"
            "</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        )
        document.element.body.insert(len(document.element.body) - 1, control)

    text = parse_bytes(_docx_bytes(build), filename="a.docx").text
    assert "Hanoi\n12 March 2024\tJakarta" in text
    assert text.count("Inner cell") == 1 and "Outer cell" in text
    assert "Text in a content control" in text


def test_docx_with_broken_xml_or_unpacking_to_gigabytes_is_refused():
    good = _docx_bytes(lambda document: document.add_paragraph("Hello"))
    broken = _rezip(good, {"word/document.xml": b"<w:document><w:body><w:p>"})
    with pytest.raises(DocumentError) as error:
        parse_bytes(broken, filename="broken.docx")
    assert error.value.status == "malformed"
    bomb = _rezip(good, {"word/media/padding.bin": b"\0" * (60 * 1024 * 1024)})
    with pytest.raises(DocumentError, match="unpacks to"):
        parse_bytes(bomb, filename="bomb.docx")


def test_nul_characters_do_not_reach_the_text():
    parsed = parse_bytes(b"Hello" + b" world" * 2000 + b"\x00 again", filename="a.txt")
    assert "\x00" not in parsed.text


def _page(body: str, head: str = "") -> bytes:
    return (
        f"<!doctype html><html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"
    ).encode()


ARTICLE = (
    "<p>The 25th Meeting of the Sub-Regional Ministerial Steering Committee on Transboundary "
    "Haze Pollution was held in Singapore on 6 September 2024, and the Ministers reviewed the "
    "outlook for the dry season across the southern ASEAN region.</p>"
)


def test_html_nested_deeper_than_the_default_parser_allows_is_read():
    deep = "<div>" * 300 + ARTICLE + "</div>" * 300
    assert "25th Meeting" in parse_bytes(_page(deep), filename="deep.html").text


def test_html_templates_are_not_text_and_script_dates_are_not_the_pages_date():
    page = _page(
        f"<article>{ARTICLE}<template><p>Hidden template text, 1 May 2020</p></template></article>",
        head="<script>var updated = 'copyright 1 May 2020';</script>",
    )
    parsed = parse_bytes(page, filename="page.html")
    assert "Hidden template text" not in parsed.text
    assert parsed.published == ""


def test_html_saved_as_utf8_under_an_old_declaration_is_read_as_utf8():
    text = "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 diễn ra ngày 22-24/8/2023 tại Viên Chăn."
    page = (
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'>"
        f"</head><body><article><p>{text}</p><p>{text}</p></article></body></html>"
    ).encode()
    parsed = parse_bytes(page, filename="old.html")
    assert "Hội nghị Bộ trưởng Môi trường ASEAN" in parsed.text and parsed.encoding == "utf-8"
