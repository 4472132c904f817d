"""Plain text and Markdown, in any encoding."""

from __future__ import annotations

import re

from envcoop.ingestion.parsers.base import DocumentError, Parsed, Parser, Sniff
from envcoop.ingestion.parsers.encodings import decode, looks_binary

_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.M)


class TextParser(Parser):
    format = "text"
    extensions = {".txt", ".text", ".csv"}

    def score(self, sniff: Sniff) -> int:
        score = 10  # anything that is not another format may be text
        if sniff.extension in self.extensions:
            score += 40
        if sniff.mime.startswith("text/plain"):
            score += 30
        return score

    def parse(self, data: bytes, sniff: Sniff) -> Parsed:
        if looks_binary(data):
            raise DocumentError(
                "binary", "the file is binary, not text (no known format matched it)"
            )
        text, encoding = decode(data)
        return Parsed(text=text, format=self.format, title=_first_line(text), encoding=encoding)


class MarkdownParser(TextParser):
    format = "markdown"
    extensions = {".md", ".markdown", ".mdown"}

    def score(self, sniff: Sniff) -> int:
        if sniff.extension in self.extensions or sniff.mime == "text/markdown":
            return 80
        return 0

    def parse(self, data: bytes, sniff: Sniff) -> Parsed:
        parsed = super().parse(data, sniff)
        heading = _MARKDOWN_HEADING.search(parsed.text)
        if heading:
            parsed.title = heading.group(1).strip()
        parsed.format = self.format
        return parsed


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:300]
    return ""
