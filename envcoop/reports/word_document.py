"""The annual report as a Word document (python-docx).

Real heading styles (so Word's navigation pane and table of contents work), a summary
table, one paragraph per statement with superscript citation numbers, and the sources as
numbered endnotes at the end (python-docx cannot write Word's own footnotes). Fonts:
Noto Sans for Latin and Vietnamese text and Noto Sans Thai for Thai (the complex-script
font slot, which Word uses for Thai characters); both ship with Debian's fonts-noto-core.
Paper: A4 by default, the region's (python-docx's own template is US Letter), or Letter.
"""

from __future__ import annotations

import io

from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Inches, Mm, Pt
from lxml import etree

from envcoop.reports.annual import AnnualReport, Section

LATIN_FONT = "Noto Sans"
THAI_FONT = "Noto Sans Thai"
_LANGUAGE_TAGS = {"en": "en-GB", "th": "th-TH", "vi": "vi-VN"}
PAPER_SIZES = {"a4": (Mm(210), Mm(297)), "letter": (Inches(8.5), Inches(11))}
MARGIN = Mm(25)


def _fonts(style: object, lang: str) -> None:
    """Every script slot of a style's run properties, and its language."""
    style.font.name = LATIN_FONT  # type: ignore[attr-defined]
    properties = style.element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = properties.get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(slot), LATIN_FONT)
    fonts.set(qn("w:cs"), THAI_FONT)
    language = properties.find(qn("w:lang"))
    if language is None:
        language = properties.makeelement(qn("w:lang"), {})
        properties.append(language)
    tag = _LANGUAGE_TAGS.get(lang, lang)
    language.set(qn("w:val"), "en-GB" if lang == "th" else tag)
    language.set(qn("w:bidi"), tag if lang == "th" else "th-TH")


_CONTROL = dict.fromkeys(range(32), " ")  # XML 1.0 has no room for control characters


def _paragraph(document: object, style_id: str | None, runs: list[tuple[str, str]]) -> None:
    """A paragraph of ``runs`` ((text, "" | "superscript" | "bold")) before the section
    properties that end the body, written with lxml: python-docx's own calls search the
    document for where each element goes, a millisecond a paragraph in a long report."""
    body = document.element.body  # type: ignore[attr-defined]
    paragraph = etree.Element(qn("w:p"))
    if style_id:
        properties = etree.SubElement(paragraph, qn("w:pPr"))
        etree.SubElement(properties, qn("w:pStyle"), {qn("w:val"): style_id})
    for text, look in runs:
        run = etree.SubElement(paragraph, qn("w:r"))
        if look:
            properties = etree.SubElement(run, qn("w:rPr"))
            if look == "bold":
                etree.SubElement(properties, qn("w:b"))
            else:
                etree.SubElement(properties, qn("w:vertAlign"), {qn("w:val"): look})
        content = etree.SubElement(run, qn("w:t"))
        content.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        content.text = text.translate(_CONTROL)
    end = body.find(qn("w:sectPr"))
    if end is not None:
        end.addprevious(paragraph)
    else:
        body.append(paragraph)


def _notes(numbers: list[int]) -> list[tuple[str, str]]:
    """Citation numbers as one superscript run, "2,3,4" (none: no run)."""
    return [(",".join(map(str, numbers)), "superscript")] if numbers else []


def _sections(document: object, sections: list[Section], level: int) -> None:
    bullet = document.styles["List Bullet"].style_id  # type: ignore[attr-defined]
    bullet_2 = document.styles["List Bullet 2"].style_id  # type: ignore[attr-defined]
    for section in sections:
        document.add_heading(section.heading, level=level)  # type: ignore[attr-defined]
        for block in section.blocks:
            if block.statements:
                document.add_heading(block.heading, level=level + 1)  # type: ignore[attr-defined]
                for statement in block.statements:
                    runs = [(statement.text, ""), *_notes(statement.notes)]
                    if statement.also:
                        runs.append((f" ({statement.also})", ""))
                    _paragraph(document, bullet, runs)
                    if statement.disputed:
                        said: list[tuple[str, str]] = [(_("The sources say:") + " ", "")]
                        for index, value in enumerate(statement.disputed):
                            text = ("; " if index else "") + value.text
                            said += [(text, ""), *_notes(value.notes)]
                        _paragraph(document, bullet_2, said)


def _paper(document: object, paper: str) -> None:
    """Page size and margins of every section: A4 (the region's paper) or US Letter."""
    width, height = PAPER_SIZES[paper]
    for section in document.sections:  # type: ignore[attr-defined]
        section.page_width, section.page_height = width, height
        section.left_margin = section.right_margin = MARGIN
        section.top_margin = section.bottom_margin = MARGIN


def annual_docx(report: AnnualReport, *, paper: str = "a4") -> bytes:
    """The report as a Word document on ``paper`` ("a4" or "letter")."""
    if paper not in PAPER_SIZES:
        raise ValueError(f"paper is one of {', '.join(PAPER_SIZES)}, not {paper!r}")
    with translation.override(report.lang):
        document = Document()
        _paper(document, paper)
        for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet",
                     "List Bullet 2", "List Number"):  # fmt: skip
            _fonts(document.styles[name], report.lang)
        document.styles["Normal"].font.size = Pt(10.5)
        document.core_properties.title = report.title
        document.core_properties.language = _LANGUAGE_TAGS.get(report.lang, report.lang)
        document.core_properties.author = "envcoop"
        document.add_heading(report.title, level=0)
        if report.scope:
            document.add_paragraph(report.scope).runs[0].italic = True
        if report.empty:
            document.add_paragraph(_("Nothing was recorded for this year."))

        document.add_heading(_("Summary"), level=1)
        table = document.add_table(rows=1, cols=len(report.summary_headings) + 1)
        table.style = "Table Grid"
        for cell, text in zip(
            table.rows[0].cells, [_("Area"), *report.summary_headings], strict=True
        ):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        for heading, counts in report.summary:
            cells = table.add_row().cells
            cells[0].text = heading
            for cell, count in zip(cells[1:], counts, strict=True):
                cell.text = str(count)
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if report.summary:
            cells = table.add_row().cells
            for cell, text in zip(cells, [_("Total"), *map(str, report.totals)], strict=True):
                cell.text = text
                cell.paragraphs[0].runs[0].bold = True
                if cell is not cells[0]:
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        document.add_paragraph(report.summary_note)

        _sections(document, report.sections, 1)
        if report.next_year:
            document.add_heading(_("The year ahead"), level=1)
            _sections(document, report.next_year, 2)

        document.add_heading(_("Sources"), level=1)
        for citation in report.citations:
            _paragraph(document, None, [
                (f"{citation.number}. ", "bold"),
                (citation.described + (f" {citation.url}" if citation.url else ""), ""),
            ])  # fmt: skip
        document.add_paragraph(_("Generated by envcoop on %(date)s.") % {"date": report.generated})
        output = io.BytesIO()
        document.save(output)
        return output.getvalue()
