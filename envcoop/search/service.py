"""Searching: parse, expand, ask the backend, and dress the results (titles in the reader's
language, snippets with the matched words highlighted in the original script, facets)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from envcoop.accounts.roles import User
from envcoop.accounts.scope import visible_document_ids
from envcoop.core.excerpts import excerpt_bounds
from envcoop.ingestion.models import Document, Passage
from envcoop.search.backends import Filters, backend
from envcoop.search.backends.base import COUNT_CAP, RECENT
from envcoop.search.expand import expand as expanded
from envcoop.search.index import RECORD_KINDS
from envcoop.search.models import AREA_BITS
from envcoop.search.query import Phrase, Query, parse
from envcoop.search.readers import reader_words
from envcoop.search.text import terms

SNIPPET_REACH = 110  # characters each side of the first match
FACET_SIZE = 12


@dataclass
class Result:
    kind: str
    id: str  # a record's key, a passage's document id and position ("12:3")
    title: str
    lang: str
    snippet: SafeString
    score: float
    matched: list[str]  # the words found, as the text writes them
    via: list[str]  # the expansions that found them ("haze")
    url: str


@dataclass
class Results:
    query: Query
    total: int
    results: list[Result]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    page: int = 1
    per_page: int = 20
    more: bool = False  # more than ``total`` match (counted up to COUNT_CAP)
    recent: int = 0  # ranked and faceted over this many most recent matches (0: over all)

    @property
    def pages(self) -> int:
        shown = min(self.total, self.recent) if self.recent else self.total
        return max(1, -(-shown // self.per_page))


def search(
    text: str,
    *,
    filters: Filters | None = None,
    expand: bool = True,
    page: int = 1,
    per_page: int = 20,
    facets: bool = True,
    reader: User | None = None,
) -> Results:
    """What ``reader`` may read that matches (None: the public; passages of the documents
    they may read, and every record). Raises QueryError (with a sentence) for a query that
    cannot be searched."""
    filters = replace(filters or Filters(), readers=reader_words(reader))
    query = parse(text)
    if expand:
        query = expanded(query)
    engine = backend()
    page = max(1, page)
    rows = engine.top(query, filters, limit=per_page, offset=(page - 1) * per_page)
    total = engine.count(query, filters, cap=COUNT_CAP) if rows or page > 1 else 0
    capped = total > COUNT_CAP
    total = min(total, COUNT_CAP)
    results = _dress(rows, query, reader)
    found = Results(
        query=query,
        total=total,
        results=results,
        page=page,
        per_page=per_page,
        more=capped,
        recent=RECENT if total > RECENT else 0,
    )
    if facets and total:
        found.facets = _facets(engine.facet_rows(query, filters))
    return found


def _facets(rows: list[tuple]) -> dict[str, list[tuple[str, int]]]:
    counts: dict[str, Counter] = {
        name: Counter() for name in ("kind", "lang", "year", "series", "area", "country")
    }
    for kind, lang, year, series, areas, countries, count in rows:
        counts["kind"][kind] += count
        if lang:
            counts["lang"][lang] += count
        if year:
            counts["year"][str(year)] += count
        if series:
            counts["series"][series] += count
        for code, bit in AREA_BITS.items():
            if areas & bit:
                counts["area"][code] += count
        for code in (countries or "").split():
            counts["country"][code] += count
    return {
        name: sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:FACET_SIZE]
        for name, counter in counts.items()
        if counter
    }


# ------------------------------------------------------------------ dressing


def _dress(rows: list[tuple], query: Query, reader: User | None) -> list[Result]:
    passages = {
        p.pk: p
        for p in Passage.objects.filter(pk__in=[r[2] for r in rows if r[1] == "passage"]).only(
            "pk", "document_id", "position", "start", "end", "lang"
        )
    }
    # (the index asked already; asked again, so that an entry not yet rewritten after a
    # document's visibility changed never shows its text)
    readable = visible_document_ids(reader, {p.document_id for p in passages.values()})
    documents = {
        d.pk: d
        for d in Document.objects.filter(pk__in=readable).only(
            "pk", "title", "filename", "source", "text", "lang"
        )
    }
    records: dict[tuple[str, int], object] = {}
    for kind, model in RECORD_KINDS.items():
        ids = [r[2] for r in rows if r[1] == kind]
        if ids:
            for record in model.objects.filter(pk__in=ids).prefetch_related("labels"):  # type: ignore[attr-defined]
                records[(kind, record.pk)] = record
    phrases = query.phrases()
    results = []
    for _entry, kind, object_id, _document, _lang, score in rows:
        if kind == "passage":
            passage = passages.get(object_id)
            shown = _passage_shown(passage, documents) if passage else None
        else:
            record = records.get((kind, object_id))
            shown = _record_shown(record) if record else None
        if shown is None:  # deleted since the index was read, or not the reader's
            continue
        ident, title, lang, url, text, text_lang = shown
        snippet, matched, via = _snippet(text, text_lang, phrases)
        results.append(
            Result(
                kind=kind,
                id=ident,
                title=title,
                lang=lang,
                snippet=snippet,
                score=float(score),
                matched=matched,
                via=via,
                url=url,
            )
        )
    return results


def _passage_shown(passage: Passage, documents: dict[int, Document]) -> tuple | None:
    """(id, title, language, address, text to quote, its language) of a passage (None: its
    document is not the reader's to read)."""
    document = documents.get(passage.document_id)
    if document is None:
        return None
    url = f"{document.get_absolute_url()}?at={passage.start}-{passage.end}#source"
    text = document.text[passage.start : passage.end]
    return f"{document.pk}:{passage.position}", str(document), passage.lang, url, text, passage.lang


def _record_shown(record: object) -> tuple:
    """The same for a record: its name in the reader's language; its names and description
    as the text to quote."""
    labels = list(record.labels.all())  # type: ignore[attr-defined]
    name = record.display_name  # type: ignore[attr-defined]
    text = " · ".join(dict.fromkeys(label.text for label in labels if label.kind != "description"))
    description = next((label.text for label in labels if label.kind == "description"), "")
    url = record.get_absolute_url() if hasattr(record, "get_absolute_url") else ""
    quoted = f"{text} — {description}" if description else text
    return record.key, str(name), name.lang, url, quoted, None  # type: ignore[attr-defined]


def _snippet(
    text: str, lang: str | None, phrases: list[Phrase]
) -> tuple[SafeString, list[str], list[str]]:
    """The text around the first match, matches marked; what matched; through what."""
    found = terms(text, lang)
    words = [term.text for term in found]
    spans: list[tuple[int, int]] = []
    matched: list[str] = []
    via: list[str] = []
    for phrase in phrases:
        size = len(phrase.terms)
        for index in range(len(words) - size + 1):
            if tuple(words[index : index + size]) == phrase.terms:
                start, end = found[index].start, found[index + size - 1].end
                spans.append((start, end))
                surface = text[start:end]
                if surface not in matched:
                    matched.append(surface)
                if phrase.via and phrase.via not in via:
                    via.append(phrase.via)
    spans = _merge(sorted(spans))
    if not spans:
        _left, right = excerpt_bounds(text, 0, 0, 2 * SNIPPET_REACH)
        return mark_safe(escape(text[:right])), matched, via
    left, right = excerpt_bounds(text, spans[0][0], spans[0][1], SNIPPET_REACH)
    right = max([right] + [end for start, end in spans if start < right])  # never cut a match
    pieces, cursor = [], left
    for start, end in spans:
        if start >= right:
            break
        pieces.append(escape(text[cursor:start]))
        pieces.append(f"<mark>{escape(text[start : min(end, right)])}</mark>")
        cursor = min(end, right)
    pieces.append(escape(text[cursor:right]))
    snippet = ("… " if left else "") + "".join(pieces) + (" …" if right < len(text) else "")
    return mark_safe(snippet.replace("\n", " ")), matched, via


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
