"""Finding a record of a kind by what a reviewer types: any of its names, aliases or
acronyms in any language (the ``Label`` rows), or its key, compared folded (case, accents
and đ aside; ``envcoop.core.folding.fold``).

Any labelled model can be looked up (the record forms' pickers find countries, series,
funds, framework components and areas too): its "key" is what a form sends for it
(``picker_key``: a record's key, a country's or an area's code, a framework component's
"<framework key>:<number>").

A name matches when it is the text typed, starts with it, has words starting with each of
its words ("cooperation week" finds "ASEAN-China Environmental Cooperation Week"), or, for
scripts written without spaces (Thai, Khmer, Chinese ...), holds it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models

from envcoop.core.folding import fold
from envcoop.registry.models import Component, Country, Label, LabelKind
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
            "key": picker_key(record),
            "name": picker_name(record),
            "matched": self.matched,
            "lang": self.lang,
            "url": record.get_absolute_url() if hasattr(record, "get_absolute_url") else "",
        }


def picker_key(record: models.Model) -> str:
    """What a form sends for ``record``: its key, a country's or an area's code, a framework
    component's "<framework key>:<number>"."""
    if isinstance(record, Component):
        return f"{record.framework.key}:{record.number}"
    return getattr(record, "key", None) or record.code  # type: ignore[attr-defined]


def picker_name(record: models.Model) -> str:
    """The record's name in the reader's language (a component's with its framework's)."""
    if isinstance(record, Component):
        return f"{record.framework.display_name} · {record.number}. {record.display_name}"
    return str(record.display_name)  # type: ignore[attr-defined]


def _key_field(model: type[models.Model]) -> str:
    return "key" if any(field.name == "key" for field in model._meta.fields) else "code"


def _keys(model: type[models.Model]) -> list[tuple[int, str]]:
    """(id, key) of every record of ``model``, the key as ``picker_key`` writes it."""
    if model is Component:
        rows = Component.objects.values_list("pk", "framework__key", "number")
        return [(pk, f"{framework}:{number}") for pk, framework, number in rows]
    return list(model._default_manager.values_list("pk", _key_field(model)))  # type: ignore[attr-defined]


def record_by_key(model: type[models.Model], key: str) -> models.Model | None:
    """The record of ``model`` that ``picker_key`` calls ``key``, if any."""
    if "\x00" in key:  # no key holds one, and PostgreSQL refuses it in a query
        return None
    if model is Component:
        framework, _colon, number = key.rpartition(":")
        if not framework or not number.isascii() or not number.isdigit():
            return None
        return Component.objects.filter(framework__key=framework, number=int(number)).first()
    if model is Country:
        key = key.upper()
    return model._default_manager.filter(**{_key_field(model): key}).first()  # type: ignore[attr-defined]


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
    return named_records(model, text, limit=limit) if model is not None else []


def named_records(model: type[models.Model], text: str, *, limit: int = 10) -> list[Found]:
    """The records of ``model`` one may mean by ``text``, best first (``records_named``)."""
    query = fold((text or "")[:MAX_QUERY])
    if not query:
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
    for pk, key in _keys(model):
        rank = _rank(fold(key.replace("-", " ").replace(":", " ")), query, query_words)
        if key == text.strip():
            rank = 0
        if rank is not None and (pk not in best or rank < best[pk][0]):
            best[pk] = (rank, key, "und")
    chosen = sorted(best.items(), key=lambda item: (item[1][0], fold(item[1][1])))[:limit]
    records = model._default_manager.prefetch_related("labels").in_bulk(  # type: ignore[attr-defined]
        [pk for pk, _found in chosen]
    )
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
    return named_record(model, text) if model is not None else None


def named_record(model: type[models.Model], text: str) -> models.Model | None:
    """The record of ``model`` with ``text`` as its key, else as its one whole name
    (``record_named``)."""
    text = (text or "").strip()
    if not text or len(text) > MAX_QUERY:
        return None
    by_key = record_by_key(model, text)
    if by_key is not None:
        return by_key
    exact = [found.record for found in named_records(model, text, limit=50) if found.rank == 0]
    if len(exact) > 1:
        raise Ambiguous(text)
    return exact[0] if exact else None
