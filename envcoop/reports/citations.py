"""The sources an annual report cites: the documents each record's values were accepted
from (review evidence not set aside), else the record's own registry page; numbered in the
order the report first cites them.

A report is written for a reader: for the public (no reader) it cites only public
documents; for a signed-in reader, a document they may not read is cited as "a restricted
source", without its title, date or address."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils.translation import gettext as _

from envcoop.accounts.roles import User, access_of
from envcoop.accounts.scope import visible_document_ids
from envcoop.core.long_dates import format_long_date
from envcoop.core.partial_date import PartialDate
from envcoop.reports.annual_data import Citation
from envcoop.review.models import Evidence


class Citations:
    def __init__(
        self,
        lang: str,
        site: str,
        url: Callable[[Model], str],
        name: Callable[[Model], str],
        reader: User | None = None,
    ) -> None:
        """``url`` and ``name`` give a record's page and its name as the report shows them;
        ``reader`` is whom the report is for (None: the public)."""
        self.lang, self.site, self.url, self.name = lang, site, url, name
        self.reader = reader
        self.public = not access_of(reader).signed_in
        self.numbered: dict[tuple[str, object], Citation] = {}
        self.documents: dict[tuple[int, int], list] = {}  # (content type, pk) -> documents
        self.restricted: set[int] = set()  # documents cited without title, date or address

    def load(self, model: type[Model], pks: list[int]) -> None:
        """The documents every record's values came from, newest first, in one query."""
        kind = ContentType.objects.get_for_model(model)
        evidence = (
            Evidence.objects.filter(content_type=kind, object_id__in=pks, set_aside=False)
            .select_related("document")
            .only("object_id", "document__id", "document__title", "document__filename",
                  "document__source", "document__dateline", "document__publication_date",
                  "document__created_at")
            .order_by("-document__created_at", "document_id")
        )  # fmt: skip
        evidence = list(evidence)
        cited = {item.document_id for item in evidence}
        readable = visible_document_ids(self.reader, cited)
        self.restricted |= cited - readable
        for item in evidence:
            if self.public and item.document_id not in readable:
                continue  # the public's report cites only what the public may read
            documents = self.documents.setdefault((kind.pk, item.object_id), [])
            if item.document not in documents:
                documents.append(item.document)

    def documents_of(self, record: Model) -> list:
        return self.documents.get((ContentType.objects.get_for_model(record).pk, record.pk), [])

    def cite(self, record: Model) -> list[int]:
        """Numbers of the record's sources: its documents, else its own registry page."""
        numbers = [self.document(document) for document in self.documents_of(record)]
        return sorted(numbers) or [self.registry(record)]

    def document(self, document: Model) -> int:
        key = ("document", document.pk)
        if key not in self.numbered and document.pk in self.restricted:
            self._add(key, _("a restricted source"), "", "")
        if key not in self.numbered:
            if document.date:  # type: ignore[attr-defined]
                date = format_long_date(document.date, self.lang)  # type: ignore[attr-defined]
            else:  # the day it was added, said as such: not the day it was written
                added = PartialDate.parse(document.created_at.date())  # type: ignore[attr-defined]
                date = _("added %(date)s") % {"date": format_long_date(added, self.lang)}
            url = self.site + document.get_absolute_url()  # type: ignore[attr-defined]
            self._add(key, str(document), date, url)
        return self.numbered[key].number

    def registry(self, record: Model) -> int:
        url = self.url(record)
        key = ("record", url)
        if key not in self.numbered:
            title = _("envcoop registry: %(name)s") % {"name": self.name(record)}
            updated = PartialDate.parse(record.updated_at.date())  # type: ignore[attr-defined]
            date = _("updated %(date)s") % {"date": format_long_date(updated, self.lang)}
            self._add(key, title, date, url)
        return self.numbered[key].number

    def in_order(self) -> list[Citation]:
        return sorted(self.numbered.values(), key=lambda c: c.number)

    def _add(self, key: tuple[str, object], title: str, date: str, url: str) -> None:
        self.numbered[key] = Citation(len(self.numbered) + 1, title, date, url)
