"""HTML pages: the main text only (no navigation, scripts, styles), read with trafilatura."""

from __future__ import annotations

import re

import trafilatura
from lxml import html as lxml_html

from envcoop.ingestion.parsers.base import DocumentError, Parsed, Parser, Sniff
from envcoop.ingestion.parsers.encodings import decode

_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_\-]+)""", re.I)
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_DROP = (
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "template",
    "svg",
)


class HtmlParser(Parser):
    format = "html"

    def score(self, sniff: Sniff) -> int:
        score = 0
        if sniff.extension in {".html", ".htm", ".xhtml"}:
            score += 50
        if "html" in sniff.mime:
            score += 30
        if _HTML_START.match(sniff.head.lstrip(b"\xef\xbb\xbf")):
            score += 40
        return score

    def parse(self, data: bytes, sniff: Sniff) -> Parsed:
        text, encoding = _decode_html(data)
        if not text.strip():
            raise DocumentError("empty", "the HTML page is empty")
        try:
            main = trafilatura.extract(
                text,
                include_comments=False,
                include_tables=True,
                favor_recall=True,
                deduplicate=False,
            )
            metadata = trafilatura.extract_metadata(text)
        except Exception as error:
            raise DocumentError("malformed", f"the HTML could not be read: {error}") from error
        title = (metadata.title if metadata and metadata.title else "") or ""
        published = (metadata.date if metadata and metadata.date else "") or ""
        if not main:
            main = _fallback_text(text)
        return Parsed(
            text=main or "",
            format=self.format,
            title=title.strip(),
            encoding=encoding,
            published=published,
        )


def _decode_html(data: bytes) -> tuple[str, str]:
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace")
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)


def _fallback_text(markup: str) -> str:
    """The visible text of <body> without scripts, styles and page furniture."""
    try:
        tree = lxml_html.fromstring(markup)
    except Exception:
        return ""
    for element in tree.iter(*_DROP):
        element.drop_tree()
    blocks = [
        " ".join(block.text_content().split())
        for block in tree.iter("p", "h1", "h2", "h3", "li", "td")
    ]
    return "\n\n".join(block for block in blocks if block)
