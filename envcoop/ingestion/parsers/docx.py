"""Word documents (.docx): paragraphs and table cells, in reading order."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError

from envcoop.ingestion.parsers.base import DocumentError, Parsed, Parser, Sniff

_DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


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
            document = docx.Document(io.BytesIO(data))
        except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError) as error:
            raise DocumentError("malformed", "the DOCX file is damaged or truncated") from error
        blocks: list[str] = []
        body = document.element.body
        for child in body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                text = "".join(node.text or "" for node in child.iter() if node.tag.endswith("}t"))
                blocks.append(text)
            elif tag == "tbl":
                for row in child.iter():
                    if row.tag.endswith("}tr"):
                        cells = []
                        for cell in row.iter():
                            if cell.tag.endswith("}tc"):
                                cells.append(
                                    "".join(
                                        n.text or "" for n in cell.iter() if n.tag.endswith("}t")
                                    )
                                )
                        blocks.append("\t".join(cells))
        text = "\n".join(blocks).strip("\n")
        title = document.core_properties.title or next((b for b in blocks if b.strip()), "")
        return Parsed(text=text, format=self.format, title=title.strip()[:300])
