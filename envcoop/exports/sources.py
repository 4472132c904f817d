"""The ``sources`` column of an export: the documents each record's values were accepted
from (review evidence not set aside), newest first, as "title <address>" joined with "; ".

An export is made for a reader, as a report is: for the public (no reader) it names only
public documents; for a signed-in reader, a document they may not read is "a restricted
source", without its title or address."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from django.utils.translation import gettext as _

from envcoop.accounts.roles import User, access_of
from envcoop.accounts.scope import visible_document_ids
from envcoop.review.models import Evidence


def attach_sources(records: list[Any], reader: User | None, site: str, lang: str) -> None:
    """Set each record's ``export_sources`` (the column's value), in two queries."""
    if not records:
        return
    kind = ContentType.objects.get_for_model(type(records[0]))
    evidence = list(
        Evidence.objects.filter(
            content_type=kind, object_id__in=[record.pk for record in records], set_aside=False
        )
        .select_related("document")
        .only("object_id", "document__id", "document__title", "document__filename",
              "document__source")
        .order_by("-document__created_at", "document_id")
    )  # fmt: skip
    readable = visible_document_ids(reader, {item.document_id for item in evidence})
    public = not access_of(reader).signed_in
    with translation.override(lang):
        restricted = _("a restricted source")
    cited: dict[int, list[str]] = {}
    seen: set[tuple[int, int]] = set()
    for item in evidence:
        if (item.object_id, item.document_id) in seen:
            continue
        seen.add((item.object_id, item.document_id))
        if item.document_id in readable:
            text = f"{item.document} <{site}{item.document.get_absolute_url()}>"
        elif public:
            continue  # the public's export names only what the public may read
        else:
            text = restricted
        cited.setdefault(item.object_id, []).append(text)
    for record in records:
        record.export_sources = "; ".join(cited.get(record.pk, []))


def sources_value(record: Any, lang: str) -> str:
    return getattr(record, "export_sources", "")
