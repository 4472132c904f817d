"""The understanding pipeline, without the database: bytes in, claims with source spans out.

    file bytes -> parser (text) -> normalised reading copy -> language -> segments
    -> extractors (dates, organisations, countries, agreements, frameworks, events and the
       meetings they mention, projects, areas, priorities)
    -> claims, each with its span in the parsed text

``envcoop extract`` prints this; ``envcoop ingest`` stores it (see ``pipeline``).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings

from envcoop.core.partial_date import PartialDate, PartialDateError
from envcoop.ingestion import confidence
from envcoop.ingestion.extractors import (
    agreements,
    areas,
    countries,
    dates,
    events,
    frameworks,
    organisations,
    priorities,
    projects,
)
from envcoop.ingestion.extractors.base import Claim, Context
from envcoop.ingestion.languages import detect, profile, understood
from envcoop.ingestion.languages.detect import has_ruled_script, script_language
from envcoop.ingestion.normalise import Reading
from envcoop.ingestion.parsers import DocumentError, Parsed, parse_bytes
from envcoop.ingestion.segment import BoundaryChecker, Segments, segment

logger = logging.getLogger(__name__)

# In the order they run: later extractors read the claims of earlier ones.
EXTRACTORS = (
    dates, organisations, countries, agreements, frameworks, events, projects, areas, priorities,
)  # fmt: skip
PIPELINE_VERSION = "1"


@dataclass
class Understanding:
    parsed: Parsed
    reading: Reading
    language: str
    understood: bool
    dateline: PartialDate | None
    segments: Segments
    passage_languages: list[str]
    claims: list[Claim] = field(default_factory=list)  # spans point into parsed.text
    # the evidence each claim's confidence was computed from (by id of the claim)
    signals: dict[int, dict[str, float]] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.parsed.text


@dataclass
class Record:
    """What storing a document needs, as plain values: cheap to send from a worker process
    (an Understanding with its offset maps costs more to unpickle than to store)."""

    format: str
    encoding: str
    title: str
    text: str
    language: str
    understood: bool
    dateline: PartialDate | None
    passages: list[tuple[int, int, str]]  # start and end in the text, language
    claims: list[tuple[str, int, int, str, dict, str, str, float]]
    # kind, start, end, quote, value, extractor, extractor version, confidence
    ocr_pages: list[dict] | None = None  # a scan's pages as OCR read them (Parsed.ocr_pages)

    @classmethod
    def of(cls, result: Understanding) -> Record:
        parsed = result.parsed
        return cls(
            format=parsed.format,
            encoding=parsed.encoding,
            title=parsed.title or "",
            text=parsed.text,
            language=result.language,
            understood=result.understood,
            dateline=result.dateline,
            passages=[
                (*result.reading.to_source(*span), lang)
                for span, lang in zip(
                    result.segments.passages, result.passage_languages, strict=True
                )
            ],
            claims=[
                (
                    c.kind,
                    c.span[0],
                    c.span[1],
                    c.text,
                    c.value,
                    c.extractor,
                    c.version,
                    c.confidence,
                )
                for c in result.claims
            ],
            ocr_pages=parsed.ocr_pages,
        )


def max_bytes() -> int:
    """The size limit of one document (ENVCOOP_MAX_DOCUMENT_MB)."""
    return int(getattr(settings, "ENVCOOP_MAX_DOCUMENT_MB", 20) * 1024 * 1024)


def check_size(size: int, limit: int | None = None) -> None:
    """Refuse a file over the limit before reading it."""
    limit = max_bytes() if limit is None else limit
    if size > limit:
        raise DocumentError(
            "too-large",
            f"the file is {size / 1048576:.2f} MB; the limit is {limit / 1048576:g} MB "
            "(ENVCOOP_MAX_DOCUMENT_MB, or --max-mb)",
        )


def understand_bytes(
    data: bytes,
    *,
    filename: str = "",
    mime: str = "",
    limit: int | None = None,
    published: PartialDate | None = None,
    ocr_lang: str | None = None,
) -> Understanding:
    """Read and understand one file. Raises DocumentError with a sentence for the user.
    ``published``: the publication date a person gave, the date the text is read against
    (before its dateline). ``ocr_lang``: the language a scan is read in by OCR (None: OCR
    finds it)."""
    check_size(len(data), limit)
    parsed = parse_bytes(data, filename=filename, mime=mime, ocr_lang=ocr_lang)
    return understand_parsed(parsed, published)


def read_record(
    data: bytes,
    *,
    filename: str = "",
    limit: int | None = None,
    published: PartialDate | None = None,
    ocr_lang: str | None = None,
) -> Record:
    """What storing the document needs. Raises DocumentError: for a bad document, and with
    status "internal" for a bug met while reading it (one document must not stop a batch or
    become a server error)."""
    try:
        understanding = understand_bytes(
            data, filename=filename, limit=limit, published=published, ocr_lang=ocr_lang
        )
        return Record.of(understanding)
    except DocumentError:
        raise
    except Exception as error:
        logger.exception("reading %s failed", filename or "a document")
        raise DocumentError(
            "internal", f"internal error while reading: {type(error).__name__}: {error}"
        ) from error


def understand_parsed(parsed: Parsed, given: PartialDate | None = None) -> Understanding:
    """``given``: a publication date a person gave, which the text is read against in
    place of the dateline read from it (the stored dateline is still the one read)."""
    reading = Reading.of(parsed.text)
    text = reading.text
    language = detect(text)
    segments = segment(text)
    passage_languages = [
        _passage_language(text[start:end], language) for start, end in segments.passages
    ]
    published = _published(parsed.published)
    result = Understanding(
        parsed=parsed,
        reading=reading,
        language=language,
        understood=understood(language),
        dateline=None,
        segments=segments,
        passage_languages=passage_languages,
    )
    if not result.understood:
        return result
    result.dateline, dateline_span = dates.locate_dateline(text, language, published)
    context = Context(
        text=text,
        language=language,
        profile=profile(language),
        segments=segments,
        boundaries=BoundaryChecker(text, language),
        dateline=given or result.dateline,
        dateline_span=dateline_span,
    )
    for extractor in EXTRACTORS:
        found = extractor.extract(context)
        for claim in found:  # (an extractor may find two kinds: events and mentions)
            context.found.setdefault(claim.kind, []).append(claim)
        result.claims.extend(found)
    result.signals = confidence.score(result.claims, context)
    for claim in result.claims:
        _to_source(claim, reading)
    return result


def _passage_language(text: str, document_language: str) -> str:
    if document_language in ("en", "id", "ms", "vi") and not has_ruled_script(text):
        return document_language  # Latin script in a Latin-script document
    by_script, _share = script_language(text)
    if by_script is not None:
        return by_script
    if document_language in ("en", "id", "ms", "vi") or len(text) < 40:
        return (
            document_language
            if by_script is None
            and document_language not in ("th", "lo", "km", "my", "zh", "ja", "ko")
            else detect(text)
        )
    return detect(text)


def _published(value: str) -> PartialDate | None:
    if not value:
        return None
    try:
        return PartialDate.parse(dt.date.fromisoformat(value[:10]))
    except (ValueError, PartialDateError):
        return None


def _to_source(claim: Claim, reading: Reading) -> None:
    """Move a claim's spans from the reading copy to the parsed text a reader sees."""
    if claim.span != (0, 0) or claim.kind != "area":
        claim.span = reading.to_source(*claim.span)
        claim.text = reading.source[claim.span[0] : claim.span[1]]
    name_span = claim.value.get("name_span")
    if name_span:
        # (a name put together from its pieces, "Công ước" + "Basel", keeps its words)
        as_read = reading.text[name_span[0] : name_span[1]] == claim.value.get("name")
        start, end = reading.to_source(*name_span)
        claim.value["name_span"] = [start, end]
        if as_read:
            claim.value["name"] = reading.source[start:end]


__all__ = ["DocumentError", "Understanding", "understand_bytes", "understand_parsed"]
