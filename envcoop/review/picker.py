"""Finding a record of a kind by what a reviewer types: any of its names, aliases or
acronyms in any language (the ``Label`` rows), or its key, compared folded (case, accents
and đ aside; ``envcoop.core.folding.fold``).

A name matches when it is the text typed, starts with it, has words starting with each of
its words ("cooperation week" finds "ASEAN-China Environmental Cooperation Week"), or, for
scripts written without spaces (Thai, Khmer, Chinese ...), holds it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models

from envcoop.core.folding import fold
from envcoop.registry.models import Label, LabelKind
from envcoop.review.resolution.candidates import MODELS

MAX_QUERY = 200  # characters of a query; longer text is no name anyone types


@dataclass(frozen=True)
class Found:
    record: models.Model
    matched: str  # the name, alias, acronym or key that matched
    lang: str  # its language ("und" for an acronym or a key)
    rank: int  # 0 the whole name or key, 1 its start, 2 its words' starts, 3 inside it

    def as_json(self) -> dict[str, str]:
        record = self.record
        return {
            "key": record.key,  # type: ignore[attr-defined]
            "name": str(record.display_name),  # type: ignore[attr-defined]
            "matched": self.matched,
            "lang": self.lang,
            "url": record.get_absolute_url(),  # type: ignore[attr-defined]
        }


def _rank(folded: str, query: str, query_words: list[str]) -> int | None:
    if folded == query:
        return 0
    if folded.startswith(query):
        return 1
    name_words = folded.split()
    if all(any(word.startswith(part) for word in name_words) for part in query_words):
        return 2
    if len(query) >= 2 and query in folded:
        return 3
    return None


def records_named(kind: str, text: str, *, limit: int = 10) -> list[Found]:
    """The records of ``kind`` (event, agreement, project, organisation) a reviewer may mean
    by ``text``, best first: the best-matching name of each, at most ``limit`` records."""
    model = MODELS.get(kind)
    query = fold((text or "")[:MAX_QUERY])
    if model is None or not query:
        return []
    query_words = query.split()
    best: dict[int, tuple[int, str, str]] = {}  # record id -> (rank, text, lang)
    labels = Label.objects.filter(content_type=ContentType.objects.get_for_model(model)).exclude(
        kind=LabelKind.DESCRIPTION
    )
    for object_id, label_text, lang in labels.values_list("object_id", "text", "lang"):
        rank = _rank(fold(label_text), query, query_words)
        if rank is not None and (object_id not in best or rank < best[object_id][0]):
            best[object_id] = (rank, label_text, lang)
    for pk, key in model.objects.values_list("pk", "key"):  # type: ignore[attr-defined]
        rank = _rank(fold(key.replace("-", " ")), query, query_words)
        if key == text.strip():
            rank = 0
        if rank is not None and (pk not in best or rank < best[pk][0]):
            best[pk] = (rank, key, "und")
    chosen = sorted(best.items(), key=lambda item: (item[1][0], fold(item[1][1])))[:limit]
    records = model.objects.prefetch_related("labels").in_bulk([pk for pk, _found in chosen])  # type: ignore[attr-defined]
    return [
        Found(records[pk], matched, lang, rank)
        for pk, (rank, matched, lang) in chosen
        if pk in records
    ]


class Ambiguous(LookupError):
    """Several records answer to the text."""


def record_named(kind: str, text: str) -> models.Model | None:
    """The record of ``kind`` whose key is ``text``, else the one record with ``text`` as
    a whole name, alias or acronym (folded); None when none is; Ambiguous when several are."""
    model = MODELS.get(kind)
    text = (text or "").strip()
    if model is None or not text or len(text) > MAX_QUERY:
        return None
    by_key = model.objects.filter(key=text).first()  # type: ignore[attr-defined]
    if by_key is not None:
        return by_key
    exact = [found.record for found in records_named(kind, text, limit=50) if found.rank == 0]
    if len(exact) > 1:
        raise Ambiguous(text)
    return exact[0] if exact else None
