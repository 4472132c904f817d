"""HTML pages: the main text only (no navigation, scripts, styles), read with trafilatura."""

from __future__ import annotations

import codecs
import copy
import re

import trafilatura
from lxml import html as lxml_html

from envcoop.ingestion.parsers.base import DocumentError, Parsed, Parser, Sniff
from envcoop.ingestion.parsers.encodings import decode

_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_\-]+)""", re.I)
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_ALWAYS_DROP = ("script", "style", "noscript", "template", "svg", "form", "iframe", "object")
_PAGE_FURNITURE = ("nav", "header", "footer", "aside")
_PARSER = lxml_html.HTMLParser(huge_tree=True)


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
        tree = _tree(text)
        if tree is None:
            raise DocumentError("malformed", "the HTML could not be read")
        try:
            # the page's own date from its meta tags and structured data only: a date found
            # by searching the whole page (a script, a copyright line) is not when it was written
            metadata = trafilatura.extract_metadata(copy.deepcopy(tree), extensive=False)
            _drop_furniture(tree)
            main = trafilatura.extract(
                tree,
                include_comments=False,
                include_tables=True,
                favor_recall=True,
                deduplicate=False,
            )
        except Exception as error:
            raise DocumentError("malformed", f"the HTML could not be read: {error}") from error
        title = (metadata.title if metadata and metadata.title else "") or ""
        published = (metadata.date if metadata and metadata.date else "") or ""
        if not main:
            main = _fallback_text(tree)
        return Parsed(
            text=main or "",
            format=self.format,
            title=title.strip(),
            encoding=encoding,
            published=published,
        )


def _decode_html(data: bytes) -> tuple[str, str]:
    """Text that is valid UTF-8 is UTF-8, whatever the page declares (pages are often saved
    as UTF-8 with an old declaration left in); otherwise the declared charset, if Python
    knows it; otherwise the same detection as for plain text."""
    if not data.isascii():
        try:
            return data.decode("utf-8-sig"), "utf-8"
        except UnicodeDecodeError:
            pass
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace")
        try:
            canonical = codecs.lookup(name).name
            return data.decode(canonical), canonical
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)


def _tree(markup: str) -> lxml_html.HtmlElement | None:
    """The page as a tree; deep nesting allowed (libxml2 stops at 256 levels by default and
    would see an empty page)."""
    try:
        return lxml_html.document_fromstring(markup, parser=_PARSER)
    except Exception:
        return None


def _drop_furniture(tree: lxml_html.HtmlElement) -> None:
    """Scripts, styles, templates and forms everywhere; menus, page headers and footers
    outside the article (an article's own header holds its headline)."""
    for element in list(tree.iter(*_ALWAYS_DROP)):
        element.drop_tree()
    for element in list(tree.iter(*_PAGE_FURNITURE)):
        if not any(ancestor.tag in ("article", "main") for ancestor in element.iterancestors()):
            element.drop_tree()


def _fallback_text(tree: lxml_html.HtmlElement) -> str:
    """The visible text of <body> (the tree already without scripts and furniture)."""
    blocks = [
        " ".join(block.text_content().split())
        for block in tree.iter("p", "h1", "h2", "h3", "li", "td")
    ]
    return "\n\n".join(block for block in blocks if block)
