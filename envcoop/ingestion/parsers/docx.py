"""Word documents (.docx): paragraphs, content controls and table rows, in reading order.

Line breaks and tabs inside a paragraph are kept ("Hanoi<br/>12 March 2024" must not
read "Hanoi12 March 2024"); a table row is one line with its cells separated by tabs, a
table inside a cell is read once, inside that cell. The archive's unpacked size is
checked first: a small file that unpacks to gigabytes is refused before it is opened.
"""

from __future__ import annotations

import io
import zipfile

import docx
from lxml import etree

from envcoop.ingestion.parsers.base import DocumentError, Parsed, Parser, Sniff

_DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Unpacked, a real document is rarely more than a few times its packed size.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_UNPACK_RATIO = 100


def _local(element: etree._Element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _paragraph(element: etree._Element) -> str:
    pieces: list[str] = []
    for node in element.iter():
        name = _local(node)
        if name == "t":
            pieces.append(node.text or "")
        elif name in ("br", "cr"):
            pieces.append("\n")
        elif name == "tab" and _local(node.getparent()) == "r":
            pieces.append("\t")
    return "".join(pieces)


def _blocks(container: etree._Element) -> list[str]:
    """The text blocks of a body, a cell or a content control, in document order."""
    blocks: list[str] = []
    for child in container.iterchildren():
        name = _local(child)
        if name == "p":
            blocks.append(_paragraph(child))
        elif name == "tbl":
            for row in child.iterchildren():
                if _local(row) != "tr":
                    continue
                cells = [
                    " ".join(block for block in _blocks(cell) if block.strip())
                    for cell in row.iterchildren()
                    if _local(cell) == "tc"
                ]
                blocks.append("\t".join(cells))
        elif name in ("sdt", "sdtContent", "customXml", "smartTag", "ins"):
            blocks.extend(_blocks(child))
    return blocks


class DocxParser(Parser):
    format = "docx"

    def score(self, sniff: Sniff) -> int:
        score = 0
        if sniff.head.startswith(b"PK\x03\x04"):
            score += 30
            if b"word/" in sniff.head or b"[Content_Types].xml" in sniff.head:
                score += 30
        if sniff.extension == ".docx" or sniff.mime == _DOCX_MIME:
            score += 40
        return score

    def parse(self, data: bytes, sniff: Sniff) -> Parsed:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                unpacked = sum(info.file_size for info in archive.infolist())
        except (zipfile.BadZipFile, OSError, ValueError) as error:
            raise DocumentError("malformed", "the DOCX file is damaged or truncated") from error
        if unpacked > min(MAX_UNPACKED_BYTES, MAX_UNPACK_RATIO * max(len(data), 1)):
            raise DocumentError(
                "malformed",
                f"the DOCX file unpacks to {unpacked / 1048576:.0f} MB, far more than a document "
                "holds; it was not opened",
            )
        try:
            document = docx.Document(io.BytesIO(data))
            blocks = _blocks(document.element.body)
            title = document.core_properties.title or ""
        except Exception as error:  # python-docx and lxml raise many kinds on bad files
            raise DocumentError(
                "malformed", f"the DOCX file is damaged or truncated ({type(error).__name__})"
            ) from error
        text = "\n".join(blocks).strip("\n")
        title = title or next((block for block in blocks if block.strip()), "")
        return Parsed(text=text, format=self.format, title=title.strip()[:300])
