"""Build the binary fixture files of the parser tests (run once; the outputs are committed).

    .venv/bin/python tests/data/files/make_fixtures.py

Text fixtures are written by hand next to this script; this makes those that need a
program: a PDF with a text layer, a scanned PDF (an image, no text), Word documents,
and text in legacy Thai and Vietnamese encodings.
"""

from __future__ import annotations

import sys
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from tests.ingestion.legacy_encodings import to_cp1258  # noqa: E402

THAI = (
    "กรมควบคุมมลพิษเข้าร่วมการประชุมคณะทำงานอาเซียนด้านสารเคมีและของเสีย ครั้งที่ 14 "
    "เมื่อวันที่ 5 - 6 มีนาคม 2567 ณ สิงคโปร์ ที่ประชุมหารือเรื่องการจัดการขยะพลาสติก"
    "และของเสียอันตรายข้ามแดน\n"
)
VIETNAMESE = (
    "Hội nghị Nhóm công tác ASEAN về quản lý tài nguyên nước lần thứ 23 diễn ra ngày 29/11/2023 "
    "tại thành phố Đà Nẵng. Các đại biểu thảo luận về an ninh nguồn nước và lưu vực sông Mê Công.\n"
)
ENGLISH = [
    "The 14th Meeting of the ASEAN Working Group on Chemicals and Waste was held in Singapore",
    "on 5-6 March 2024. Delegates discussed hazardous waste and plastic pollution.",
]


def pdf(objects: list[bytes]) -> bytes:
    """A PDF file from its numbered objects (1-based), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def stream(data: bytes, extra: str = "") -> bytes:
    return f"<< /Length {len(data)} {extra}>>\nstream\n".encode() + data + b"\nendstream"


def text_pdf() -> bytes:
    lines = "".join(f"({line}) Tj 0 -16 Td " for line in ENGLISH)
    content = f"BT /F1 11 Tf 50 780 Td {lines}ET".encode()
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            stream(content),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def scanned_pdf() -> bytes:
    """One page that is only a picture: what a scanner produces."""
    width = height = 64
    pixels = bytes((x * 4) % 256 for _y in range(height) for x in range(width))
    image = zlib.compress(pixels)
    content = b"q 500 0 0 700 50 70 cm /Im1 Do Q"
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
            stream(content),
            stream(
                image,
                f"/Type /XObject /Subtype /Image /Width {width} /Height {height} "
                "/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode ",
            ),
        ]
    )


def word_document() -> bytes:
    import io

    import docx

    document = docx.Document()
    document.core_properties.title = "Hội nghị AWGWRM lần thứ 23"
    document.add_heading(
        "Hội nghị Nhóm công tác ASEAN về quản lý tài nguyên nước lần thứ 23", level=1
    )
    document.add_paragraph(VIETNAMESE.strip())
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Thời gian"
    table.cell(0, 1).text = "29/11 - 1/12/2023"
    table.cell(1, 0).text = "Địa điểm"
    table.cell(1, 1).text = "Đà Nẵng"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def unknown_filter_pdf() -> bytes:
    """A PDF whose page content names a compression filter no reader knows."""
    stream = b"BT /F1 12 Tf 50 750 Td (ASEAN Working Group on Climate Change) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Filter /NoSuchDecode /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def main() -> None:
    (HERE / "english-text-layer.pdf").write_bytes(text_pdf())
    (HERE / "scanned-no-text.pdf").write_bytes(scanned_pdf())
    docx_bytes = word_document()
    (HERE / "vietnamese-minutes.docx").write_bytes(docx_bytes)
    (HERE / "truncated.docx").write_bytes(docx_bytes[: len(docx_bytes) // 2])
    (HERE / "thai-tis620.txt").write_bytes(THAI.encode("tis_620"))
    (HERE / "thai-windows874.txt").write_bytes(THAI.encode("cp874"))
    (HERE / "vietnamese-windows1258.txt").write_bytes(to_cp1258(VIETNAMESE))
    (HERE / "utf16-with-bom.txt").write_bytes(
        "\ufeff".encode("utf-16-le") + ENGLISH[0].encode("utf-16-le")
    )
    (HERE / "binary.bin").write_bytes(bytes(range(256)) * 40)
    (HERE / "empty.txt").write_bytes(b"")
    (HERE / "unknown-filter.pdf").write_bytes(unknown_filter_pdf())
    print("fixtures written to", HERE)


if __name__ == "__main__":
    main()
