"""What a person changes about a stored document: who may read it, and where it comes from
(its provenance). The callers have asked the rules (``change_visibility``,
``change_document``); each change is one transaction, the search index's included."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from envcoop.accounts.activity import log
from envcoop.accounts.models import Action
from envcoop.core.partial_date import PartialDate
from envcoop.ingestion.models import Document, Visibility
from envcoop.ingestion.signals import document_filed
from envcoop.registry.models import Country, Organisation


@transaction.atomic
def document_refile(
    document: Document,
    *,
    visibility: str,
    country: Country | None,
    shared_with: Iterable[Organisation] = (),
) -> None:
    """Who may read ``document``: everyone, members (and the partners it is shared with),
    or ``country``'s members; ``country`` is also whose document it is."""
    if visibility not in Visibility.values:
        raise ValueError(f"no visibility {visibility!r}")
    if visibility == Visibility.COUNTRY and country is None:
        raise ValueError("a country's document needs its country")
    before = (document.visibility, document.country_id)
    document.visibility = visibility
    document.country = country
    document.save(update_fields=["visibility", "country"])
    document.shared_with.set(list(shared_with))
    document_filed.send(sender=Document, document=document)
    if before != (visibility, document.country_id):
        # The user is the one of the request or command around it (core.recording).
        detail = f"{before[0]} → {visibility}" + (f" ({country.code})" if country else "")
        log(None, Action.VISIBILITY, obj=document, country=country, detail=detail)


@transaction.atomic
def document_describe(
    document: Document,
    *,
    title: str,
    source_url: str,
    publisher: str,
    publication_date: PartialDate | None,
) -> list[str]:
    """Correct the title and give the provenance; returns the names of the fields changed."""
    values = {
        "title": title.strip()[:500],
        "source_url": source_url.strip(),
        "publisher": publisher.strip()[:300],
        "publication_date": publication_date,
    }
    changed = [name for name, value in values.items() if getattr(document, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(document, name, values[name])
    document.save(update_fields=changed)
    if "publication_date" in changed:  # the date the search filters by
        document_filed.send(sender=Document, document=document)
    return changed
